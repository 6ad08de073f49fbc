//! Creating a scope only when it is missing.

use crate::client::Client;
use crate::dialect::Backend;
use crate::error::Result;
use crate::migrate::ddl;
use crate::raw::RawQuery;

/// Whether a PostgreSQL schema exists (one row when it does). Every role
/// may read `pg_namespace`.
pub(crate) const PG_SCHEMA_EXISTS: &str = "SELECT 1 FROM pg_namespace WHERE nspname = $1";

/// Creates `scope` unless it exists (a no-op on SQLite, whose scopes are
/// files attached on first use). The name is validated first.
///
/// PostgreSQL checks `CREATE` on the database before it looks whether the
/// schema of `CREATE SCHEMA IF NOT EXISTS` exists, so a service role that
/// owns its schema but may not create schemas would be refused ("permission
/// denied for database") on every start; the catalog is asked first.
pub(crate) async fn ensure_scope(client: &Client, scope: &str) -> Result<()> {
    let backend = client.backend();
    let Some(create) = ddl::create_scope(backend, scope)? else {
        return Ok(());
    };
    if backend == Backend::Postgres {
        let found: Vec<(i32,)> = RawQuery::new(PG_SCHEMA_EXISTS)
            .bind(scope)
            .fetch_all(client)
            .await?;
        if !found.is_empty() {
            return Ok(());
        }
    }
    client.execute_raw(&create).await.map(drop)
}
