//! A pooled connection pinned to one operation, which is never handed to
//! the pool's next user with session state left on it.
//!
//! Work that sets session state on a pooled connection — an open
//! transaction (and with it PostgreSQL's `SET LOCAL search_path` and
//! transaction-scoped advisory locks), MySQL's `USE` and named locks
//! (`GET_LOCK`), SQLite's write lock (`BEGIN IMMEDIATE`), a changed
//! setting — says so with [`Pinned::hold`] *before* sending the statement
//! that sets it, and [`Pinned::release`] once the statement that undoes it
//! has succeeded. A statement run on the pinned connection is held as
//! [`Held::Statement`] while it is in flight. Whatever is still held when
//! the `Pinned` drops — its future was dropped (a timeout, a `select!`, an
//! aborted task), a statement failed, a rollback failed, a transaction was
//! dropped uncommitted — means the connection is not fit for anyone else
//! as it is. On drop, in a task that keeps the connection (and with it the
//! pool permit, so the pool's next user waits for the outcome):
//!
//! - only a transaction held, no statement cut off mid-flight (the usual
//!   `?` out of a transaction): `ROLLBACK`, and the connection goes back to
//!   the pool once the server confirmed it — the same single round trip
//!   sqlx's own transaction spent on drop, now awaited before reuse;
//! - only a statement cut off mid-flight, outside a transaction: closed at
//!   once (nothing to roll back, and sqlx-mysql cannot always read past a
//!   cut-off answer safely);
//! - anything else (a statement cancelled mid-flight, `USE`, a named lock,
//!   a setting, or a rollback that failed): best-effort `ROLLBACK` (and
//!   `DO RELEASE_ALL_LOCKS()` on MySQL), bounded by [`RESET_TIMEOUT`], then
//!   the connection is closed, never returned; the pool opens a replacement.
//!
//! Why close rather than reset in the second case: a connection whose
//! statement was cancelled mid-flight may still have that statement running
//! on the server and answers queued on the wire, and the full list of what
//! a session can carry (locks, `USE`, settings, temporary tables, prepared
//! statements cached against another database) differs per backend and
//! server version. Closing ends all of it on every backend, and costs a
//! reconnect only on the path that went wrong. The rollback sent before
//! closing is what makes the release deterministic: the server answers it
//! after releasing the transaction's locks, and the pool permit is held
//! until then, whereas a bare close lets the old server session release
//! its locks some time after the replacement connection is in use. Where
//! the rollback itself fails (sqlx-mysql cannot always read past an answer
//! cut off mid-flight), only the close is left, and the server releases
//! the session's locks as it ends that session, a moment later.
//!
//! The clean path costs nothing extra: the flags are plain memory writes,
//! and a connection released clean goes straight back to the idle list
//! (see `connections`), with no ping and no task.

use std::ops::{Deref, DerefMut};
use std::time::Duration;

use super::connections::{Lent, Session};

/// How long a discarded connection is given to roll back before it is
/// closed regardless (a cancelled statement may still be running).
pub(crate) const RESET_TIMEOUT: Duration = Duration::from_secs(2);

/// Session state an operation set on its connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    /// A transaction is open (or its `BEGIN` may have reached the server),
    /// with whatever is scoped to it: `SET LOCAL`, transaction locks.
    Transaction = 1,
    /// The connection's current database/schema was changed (`USE`).
    Scope = 2,
    /// A session-level lock (MySQL `GET_LOCK`).
    Lock = 4,
    /// A session setting was changed (e.g. SQLite's `busy_timeout`, or
    /// MySQL's isolation level for the next transaction).
    Setting = 8,
    /// A statement was sent and its answer not read yet.
    Statement = 16,
}

/// A backend whose connections [`Pinned`] can roll back before closing.
pub(crate) trait Discard: sqlx::Database {
    /// Statements that drop what a session may hold, run one by one with
    /// errors ignored, before the connection is closed.
    const RESET: &'static [&'static str];
}

#[cfg(feature = "postgres")]
impl Discard for sqlx::Postgres {
    // A ROLLBACK ends SET LOCAL and the transaction's advisory locks.
    const RESET: &'static [&'static str] = &["ROLLBACK"];
}

#[cfg(feature = "mysql")]
impl Discard for sqlx::MySql {
    const RESET: &'static [&'static str] = &["ROLLBACK", "DO RELEASE_ALL_LOCKS()"];
}

#[cfg(feature = "sqlite")]
impl Discard for sqlx::Sqlite {
    const RESET: &'static [&'static str] = &["ROLLBACK"];
}

/// A pooled connection that knows what session state it holds; see the
/// module docs.
pub(crate) struct Pinned<DB: Discard>
where
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
{
    conn: Option<Lent<DB::Connection>>,
    held: u8,
}

impl<DB: Discard> Pinned<DB>
where
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
{
    /// Pins a connection that holds nothing yet.
    pub(crate) fn new(conn: Lent<DB::Connection>) -> Self {
        Pinned {
            conn: Some(conn),
            held: 0,
        }
    }

    /// Records `state` as held; call before sending the statement that sets
    /// it, so that a cancellation while it is in flight counts.
    pub(crate) fn hold(&mut self, state: Held) {
        self.held |= state as u8;
    }

    /// Records `state` as held or not: [`hold`](Self::hold) or
    /// [`release`](Self::release).
    pub(crate) fn set(&mut self, state: Held, held: bool) {
        if held {
            self.hold(state);
        } else {
            self.release(state);
        }
    }

    /// Records `state` as no longer held; call after the statement that
    /// undoes it succeeded.
    pub(crate) fn release(&mut self, state: Held) {
        self.held &= !(state as u8);
    }

    /// Whether `state` is held.
    pub(crate) fn holds(&self, state: Held) -> bool {
        self.held & state as u8 != 0
    }

    /// What entkit knows of the session on this connection.
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    pub(crate) fn session_mut(&mut self) -> &mut Session {
        self.lent().session_mut()
    }

    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    fn lent(&mut self) -> &mut Lent<DB::Connection> {
        self.conn
            .as_mut()
            .expect("pinned connection present until drop")
    }
}

impl<DB: Discard> Deref for Pinned<DB>
where
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
{
    type Target = DB::Connection;

    fn deref(&self) -> &DB::Connection {
        self.conn
            .as_ref()
            .expect("pinned connection present until drop")
    }
}

impl<DB: Discard> DerefMut for Pinned<DB>
where
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
{
    fn deref_mut(&mut self) -> &mut DB::Connection {
        self.conn
            .as_mut()
            .expect("pinned connection present until drop")
    }
}

impl<DB: Discard> Drop for Pinned<DB>
where
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
{
    fn drop(&mut self) {
        let Some(mut conn) = self.conn.take() else {
            return;
        };
        if self.held == 0 {
            return; // back to the pool, as any pooled connection
        }
        let held = self.held;
        if held == Held::Statement as u8 {
            // A statement cut off outside any transaction: nothing to roll
            // back, and its answer may be half read. Closed.
            conn.close_on_drop();
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            conn.close_on_drop(); // no runtime to roll back on
            return;
        };
        tracing::debug!(target: "entkit", held, "resetting a pooled connection left with session state");
        // Closed unless the rollback below is confirmed, also if the task
        // never finishes (a runtime shutting down drops it).
        conn.close_on_drop();
        runtime.spawn(async move {
            if held == Held::Transaction as u8 {
                let rollback = sqlx::Executor::execute(
                    &mut *conn,
                    sqlx::raw_sql(sqlx::AssertSqlSafe("ROLLBACK")),
                );
                if let Ok(Ok(_)) = tokio::time::timeout(RESET_TIMEOUT, rollback).await {
                    conn.return_on_drop(); // rolled back: back to the pool
                }
            } else {
                let reset = async {
                    for sql in DB::RESET {
                        let sent = sqlx::raw_sql(sqlx::AssertSqlSafe(*sql));
                        // An error here is mostly a connection out of step
                        // after a cut-off statement (sqlx-mysql reads the
                        // old answer as ROLLBACK's): nothing more will work.
                        if sqlx::Executor::execute(&mut *conn, sent).await.is_err() {
                            break;
                        }
                    }
                };
                // Closed whatever the outcome.
                let _ = tokio::time::timeout(RESET_TIMEOUT, reset).await;
            }
        });
    }
}
