//! Reading a scope's migration history for health checks: no migration
//! lock is taken and no DDL runs, so a readiness probe never waits on a
//! running migrator and never creates the history table. A scope without
//! the table has nothing applied.

use std::sync::Arc;

use serde::Serialize;

use super::runner::{HISTORY_TABLE, Record, decode_record, history_select};
use super::{MigrationSet, Migrator};
use crate::Backend;
use crate::client::Client;
use crate::error::Result;
use crate::sql::Statement;
use crate::value::{ScalarValue, Value};

/// Where a scope's versioned migrations stand, read without the migration
/// lock (see [`Migrator::summary`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MigrationSummary {
    /// The scope (`None`: the client's default namespace).
    pub scope: Option<String>,
    /// The highest applied version (`None`: nothing applied).
    pub applied_version: Option<i64>,
    /// How many migrations the history records as applied.
    pub applied: usize,
    /// Migrations of the set not applied yet.
    pub pending: usize,
    /// A MySQL/MariaDB version left dirty by a failed run, if any.
    pub dirty: Option<i64>,
}

impl Migrator {
    /// Where the client's scope stands, for health checks: unlike
    /// [`status`](Self::status) it takes no migration lock (a running
    /// migrator does not delay it), runs no DDL (a scope never migrated
    /// reports nothing applied, and no history table appears) and does not
    /// check the files' checksums.
    pub async fn summary(&self, client: &Client) -> Result<MigrationSummary> {
        let records = read_history_unlocked(client).await?;
        Ok(summarize(self.set(), client.scope_name(), &records))
    }
}

fn summarize(set: &MigrationSet, scope: Option<&str>, records: &[Record]) -> MigrationSummary {
    let applied: Vec<i64> = records.iter().filter(|r| !r.5).map(|r| r.0).collect();
    MigrationSummary {
        scope: scope.map(str::to_owned),
        applied_version: applied.iter().copied().max(),
        applied: applied.len(),
        pending: set
            .migrations
            .iter()
            .filter(|m| !records.iter().any(|r| r.0 == m.version))
            .count(),
        dirty: records.iter().find(|r| r.5).map(|r| r.0),
    }
}

/// The history of the client's scope, or nothing when the table is absent;
/// plain reads on the pool, qualified by the scope instead of a session
/// placed in it.
async fn read_history_unlocked(client: &Client) -> Result<Vec<Record>> {
    let backend = client.backend();
    let scope = client.scope_name();
    let exists = Statement {
        sql: Arc::from(exists_sql(backend, scope)),
        binds: match backend {
            // SQLite names the scope in the text.
            Backend::Sqlite => vec![],
            _ => vec![scope.map_or(Value::Null(crate::ColumnType::Text), |s| {
                Value::Text(s.to_owned())
            })],
        },
        entity: None,
        read: false,
    };
    let count = client
        .target()
        .fetch_optional(exists, |row| i64::decode(row, 0))
        .await?;
    if count.unwrap_or(0) == 0 {
        return Ok(Vec::new());
    }
    let select = Statement {
        sql: Arc::from(history_select(&client.qualified(HISTORY_TABLE))),
        binds: vec![],
        entity: None,
        read: false,
    };
    client.target().fetch_all(select, decode_record).await
}

/// Counts the history table in the scope's catalog (binds the scope, or
/// NULL for the default namespace, except on SQLite).
fn exists_sql(backend: Backend, scope: Option<&str>) -> String {
    match backend {
        Backend::Postgres => format!(
            "SELECT COUNT(*) FROM pg_catalog.pg_tables \
             WHERE schemaname = COALESCE($1, current_schema()) AND tablename = '{HISTORY_TABLE}'"
        ),
        Backend::MySql => format!(
            "SELECT COUNT(*) FROM information_schema.TABLES \
             WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = '{HISTORY_TABLE}'"
        ),
        Backend::Sqlite => {
            let mut sql = String::from("SELECT COUNT(*) FROM ");
            Backend::Sqlite.push_ident(&mut sql, scope.unwrap_or("main"));
            sql.push_str(&format!(
                ".sqlite_master WHERE type = 'table' AND name = '{HISTORY_TABLE}'"
            ));
            sql
        }
    }
}
