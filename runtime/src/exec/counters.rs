//! Statement counts by outcome, for a metrics exporter: lock-free, shared by
//! every scope and clone of one client, updated once per statement by
//! [`observe`](super::observe::observe).

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;

use crate::error::Error;

/// Statements run through one pool since it opened, by outcome (see
/// [`Client::statement_counters`](crate::Client::statement_counters)).
///
/// Counts statements that reached the pool or a connection; one refused
/// before anything was sent (too many parameters, an unsupported value) is
/// in none of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatementCounters {
    /// Statements that succeeded.
    pub ok: u64,
    /// Failed on a constraint ([`Error::Constraint`]).
    pub constraint: u64,
    /// Failed on a timeout: no pooled connection in time, a connect
    /// timeout, a statement or lock-wait timeout of the server.
    pub timeout: u64,
    /// Failed on the connection: unreachable server, closed pool, broken
    /// connection.
    pub connection: u64,
    /// Failed otherwise (a syntax error, a decode error, ...).
    pub other: u64,
}

impl StatementCounters {
    /// All failed statements.
    pub fn failed(&self) -> u64 {
        self.constraint + self.timeout + self.connection + self.other
    }
}

/// The live counters behind [`StatementCounters`].
#[derive(Debug, Default)]
pub(crate) struct Outcomes {
    ok: AtomicU64,
    constraint: AtomicU64,
    timeout: AtomicU64,
    connection: AtomicU64,
    other: AtomicU64,
}

impl Outcomes {
    /// Counts one statement's outcome.
    /// Counts one failure.
    pub(crate) fn count_failure(&self, error: &Error) {
        let counter = match kind(error) {
            Kind::Constraint => &self.constraint,
            Kind::Timeout => &self.timeout,
            Kind::Connection => &self.connection,
            Kind::Other => &self.other,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn count<T>(&self, result: &Result<T, Error>) {
        let counter = match result {
            Ok(_) => &self.ok,
            Err(e) => match kind(e) {
                Kind::Constraint => &self.constraint,
                Kind::Timeout => &self.timeout,
                Kind::Connection => &self.connection,
                Kind::Other => &self.other,
            },
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The counts now (each read on its own: a snapshot under load may be
    /// off by the statements finishing meanwhile).
    pub(crate) fn snapshot(&self) -> StatementCounters {
        StatementCounters {
            ok: self.ok.load(Ordering::Relaxed),
            constraint: self.constraint.load(Ordering::Relaxed),
            timeout: self.timeout.load(Ordering::Relaxed),
            connection: self.connection.load(Ordering::Relaxed),
            other: self.other.load(Ordering::Relaxed),
        }
    }
}

enum Kind {
    Constraint,
    Timeout,
    Connection,
    Other,
}

fn kind(e: &Error) -> Kind {
    match e {
        Error::Constraint(_) => Kind::Constraint,
        Error::PoolTimeout
        | Error::ConnectTimeout { .. }
        | Error::StatementTimeout { .. }
        | Error::TransactionTimeout { .. } => Kind::Timeout,
        Error::PoolClosed | Error::Connect { .. } => Kind::Connection,
        Error::Database(sqlx::Error::PoolTimedOut) => Kind::Timeout,
        Error::Database(
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed,
        ) => Kind::Connection,
        Error::Database(sqlx::Error::Database(db)) if server_timeout(db.as_ref()) => Kind::Timeout,
        _ => Kind::Other,
    }
}

/// PostgreSQL's statement timeout (57014) and lock timeout (55P03), MySQL's
/// and MariaDB's lock-wait and execution-time limits.
fn server_timeout(db: &dyn sqlx::error::DatabaseError) -> bool {
    let code = db.code();
    let message = db.message();
    matches!(code.as_deref(), Some("57014" | "55P03"))
        || message.starts_with("Lock wait timeout exceeded")
        || message.contains("maximum statement execution time exceeded")
        || message.contains("Query execution was interrupted (max_statement_time")
}
