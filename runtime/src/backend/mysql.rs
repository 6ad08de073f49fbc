//! MySQL and MariaDB glue.

use sqlx::MySql;
use sqlx::mysql::{MySqlArguments, MySqlQueryResult, MySqlRow};

use super::driver::{Driver, between, bind_scalar};
use super::row::RowRef;
use crate::error::ConstraintKind;
use crate::schema::{ColumnType, EntityDef};
use crate::value::Value;

type BindResult = Result<(), sqlx::error::BoxDynError>;

/// MySQL has no array parameters; IN lists are expanded before binding.
fn bind_array(_: &mut MySqlArguments, _: ColumnType, _: Vec<Value>) -> BindResult {
    Err("array parameters are not supported on MySQL".into())
}

impl Driver for MySql {
    /// Timestamps travel as DATETIME values (naive UTC): sqlx's
    /// `DateTime<Utc>` encoder types them TIMESTAMP, which the server
    /// limits to 1970–2038 and turns into NULL outside that range, though
    /// the column is a `DATETIME(6)`. Decoding reads DATETIME as UTC.
    fn bind(args: &mut MySqlArguments, value: Value) -> BindResult {
        use sqlx::Arguments as _;
        match value {
            Value::Timestamp(t) => args.add(t.naive_utc()),
            Value::Null(ColumnType::Timestamp) => args.add(None::<chrono::NaiveDateTime>),
            other => bind_scalar!(args, other, bind_array),
        }
    }

    fn row_ref(row: &MySqlRow) -> RowRef<'_> {
        RowRef::MySql(row)
    }

    fn rows_affected(result: &MySqlQueryResult) -> u64 {
        result.rows_affected()
    }

    fn last_insert_id(result: &MySqlQueryResult) -> Option<i64> {
        i64::try_from(result.last_insert_id())
            .ok()
            .filter(|id| *id != 0)
    }

    /// MySQL and MariaDB put names only into the message text:
    /// - `Duplicate entry 'x' for key 'users_email_key'` (MySQL 8 prefixes `table.`)
    /// - `... a foreign key constraint fails (`db`.`t`, CONSTRAINT `fk` FOREIGN KEY ...)`
    /// - `Column 'name' cannot be null` / `Field 'name' doesn't have a default value`
    /// - `CONSTRAINT `chk` failed for `db`.`t`` (MariaDB), `Check constraint 'chk' is violated.` (MySQL)
    fn constraint_details(
        err: &dyn sqlx::error::DatabaseError,
        kind: ConstraintKind,
        entity: Option<&EntityDef>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let msg = err.message();
        let owned = |s: &str| Some(s.to_owned());
        match kind {
            ConstraintKind::Unique => {
                // The duplicated value is quoted earlier in the message and may
                // itself contain "for key '": the key name is the last one.
                let key = msg
                    .rfind("for key '")
                    .and_then(|at| between(&msg[at..], "for key '", '\''));
                let key = key.map(|k| k.rsplit('.').next().unwrap_or(k));
                // MySQL names every primary key PRIMARY; report it as the
                // other backends do.
                let key = match (key, entity) {
                    (Some("PRIMARY"), Some(e)) => Some(format!("{}_pkey", e.table)),
                    (key, _) => key.map(str::to_owned),
                };
                (key, None, None)
            }
            ConstraintKind::ForeignKey => {
                let name = between(msg, "CONSTRAINT `", '`');
                let table = between(msg, "`.`", '`');
                (name.and_then(owned), table.and_then(owned), None)
            }
            ConstraintKind::NotNull => {
                let column =
                    between(msg, "Column '", '\'').or_else(|| between(msg, "Field '", '\''));
                (None, None, column.and_then(owned))
            }
            ConstraintKind::Check => {
                let name = between(msg, "CONSTRAINT `", '`')
                    .or_else(|| between(msg, "constraint '", '\''));
                (name.and_then(owned), None, None)
            }
        }
    }
}
