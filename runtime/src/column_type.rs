//! The storage type of a column and the literals a default may be: plain
//! data that schema metadata and values both name.

/// The storage type of a column, independent of the backend.
///
/// Each backend maps it to its natural native type (see
/// [`Backend::column_type`](crate::Backend::column_type)). Non-exhaustive:
/// column types may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ColumnType {
    /// `bool`
    Bool,
    /// `i16`
    I16,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// `String`
    Text,
    /// `Vec<u8>`
    Bytes,
    /// `uuid::Uuid`
    Uuid,
    /// `chrono::DateTime<Utc>`
    Timestamp,
    /// `chrono::NaiveDate`
    Date,
    /// `serde_json::Value` or [`Json<T>`](crate::Json)
    Json,
}

impl ColumnType {
    /// Whether the type is an integer type (candidates for auto-increment keys).
    pub const fn is_integer(self) -> bool {
        matches!(self, ColumnType::I16 | ColumnType::I32 | ColumnType::I64)
    }
}

/// A literal default written in `#[entity(default = ...)]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Literal {
    /// `true` / `false`
    Bool(bool),
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string literal.
    Str(&'static str),
}
