//! One pinned connection a migration step runs on, placed in its scope.
//!
//! Migration scripts are written without scope names, so the step puts the
//! connection into the scope: `SET LOCAL search_path` inside the
//! transaction on PostgreSQL, `USE` on MySQL (restored before the
//! connection goes back to the pool), and on SQLite a connection to the
//! scope's own database file. Nothing leaks to other users of the pool:
//! the connection is a pinned one (`backend::pinned`), told what the step set on it (the
//! transaction with its lock and `search_path`, `USE`, the named lock, a
//! changed busy timeout) and released only once each is undone; a step
//! that is cancelled or fails before that leaves a connection that is
//! rolled back and closed, never returned (see `backend::pinned`).
//!
//! Its statements take the statement path every statement takes
//! (`crate::exec`): the same parameter and value checks, counters and
//! error mapping, and on SQLite the same connection options.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::MigrationError;
use crate::Backend;
use crate::backend::{Conn, Held, RowRef, RowSink};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::exec::{ClientState, Via, run_on, run_text_on};
use crate::sql::{SqlWriter, Statement};
use crate::value::Value;

/// A connection pinned for one migration step.
pub(crate) struct Session {
    /// The client the connection came from: statements are admitted and
    /// counted against it.
    state: Arc<ClientState>,
    conn: Conn,
    /// MySQL: the database to `USE` again before the connection returns.
    restore: Option<String>,
    /// MySQL: the named lock held for the session.
    lock: Option<String>,
}

fn raw(sql: impl Into<Arc<str>>, binds: Vec<Value>) -> Statement {
    Statement {
        sql: sql.into(),
        binds,
        entity: None,
        read: false,
    }
}

/// A quoted identifier for `backend`.
pub(crate) fn quoted(backend: Backend, name: &str) -> String {
    let mut s = String::new();
    backend.push_ident(&mut s, name);
    s
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
        let state = client.state.clone();
        let pool = &state.shared.pool;
        // A SQLite scope is migrated as the main database of a connection
        // to its own file: the scripts name no scope.
        let own = match (state.backend(), scope) {
            (Backend::Sqlite, Some(scope)) => pool.open_sqlite_scope(scope).await?,
            _ => None,
        };
        let conn = match own {
            Some(conn) => conn,
            None => crate::exec::acquire(&state, Via::Migration).await?,
        };
        let mut session = Session {
            state,
            conn,
            restore: None,
            lock: None,
        };
        if session.backend() == Backend::MySql {
            session.enter_mysql(scope, lock_wait).await?;
        }
        Ok(session)
    }

    /// MySQL: `USE` the scope (created if missing), remembering the
    /// database to go back to, and take the scope's migration lock.
    async fn enter_mysql(
        &mut self,
        scope: Option<&str>,
        lock_wait: Option<Duration>,
    ) -> Result<()> {
        if let Some(scope) = scope {
            // In flight from here to USE, which holds the scope.
            self.conn.hold(Held::Statement);
            let current = self
                .fetch(raw("SELECT DATABASE()", vec![]), |row| {
                    <Option<String> as crate::ColumnValue>::decode(row, 0)
                })
                .await?;
            self.restore = current.into_iter().next().flatten();
            let name = quoted(Backend::MySql, scope);
            let create = format!(
                concat!(
                    "CREATE DATABASE IF NOT EXISTS {} CHARACTER SET utf8mb4",
                    crate::migrate::ddl::mysql_collation!()
                ),
                name
            );
            self.execute_sql(&create).await?;
            self.conn.hold(Held::Scope);
            self.run_text(&format!("USE {name}")).await?;
            self.conn.release(Held::Statement);
        }
        // One migrator per scope at a time, held until `close`.
        let lock = format!("entkit_migrate:{}", scope.unwrap_or(""));
        self.conn.hold(Held::Lock);
        self.lock = Some(lock.clone());
        // GET_LOCK takes whole seconds: round a limit up.
        let wait = lock_wait.unwrap_or(MYSQL_DEFAULT_LOCK_WAIT);
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let started = Instant::now();
        let got = self
            .fetch(
                raw(
                    "SELECT GET_LOCK(?, ?)",
                    vec![Value::Text(lock), Value::I64(seconds as i64)],
                ),
                |row| <Option<i64> as crate::ColumnValue>::decode(row, 0),
            )
            .await?
            .into_iter()
            .next()
            .flatten();
        match got {
            Some(1) => Ok(()),
            other => {
                if other == Some(0) {
                    // 0: timed out, so not held (NULL would be an error).
                    self.conn.release(Held::Lock);
                    self.lock = None;
                }
                Err(lock_timeout(scope, started))
            }
        }
    }

    pub(crate) fn backend(&self) -> Backend {
        self.conn.backend()
    }

    /// Whether DDL takes part in transactions here.
    pub(crate) fn transactional_ddl(&self) -> bool {
        self.backend() != Backend::MySql
    }

    pub(crate) async fn execute(&mut self, stmt: Statement) -> Result<u64> {
        let done = run_on(
            &self.state,
            Via::Migration,
            &mut self.conn,
            stmt,
            RowSink::none(),
        )
        .await?;
        Ok(done.rows_affected)
    }

    pub(crate) async fn execute_sql(&mut self, sql: &str) -> Result<u64> {
        self.execute(raw(sql, vec![])).await
    }

    /// Runs transaction control or a session command.
    async fn run_text(&mut self, sql: &str) -> Result<u64> {
        run_text_on(&self.state, Via::Migration, &mut self.conn, sql).await
    }

    pub(crate) async fn fetch<T: Send>(
        &mut self,
        stmt: Statement,
        decode: impl Fn(RowRef<'_>) -> Result<T> + Send + Sync,
    ) -> Result<Vec<T>> {
        let mut rows = Vec::new();
        let mut each = |row: RowRef<'_>| {
            rows.push(decode(row)?);
            Ok(())
        };
        run_on(
            &self.state,
            Via::Migration,
            &mut self.conn,
            stmt,
            RowSink::all(&mut each),
        )
        .await?;
        Ok(rows)
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
                self.conn.hold(Held::Transaction);
                self.run_text("BEGIN").await?;
                if let Some(wait) = lock_wait {
                    // Transaction-local, and reset below so the migration's
                    // own statements wait as the server configures.
                    let ms = wait.as_millis().max(1);
                    self.run_text(&format!("SET LOCAL lock_timeout = {ms}"))
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
                    self.run_text("SET LOCAL lock_timeout TO DEFAULT").await?;
                }
                if let Some(scope) = scope {
                    // Created under the lock: concurrent CREATE SCHEMA can collide.
                    // Only when missing: even with IF NOT EXISTS, PostgreSQL
                    // wants CREATE on the database, which a service role that
                    // owns its schema lacks.
                    let name = quoted(Backend::Postgres, scope);
                    let exists = self
                        .fetch(
                            raw(
                                crate::provision::PG_SCHEMA_EXISTS,
                                vec![Value::Text(scope.to_owned())],
                            ),
                            |_| Ok(()),
                        )
                        .await?;
                    if exists.is_empty() {
                        self.execute_sql(&format!("CREATE SCHEMA IF NOT EXISTS {name}"))
                            .await?;
                    }
                    self.run_text(&format!("SET LOCAL search_path TO {name}"))
                        .await?;
                }
            }
            Backend::Sqlite => self.begin_immediate(scope, lock_wait).await?,
            Backend::MySql => {}
        }
        Ok(())
    }

    /// SQLite's `BEGIN IMMEDIATE`, waiting at most `lock_wait` for the
    /// write lock: the connection's busy timeout is changed for the wait
    /// and put back after it.
    async fn begin_immediate(
        &mut self,
        scope: Option<&str>,
        lock_wait: Option<Duration>,
    ) -> Result<()> {
        let mut restore = None;
        if let Some(wait) = lock_wait {
            let current = self
                .fetch(raw("PRAGMA busy_timeout", vec![]), |row| {
                    <i64 as crate::ColumnValue>::decode(row, 0)
                })
                .await?;
            restore = current.into_iter().next();
            self.conn.hold(Held::Setting);
            let ms = wait.as_millis().max(1);
            self.run_text(&format!("PRAGMA busy_timeout = {ms}"))
                .await?;
        }
        self.conn.hold(Held::Transaction);
        let started = Instant::now();
        let begun = self.run_text("BEGIN IMMEDIATE").await;
        if begun.is_err() {
            // Not begun: SQLite answers BEGIN's failure with no transaction.
            self.conn.release(Held::Transaction);
        }
        if let Some(ms) = restore {
            self.run_text(&format!("PRAGMA busy_timeout = {ms}"))
                .await?;
            self.conn.release(Held::Setting);
        }
        match begun {
            Err(e) if is_lock_wait_error(&e) => Err(lock_timeout(scope, started)),
            other => other.map(drop),
        }
    }

    pub(crate) async fn commit(&mut self) -> Result<()> {
        if self.transactional_ddl() {
            self.run_text("COMMIT").await?;
            self.conn.release(Held::Transaction);
        }
        Ok(())
    }

    /// Rolls back; a failed rollback leaves the transaction held, so the
    /// connection is closed rather than returned.
    pub(crate) async fn rollback(&mut self) {
        if self.transactional_ddl() && self.run_text("ROLLBACK").await.is_ok() {
            self.conn.release(Held::Transaction);
        }
    }

    /// Releases the MySQL lock, restores its database and returns the
    /// connection (closed instead when any of that failed, or when a
    /// transaction is still open).
    pub(crate) async fn close(mut self) {
        if let Some(lock) = self.lock.take() {
            let released = self
                .execute(raw("DO RELEASE_LOCK(?)", vec![Value::Text(lock)]))
                .await;
            if released.is_ok() {
                self.conn.release(Held::Lock);
            }
        }
        if let Some(db) = self.restore.take() {
            let name = quoted(Backend::MySql, &db);
            if self.run_text(&format!("USE {name}")).await.is_ok() {
                self.conn.release(Held::Scope);
            }
        }
        self.conn.close().await;
    }

    /// A writer for statements on this session (tables unqualified: the
    /// session is already in its scope).
    pub(crate) fn writer(&self) -> SqlWriter<'static> {
        SqlWriter::new(self.backend(), None)
    }
}
