//! Transactions: begin, commit, rollback and savepoints on a pinned
//! connection.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;

use futures_util::FutureExt as _;

use super::admit::{Via, run_text_on};
use super::state::ClientState;
use super::target::{Executor, Place, Target};
use crate::backend::{Conn, Held};
use crate::dialect::Backend;
use crate::error::Result;

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
    /// Pinned: a transaction neither committed nor rolled back (dropped,
    /// cancelled, failed) never goes back to the pool open.
    conn: Conn,
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
    fn mysql_set(self) -> &'static str {
        match self {
            Isolation::ReadUncommitted => "SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED",
            Isolation::ReadCommitted => "SET TRANSACTION ISOLATION LEVEL READ COMMITTED",
            Isolation::RepeatableRead => "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ",
            Isolation::Serializable => "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
        }
    }

    fn postgres_begin(self) -> &'static str {
        match self {
            Isolation::ReadUncommitted => "BEGIN ISOLATION LEVEL READ UNCOMMITTED",
            Isolation::ReadCommitted => "BEGIN ISOLATION LEVEL READ COMMITTED",
            Isolation::RepeatableRead => "BEGIN ISOLATION LEVEL REPEATABLE READ",
            Isolation::Serializable => "BEGIN ISOLATION LEVEL SERIALIZABLE",
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

/// The future a [`Client::transaction`](crate::Client::transaction) closure returns.
pub type TxFuture<'t, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 't>>;

impl<'a> Executor<'a> for &'a mut Transaction {
    fn into_target(self) -> Target<'a> {
        Target(Place::Tx(&self.state, &mut self.conn))
    }
}

impl Transaction {
    /// Begins a transaction on a connection from the pool of `state`; on
    /// SQLite, first attaches the client's scope and `scopes` to the
    /// connection (SQLite refuses ATTACH inside a transaction). The
    /// isolation level is ignored on SQLite, whose transactions are always
    /// serializable.
    pub(crate) async fn begin(
        state: Arc<ClientState>,
        scopes: &[&str],
        isolation: Option<Isolation>,
    ) -> Result<Transaction> {
        // Pinned from here on: a cancellation at any later await drops it.
        // Its tenant setting is made here, outside the transaction.
        let mut conn = super::session::acquire(&state, Via::Transaction).await?;
        if let Some(timeout) = state.shared.pool.settings.transaction_timeout {
            conn.deadline = Some((std::time::Instant::now() + timeout, timeout));
        }
        for scope in state.scope().into_iter().chain(scopes.iter().copied()) {
            state.shared.pool.attach(&mut conn, scope).await?;
        }
        let begin = match (state.backend(), isolation) {
            (Backend::Postgres, Some(level)) => level.postgres_begin(),
            (Backend::MySql, Some(level)) => {
                // Applies to the next transaction on this connection only:
                // a setting until BEGIN has consumed it.
                conn.hold(Held::Setting);
                run_text_on(&state, Via::Transaction, &mut conn, level.mysql_set()).await?;
                "BEGIN"
            }
            _ => "BEGIN",
        };
        // Held from before BEGIN is sent: it may reach the server.
        conn.hold(Held::Transaction);
        run_text_on(&state, Via::Transaction, &mut conn, begin).await?;
        conn.release(Held::Setting);
        super::session::set_local_tenant(&state, &mut conn, Via::Transaction).await?;
        Ok(Transaction {
            state,
            conn,
            savepoints: 0,
        })
    }

    /// Runs `f` in a transaction begun on `state`'s pool: commits when it
    /// returns `Ok`, rolls back when it returns `Err` or panics (the panic
    /// then continues).
    pub(crate) async fn run<T, F>(
        state: Arc<ClientState>,
        isolation: Option<Isolation>,
        f: F,
    ) -> Result<T>
    where
        T: Send,
        F: for<'t> FnOnce(&'t mut Transaction) -> TxFuture<'t, T> + Send,
    {
        let mut tx = Transaction::begin(state, &[], isolation).await?;
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

    /// Ends the transaction with `end` (`COMMIT` or `ROLLBACK`); the
    /// connection is clean again only once the server confirmed it.
    async fn end(mut self, end: &'static str) -> Result<()> {
        run_text_on(&self.state, Via::Transaction, &mut self.conn, end).await?;
        self.conn.release(Held::Transaction);
        Ok(())
    }

    /// Commits. Should the commit fail or be cancelled, the connection is
    /// rolled back (or closed) before anyone else can use it, as when a
    /// transaction is dropped.
    pub async fn commit(self) -> Result<()> {
        self.end("COMMIT").await
    }

    /// Rolls back. Should the rollback fail or be cancelled, the connection
    /// is rolled back again (or closed) before anyone else can use it.
    pub async fn rollback(self) -> Result<()> {
        self.end("ROLLBACK").await
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
        let stmt = super::session::hand_written(Arc::from(sql), Vec::new())?;
        Ok(self.into_target().execute(stmt).await?.rows_affected)
    }
}
