//! One pinned connection a migration step runs on, placed in its scope.
//!
//! Migration scripts are written without scope names, so the step puts the
//! connection into the scope: `SET LOCAL search_path` inside the
//! transaction on PostgreSQL, `USE` on MySQL (restored before the
//! connection goes back to the pool), and on SQLite a connection to the
//! scope's own database file. Nothing leaks to other users of the pool.

use std::sync::Arc;

use crate::Backend;
use crate::client::{Client, execute_on, fetch_all_on};
#[cfg(feature = "mysql")]
use crate::error::Error;
use crate::error::Result;
use crate::row::RowRef;
use crate::sql::{SqlWriter, Statement};
use crate::value::Value;

/// A connection pinned for one migration step.
pub(crate) enum Session {
    #[cfg(feature = "postgres")]
    Postgres(sqlx::pool::PoolConnection<sqlx::Postgres>),
    #[cfg(feature = "mysql")]
    MySql {
        conn: sqlx::pool::PoolConnection<sqlx::MySql>,
        /// The database to `USE` again before the connection returns.
        restore: Option<String>,
        /// The named lock held for the session.
        lock: String,
    },
    #[cfg(feature = "sqlite")]
    SqlitePooled(sqlx::pool::PoolConnection<sqlx::Sqlite>),
    #[cfg(feature = "sqlite")]
    SqliteDirect(sqlx::SqliteConnection),
}

fn raw(sql: impl Into<Arc<str>>, binds: Vec<Value>) -> Statement {
    Statement {
        sql: sql.into(),
        binds,
        entity: None,
    }
}

/// Runs `$body` with `$c` bound to the session's `&mut <Backend>Connection`.
macro_rules! on_conn {
    ($session:expr, $c:ident => $body:expr) => {
        match $session {
            #[cfg(feature = "postgres")]
            Session::Postgres(pooled) => {
                let $c = &mut **pooled;
                $body
            }
            #[cfg(feature = "mysql")]
            Session::MySql { conn: pooled, .. } => {
                let $c = &mut **pooled;
                $body
            }
            #[cfg(feature = "sqlite")]
            Session::SqlitePooled(pooled) => {
                let $c = &mut **pooled;
                $body
            }
            #[cfg(feature = "sqlite")]
            Session::SqliteDirect(direct) => {
                let $c = direct;
                $body
            }
        }
    };
}

/// A quoted identifier for `backend`.
pub(crate) fn quoted(backend: Backend, name: &str) -> String {
    let mut s = String::new();
    backend.push_ident(&mut s, name);
    s
}

/// `USE db` over the text protocol: MySQL does not run `USE` as a prepared
/// statement.
#[cfg(feature = "mysql")]
async fn use_database(
    conn: &mut sqlx::pool::PoolConnection<sqlx::MySql>,
    quoted_name: &str,
) -> Result<()> {
    use sqlx::Executor as _;
    conn.execute(sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "USE {quoted_name}"
    ))))
    .await
    .map_err(|e| crate::backend::map_error::<sqlx::MySql>(e, None))?;
    Ok(())
}

/// Runs a statement on MySQL without the prepared-statement cache: MySQL
/// resolves a prepared statement's tables in the database current when it
/// was prepared, so a cached one would keep reading the previous scope.
#[cfg(feature = "mysql")]
async fn mysql_uncached(
    conn: &mut sqlx::pool::PoolConnection<sqlx::MySql>,
    stmt: Statement,
) -> Result<(u64, Vec<sqlx::mysql::MySqlRow>)> {
    use crate::backend::Driver as _;
    use futures_util::TryStreamExt as _;
    let mut args = sqlx::mysql::MySqlArguments::default();
    for value in stmt.binds {
        sqlx::MySql::bind(&mut args, value).map_err(|e| Error::Encode(e.to_string()))?;
    }
    let query = sqlx::query_with(sqlx::AssertSqlSafe(stmt.sql), args).persistent(false);
    let map = |e| crate::backend::map_error::<sqlx::MySql>(e, None);
    let mut results = sqlx::Executor::fetch_many(&mut **conn, query);
    let (mut affected, mut rows) = (0, Vec::new());
    while let Some(item) = results.try_next().await.map_err(map)? {
        match item {
            sqlx::Either::Left(done) => affected += done.rows_affected(),
            sqlx::Either::Right(row) => rows.push(row),
        }
    }
    Ok((affected, rows))
}

impl Session {
    /// Acquires a connection and places it in `scope` (creating the scope).
    pub(crate) async fn open(client: &Client, scope: Option<&str>) -> Result<Session> {
        if let Some(scope) = scope {
            crate::ident::validate_scope(scope)?;
        }
        let state = &client.state;
        match &state.shared.pool {
            #[cfg(feature = "postgres")]
            crate::client::pool::Pool::Postgres(p) => {
                let conn = p.acquire().await.map_err(|e| {
                    state
                        .shared
                        .timed_out(crate::backend::map_error::<sqlx::Postgres>(e, None))
                })?;
                Ok(Session::Postgres(conn))
            }
            #[cfg(feature = "mysql")]
            crate::client::pool::Pool::MySql(p) => {
                let mut conn = p.acquire().await.map_err(|e| {
                    state
                        .shared
                        .timed_out(crate::backend::map_error::<sqlx::MySql>(e, None))
                })?;
                let mut restore = None;
                if let Some(scope) = scope {
                    let current = fetch_all_on(
                        &mut *conn,
                        raw("SELECT DATABASE()", vec![]),
                        &|row: RowRef<'_>| <Option<String> as crate::ColumnValue>::decode(row, 0),
                    )
                    .await?;
                    restore = current.into_iter().next().flatten();
                    let name = quoted(Backend::MySql, scope);
                    let create = format!(
                        concat!(
                            "CREATE DATABASE IF NOT EXISTS {} CHARACTER SET utf8mb4",
                            crate::migrate::ddl::mysql_collation!()
                        ),
                        name
                    );
                    execute_on(&mut *conn, raw(create, vec![])).await?;
                    use_database(&mut conn, &name).await?;
                }
                // One migrator per scope at a time, held until `close`.
                let lock = format!("entkit_migrate:{}", scope.unwrap_or(""));
                let mut session = Session::MySql {
                    conn,
                    restore,
                    lock: lock.clone(),
                };
                let got = session
                    .query_i64(raw("SELECT GET_LOCK(?, 600)", vec![Value::Text(lock)]))
                    .await?;
                if got != Some(1) {
                    return Err(Error::PoolTimeout);
                }
                Ok(session)
            }
            #[cfg(feature = "sqlite")]
            crate::client::pool::Pool::Sqlite(p) => match (scope, &state.shared.sqlite_base) {
                (Some(scope), Some(base)) => {
                    use sqlx::ConnectOptions as _;
                    let options = sqlx::sqlite::SqliteConnectOptions::new()
                        .filename(base.attach_target(scope))
                        .create_if_missing(true)
                        .foreign_keys(true)
                        .busy_timeout(std::time::Duration::from_secs(60))
                        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal);
                    let conn = options
                        .connect()
                        .await
                        .map_err(|e| crate::backend::map_error::<sqlx::Sqlite>(e, None))?;
                    Ok(Session::SqliteDirect(conn))
                }
                _ => {
                    let conn = p
                        .acquire()
                        .await
                        .map_err(|e| crate::backend::map_error::<sqlx::Sqlite>(e, None))?;
                    Ok(Session::SqlitePooled(conn))
                }
            },
        }
    }

    pub(crate) fn backend(&self) -> Backend {
        match self {
            #[cfg(feature = "postgres")]
            Session::Postgres(_) => Backend::Postgres,
            #[cfg(feature = "mysql")]
            Session::MySql { .. } => Backend::MySql,
            #[cfg(feature = "sqlite")]
            Session::SqlitePooled(_) | Session::SqliteDirect(_) => Backend::Sqlite,
        }
    }

    /// Whether DDL takes part in transactions here.
    pub(crate) fn transactional_ddl(&self) -> bool {
        self.backend() != Backend::MySql
    }

    pub(crate) async fn execute(&mut self, stmt: Statement) -> Result<u64> {
        #[cfg(feature = "mysql")]
        if let Session::MySql { conn, .. } = self {
            return mysql_uncached(conn, stmt).await.map(|(n, _)| n);
        }
        Ok(on_conn!(self, c => execute_on(c, stmt).await)?.rows_affected)
    }

    pub(crate) async fn execute_sql(&mut self, sql: &str) -> Result<u64> {
        self.execute(raw(sql, vec![])).await
    }

    pub(crate) async fn fetch<T: Send>(
        &mut self,
        stmt: Statement,
        decode: impl Fn(RowRef<'_>) -> Result<T> + Send + Sync,
    ) -> Result<Vec<T>> {
        #[cfg(feature = "mysql")]
        if let Session::MySql { conn, .. } = self {
            let (_, rows) = mysql_uncached(conn, stmt).await?;
            return rows.iter().map(|row| decode(RowRef::MySql(row))).collect();
        }
        on_conn!(self, c => fetch_all_on(c, stmt, &decode).await)
    }

    #[cfg(feature = "mysql")]
    async fn query_i64(&mut self, stmt: Statement) -> Result<Option<i64>> {
        let rows = self
            .fetch(stmt, |row| {
                <Option<i64> as crate::ColumnValue>::decode(row, 0)
            })
            .await?;
        Ok(rows.into_iter().next().flatten())
    }

    /// Begins a transaction holding the scope's migration lock (PostgreSQL:
    /// an advisory lock; SQLite: the write lock of `BEGIN IMMEDIATE`). On
    /// MySQL the lock was taken at `open` and DDL commits by itself.
    pub(crate) async fn begin(&mut self, scope: Option<&str>) -> Result<()> {
        match self.backend() {
            Backend::Postgres => {
                self.execute_sql("BEGIN").await?;
                let key = format!("entkit_migrate:{}", scope.unwrap_or(""));
                self.execute(raw(
                    "SELECT pg_advisory_xact_lock(hashtext($1))",
                    vec![Value::Text(key)],
                ))
                .await?;
                if let Some(scope) = scope {
                    // Created under the lock: concurrent CREATE SCHEMA can collide.
                    let name = quoted(Backend::Postgres, scope);
                    self.execute_sql(&format!("CREATE SCHEMA IF NOT EXISTS {name}"))
                        .await?;
                    self.execute_sql(&format!("SET LOCAL search_path TO {name}"))
                        .await?;
                }
            }
            Backend::Sqlite => {
                self.execute_sql("BEGIN IMMEDIATE").await?;
            }
            Backend::MySql => {}
        }
        Ok(())
    }

    pub(crate) async fn commit(&mut self) -> Result<()> {
        if self.transactional_ddl() {
            self.execute_sql("COMMIT").await?;
        }
        Ok(())
    }

    pub(crate) async fn rollback(&mut self) {
        if self.transactional_ddl() {
            let _ = self.execute_sql("ROLLBACK").await;
        }
    }

    /// Releases the MySQL lock, restores its database and returns the connection.
    #[cfg_attr(not(feature = "mysql"), allow(unused_mut))]
    pub(crate) async fn close(mut self) {
        #[cfg(feature = "mysql")]
        if let Session::MySql { restore, lock, .. } = &self {
            let (restore, lock) = (restore.clone(), lock.clone());
            let _ = self
                .execute(raw("DO RELEASE_LOCK(?)", vec![Value::Text(lock)]))
                .await;
            if let (Some(db), Session::MySql { conn, .. }) = (restore, &mut self) {
                let _ = use_database(conn, &quoted(Backend::MySql, &db)).await;
            }
        }
        #[cfg(feature = "sqlite")]
        if let Session::SqliteDirect(conn) = self {
            use sqlx::Connection as _;
            let _ = conn.close().await;
        }
    }

    /// A writer for statements on this session (tables unqualified: the
    /// session is already in its scope).
    pub(crate) fn writer(&self) -> SqlWriter<'static> {
        SqlWriter::new(self.backend(), None)
    }
}
