//! Observing a statement's run: a `tracing` span with its outcome, a
//! warning when it was slow, a count by outcome. Every admitted statement that reaches a
//! connection runs inside [`observe`].

use std::future::Future;
use std::time::{Duration, Instant};

use tracing::Instrument as _;
use tracing::field::Empty;

use super::state::ClientState;
use super::via::Via;
use crate::dialect::Backend;
use crate::error::Result;

/// Runs `run` (one statement on a connection) inside an `entkit::sql` span
/// carrying the SQL text, scope, backend, target, rows and duration in µs
/// (never bind values), and warns when it took longer than the client's
/// slow-statement threshold. `rows` reads the row count off the outcome.
///
/// Cheap when tracing is off: the span is then disabled (no allocation,
/// no field formatting) and only a clock read remains.
///
/// A plain function returning a future, not an `async fn`, so that `run`
/// is kept once (an `async fn` holds its argument and the awaited future
/// as two copies).
pub(crate) fn observe<'a, T, F>(
    state: &'a ClientState,
    sql: &'a str,
    via: Via,
    rows: fn(&T) -> u64,
    run: F,
) -> impl Future<Output = Result<T>> + use<'a, T, F>
where
    F: Future<Output = Result<T>>,
{
    use futures_util::FutureExt as _;
    let span = tracing::debug_span!(
        target: "entkit::sql",
        "statement",
        sql,
        scope = state.scope(),
        backend = label(state.backend()),
        via = via.name(),
        rows = Empty,
        duration_us = Empty,
    );
    let started = Instant::now();
    run.instrument(span.clone()).map(move |result| {
        let elapsed = started.elapsed();
        state.shared.outcomes.count(&result);
        let duration_us = micros(elapsed);
        if !span.is_disabled() {
            if let Ok(done) = &result {
                span.record("rows", rows(done));
            }
            span.record("duration_us", duration_us);
        }
        warn_if_slow(state, sql, via, elapsed, None);
        result
    })
}

/// Observes a row stream from the pool, which has no single future to
/// wrap: its span opens as the statement is sent and closes when the stream
/// ends, with the rows read and the time taken; the stream counts once, by
/// its first error or as a success, and warns when slow.
pub(crate) struct StreamObserver {
    span: tracing::Span,
    started: Instant,
    rows: u64,
    failed: bool,
}

impl StreamObserver {
    pub(crate) fn start(state: &ClientState, sql: &str, via: Via) -> Self {
        StreamObserver {
            span: tracing::debug_span!(
                target: "entkit::sql",
                "stream",
                sql,
                scope = state.scope(),
                backend = label(state.backend()),
                via = via.name(),
                rows = Empty,
                duration_us = Empty,
            ),
            started: Instant::now(),
            rows: 0,
            failed: false,
        }
    }

    /// The span, to run the stream's reads in.
    pub(crate) fn span(&self) -> &tracing::Span {
        &self.span
    }

    /// One row was read.
    pub(crate) fn row(&mut self) {
        self.rows += 1;
    }

    /// The stream yielded `error`: the stream counts as failed, by the
    /// kind of its first error.
    pub(crate) fn failed(&mut self, state: &ClientState, error: &crate::Error) {
        if !self.failed {
            self.failed = true;
            state.shared.outcomes.count_failure(error);
        }
    }

    /// The stream ended: read to its end, left by its reader, or failed.
    pub(crate) fn finish(self, state: &ClientState, sql: &str, via: Via) {
        let elapsed = self.started.elapsed();
        if !self.failed {
            state.shared.outcomes.count(&Ok::<(), crate::Error>(()));
        }
        let duration_us = micros(elapsed);
        if !self.span.is_disabled() {
            self.span.record("rows", self.rows);
            self.span.record("duration_us", duration_us);
        }
        warn_if_slow(state, sql, via, elapsed, Some(self.rows));
    }
}

/// The slow-statement warning: a statement (or, with `stream_rows`, a
/// stream) that took longer than the client's threshold.
fn warn_if_slow(
    state: &ClientState,
    sql: &str,
    via: Via,
    elapsed: Duration,
    stream_rows: Option<u64>,
) {
    if state
        .shared
        .slow_statement_threshold
        .is_none_or(|threshold| elapsed <= threshold)
    {
        return;
    }
    let (scope, backend, via, duration_us) = (
        state.scope(),
        label(state.backend()),
        via.name(),
        micros(elapsed),
    );
    match stream_rows {
        None => {
            tracing::warn!(target: "entkit::sql", sql, scope, backend, via, duration_us, "slow statement")
        }
        Some(rows) => {
            tracing::warn!(target: "entkit::sql", sql, scope, backend, via, rows, duration_us, "slow stream")
        }
    }
}

/// The backend as a short, stable label for log and metrics filters.
fn label(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => "postgres",
        Backend::MySql => "mysql",
        Backend::Sqlite => "sqlite",
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}
