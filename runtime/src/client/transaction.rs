//! Transactions: explicit begin/commit/rollback and a closure form.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::FutureExt as _;

use super::pinned::{Held, Pinned};
use super::session::{Executor, Place, Target};
use super::{Client, ClientState};
use crate::backend::map_error;
use crate::error::{Error, Result};

/// The connection a transaction holds: pinned, so that a transaction
/// neither committed nor rolled back (dropped, cancelled, failed) never
/// goes back to the pool open (see `client::pinned`).
#[doc(hidden)]
pub enum TxConn {
    #[cfg(feature = "postgres")]
    Postgres(Pinned<sqlx::Postgres>),
    #[cfg(feature = "mysql")]
    MySql(Pinned<sqlx::MySql>),
    #[cfg(feature = "sqlite")]
    Sqlite(Pinned<sqlx::Sqlite>),
}

/// Runs trusted SQL text over the simple protocol on a pinned connection.
async fn run_raw<DB>(conn: &mut Pinned<DB>, sql: &'static str) -> Result<()>
where
    DB: crate::backend::Driver + super::pinned::Discard,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
{
    conn.hold(Held::Statement);
    let done = sqlx::Executor::execute(&mut **conn, sqlx::raw_sql(sqlx::AssertSqlSafe(sql))).await;
    conn.release(Held::Statement);
    done.map(drop).map_err(|e| map_error::<DB>(e, None))
}

/// Begins a transaction on `conn`, held from before `BEGIN` is sent.
async fn begin_on<DB>(conn: &mut Pinned<DB>, begin: &'static str) -> Result<()>
where
    DB: crate::backend::Driver + super::pinned::Discard,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
{
    conn.hold(Held::Transaction);
    run_raw(conn, begin).await
}

/// Ends the transaction on `conn` with `end` (`COMMIT` or `ROLLBACK`); the
/// connection is clean again only once the server confirmed it.
async fn end_on<DB>(mut conn: Pinned<DB>, end: &'static str) -> Result<()>
where
    DB: crate::backend::Driver + super::pinned::Discard,
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
{
    run_raw(&mut conn, end).await?;
    conn.release(Held::Transaction);
    Ok(())
}

/// An open database transaction, in the scope of the client that began it.
///
/// Every generated operation accepts `&mut tx` where it accepts `&client`.
/// Dropping a transaction without committing or rolling back (a `?`, or
/// the future using it cancelled) rolls it back: the connection goes back
/// to the pool only after the server confirmed the `ROLLBACK`, and is
/// closed instead when a statement was cut off mid-flight or the rollback
/// failed, so nothing of the transaction can reach the pool's next user.
pub struct Transaction {
    state: Arc<ClientState>,
    conn: TxConn,
    /// Open savepoints, for naming the next one.
    savepoints: usize,
}

/// Transaction isolation levels (SQLite transactions are always
/// serializable; the level is ignored there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isolation {
    /// READ UNCOMMITTED (PostgreSQL treats it as READ COMMITTED).
    ReadUncommitted,
    /// READ COMMITTED.
    ReadCommitted,
    /// REPEATABLE READ.
    RepeatableRead,
    /// SERIALIZABLE.
    Serializable,
}

impl Isolation {
    #[cfg(feature = "mysql")]
    fn mysql_set(self) -> &'static str {
        match self {
            Isolation::ReadUncommitted => "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED",
            Isolation::ReadCommitted => "SET TRANSACTION ISOLATION LEVEL READ COMMITTED",
            Isolation::RepeatableRead => "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ",
            Isolation::Serializable => "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
        }
    }

    #[cfg(feature = "postgres")]
    fn postgres_begin(self) -> &'static str {
        match self {
            Isolation::ReadUncommitted => "BEGIN ISOLATION LEVEL READ UNCOMMITTED",
            Isolation::ReadCommitted => "BEGIN ISOLATION LEVEL READ COMMITTED",
            Isolation::RepeatableRead => "BEGIN ISOLATION LEVEL REPEATABLE READ",
            Isolation::Serializable => "BEGIN ISOLATION LEVEL SERIALIZABLE",
        }
    }
}

/// How [`Client::transaction_with_retry`] retries.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// Delay before the first retry; doubled each time, with jitter.
    pub base_delay: std::time::Duration,
    /// Longest delay between attempts (jitter included).
    pub max_delay: std::time::Duration,
    /// The isolation level of each attempt (`None`: the server's default).
    pub isolation: Option<Isolation>,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 5,
            base_delay: std::time::Duration::from_millis(10),
            max_delay: std::time::Duration::from_secs(1),
            isolation: None,
        }
    }
}

impl std::fmt::Debug for Transaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transaction")
            .field("scope", &self.state.scope)
            .finish()
    }
}

/// The future a [`Client::transaction`] closure returns.
pub type TxFuture<'t, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 't>>;

impl<'a> Executor<'a> for &'a mut Transaction {
    fn into_target(self) -> Target<'a> {
        Target(Place::Tx(&self.state, &mut self.conn))
    }
}

impl Client {
    /// Begins a transaction on a connection from the pool.
    pub async fn begin(&self) -> Result<Transaction> {
        self.begin_attached(&[]).await
    }

    /// Begins a transaction; on SQLite, first attaches the client's scope
    /// and `scopes` to the connection (SQLite refuses ATTACH inside a
    /// transaction).
    pub(crate) async fn begin_attached(&self, scopes: &[&str]) -> Result<Transaction> {
        self.begin_full(scopes, None).await
    }

    /// Begins a transaction at an isolation level (ignored on SQLite, whose
    /// transactions are always serializable).
    pub async fn begin_with(&self, isolation: Isolation) -> Result<Transaction> {
        self.begin_full(&[], Some(isolation)).await
    }

    async fn begin_full(
        &self,
        scopes: &[&str],
        isolation: Option<Isolation>,
    ) -> Result<Transaction> {
        let state = self.state.clone();
        // Each arm pins the connection as soon as it is acquired: a
        // cancellation at any later await drops it as a `Pinned`.
        let conn = match &state.shared.pool {
            #[cfg(feature = "postgres")]
            super::pool::Pool::Postgres(p) => {
                let conn = p
                    .acquire()
                    .await
                    .map_err(|e| state.shared.timed_out(map_error::<sqlx::Postgres>(e, None)))?;
                let mut conn = Pinned::new(conn);
                let begin = isolation.map_or("BEGIN", Isolation::postgres_begin);
                begin_on(&mut conn, begin).await?;
                TxConn::Postgres(conn)
            }
            #[cfg(feature = "mysql")]
            super::pool::Pool::MySql(p) => {
                let map = |e| map_error::<sqlx::MySql>(e, None);
                let mut conn = Pinned::new(
                    p.acquire()
                        .await
                        .map_err(|e| state.shared.timed_out(map(e)))?,
                );
                if let Some(level) = isolation {
                    // Applies to the next transaction on this connection
                    // only: a setting until BEGIN has consumed it.
                    conn.hold(Held::Setting);
                    run_raw(&mut conn, level.mysql_set()).await?;
                }
                begin_on(&mut conn, "BEGIN").await?;
                conn.release(Held::Setting);
                TxConn::MySql(conn)
            }
            #[cfg(feature = "sqlite")]
            super::pool::Pool::Sqlite(p) => {
                // SQLite transactions are always serializable.
                let _ = isolation;
                let conn = p
                    .acquire()
                    .await
                    .map_err(|e| state.shared.timed_out(map_error::<sqlx::Sqlite>(e, None)))?;
                let mut conn = Pinned::new(conn);
                for scope in state.scope().into_iter().chain(scopes.iter().copied()) {
                    ensure_attached(&mut conn, &state, scope).await?;
                }
                begin_on(&mut conn, "BEGIN").await?;
                TxConn::Sqlite(conn)
            }
        };
        state
            .shared
            .statements
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Transaction {
            state,
            conn,
            savepoints: 0,
        })
    }

    /// Runs `f` in a transaction like [`transaction`](Self::transaction),
    /// and runs it again, after a growing jittered delay, when it fails
    /// with a serialization failure, a deadlock or a busy database (see
    /// [`Error::is_retryable`]), up to `policy.attempts` times in all.
    pub async fn transaction_with_retry<T, F>(&self, policy: RetryPolicy, f: F) -> Result<T>
    where
        T: Send,
        F: for<'t> Fn(&'t mut Transaction) -> TxFuture<'t, T> + Send + Sync,
    {
        let mut delay = policy.base_delay;
        let mut attempt = 1;
        loop {
            match self.transaction_at(policy.isolation, |tx| f(tx)).await {
                Err(err) if err.is_retryable() && attempt < policy.attempts => {
                    tracing::debug!(target: "entkit", attempt, error = %err, "retrying transaction");
                    tokio::time::sleep(jitter(delay).min(policy.max_delay)).await;
                    delay = (delay * 2).min(policy.max_delay);
                    attempt += 1;
                }
                outcome => return outcome,
            }
        }
    }

    /// Runs `f` in a transaction: commits when it returns `Ok`, rolls back
    /// when it returns `Err` or panics (the panic then continues).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
    /// let client = entkit::Client::connect("sqlite::memory:").await?;
    /// let n = client
    ///     .transaction(|tx| Box::pin(async move {
    ///         tx.execute_raw("CREATE TABLE t (x INTEGER)").await?;
    ///         tx.execute_raw("INSERT INTO t VALUES (1)").await
    ///     }))
    ///     .await?;
    /// assert_eq!(n, 1);
    /// # Ok(()) }
    /// ```
    pub async fn transaction<T, F>(&self, f: F) -> Result<T>
    where
        T: Send,
        F: for<'t> FnOnce(&'t mut Transaction) -> TxFuture<'t, T> + Send,
    {
        self.transaction_at(None, f).await
    }

    async fn transaction_at<T, F>(&self, isolation: Option<Isolation>, f: F) -> Result<T>
    where
        T: Send,
        F: for<'t> FnOnce(&'t mut Transaction) -> TxFuture<'t, T> + Send,
    {
        let mut tx = self.begin_full(&[], isolation).await?;
        let outcome = AssertUnwindSafe(f(&mut tx)).catch_unwind().await;
        match outcome {
            Ok(Ok(value)) => {
                tx.commit().await?;
                Ok(value)
            }
            Ok(Err(err)) => {
                if let Err(rollback) = tx.rollback().await {
                    tracing::warn!(target: "entkit", error = %rollback, "rollback after error failed");
                }
                Err(err)
            }
            Err(panic) => {
                let _ = tx.rollback().await;
                std::panic::resume_unwind(panic)
            }
        }
    }
}

impl TxConn {
    async fn end(self, sql: &'static str) -> Result<()> {
        match self {
            #[cfg(feature = "postgres")]
            TxConn::Postgres(c) => end_on(c, sql).await,
            #[cfg(feature = "mysql")]
            TxConn::MySql(c) => end_on(c, sql).await,
            #[cfg(feature = "sqlite")]
            TxConn::Sqlite(c) => end_on(c, sql).await,
        }
    }
}

impl Transaction {
    /// Commits. Should the commit fail or be cancelled, the connection is
    /// rolled back (or closed) before anyone else can use it, as when a
    /// transaction is dropped.
    pub async fn commit(self) -> Result<()> {
        self.state
            .shared
            .statements
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.conn.end("COMMIT").await
    }

    /// Rolls back. Should the rollback fail or be cancelled, the connection
    /// is rolled back again (or closed) before anyone else can use it.
    pub async fn rollback(self) -> Result<()> {
        self.state
            .shared
            .statements
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.conn.end("ROLLBACK").await
    }

    /// Runs `f` inside a savepoint: a nested transaction whose effects are
    /// undone alone when `f` returns `Err` or panics, while the enclosing
    /// transaction goes on.
    pub async fn savepoint<T, F>(&mut self, f: F) -> Result<T>
    where
        T: Send,
        F: for<'t> FnOnce(&'t mut Transaction) -> TxFuture<'t, T> + Send,
    {
        self.savepoints += 1;
        let name = format!("entkit_sp_{}", self.savepoints);
        self.execute_raw(&format!("SAVEPOINT {name}")).await?;
        let outcome = AssertUnwindSafe(f(self)).catch_unwind().await;
        let result = match outcome {
            Ok(Ok(value)) => self
                .execute_raw(&format!("RELEASE SAVEPOINT {name}"))
                .await
                .map(|_| value),
            Ok(Err(err)) => self
                .execute_raw(&format!("ROLLBACK TO SAVEPOINT {name}"))
                .await
                .and(Err(err)),
            Err(panic) => {
                let _ = self
                    .execute_raw(&format!("ROLLBACK TO SAVEPOINT {name}"))
                    .await;
                self.savepoints -= 1;
                std::panic::resume_unwind(panic)
            }
        };
        self.savepoints -= 1;
        result
    }

    /// The scope of the client that began the transaction.
    pub fn scope_name(&self) -> Option<&str> {
        self.state.scope()
    }

    /// Runs trusted SQL text without binds inside the transaction.
    pub async fn execute_raw(&mut self, sql: &str) -> Result<u64> {
        let stmt = crate::sql::Statement {
            sql: Arc::from(sql),
            binds: Vec::new(),
            entity: None,
        };
        Ok(self.into_target().execute(stmt).await?.rows_affected)
    }
}

/// The scope a SQLite error says is not attached on this connection:
/// `no such table: scope.t` or `unknown database scope`.
#[cfg(feature = "sqlite")]
pub(crate) fn missing_scope(err: &Error) -> Option<String> {
    let Error::Database(sqlx::Error::Database(db)) = err else {
        return None;
    };
    let msg = db.message();
    let name = msg
        .strip_prefix("no such table: ")
        .and_then(|rest| rest.split_once('.').map(|(scope, _)| scope))
        .or_else(|| msg.strip_prefix("unknown database "))?
        .trim();
    crate::ident::validate_scope(name).ok()?;
    Some(name.to_owned())
}

/// Attaches the scope's database on this SQLite connection unless it is
/// already attached. Returns whether it attached.
#[cfg(feature = "sqlite")]
pub(crate) async fn ensure_attached(
    conn: &mut sqlx::SqliteConnection,
    state: &ClientState,
    scope: &str,
) -> Result<bool> {
    use sqlx::Row as _;
    let map = |e| map_error::<sqlx::Sqlite>(e, None);
    let attached = sqlx::query("PRAGMA database_list")
        .fetch_all(&mut *conn)
        .await
        .map_err(map)?
        .iter()
        .any(|row| row.try_get::<String, _>(1).is_ok_and(|name| name == scope));
    if attached {
        return Ok(false);
    }
    let Some(base) = &state.shared.sqlite_base else {
        return Ok(false);
    };
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

/// `delay` scaled by a random factor in [0.5, 1.5), so that retrying
/// transactions do not collide again in lockstep.
fn jitter(delay: std::time::Duration) -> std::time::Duration {
    use std::hash::{BuildHasher, Hasher};
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let factor = 0.5 + (random % 1000) as f64 / 1000.0;
    delay.mul_f64(factor)
}
