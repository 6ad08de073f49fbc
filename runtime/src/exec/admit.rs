//! Admitting a statement: the one step every statement takes before it is
//! sent (see the module docs of `crate::exec`).

use std::sync::atomic::Ordering;

use super::deadline;
use super::observe::observe;
use super::state::ClientState;
pub(crate) use super::via::Via;
use crate::backend::{Conn, Done, Held, RowSink, limits};
use crate::error::{Error, Result};
use crate::sql::Statement;

/// Admits one statement of a client in `state` (its scope, and later its
/// tenant) going `via` a pool, transaction or migration: refuses what its
/// backend cannot take before anything is sent, then counts and traces it.
pub(crate) fn admit(state: &ClientState, stmt: &Statement, via: Via) -> Result<()> {
    let backend = state.backend();
    let limit = backend.max_binds();
    if stmt.binds.len() > limit {
        return Err(Error::TooManyParameters {
            count: stmt.binds.len(),
            limit,
            backend: backend.name(),
        });
    }
    limits::check_statement(backend, stmt)?;
    note(state, &stmt.sql, stmt.binds.len(), via);
    Ok(())
}

/// Counts and traces a statement that [`admit`] has let through, or trusted
/// text that needs no checks (transaction control).
fn note(state: &ClientState, sql: &str, binds: usize, via: Via) {
    state.shared.statements.fetch_add(1, Ordering::Relaxed);
    tracing::debug!(target: "entkit::sql", sql, binds, scope = state.scope(), via = via.name());
}

/// Admits `stmt` and runs it on a connection the caller holds (a
/// transaction's or a migration step's).
pub(crate) async fn run_on(
    state: &ClientState,
    via: Via,
    conn: &mut Conn,
    stmt: Statement,
    sink: RowSink<'_>,
) -> Result<Done> {
    let limit = deadline::operation_limit(state, via, conn, false)?;
    admit(state, &stmt, via)?;
    let sql = stmt.sql.clone();
    let outcome = observe(
        state,
        &sql,
        via,
        rows,
        deadline::within(state, limit, conn.run(stmt, sink)),
    )
    .await;
    deadline::note_outcome(conn, limit, &outcome);
    outcome
}

/// The row count a statement's outcome carries.
pub(super) fn rows(done: &Done) -> u64 {
    done.rows_affected
}

/// Runs trusted text (transaction control, session commands) over the
/// simple protocol on a connection the caller holds, counted and traced
/// like every statement.
pub(crate) async fn run_text_on(
    state: &ClientState,
    via: Via,
    conn: &mut Conn,
    sql: &str,
) -> Result<u64> {
    // Ending a transaction is never refused nor bounded: it is how one
    // that ran out is cleaned up.
    let ends = matches!(sql, "ROLLBACK");
    if ends && conn.cut_short.is_some() && conn.holds(Held::Statement) {
        // A statement of this transaction was given up on mid-flight and
        // may still run (SQLite cannot be interrupted): a ROLLBACK would
        // wait for it. The connection is closed instead as it drops, which
        // ends the transaction without committing it.
        return Ok(0);
    }
    let limit = deadline::operation_limit(state, via, conn, ends)?;
    note(state, sql, 0, via);
    let outcome = observe(
        state,
        sql,
        via,
        |n| *n,
        deadline::within(state, limit, conn.run_text(sql)),
    )
    .await;
    deadline::note_outcome(conn, limit, &outcome);
    outcome
}
