//! Statement and transaction timeouts: how long a statement may run, and a
//! transaction last, before the client gives up on it with a typed error
//! that says which ran out.
//!
//! A statement is bounded by the client's statement timeout and, inside a
//! transaction with a timeout, by what is left of the transaction's time;
//! the nearer of the two ends it. On PostgreSQL the server enforces the
//! statement timeout itself (a startup parameter, see `backend::postgres`),
//! cancelling the statement and keeping the connection; the client's own
//! bound then waits a moment longer, as a backstop for a server that does
//! not answer at all. Elsewhere the client's bound is the only one: the
//! statement's future is dropped, and its connection, holding a statement
//! in flight, is closed rather than reused (see `backend::pinned`).
//!
//! Transaction control that ends a transaction (`ROLLBACK`) is never
//! bounded: it is how a transaction that ran out is cleaned up. Migration
//! steps are not bounded either; DDL on a large table may take long.
//! Without timeouts configured nothing here reads the clock.

use std::future::Future;
use std::time::{Duration, Instant};

use super::state::ClientState;
use super::via::Via;
use crate::backend::{Conn, CutShort};
use crate::error::{Error, Result};

/// How much longer than the statement timeout the client waits where the
/// server enforces the timeout itself, so that the server's cancellation
/// (which keeps the connection) comes first.
const SERVER_GRACE: Duration = Duration::from_secs(1);

/// The end a statement must keep to, and which timeout sets it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limit {
    at: Instant,
    cut: CutShort,
}

/// The limit for a statement of `state` going `via`, on a connection with
/// the transaction deadline `deadline`; an error when that deadline passed.
pub(crate) fn limit(
    state: &ClientState,
    via: Via,
    deadline: Option<(Instant, Duration)>,
) -> Result<Option<Limit>> {
    let statement = state.shared.pool.settings.statement_timeout;
    if via == Via::Migration || (statement.is_none() && deadline.is_none()) {
        return Ok(None);
    }
    let now = Instant::now();
    let transaction = match deadline {
        Some((at, timeout)) if now >= at => return Err(Error::TransactionTimeout { timeout }),
        Some((at, timeout)) => Some(Limit {
            at,
            cut: CutShort::Transaction(timeout),
        }),
        None => None,
    };
    let statement = statement.map(|timeout| {
        // The server enforces it on PostgreSQL, unless a transaction
        // pooler keeps the startup parameter from reaching it.
        let server_enforced = state.backend() == crate::Backend::Postgres
            && !state.shared.pool.settings.transaction_pooler;
        let grace = if server_enforced {
            SERVER_GRACE
        } else {
            Duration::ZERO
        };
        Limit {
            at: now + timeout + grace,
            cut: CutShort::Statement(timeout),
        }
    });
    Ok(match (statement, transaction) {
        (Some(s), Some(t)) => Some(if s.at <= t.at { s } else { t }),
        (s, t) => s.or(t),
    })
}

/// Runs `work` within `limit`; a statement the server cancelled for its
/// own statement timeout reports the same error as one the client gave up
/// on.
///
/// A plain function returning a future, not an `async fn`: an `async fn`
/// keeps its argument and the future it awaits as two copies of `work`,
/// and every statement's future carries this one.
pub(crate) fn within<T, F>(
    state: &ClientState,
    limit: Option<Limit>,
    work: F,
) -> impl Future<Output = Result<T>> + use<T, F>
where
    F: Future<Output = Result<T>>,
{
    use futures_util::FutureExt as _;
    use futures_util::future::Either;
    let server_timeout = state.shared.pool.settings.statement_timeout;
    let timed = match limit {
        None => Either::Left(work.map(Ok)),
        Some(limit) => Either::Right(tokio::time::timeout_at(limit.at.into(), work)),
    };
    timed.map(move |outcome| match outcome {
        Err(_elapsed) => Err(error(
            limit.map_or(CutShort::Statement(Duration::ZERO), |l| l.cut),
        )),
        Ok(outcome) => outcome.map_err(|e| match server_timeout {
            Some(timeout) if cancelled_by_server_timeout(&e) => Error::StatementTimeout { timeout },
            _ => e,
        }),
    })
}

/// The limit for a statement of the operation pinned to `conn` (a
/// transaction's, a migration's): refused with what cut the operation
/// short, if something did. A statement that ends the operation
/// (`ROLLBACK`) has no limit and is never refused.
pub(crate) fn operation_limit(
    state: &ClientState,
    via: Via,
    conn: &Conn,
    ends_operation: bool,
) -> Result<Option<Limit>> {
    if ends_operation {
        return Ok(None);
    }
    if let Some(cut) = conn.cut_short {
        return Err(error(cut));
    }
    limit(state, via, conn.deadline)
}

/// Records on `conn` that its operation was cut short, when `outcome` is
/// the timeout of `limit`: the operation's later statements are refused.
pub(crate) fn note_outcome<T>(conn: &mut Conn, limit: Option<Limit>, outcome: &Result<T>) {
    if let (Err(Error::StatementTimeout { .. } | Error::TransactionTimeout { .. }), Some(limit)) =
        (outcome, limit)
    {
        conn.cut_short = Some(limit.cut);
    }
}

fn error(cut: CutShort) -> Error {
    match cut {
        CutShort::Statement(timeout) => Error::StatementTimeout { timeout },
        CutShort::Transaction(timeout) => Error::TransactionTimeout { timeout },
    }
}

/// PostgreSQL's cancellation for `statement_timeout` (SQLSTATE 57014 with
/// that reason; the same code also means a user's cancel request).
fn cancelled_by_server_timeout(err: &Error) -> bool {
    match err {
        Error::Database(sqlx::Error::Database(db)) => {
            db.code().as_deref() == Some("57014") && db.message().contains("statement timeout")
        }
        _ => false,
    }
}
