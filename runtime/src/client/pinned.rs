//! A pooled connection pinned to one operation, which is never handed to
//! the pool's next user with session state left on it.
//!
//! Work that sets session state on a pooled connection — an open
//! transaction (and with it PostgreSQL's `SET LOCAL search_path` and
//! transaction-scoped advisory locks), MySQL's `USE` and named locks
//! (`GET_LOCK`), SQLite's write lock (`BEGIN IMMEDIATE`), a changed
//! setting — says so with [`Pinned::hold`] *before* sending the statement
//! that sets it, and [`Pinned::release`] once the statement that undoes it
//! has succeeded. Whatever is still held when the `Pinned` drops — its
//! future was dropped (a timeout, a `select!`, an aborted task), a
//! statement failed, a rollback failed — means the connection is not fit
//! for anyone else: it is rolled back (bounded by [`RESET_TIMEOUT`]) and
//! then closed, never returned. The pool opens a replacement on demand.
//!
//! Why close rather than reset and return: a connection whose statement
//! was cancelled mid-flight may still have that statement running on the
//! server, and the full list of what a session can carry (locks, `USE`,
//! settings, temporary tables, prepared statements cached for another
//! database) differs per backend and server version. Closing ends all of it
//! on every backend at once, and costs a reconnect only on the path that
//! went wrong. The ROLLBACK sent first is what makes the release
//! deterministic: the server answers it after it has released the
//! transaction's locks, and the pool permit is held until then (and until
//! the close is sent), so the pool's next user cannot get in first; a bare
//! close would leave the old server session to release its locks some time
//! after the replacement connection is in use.
//!
//! The clean path costs nothing extra: the flags are plain memory writes,
//! and a connection released clean goes back to the pool as before.

use std::ops::{Deref, DerefMut};
use std::time::Duration;

use sqlx::pool::PoolConnection;

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
    /// A session setting was changed (e.g. SQLite's `busy_timeout`).
    Setting = 8,
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
    conn: Option<PoolConnection<DB>>,
    held: u8,
}

impl<DB: Discard> Pinned<DB>
where
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
{
    /// Pins a connection that holds nothing yet.
    pub(crate) fn new(conn: PoolConnection<DB>) -> Self {
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

    /// Records `state` as no longer held; call after the statement that
    /// undoes it succeeded.
    pub(crate) fn release(&mut self, state: Held) {
        self.held &= !(state as u8);
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
        tracing::debug!(target: "entkit", held = self.held, "discarding a pooled connection left with session state");
        // Set first: should the reset task never run (runtime shutting
        // down), dropping the connection still closes it.
        conn.close_on_drop();
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        runtime.spawn(async move {
            let reset = async {
                for sql in DB::RESET {
                    let _ = sqlx::Executor::execute(
                        &mut *conn,
                        sqlx::raw_sql(sqlx::AssertSqlSafe(*sql)),
                    )
                    .await;
                }
            };
            let _ = tokio::time::timeout(RESET_TIMEOUT, reset).await;
            drop(conn); // closed, not returned: close_on_drop
        });
    }
}
