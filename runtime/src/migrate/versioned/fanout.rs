//! One migration set applied to many scopes (schema per tenant).

use futures_util::StreamExt as _;

use super::Migrator;
use crate::client::Client;

/// How one scope fared.
#[derive(Debug)]
pub struct ScopeOutcome {
    /// The scope.
    pub scope: String,
    /// The versions applied there, or why it failed.
    pub result: crate::Result<Vec<i64>>,
}

/// What a fan-out did, scope by scope.
#[derive(Debug, Default)]
pub struct FanOutReport {
    /// Every scope, in the order given.
    pub outcomes: Vec<ScopeOutcome>,
}

impl FanOutReport {
    /// The scopes that failed, with their errors.
    pub fn failed(&self) -> impl Iterator<Item = &ScopeOutcome> {
        self.outcomes.iter().filter(|o| o.result.is_err())
    }

    /// Whether every scope succeeded.
    pub fn all_succeeded(&self) -> bool {
        self.failed().next().is_none()
    }
}

impl Migrator {
    /// Applies the pending migrations to every scope, at most `concurrency`
    /// scopes at a time. A failure in one scope does not stop the others;
    /// each scope has its own history, so running again resumes where each
    /// stopped. `progress(done, total)` is called as scopes finish.
    pub async fn up_many(
        &self,
        client: &Client,
        scopes: &[&str],
        concurrency: usize,
        progress: impl Fn(usize, usize) + Send + Sync,
    ) -> FanOutReport {
        let total = scopes.len();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let (done, progress) = (&done, &progress);
        // Futures collected first: a stream of closures returning async
        // blocks would make the whole future !Send.
        let runs: Vec<_> = scopes
            .iter()
            .enumerate()
            .map(|(i, scope)| async move {
                let result = match client.scope(scope) {
                    Ok(scoped) => self.up(&scoped, None).await,
                    Err(e) => Err(e),
                };
                let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                progress(finished, total);
                (
                    i,
                    ScopeOutcome {
                        scope: (*scope).to_owned(),
                        result,
                    },
                )
            })
            .collect();
        let mut outcomes: Vec<(usize, ScopeOutcome)> = futures_util::stream::iter(runs)
            .buffer_unordered(concurrency.max(1))
            .collect()
            .await;
        outcomes.sort_by_key(|(i, _)| *i);
        FanOutReport {
            outcomes: outcomes.into_iter().map(|(_, o)| o).collect(),
        }
    }
}
