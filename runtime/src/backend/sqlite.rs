//! SQLite glue.

use sqlx::Sqlite;
use sqlx::sqlite::{SqliteArguments, SqliteQueryResult, SqliteRow};

use super::{Driver, bind_scalar};
use crate::error::ConstraintKind;
use crate::row::RowRef;
use crate::schema::{ColumnType, EntityDef};
use crate::value::Value;

type BindResult = Result<(), sqlx::error::BoxDynError>;

/// SQLite has no array parameters; IN lists are expanded before binding.
fn bind_array(_: &mut SqliteArguments, _: ColumnType, _: Vec<Value>) -> BindResult {
    Err("array parameters are not supported on SQLite".into())
}

impl Driver for Sqlite {
    fn bind(args: &mut SqliteArguments, value: Value) -> BindResult {
        bind_scalar!(args, value, bind_array)
    }

    fn row_ref(row: &SqliteRow) -> RowRef<'_> {
        RowRef::Sqlite(row)
    }

    fn rows_affected(result: &SqliteQueryResult) -> u64 {
        result.rows_affected()
    }

    fn last_insert_id(result: &SqliteQueryResult) -> Option<i64> {
        Some(result.last_insert_rowid())
    }

    /// `ON DELETE RESTRICT` fails with SQLITE_CONSTRAINT_TRIGGER (1811),
    /// which is a foreign-key violation all the same.
    fn unclassified_kind(err: &dyn sqlx::error::DatabaseError) -> Option<ConstraintKind> {
        let restrict = err.code().is_some_and(|c| c == "1811")
            && err.message().starts_with("FOREIGN KEY constraint failed");
        restrict.then_some(ConstraintKind::ForeignKey)
    }

    /// SQLite names columns, not constraints: `UNIQUE constraint failed:
    /// users.email, users.tenant`. The entity's schema maps those columns
    /// back to the unique index that holds them, so callers see the same
    /// constraint name as on the other backends.
    fn constraint_details(
        err: &dyn sqlx::error::DatabaseError,
        kind: ConstraintKind,
        entity: Option<&EntityDef>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        let msg = err.message();
        let detail = msg.split_once("failed: ").map(|(_, d)| d.trim());
        match kind {
            ConstraintKind::Unique | ConstraintKind::NotNull => {
                let Some(detail) = detail else {
                    return (None, None, None);
                };
                let mut table = None;
                let columns: Vec<&str> = detail
                    .split(", ")
                    .map(|qualified| match qualified.rsplit_once('.') {
                        Some((t, c)) => {
                            table = Some(t.to_owned());
                            c
                        }
                        None => qualified,
                    })
                    .collect();
                if kind == ConstraintKind::NotNull {
                    return (None, table, columns.first().map(|c| (*c).to_owned()));
                }
                let index = entity.and_then(|e| {
                    if columns == [e.key().column] {
                        return Some(format!("{}_pkey", e.table));
                    }
                    e.indexes
                        .iter()
                        .find(|i| i.unique && i.columns == columns.as_slice())
                        .map(|i| i.name.to_owned())
                });
                let column = (columns.len() == 1).then(|| columns[0].to_owned());
                (index, table, column)
            }
            // Named constraints are reported by name, unnamed ones by their
            // expression, which is no name.
            ConstraintKind::Check => (
                detail
                    .filter(|d| crate::validate_identifier("constraint", d).is_ok())
                    .map(str::to_owned),
                None,
                None,
            ),
            ConstraintKind::ForeignKey => (None, None, None),
        }
    }
}
