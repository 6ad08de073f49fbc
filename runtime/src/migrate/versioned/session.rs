//! One pinned connection a migration step runs on, placed in its scope.
//!
//! Migration scripts are written without scope names, so the step puts the
//! connection into the scope: `SET LOCAL search_path` inside the
//! transaction on PostgreSQL, `USE` on MySQL (restored before the
//! connection goes back to the pool), and on SQLite a connection to the
//! scope's own database file. Nothing leaks to other users of the pool:
//! the connection is a [`Pinned`] one, told what the step set on it (the
//! transaction with its lock and `search_path`, `USE`, the named lock, a
//! changed busy timeout) and released only once each is undone; a step
//! that is cancelled or fails before that leaves a connection that is
//! rolled back and closed, never returned (see `client::pinned`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::MigrationError;
use crate::Backend;
use crate::client::pinned::{Held, Pinned};
use crate::client::{Client, execute_on, fetch_all_on};
use crate::error::{Error, Result};
use crate::row::RowRef;
use crate::sql::{SqlWriter, Statement};
use crate::value::Value;

/// A connection pinned for one migration step.
pub(crate) enum Session {
    #[cfg(feature = "postgres")]
    Postgres(Pinned<sqlx::Postgres>),
    #[cfg(feature = "mysql")]
    MySql {
        conn: Pinned<sqlx::MySql>,
        /// The database to `USE` again before the connection returns.
        restore: Option<String>,
        /// The named lock held for the session.
        lock: String,
    },
    #[cfg(feature = "sqlite")]
    SqlitePooled(Pinned<sqlx::Sqlite>),
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
async fn use_database(conn: &mut sqlx::MySqlConnection, quoted_name: &str) -> Result<()> {
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
    conn: &mut sqlx::MySqlConnection,
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
    let mut results = sqlx::Executor::fetch_many(&mut *conn, query);
    let (mut affected, mut rows) = (0, Vec::new());
    while let Some(item) = results.try_next().await.map_err(map)? {
        match item {
            sqlx::Either::Left(done) => affected += done.rows_affected(),
            sqlx::Either::Right(row) => rows.push(row),
        }
    }
    Ok((affected, rows))
}

/// Whether `err` is the lock wait running out: PostgreSQL's
/// `lock_not_available` (55P03, under `lock_timeout`) or SQLite's busy
/// database (the busy timeout ran out behind another writer).
fn is_lock_wait_error(err: &Error) -> bool {
    let Error::Database(sqlx::Error::Database(db)) = err else {
        return false;
    };
    matches!(db.code().as_deref(), Some("55P03" | "5" | "517"))
}

/// The typed error of a migration lock wait that ran out.
fn lock_timeout(scope: Option<&str>, started: Instant) -> Error {
    MigrationError::LockTimeout {
        scope: scope.map(str::to_owned),
        waited: started.elapsed(),
    }
    .into()
}

/// How long MySQL's `GET_LOCK` waits when the migrator sets no limit.
#[cfg(feature = "mysql")]
const MYSQL_DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(600);

impl Session {
    /// Acquires a connection and places it in `scope` (creating the scope).
    /// On MySQL it also takes the scope's migration lock, waiting at most
    /// `lock_wait` (default 600 s).
    pub(crate) async fn open(
        client: &Client,
        scope: Option<&str>,
        lock_wait: Option<Duration>,
    ) -> Result<Session> {
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
                Ok(Session::Postgres(Pinned::new(conn)))
            }
            #[cfg(feature = "mysql")]
            crate::client::pool::Pool::MySql(p) => {
                let conn = p.acquire().await.map_err(|e| {
                    state
                        .shared
                        .timed_out(crate::backend::map_error::<sqlx::MySql>(e, None))
                })?;
                let mut conn = Pinned::new(conn);
                let mut restore = None;
                if let Some(scope) = scope {
                    // In flight from here to USE, which holds the scope.
                    conn.hold(Held::Statement);
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
                    conn.hold(Held::Scope);
                    use_database(&mut conn, &name).await?;
                    conn.release(Held::Statement);
                }
                // One migrator per scope at a time, held until `close`.
                let lock = format!("entkit_migrate:{}", scope.unwrap_or(""));
                conn.hold(Held::Lock);
                let mut session = Session::MySql {
                    conn,
                    restore,
                    lock: lock.clone(),
                };
                // GET_LOCK takes whole seconds: round a limit up.
                let wait = lock_wait.unwrap_or(MYSQL_DEFAULT_LOCK_WAIT);
                let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                let started = Instant::now();
                let got = session
                    .query_i64(raw(
                        "SELECT GET_LOCK(?, ?)",
                        vec![Value::Text(lock), Value::I64(seconds as i64)],
                    ))
                    .await?;
                if got != Some(1) {
                    if got == Some(0)
                        && let Session::MySql { conn, .. } = &mut session
                    {
                        // 0: timed out, so not held (NULL would be an error).
                        conn.release(Held::Lock);
                    }
                    return Err(lock_timeout(scope, started));
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
                        .busy_timeout(lock_wait.unwrap_or(Duration::from_secs(60)))
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
                    Ok(Session::SqlitePooled(Pinned::new(conn)))
                }
            },
        }
    }

    /// Records that the session's transaction may be open from here on.
    fn hold_transaction(&mut self) {
        match self {
            #[cfg(feature = "postgres")]
            Session::Postgres(c) => c.hold(Held::Transaction),
            #[cfg(feature = "sqlite")]
            Session::SqlitePooled(c) => c.hold(Held::Transaction),
            // A direct SQLite connection is closed, never pooled; MySQL
            // migrations run outside transactions.
            _ => {}
        }
    }

    /// Records that the session's transaction ended.
    fn release_transaction(&mut self) {
        match self {
            #[cfg(feature = "postgres")]
            Session::Postgres(c) => c.release(Held::Transaction),
            #[cfg(feature = "sqlite")]
            Session::SqlitePooled(c) => c.release(Held::Transaction),
            _ => {}
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
        self.in_flight(true);
        let done = self.execute_now(stmt).await;
        self.in_flight(false);
        done
    }

    async fn execute_now(&mut self, stmt: Statement) -> Result<u64> {
        #[cfg(feature = "mysql")]
        if let Session::MySql { conn, .. } = self {
            return mysql_uncached(conn, stmt).await.map(|(n, _)| n);
        }
        Ok(on_conn!(self, c => execute_on(c, stmt).await)?.rows_affected)
    }

    /// Records a statement in flight (or answered) on a pooled connection.
    fn in_flight(&mut self, sent: bool) {
        match self {
            #[cfg(feature = "postgres")]
            Session::Postgres(c) => c.set(Held::Statement, sent),
            #[cfg(feature = "mysql")]
            Session::MySql { conn, .. } => conn.set(Held::Statement, sent),
            #[cfg(feature = "sqlite")]
            Session::SqlitePooled(c) => c.set(Held::Statement, sent),
            #[cfg(feature = "sqlite")]
            Session::SqliteDirect(_) => {}
        }
    }

    pub(crate) async fn execute_sql(&mut self, sql: &str) -> Result<u64> {
        self.execute(raw(sql, vec![])).await
    }

    pub(crate) async fn fetch<T: Send>(
        &mut self,
        stmt: Statement,
        decode: impl Fn(RowRef<'_>) -> Result<T> + Send + Sync,
    ) -> Result<Vec<T>> {
        self.in_flight(true);
        let rows = self.fetch_now(stmt, decode).await;
        self.in_flight(false);
        rows
    }

    async fn fetch_now<T: Send>(
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
    /// an advisory lock; SQLite: the write lock of `BEGIN IMMEDIATE`),
    /// waiting at most `lock_wait` for it (default: PostgreSQL's
    /// `lock_timeout`, SQLite's busy timeout). On MySQL the lock was taken
    /// at `open` and DDL commits by itself. A wait that runs out is
    /// [`MigrationError::LockTimeout`].
    pub(crate) async fn begin(
        &mut self,
        scope: Option<&str>,
        lock_wait: Option<Duration>,
    ) -> Result<()> {
        match self.backend() {
            Backend::Postgres => {
                self.hold_transaction();
                self.execute_sql("BEGIN").await?;
                if let Some(wait) = lock_wait {
                    // Transaction-local, and reset below so the migration's
                    // own statements wait as the server configures.
                    let ms = wait.as_millis().max(1);
                    self.execute_sql(&format!("SET LOCAL lock_timeout = {ms}"))
                        .await?;
                }
                let key = format!("entkit_migrate:{}", scope.unwrap_or(""));
                let started = Instant::now();
                let locked = self
                    .execute(raw(
                        "SELECT pg_advisory_xact_lock(hashtext($1))",
                        vec![Value::Text(key)],
                    ))
                    .await;
                match locked {
                    Err(e) if is_lock_wait_error(&e) => return Err(lock_timeout(scope, started)),
                    other => other?,
                };
                if lock_wait.is_some() {
                    self.execute_sql("SET LOCAL lock_timeout TO DEFAULT")
                        .await?;
                }
                if let Some(scope) = scope {
                    // Created under the lock: concurrent CREATE SCHEMA can collide.
                    let name = quoted(Backend::Postgres, scope);
                    self.execute_sql(&format!("CREATE SCHEMA IF NOT EXISTS {name}"))
                        .await?;
                    self.execute_sql(&format!("SET LOCAL search_path TO {name}"))
                        .await?;
                }
            }
            Backend::Sqlite => self.begin_immediate(scope, lock_wait).await?,
            Backend::MySql => {}
        }
        Ok(())
    }

    /// SQLite's `BEGIN IMMEDIATE`, waiting at most `lock_wait` for the
    /// write lock: a pooled connection's busy timeout is changed for the
    /// wait and put back after it.
    async fn begin_immediate(
        &mut self,
        scope: Option<&str>,
        lock_wait: Option<Duration>,
    ) -> Result<()> {
        #[cfg(feature = "sqlite")]
        let pooled = matches!(self, Session::SqlitePooled(_));
        #[cfg(not(feature = "sqlite"))]
        let pooled = false;
        let mut restore = None;
        if let (Some(wait), true) = (lock_wait, pooled) {
            let current = self
                .fetch(raw("PRAGMA busy_timeout", vec![]), |row| {
                    <i64 as crate::ColumnValue>::decode(row, 0)
                })
                .await?;
            restore = current.into_iter().next();
            self.hold_setting(true);
            let ms = wait.as_millis().max(1);
            self.execute_sql(&format!("PRAGMA busy_timeout = {ms}"))
                .await?;
        }
        self.hold_transaction();
        let started = Instant::now();
        let begun = self.execute_sql("BEGIN IMMEDIATE").await;
        if begun.is_err() {
            // Not begun: SQLite answers BEGIN's failure with no transaction.
            self.release_transaction();
        }
        if let Some(ms) = restore {
            self.execute_sql(&format!("PRAGMA busy_timeout = {ms}"))
                .await?;
            self.hold_setting(false);
        }
        match begun {
            Err(e) if is_lock_wait_error(&e) => Err(lock_timeout(scope, started)),
            other => other.map(drop),
        }
    }

    /// Records a changed setting on a pooled SQLite connection (or its end).
    fn hold_setting(&mut self, held: bool) {
        #[cfg(feature = "sqlite")]
        if let Session::SqlitePooled(c) = self {
            c.set(Held::Setting, held);
        }
        let _ = held;
    }

    pub(crate) async fn commit(&mut self) -> Result<()> {
        if self.transactional_ddl() {
            self.execute_sql("COMMIT").await?;
            self.release_transaction();
        }
        Ok(())
    }

    /// Rolls back; a failed rollback leaves the transaction held, so the
    /// connection is closed rather than returned.
    pub(crate) async fn rollback(&mut self) {
        if self.transactional_ddl() && self.execute_sql("ROLLBACK").await.is_ok() {
            self.release_transaction();
        }
    }

    /// Releases the MySQL lock, restores its database and returns the
    /// connection (closed instead when any of that failed, or when a
    /// transaction is still open).
    #[cfg_attr(not(feature = "mysql"), allow(unused_mut))]
    pub(crate) async fn close(mut self) {
        #[cfg(feature = "mysql")]
        if let Session::MySql { restore, lock, .. } = &self {
            let (restore, lock) = (restore.clone(), lock.clone());
            let released = self
                .execute(raw("DO RELEASE_LOCK(?)", vec![Value::Text(lock)]))
                .await;
            if let Session::MySql { conn, .. } = &mut self {
                if released.is_ok() {
                    conn.release(Held::Lock);
                }
                if let Some(db) = restore
                    && use_database(conn, &quoted(Backend::MySql, &db))
                        .await
                        .is_ok()
                {
                    conn.release(Held::Scope);
                }
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
