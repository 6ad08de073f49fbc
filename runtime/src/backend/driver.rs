//! What entkit needs from each sqlx database: binding [`Value`]s, wrapping
//! rows, and turning driver errors into typed [`Error`]s.

use sqlx::error::ErrorKind;

use super::row::RowRef;
use crate::error::{ConstraintKind, ConstraintViolation, Error};
use crate::schema::EntityDef;
use crate::value::Value;

/// What entkit needs from each sqlx database.
pub(crate) trait Driver: sqlx::Database + sqlx::database::HasStatementCache {
    /// Appends one value to the argument list.
    fn bind(args: &mut Self::Arguments, value: Value) -> Result<(), sqlx::error::BoxDynError>;
    /// Borrows a row as the backend-agnostic [`RowRef`].
    fn row_ref(row: &Self::Row) -> RowRef<'_>;
    /// Rows changed by a statement.
    fn rows_affected(result: &Self::QueryResult) -> u64;
    /// The key the database assigned to the last inserted row, where it tells.
    fn last_insert_id(result: &Self::QueryResult) -> Option<i64>;
    /// Constraint violations the driver leaves unclassified.
    fn unclassified_kind(_err: &dyn sqlx::error::DatabaseError) -> Option<ConstraintKind> {
        None
    }
    /// Backend-specific details of a constraint violation: (constraint, table, column).
    fn constraint_details(
        err: &dyn sqlx::error::DatabaseError,
        kind: ConstraintKind,
        entity: Option<&EntityDef>,
    ) -> (Option<String>, Option<String>, Option<String>);
}

/// Converts a driver error into an entkit error.
pub(crate) fn map_error<DB: Driver>(err: sqlx::Error, entity: Option<&EntityDef>) -> Error {
    match err {
        sqlx::Error::PoolTimedOut => Error::PoolTimeout,
        sqlx::Error::PoolClosed => Error::PoolClosed,
        sqlx::Error::Database(db) if is_permission_denied(db.as_ref()) => Error::PermissionDenied {
            message: db.message().to_owned(),
        },
        sqlx::Error::Database(db) => {
            let kind = match db.kind() {
                ErrorKind::UniqueViolation => ConstraintKind::Unique,
                ErrorKind::ForeignKeyViolation => ConstraintKind::ForeignKey,
                ErrorKind::NotNullViolation => ConstraintKind::NotNull,
                ErrorKind::CheckViolation => ConstraintKind::Check,
                _ => match DB::unclassified_kind(db.as_ref()) {
                    Some(kind) => kind,
                    None => return Error::Database(sqlx::Error::Database(db)),
                },
            };
            let (constraint, table, column) = DB::constraint_details(db.as_ref(), kind, entity);
            Error::Constraint(ConstraintViolation {
                kind,
                constraint,
                table: table.or_else(|| entity.map(|e| e.table.to_owned())),
                column,
                message: db.message().to_owned(),
            })
        }
        other => Error::Database(other),
    }
}

/// Whether the database refused a statement for lack of a privilege:
/// SQLSTATE 42501 (PostgreSQL's `insufficient_privilege`), or on
/// MySQL/MariaDB, whose SQLSTATE for these is the generic 42000, the error
/// numbers for a database (1044), table (1142), column (1143) or global
/// (1227) privilege.
fn is_permission_denied(db: &dyn sqlx::error::DatabaseError) -> bool {
    if db.code().as_deref() == Some("42501") {
        return true;
    }
    #[cfg(feature = "mysql")]
    if let Some(my) = db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
        return matches!(my.number(), 1044 | 1142 | 1143 | 1227);
    }
    false
}

/// Text between the first `open` after `after` and the next `close`.
#[cfg(feature = "mysql")]
pub(crate) fn between<'a>(text: &'a str, after: &str, close: char) -> Option<&'a str> {
    let start = text.find(after)? + after.len();
    let rest = &text[start..];
    let end = rest.find(close)?;
    Some(&rest[..end])
}

/// Binds every scalar [`Value`] variant with the driver's native encoder;
/// arrays are left to the caller (`$array`). Values arrive normalised
/// ([`Value::normalized`]): every way into a `Value` (`ColumnValue::into_value`,
/// and so `Operand`, `IntoValue` and decoding) normalises it once.
macro_rules! bind_scalar {
    ($args:expr, $value:expr, $array:expr) => {{
        use sqlx::Arguments as _;
        use $crate::schema::ColumnType as T;
        use $crate::value::Value as V;
        let args = $args;
        match $value {
            V::Null(t) => match t {
                T::Bool => args.add(None::<bool>),
                T::I16 => args.add(None::<i16>),
                T::I32 => args.add(None::<i32>),
                T::I64 => args.add(None::<i64>),
                T::F32 => args.add(None::<f32>),
                T::F64 => args.add(None::<f64>),
                T::Text => args.add(None::<String>),
                T::Bytes => args.add(None::<Vec<u8>>),
                T::Uuid => args.add(None::<uuid::Uuid>),
                T::Timestamp => args.add(None::<chrono::DateTime<chrono::Utc>>),
                T::Date => args.add(None::<chrono::NaiveDate>),
                T::Json => args.add(None::<sqlx::types::Json<serde_json::Value>>),
            },
            V::Bool(v) => args.add(v),
            V::I16(v) => args.add(v),
            V::I32(v) => args.add(v),
            V::I64(v) => args.add(v),
            V::F32(v) => args.add(v),
            V::F64(v) => args.add(v),
            V::Text(v) => args.add(v),
            V::Bytes(v) => args.add(v),
            V::Uuid(v) => args.add(v),
            V::Timestamp(v) => args.add(v),
            V::Date(v) => args.add(v),
            V::Json(v) => args.add(sqlx::types::Json(v)),
            V::Invalid(e) => Err(e.into()),
            V::Array(t, items) => $array(args, t, items),
        }
    }};
}
pub(crate) use bind_scalar;
