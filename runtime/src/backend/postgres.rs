//! PostgreSQL glue.

use sqlx::postgres::{PgArguments, PgDatabaseError, PgQueryResult, PgRow};
use sqlx::{Arguments as _, Postgres};

use super::connections::{ALL_TENANTS_SETTING, TENANT_SETTING};
use super::driver::{Driver, bind_scalar};
use super::row::RowRef;
use crate::error::ConstraintKind;
use crate::schema::{ColumnType, EntityDef};
use crate::value::Value;

type BindResult = Result<(), sqlx::error::BoxDynError>;

/// Binds a key list as one typed array, so `= ANY($1)` keeps the statement
/// text constant whatever the number of keys.
fn bind_array(args: &mut PgArguments, ty: ColumnType, items: Vec<Value>) -> BindResult {
    macro_rules! collect {
        ($variant:ident, $t:ty) => {{
            let mut out: Vec<Option<$t>> = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::$variant(v) => out.push(Some(v)),
                    Value::Null(_) => out.push(None),
                    other => return Err(format!("array of {ty:?} holds {other:?}").into()),
                }
            }
            args.add(out)
        }};
    }
    match ty {
        ColumnType::Bool => collect!(Bool, bool),
        ColumnType::I16 => collect!(I16, i16),
        ColumnType::I32 => collect!(I32, i32),
        ColumnType::I64 => collect!(I64, i64),
        ColumnType::F32 => collect!(F32, f32),
        ColumnType::F64 => collect!(F64, f64),
        ColumnType::Text => collect!(Text, String),
        ColumnType::Bytes => collect!(Bytes, Vec<u8>),
        ColumnType::Uuid => collect!(Uuid, uuid::Uuid),
        ColumnType::Timestamp => collect!(Timestamp, chrono::DateTime<chrono::Utc>),
        ColumnType::Date => collect!(Date, chrono::NaiveDate),
        ColumnType::Json => {
            let mut out: Vec<Option<sqlx::types::Json<serde_json::Value>>> =
                Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::Json(j) => out.push(Some(sqlx::types::Json(j))),
                    Value::Null(_) => out.push(None),
                    other => return Err(format!("array of {ty:?} holds {other:?}").into()),
                }
            }
            args.add(out)
        }
    }
}

impl Driver for Postgres {
    fn bind(args: &mut PgArguments, value: Value) -> BindResult {
        bind_scalar!(args, value, bind_array)
    }

    fn row_ref(row: &PgRow) -> RowRef<'_> {
        RowRef::Postgres(row)
    }

    fn rows_affected(result: &PgQueryResult) -> u64 {
        result.rows_affected()
    }

    fn last_insert_id(_: &PgQueryResult) -> Option<i64> {
        None
    }

    fn constraint_details(
        err: &dyn sqlx::error::DatabaseError,
        _kind: ConstraintKind,
        _entity: Option<&EntityDef>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        match err.try_downcast_ref::<PgDatabaseError>() {
            Some(pg) => (
                pg.constraint().map(str::to_owned),
                pg.table().map(str::to_owned),
                pg.column().map(str::to_owned),
            ),
            None => (err.constraint().map(str::to_owned), None, None),
        }
    }
}

/// Connect options for a client's sessions, as startup parameters (no
/// round trip):
/// - no tenant, whatever a role's own defaults say, so that a new
///   connection's tenant setting is known;
/// - with a statement timeout, the server's own `statement_timeout`, so the
///   server cancels a statement that runs too long (its connection stays
///   usable), and `client_connection_check_interval`, so a statement whose
///   client gave up (the client-side bound, a cancelled task) stops soon
///   rather than running on unseen;
/// - with a transaction timeout, `idle_in_transaction_session_timeout`, so
///   a transaction left open by a client that stopped sending ends too.
pub(crate) fn session_options(
    options: sqlx::postgres::PgConnectOptions,
    settings: &super::settings::PoolSettings,
) -> sqlx::postgres::PgConnectOptions {
    let millis = |d: std::time::Duration| d.as_millis().max(1).to_string();
    let mut startup = vec![
        (TENANT_SETTING, String::new()),
        (ALL_TENANTS_SETTING, "off".to_owned()),
    ];
    if let Some(timeout) = settings.statement_timeout {
        startup.push(("statement_timeout", millis(timeout)));
        startup.push(("client_connection_check_interval", "1000".to_owned()));
    }
    if let Some(timeout) = settings.transaction_timeout {
        startup.push(("idle_in_transaction_session_timeout", millis(timeout)));
    }
    options.options(startup)
}
