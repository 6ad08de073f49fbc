//! Dynamic values bound to statements, and the traits that connect Rust
//! field types to them.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Serialize, de::DeserializeOwned};
use uuid::Uuid;

use crate::backend::RowRef;
use crate::clock::truncate_to_micros;
use crate::column_type::{ColumnType, Literal};
use crate::error::{Error, Result};

/// A value on its way to the database.
///
/// Builders convert typed Rust values into `Value`s; each backend binds them
/// natively. `Null` keeps its column type because PostgreSQL types every
/// parameter.
#[derive(Clone, PartialEq)]
pub enum Value {
    /// SQL NULL of the given column type.
    Null(ColumnType),
    /// A boolean.
    Bool(bool),
    /// A 16-bit integer.
    I16(i16),
    /// A 32-bit integer.
    I32(i32),
    /// A 64-bit integer.
    I64(i64),
    /// A 32-bit float.
    F32(f32),
    /// A 64-bit float.
    F64(f64),
    /// Text.
    Text(String),
    /// Bytes.
    Bytes(Vec<u8>),
    /// A UUID.
    Uuid(Uuid),
    /// A UTC timestamp.
    Timestamp(DateTime<Utc>),
    /// A calendar date.
    Date(NaiveDate),
    /// A JSON document.
    Json(serde_json::Value),
    /// A value that could not be encoded (e.g. a `Json<T>` whose `Serialize` failed);
    /// binding it fails with [`Error::Encode`].
    Invalid(String),
    /// A list bound as one array parameter (PostgreSQL `= ANY($1)`).
    #[doc(hidden)]
    Array(ColumnType, Vec<Value>),
}

impl Value {
    /// The column type this value binds as.
    pub fn column_type(&self) -> ColumnType {
        match self {
            Value::Null(t) => *t,
            Value::Bool(_) => ColumnType::Bool,
            Value::I16(_) => ColumnType::I16,
            Value::I32(_) => ColumnType::I32,
            Value::I64(_) => ColumnType::I64,
            Value::F32(_) => ColumnType::F32,
            Value::F64(_) => ColumnType::F64,
            Value::Text(_) | Value::Invalid(_) => ColumnType::Text,
            Value::Bytes(_) => ColumnType::Bytes,
            Value::Uuid(_) => ColumnType::Uuid,
            Value::Timestamp(_) => ColumnType::Timestamp,
            Value::Date(_) => ColumnType::Date,
            Value::Json(_) => ColumnType::Json,
            Value::Array(t, _) => *t,
        }
    }

    /// The value as every backend stores it: timestamps truncated to whole
    /// microseconds (toward the past), which is what PostgreSQL and MySQL
    /// keep, and `-0.0` as `0.0`, which is what SQLite and MySQL keep. Bound
    /// values are normalised, so a value read back equals the value written
    /// after this normalisation, on every backend.
    pub fn normalized(self) -> Value {
        match self {
            Value::Timestamp(t) => Value::Timestamp(truncate_to_micros(t)),
            // Adding +0.0 turns -0.0 into 0.0 and leaves every other value
            // (NaN, infinities) as it was.
            Value::F32(v) => Value::F32(v + 0.0),
            Value::F64(v) => Value::F64(v + 0.0),
            Value::Json(mut doc) => {
                normalize_json_numbers(&mut doc);
                Value::Json(doc)
            }
            // Collected in place: no new allocation.
            Value::Array(ty, items) => {
                Value::Array(ty, items.into_iter().map(Value::normalized).collect())
            }
            other => other,
        }
    }

    /// Whether this is SQL NULL.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null(_))
    }

    /// Decodes column `index` of a row as a value of type `ty` (NULL allowed).
    pub fn decode(row: RowRef<'_>, index: usize, ty: ColumnType) -> Result<Value> {
        fn get<T: ScalarValue>(row: RowRef<'_>, index: usize, ty: ColumnType) -> Result<Value> {
            Ok(T::decode_optional(row, index)?.map_or(Value::Null(ty), ScalarValue::into_value))
        }
        match ty {
            ColumnType::Bool => get::<bool>(row, index, ty),
            ColumnType::I16 => get::<i16>(row, index, ty),
            ColumnType::I32 => get::<i32>(row, index, ty),
            ColumnType::I64 => get::<i64>(row, index, ty),
            ColumnType::F32 => get::<f32>(row, index, ty),
            ColumnType::F64 => get::<f64>(row, index, ty),
            ColumnType::Text => get::<String>(row, index, ty),
            ColumnType::Bytes => get::<Vec<u8>>(row, index, ty),
            ColumnType::Uuid => get::<Uuid>(row, index, ty),
            ColumnType::Timestamp => get::<DateTime<Utc>>(row, index, ty),
            ColumnType::Date => get::<NaiveDate>(row, index, ty),
            ColumnType::Json => get::<serde_json::Value>(row, index, ty),
        }
    }

    /// A hashable form of a key value (keys are integers, UUIDs, strings or bytes).
    pub(crate) fn key_repr(&self) -> Option<KeyRepr> {
        Some(match self {
            Value::I16(v) => KeyRepr::Int(i64::from(*v)),
            Value::I32(v) => KeyRepr::Int(i64::from(*v)),
            Value::I64(v) => KeyRepr::Int(*v),
            Value::Text(v) => KeyRepr::Text(v.clone()),
            Value::Uuid(v) => KeyRepr::Uuid(*v),
            Value::Bytes(v) => KeyRepr::Bytes(v.clone()),
            Value::Bool(v) => KeyRepr::Int(i64::from(*v)),
            Value::Date(v) => KeyRepr::Text(v.to_string()),
            Value::Timestamp(v) => KeyRepr::Text(v.to_rfc3339()),
            _ => return None,
        })
    }

    /// Converts a literal default into a value of the column's type.
    pub(crate) fn from_literal(lit: Literal, ty: ColumnType) -> Value {
        match (lit, ty) {
            (Literal::Bool(b), _) => Value::Bool(b),
            (Literal::Int(i), ColumnType::I16) => Value::I16(i as i16),
            (Literal::Int(i), ColumnType::I32) => Value::I32(i as i32),
            (Literal::Int(i), ColumnType::F32) => Value::F32(i as f32),
            (Literal::Int(i), ColumnType::F64) => Value::F64(i as f64),
            (Literal::Int(i), _) => Value::I64(i),
            (Literal::Float(f), ColumnType::F32) => Value::F32(f as f32),
            (Literal::Float(f), _) => Value::F64(f),
            (Literal::Str(s), _) => Value::Text(s.to_owned()),
        }
    }
}

/// A key value in hashable form, for matching loaded neighbours to parents.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum KeyRepr {
    Int(i64),
    Text(String),
    Uuid(Uuid),
    Bytes(Vec<u8>),
}

/// Values print without their content when it may be large or secret;
/// entkit never logs bound values, but users may print a `Value`.
impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null(t) => write!(f, "NULL::{t:?}"),
            Value::Bool(v) => write!(f, "{v}"),
            Value::I16(v) => write!(f, "{v}i16"),
            Value::I32(v) => write!(f, "{v}i32"),
            Value::I64(v) => write!(f, "{v}i64"),
            Value::F32(v) => write!(f, "{v}f32"),
            Value::F64(v) => write!(f, "{v}f64"),
            Value::Text(v) => write!(f, "{v:?}"),
            Value::Bytes(v) => write!(f, "<{} bytes>", v.len()),
            Value::Uuid(v) => write!(f, "{v}"),
            Value::Timestamp(v) => write!(f, "{v}"),
            Value::Date(v) => write!(f, "{v}"),
            Value::Json(v) => write!(f, "{v}"),
            Value::Invalid(e) => write!(f, "<invalid: {e}>"),
            Value::Array(_, items) => f.debug_list().entries(items).finish(),
        }
    }
}

/// A non-nullable Rust type that can be stored in a column.
///
/// Implemented for `bool`, `i16`, `i32`, `i64`, `f32`, `f64`, `String`,
/// `Vec<u8>`, `uuid::Uuid`, `chrono::DateTime<Utc>`, `chrono::NaiveDate`,
/// `serde_json::Value` and [`Json<T>`]. `Option<T>` of any of them is a
/// nullable column (see [`ColumnValue`]).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a supported entkit column type",
    label = "unsupported column type",
    note = "supported: bool, i16, i32, i64, f32, f64, String, Vec<u8>, uuid::Uuid, chrono::DateTime<Utc>, chrono::NaiveDate, serde_json::Value, entkit::Json<T>, and Option<T> of each",
    note = "store other serde types as `entkit::Json<T>`, and fieldless enums with `#[derive(entkit::Enum)]`"
)]
pub trait ScalarValue: Sized + Send + Sync + 'static {
    /// The column type.
    const TYPE: ColumnType;
    /// For enum columns, the stored names of the variants (a CHECK constraint).
    const ENUM_VALUES: Option<&'static [&'static str]> = None;
    /// Converts into a bindable value.
    fn into_value(self) -> Value;
    /// Decodes a non-null value from column `index` of a row.
    fn decode(row: RowRef<'_>, index: usize) -> Result<Self>;
    /// Decodes a possibly-null value from column `index` of a row.
    fn decode_optional(row: RowRef<'_>, index: usize) -> Result<Option<Self>>;
}

/// A Rust type a field may have: a [`ScalarValue`] or `Option` of one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a supported entkit column type",
    label = "unsupported column type",
    note = "supported: bool, i16, i32, i64, f32, f64, String, Vec<u8>, uuid::Uuid, chrono::DateTime<Utc>, chrono::NaiveDate, serde_json::Value, entkit::Json<T>, and Option<T> of each",
    note = "store other serde types as `entkit::Json<T>`, and fieldless enums with `#[derive(entkit::Enum)]`"
)]
pub trait ColumnValue: Sized + Send + Sync + 'static {
    /// The non-null type: `T` for `T` and for `Option<T>`.
    type Scalar: ScalarValue;
    /// The column type.
    const TYPE: ColumnType;
    /// For enum columns, the stored names of the variants.
    const ENUM_VALUES: Option<&'static [&'static str]>;
    /// Whether the column is nullable.
    const NULLABLE: bool;
    /// Converts into a bindable value.
    fn into_value(self) -> Value;
    /// Decodes from column `index` of a row.
    fn decode(row: RowRef<'_>, index: usize) -> Result<Self>;
}

impl<T: ScalarValue> ColumnValue for T {
    type Scalar = T;
    const TYPE: ColumnType = T::TYPE;
    const ENUM_VALUES: Option<&'static [&'static str]> = T::ENUM_VALUES;
    const NULLABLE: bool = false;
    fn into_value(self) -> Value {
        ScalarValue::into_value(self)
    }
    fn decode(row: RowRef<'_>, index: usize) -> Result<Self> {
        <T as ScalarValue>::decode(row, index)
    }
}

impl<T: ScalarValue> ColumnValue for Option<T> {
    type Scalar = T;
    const TYPE: ColumnType = T::TYPE;
    const ENUM_VALUES: Option<&'static [&'static str]> = T::ENUM_VALUES;
    const NULLABLE: bool = true;
    fn into_value(self) -> Value {
        match self {
            Some(v) => v.into_value(),
            None => Value::Null(T::TYPE),
        }
    }
    fn decode(row: RowRef<'_>, index: usize) -> Result<Self> {
        T::decode_optional(row, index)
    }
}

/// A value that may be compared with, or assigned to, a column of type `T`.
///
/// `T` itself always qualifies; `&str` qualifies for `String` columns; a
/// plain `T` qualifies for an `Option<T>` column. Anything else (an integer
/// for a `String` column, say) does not compile.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be used as a value of a `{T}` column",
    label = "expected a value of the column's type `{T}`"
)]
pub trait Operand<T> {
    /// Converts into a bindable value.
    fn into_operand(self) -> Value;
}

impl<T: ColumnValue> Operand<T> for T {
    fn into_operand(self) -> Value {
        self.into_value()
    }
}
impl<T: ScalarValue> Operand<Option<T>> for T {
    fn into_operand(self) -> Value {
        self.into_value()
    }
}
impl Operand<String> for &str {
    fn into_operand(self) -> Value {
        Value::Text(self.to_owned())
    }
}
impl Operand<Option<String>> for &str {
    fn into_operand(self) -> Value {
        Value::Text(self.to_owned())
    }
}
impl Operand<String> for &String {
    fn into_operand(self) -> Value {
        Value::Text(self.clone())
    }
}
impl Operand<Option<String>> for &String {
    fn into_operand(self) -> Value {
        Value::Text(self.clone())
    }
}
impl Operand<Vec<u8>> for &[u8] {
    fn into_operand(self) -> Value {
        Value::Bytes(self.to_vec())
    }
}

/// A column value stored as JSON and (de)serialized with serde.
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Settings { theme: String }
/// // a field `settings: entkit::Json<Settings>` is a JSON column
/// let s = entkit::Json(Settings { theme: "dark".into() });
/// assert_eq!(s.theme, "dark");
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Json<T>(pub T);

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
impl<T> std::ops::DerefMut for Json<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}
impl<T: fmt::Debug> fmt::Debug for Json<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
impl<T: Serialize> Serialize for Json<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Json<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        T::deserialize(d).map(Json)
    }
}

impl<T: Serialize + DeserializeOwned + Send + Sync + 'static> ScalarValue for Json<T> {
    const TYPE: ColumnType = ColumnType::Json;
    fn into_value(self) -> Value {
        match serde_json::to_value(&self.0) {
            Ok(v) => Value::Json(v).normalized(),
            Err(e) => Value::Invalid(e.to_string()),
        }
    }
    fn decode(row: RowRef<'_>, index: usize) -> Result<Self> {
        let raw = <serde_json::Value as ScalarValue>::decode(row, index)?;
        serde_json::from_value(raw)
            .map(Json)
            .map_err(|e| Error::decode(row.column_name(index), e))
    }
    fn decode_optional(row: RowRef<'_>, index: usize) -> Result<Option<Self>> {
        match <serde_json::Value as ScalarValue>::decode_optional(row, index)? {
            None => Ok(None),
            Some(raw) => serde_json::from_value(raw)
                .map(|v| Some(Json(v)))
                .map_err(|e| Error::decode(row.column_name(index), e)),
        }
    }
}

/// Reads a typed value back out of a [`Value`] (custom validators use it).
pub trait FromValue: Sized {
    /// The value, if it holds this type.
    fn from_value(value: &Value) -> Option<Self>;
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Null(_) => Some(None),
            other => T::from_value(other).map(Some),
        }
    }
}

/// Implements [`ScalarValue`] for a type each backend decodes natively.
macro_rules! native_scalar {
    ($($ty:ty => $col:ident / $variant:ident),* $(,)?) => {$(
        impl ScalarValue for $ty {
            const TYPE: ColumnType = ColumnType::$col;
            fn into_value(self) -> Value {
                // Normalised here too (not only when bound), so hooks and
                // validators see the value that will be stored.
                Value::$variant(self).normalized()
            }
            fn decode(row: RowRef<'_>, index: usize) -> Result<Self> {
                row.try_get::<$ty>(index)
            }
            fn decode_optional(row: RowRef<'_>, index: usize) -> Result<Option<Self>> {
                row.try_get::<Option<$ty>>(index)
            }
        }

        impl FromValue for $ty {
            fn from_value(value: &Value) -> Option<Self> {
                match value {
                    Value::$variant(v) => Some(v.clone()),
                    _ => None,
                }
            }
        }
    )*};
}

native_scalar! {
    bool => Bool / Bool,
    i16 => I16 / I16,
    i32 => I32 / I32,
    i64 => I64 / I64,
    f32 => F32 / F32,
    f64 => F64 / F64,
    String => Text / Text,
    Vec<u8> => Bytes / Bytes,
    Uuid => Uuid / Uuid,
    DateTime<Utc> => Timestamp / Timestamp,
    NaiveDate => Date / Date,
}

impl FromValue for serde_json::Value {
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Json(v) => Some(v.clone()),
            _ => None,
        }
    }
}

impl<T: DeserializeOwned> FromValue for Json<T> {
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Json(v) => serde_json::from_value(v.clone()).ok().map(Json),
            _ => None,
        }
    }
}

impl ScalarValue for serde_json::Value {
    const TYPE: ColumnType = ColumnType::Json;
    fn into_value(self) -> Value {
        Value::Json(self).normalized()
    }
    fn decode(row: RowRef<'_>, index: usize) -> Result<Self> {
        row.try_get::<sqlx::types::Json<serde_json::Value>>(index)
            .map(|j| j.0)
    }
    fn decode_optional(row: RowRef<'_>, index: usize) -> Result<Option<Self>> {
        row.try_get::<Option<sqlx::types::Json<serde_json::Value>>>(index)
            .map(|j| j.map(|j| j.0))
    }
}

/// Rewrites, in place, the JSON floats that PostgreSQL's `jsonb` would
/// read back as integers: serde_json writes an integral float of
/// magnitude 1e16 or more in exponent form (`1e16`), `jsonb` stores it as
/// a decimal and prints it in full, and serde_json then reads an integer.
/// Storing such a number as the integer it equals (when one fits in `i64`
/// or `u64`) gives the same document back on every backend.
fn normalize_json_numbers(doc: &mut serde_json::Value) {
    match doc {
        serde_json::Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64())
                && f.fract() == 0.0
                && f.abs() >= 1e16
            {
                // 2^64 and -2^63 are exact in f64; the casts are exact below them.
                if (0.0..18_446_744_073_709_551_616.0).contains(&f) {
                    *n = serde_json::Number::from(f as u64);
                } else if (-9_223_372_036_854_775_808.0..0.0).contains(&f) {
                    *n = serde_json::Number::from(f as i64);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(normalize_json_numbers),
        serde_json::Value::Object(map) => map.values_mut().for_each(normalize_json_numbers),
        _ => {}
    }
}

/// The current time, truncated to microseconds: the precision all three
/// backends store, so a value read back equals the value written.
///
/// Use it as a field default: `#[entity(default = entkit::now, update_default = entkit::now)]`.
/// While entkit fills the defaults of one write (a create, a bulk insert,
/// an update, an upsert), every call returns the same instant, so
/// `created_at == updated_at` on a new row, and every row of a bulk insert
/// shares one timestamp.
pub fn now() -> DateTime<Utc> {
    crate::clock::statement_now().unwrap_or_else(|| truncate_to_micros(Utc::now()))
}

/// A new time-ordered UUID (version 7), which keeps B-tree indexes compact.
pub fn new_uuid() -> Uuid {
    Uuid::now_v7()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_is_what_every_backend_stores() {
        let t = DateTime::from_timestamp(-1, 999_999_999).unwrap();
        let want = DateTime::from_timestamp(-1, 999_999_000).unwrap();
        assert_eq!(Value::Timestamp(t).normalized(), Value::Timestamp(want));
        let Value::F64(z) = Value::F64(-0.0).normalized() else {
            unreachable!()
        };
        assert_eq!(z.to_bits(), 0);
        let Value::F32(n) = Value::F32(f32::NAN).normalized() else {
            unreachable!()
        };
        assert!(n.is_nan());
        let doc = serde_json::json!([1e16, -1e16, 1e15, 2e19, 0.5, {"k": 3e17}]);
        let want_doc = serde_json::json!([
            10_000_000_000_000_000u64,
            -10_000_000_000_000_000i64,
            1e15,
            2e19,
            0.5,
            {"k": 300_000_000_000_000_000u64}
        ]);
        assert_eq!(Value::Json(doc).normalized(), Value::Json(want_doc));
        let array = Value::Array(ColumnType::Timestamp, vec![Value::Timestamp(t)]);
        assert_eq!(
            array.normalized(),
            Value::Array(ColumnType::Timestamp, vec![Value::Timestamp(want)])
        );
    }
}
