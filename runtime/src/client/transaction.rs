//! Transactions begun from a client: explicit, as a closure, and retried.

use super::Client;
use crate::error::Result;
use crate::exec::{Isolation, Transaction, TxFuture};

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

impl Client {
    /// Begins a transaction on a connection from the pool.
    pub async fn begin(&self) -> Result<Transaction> {
        Transaction::begin(self.state.clone(), &[], None).await
    }

    /// Begins a transaction; on SQLite, first attaches the client's scope
    /// and `scopes` to the connection (SQLite refuses ATTACH inside a
    /// transaction).
    pub(crate) async fn begin_attached(&self, scopes: &[&str]) -> Result<Transaction> {
        Transaction::begin(self.state.clone(), scopes, None).await
    }

    /// Begins a transaction at an isolation level (ignored on SQLite, whose
    /// transactions are always serializable).
    pub async fn begin_with(&self, isolation: Isolation) -> Result<Transaction> {
        Transaction::begin(self.state.clone(), &[], Some(isolation)).await
    }

    /// Runs `f` in a transaction like [`transaction`](Self::transaction),
    /// and runs it again, after a growing jittered delay, when it fails
    /// with a serialization failure, a deadlock or a busy database (see
    /// [`Error::is_retryable`](crate::Error::is_retryable)), up to
    /// `policy.attempts` times in all.
    pub async fn transaction_with_retry<T, F>(&self, policy: RetryPolicy, f: F) -> Result<T>
    where
        T: Send,
        F: for<'t> Fn(&'t mut Transaction) -> TxFuture<'t, T> + Send + Sync,
    {
        let mut delay = policy.base_delay;
        let mut attempt = 1;
        loop {
            let outcome = Transaction::run(self.state.clone(), policy.isolation, |tx| f(tx)).await;
            match outcome {
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
        Transaction::run(self.state.clone(), None, f).await
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
