//! Transactions: explicit begin/commit/rollback and a closure form.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::FutureExt as _;

use super::session::{Executor, Place, Target};
use super::{Client, ClientState};
use crate::backend::map_error;
use crate::error::{Error, Result};

/// The connection a transaction holds.
#[doc(hidden)]
pub enum TxConn {
    #[cfg(feature = "postgres")]
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
    #[cfg(feature = "mysql")]
    MySql(sqlx::Transaction<'static, sqlx::MySql>),
    #[cfg(feature = "sqlite")]
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
}

/// An open database transaction, in the scope of the client that began it.
///
/// Every generated operation accepts `&mut tx` where it accepts `&client`.
/// Dropping a transaction without committing rolls it back.
pub struct Transaction {
    state: Arc<ClientState>,
    conn: TxConn,
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
        let state = self.state.clone();
        let conn = match &state.shared.pool {
            #[cfg(feature = "postgres")]
            super::pool::Pool::Postgres(p) => TxConn::Postgres(
                p.begin()
                    .await
                    .map_err(|e| map_error::<sqlx::Postgres>(e, None))?,
            ),
            #[cfg(feature = "mysql")]
            super::pool::Pool::MySql(p) => TxConn::MySql(
                p.begin()
                    .await
                    .map_err(|e| map_error::<sqlx::MySql>(e, None))?,
            ),
            #[cfg(feature = "sqlite")]
            super::pool::Pool::Sqlite(p) => {
                let mut conn = p
                    .acquire()
                    .await
                    .map_err(|e| map_error::<sqlx::Sqlite>(e, None))?;
                for scope in state.scope().into_iter().chain(scopes.iter().copied()) {
                    ensure_attached(&mut conn, &state, scope).await?;
                }
                TxConn::Sqlite(
                    sqlx::Transaction::begin(conn, None)
                        .await
                        .map_err(|e| map_error::<sqlx::Sqlite>(e, None))?,
                )
            }
        };
        state
            .shared
            .statements
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Transaction { state, conn })
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
        let mut tx = self.begin().await?;
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

macro_rules! with_tx {
    ($conn:expr, $t:ident => $body:expr) => {
        match $conn {
            #[cfg(feature = "postgres")]
            TxConn::Postgres($t) => $body.map_err(|e| map_error::<sqlx::Postgres>(e, None)),
            #[cfg(feature = "mysql")]
            TxConn::MySql($t) => $body.map_err(|e| map_error::<sqlx::MySql>(e, None)),
            #[cfg(feature = "sqlite")]
            TxConn::Sqlite($t) => $body.map_err(|e| map_error::<sqlx::Sqlite>(e, None)),
        }
    };
}

impl Transaction {
    /// Commits.
    pub async fn commit(self) -> Result<()> {
        self.state
            .shared
            .statements
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        with_tx!(self.conn, t => t.commit().await)
    }

    /// Rolls back.
    pub async fn rollback(self) -> Result<()> {
        self.state
            .shared
            .statements
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        with_tx!(self.conn, t => t.rollback().await)
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
    crate::ident::validate_identifier("scope", name).ok()?;
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
    // `scope` passed validate_identifier; it is quoted all the same.
    let sql = format!("ATTACH DATABASE '{target}' AS \"{scope}\"");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(&mut *conn)
        .await
        .map_err(map)?;
    Ok(true)
}
