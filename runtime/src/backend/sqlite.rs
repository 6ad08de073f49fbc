//! SQLite glue.

use std::sync::atomic::{AtomicUsize, Ordering};

use sqlx::Sqlite;
use sqlx::sqlite::{SqliteArguments, SqliteQueryResult, SqliteRow};

use super::driver::{Driver, bind_scalar};
use super::row::RowRef;
use crate::error::ConstraintKind;
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

/// The scope a SQLite error says is not attached on this connection:
/// `no such table: scope.t` or `unknown database scope`.
pub(crate) fn missing_scope(err: &crate::Error) -> Option<String> {
    let crate::Error::Database(sqlx::Error::Database(db)) = err else {
        return None;
    };
    let msg = db.message();
    let name = msg
        .strip_prefix("no such table: ")
        .and_then(|rest| rest.split_once('.').map(|(scope, _)| scope))
        .or_else(|| msg.strip_prefix("unknown database "))?
        // `CREATE TABLE "s"."t"` on an unattached `s` quotes the name.
        .trim()
        .trim_matches('"');
    crate::ident::validate_scope(name).ok()?;
    Some(name.to_owned())
}

/// Attaches the scope's database on this SQLite connection unless it is
/// already attached. Returns whether it attached.
pub(crate) async fn ensure_attached(
    conn: &mut sqlx::SqliteConnection,
    base: &SqliteBase,
    scope: &str,
) -> crate::Result<bool> {
    use sqlx::Row as _;
    let map = |e| super::driver::map_error::<Sqlite>(e, None);
    let attached = sqlx::query("PRAGMA database_list")
        .fetch_all(&mut *conn)
        .await
        .map_err(map)?
        .iter()
        .any(|row| row.try_get::<String, _>(1).is_ok_and(|name| name == scope));
    if attached {
        return Ok(false);
    }
    let target = base.attach_target(scope).replace('\'', "''");
    // `scope` passed validate_scope; it is quoted all the same.
    let sql = format!("ATTACH DATABASE '{target}' AS \"{scope}\"");
    match sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
        .execute(&mut *conn)
        .await
    {
        Ok(_) => Ok(true),
        // SQLite attaches at most 10 databases per connection: make room by
        // detaching the scopes this connection served before.
        Err(e) if e.to_string().contains("too many attached databases") => {
            let attached: Vec<String> = sqlx::query("PRAGMA database_list")
                .fetch_all(&mut *conn)
                .await
                .map_err(map)?
                .iter()
                .filter_map(|row| row.try_get::<String, _>(1).ok())
                .filter(|name| name != "main" && name != "temp")
                .collect();
            for name in attached {
                let detach = format!("DETACH DATABASE \"{}\"", name.replace('"', "\"\""));
                sqlx::query(sqlx::AssertSqlSafe(detach))
                    .execute(&mut *conn)
                    .await
                    .map_err(map)?;
            }
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut *conn)
                .await
                .map_err(map)?;
            Ok(true)
        }
        Err(e) => Err(map(e)),
    }
}

/// Numbers in-memory SQLite databases so each client gets its own.
static MEMORY_SEQ: AtomicUsize = AtomicUsize::new(0);

/// Where a SQLite scope's attached database lives, derived from the main database.
#[derive(Debug)]
pub(crate) enum SqliteBase {
    /// The private database behind `sqlite::memory:`; its files are removed
    /// when the client is dropped.
    Temporary(std::path::PathBuf),
    /// A database file at this path.
    File(std::path::PathBuf),
}

impl SqliteBase {
    /// The `ATTACH` target for `scope`.
    pub(crate) fn attach_target(&self, scope: &str) -> String {
        match self {
            SqliteBase::File(path) | SqliteBase::Temporary(path) => {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                let file = match path.extension() {
                    Some(ext) => format!("{stem}.{scope}.{}", ext.to_string_lossy()),
                    None => format!("{stem}.{scope}"),
                };
                path.with_file_name(file).to_string_lossy().into_owned()
            }
        }
    }
}

/// A fresh path for an in-memory database: on tmpfs (`/dev/shm`) when the
/// machine has it, else in the temporary directory.
pub(crate) fn memory_database_path() -> std::path::PathBuf {
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    let n = MEMORY_SEQ.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("entkit-{}-{n}.db", std::process::id()))
}

impl Drop for SqliteBase {
    fn drop(&mut self) {
        let SqliteBase::Temporary(path) = self else {
            return;
        };
        // The main file, its scopes' files, and their -wal/-shm companions.
        let (Some(dir), Some(stem)) = (path.parent(), path.file_stem()) else {
            return;
        };
        let prefix = format!("{}.", stem.to_string_lossy());
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }
}

/// Whether SQLite answered "database is locked" (`SQLITE_BUSY`, with its
/// extended codes).
pub(crate) fn is_busy(err: &sqlx::Error) -> bool {
    let sqlx::Error::Database(db) = err else {
        return false;
    };
    db.code()
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| code & 0xff == 5)
}
