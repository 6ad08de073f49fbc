//! Observing a statement's run: a `tracing` span with its outcome, a
//! warning when it was slow, a count by outcome. Every admitted statement that reaches a
//! connection runs inside [`observe`].

use std::future::Future;
use std::time::{Duration, Instant};

use tracing::Instrument as _;
use tracing::field::Empty;

use super::admit::Via;
use super::state::ClientState;
use crate::dialect::Backend;
use crate::error::Result;

/// Runs `run` (one statement on a connection) inside an `entkit::sql` span
/// carrying the SQL text, scope, backend, target, rows and duration in µs
/// (never bind values), and warns when it took longer than the client's
/// slow-statement threshold. `rows` reads the row count off the outcome.
///
/// Cheap when tracing is off: the span is then disabled (no allocation,
/// no field formatting) and only a clock read remains.
pub(crate) async fn observe<T, F>(
    state: &ClientState,
    sql: &str,
    via: Via,
    rows: fn(&T) -> u64,
    run: F,
) -> Result<T>
where
    F: Future<Output = Result<T>>,
{
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
    let result = run.instrument(span.clone()).await;
    let elapsed = started.elapsed();
    state.shared.outcomes.count(&result);
    let duration_us = micros(elapsed);
    if !span.is_disabled() {
        if let Ok(done) = &result {
            span.record("rows", rows(done));
        }
        span.record("duration_us", duration_us);
    }
    if state
        .shared
        .slow_statement_threshold
        .is_some_and(|threshold| elapsed > threshold)
    {
        tracing::warn!(
            target: "entkit::sql",
            sql,
            scope = state.scope(),
            backend = label(state.backend()),
            via = via.name(),
            duration_us,
            "slow statement"
        );
    }
    result
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
