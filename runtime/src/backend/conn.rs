//! One connection, pinned to one operation, and everything a statement
//! needs from it: running, streaming, session commands, SQLite scopes.
//!
//! Every method here is non-generic over the entity (rows reach the caller
//! through a [`RowSink`]), so the code that talks to sqlx is compiled once,
//! in this crate, and not again in every crate that uses an entity.

use futures_util::{StreamExt as _, TryStreamExt as _};
use sqlx::AssertSqlSafe;

use super::connections::Session;
use super::driver::{Driver, map_error};
use super::pinned::{Held, Pinned};
use super::row::RowRef;
#[cfg(feature = "sqlite")]
use super::sqlite::SqliteBase;
use crate::dialect::Backend;
use crate::error::{Error, Result};
use crate::sql::Statement;

/// What a statement without rows reports.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Done {
    pub rows_affected: u64,
    pub last_insert_id: Option<i64>,
}

/// What takes each row of a statement, borrowed from the driver.
pub(crate) type EachRow<'s> = dyn FnMut(RowRef<'_>) -> Result<()> + Send + 's;

/// Where the rows of a statement go, one at a time.
pub(crate) struct RowSink<'s> {
    each: Option<&'s mut EachRow<'s>>,
    /// Only the first row is wanted. The rest are still read: a statement
    /// is always run to its end (an `INSERT ... RETURNING` on SQLite whose
    /// reader stopped after the first row left no row behind).
    first_only: bool,
}

impl<'s> RowSink<'s> {
    /// Rows are not wanted (a write without `RETURNING`).
    pub(crate) fn none<'any>() -> RowSink<'any> {
        RowSink {
            each: None,
            first_only: false,
        }
    }

    /// Every row goes to `each`.
    pub(crate) fn all(each: &'s mut EachRow<'s>) -> Self {
        RowSink {
            each: Some(each),
            first_only: false,
        }
    }

    /// The first row goes to `each`; the rest are read and dropped.
    pub(crate) fn first(each: &'s mut EachRow<'s>) -> Self {
        RowSink {
            each: Some(each),
            first_only: true,
        }
    }

    /// Hands `row` to the sink's taker, if rows are wanted.
    pub(crate) fn take(&mut self, row: RowRef<'_>) -> Result<()> {
        match self.each.as_deref_mut() {
            Some(each) => each(row),
            None => Ok(()),
        }
    }

    /// What the sink wants, for a sink that watches rows on their way here.
    pub(crate) fn wants(&self) -> Wants {
        Wants {
            rows: self.each.is_some(),
            first_only: self.first_only,
        }
    }

    /// A sink that hands rows to `each`, wanting what `wants` says (every
    /// row, the first, or none).
    pub(crate) fn watched<'w>(wants: Wants, each: &'w mut EachRow<'w>) -> RowSink<'w> {
        RowSink {
            each: wants.rows.then_some(each),
            first_only: wants.first_only,
        }
    }

    pub(crate) fn reborrow(&mut self) -> RowSink<'_> {
        RowSink {
            each: self.each.as_deref_mut().map(|f| f as _),
            first_only: self.first_only,
        }
    }
}

/// What a [`RowSink`] wants: rows or none, and every row or the first.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wants {
    rows: bool,
    first_only: bool,
}

/// A stream of decoded rows.
pub(crate) type RowStream<'a, T> = futures_util::stream::BoxStream<'a, Result<T>>;

/// The driver connection behind a [`Conn`].
pub(crate) enum Link {
    #[cfg(feature = "postgres")]
    Postgres(Pinned<sqlx::Postgres>),
    #[cfg(feature = "mysql")]
    MySql(Pinned<sqlx::MySql>),
    #[cfg(feature = "sqlite")]
    Sqlite(Pinned<sqlx::Sqlite>),
    /// A connection of its own to one SQLite scope's file (a migration of
    /// that scope); closed when done, never pooled.
    #[cfg(feature = "sqlite")]
    SqliteFile(Box<sqlx::SqliteConnection>),
}

/// Runs `$body` with `$c` bound to the `&mut <Backend>Connection` of a
/// link, and `$db` to its sqlx database type.
macro_rules! on_link {
    ($link:expr, $c:ident, $db:ident => $body:expr) => {
        match $link {
            #[cfg(feature = "postgres")]
            Link::Postgres(pinned) => {
                type $db = sqlx::Postgres;
                let $c = &mut **pinned;
                $body
            }
            #[cfg(feature = "mysql")]
            Link::MySql(pinned) => {
                type $db = sqlx::MySql;
                let $c = &mut **pinned;
                $body
            }
            #[cfg(feature = "sqlite")]
            Link::Sqlite(pinned) => {
                type $db = sqlx::Sqlite;
                let $c = &mut **pinned;
                $body
            }
            #[cfg(feature = "sqlite")]
            Link::SqliteFile(conn) => {
                type $db = sqlx::Sqlite;
                let $c = &mut **conn;
                $body
            }
        }
    };
}

/// A connection pinned to one operation: see `backend::pinned` for how it
/// goes back to the pool.
pub(crate) struct Conn {
    link: Link,
    /// The deadline of the operation the connection is pinned to (a
    /// transaction with a timeout), and the timeout it came from.
    pub(crate) deadline: Option<(std::time::Instant, std::time::Duration)>,
    /// What cut the operation short (a timeout): every later statement of
    /// the operation is refused with it, as its connection is out of step.
    pub(crate) cut_short: Option<CutShort>,
    /// The server session may change between transactions (a pooler in
    /// transaction mode sits between): statements are not prepared under a
    /// name, and nothing is known of the session (see `session`).
    pub(crate) pooled_sessions: bool,
}

/// What cut an operation short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CutShort {
    /// A statement ran past the client's statement timeout.
    Statement(std::time::Duration),
    /// The transaction ran past the client's transaction timeout.
    Transaction(std::time::Duration),
}

impl From<Link> for Conn {
    fn from(link: Link) -> Self {
        Conn {
            link,
            deadline: None,
            cut_short: None,
            pooled_sessions: false,
        }
    }
}

impl Conn {
    pub(crate) fn backend(&self) -> Backend {
        match &self.link {
            #[cfg(feature = "postgres")]
            Link::Postgres(_) => Backend::Postgres,
            #[cfg(feature = "mysql")]
            Link::MySql(_) => Backend::MySql,
            #[cfg(feature = "sqlite")]
            Link::Sqlite(_) | Link::SqliteFile(_) => Backend::Sqlite,
        }
    }

    /// Records session state as held or not (see [`Pinned::hold`]). A
    /// connection of its own is closed after use, so it records nothing.
    pub(crate) fn set(&mut self, state: Held, held: bool) {
        match &mut self.link {
            #[cfg(feature = "postgres")]
            Link::Postgres(p) => p.set(state, held),
            #[cfg(feature = "mysql")]
            Link::MySql(p) => p.set(state, held),
            #[cfg(feature = "sqlite")]
            Link::Sqlite(p) => p.set(state, held),
            #[cfg(feature = "sqlite")]
            Link::SqliteFile(_) => {}
        }
    }

    /// [`set`](Self::set) to held: call before the statement that sets it.
    pub(crate) fn hold(&mut self, state: Held) {
        self.set(state, true);
    }

    /// [`set`](Self::set) to released: call once the statement that undoes
    /// it succeeded.
    pub(crate) fn release(&mut self, state: Held) {
        self.set(state, false);
    }

    /// What entkit knows of the session on a pooled PostgreSQL connection,
    /// the one backend whose sessions carry a tenant setting; `None` for
    /// the others.
    pub(crate) fn session(&mut self) -> Option<&mut Session> {
        if self.pooled_sessions {
            return None;
        }
        match &mut self.link {
            #[cfg(feature = "postgres")]
            Link::Postgres(p) => Some(p.session_mut()),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// Whether `state` is held.
    pub(crate) fn holds(&self, state: Held) -> bool {
        match &self.link {
            #[cfg(feature = "postgres")]
            Link::Postgres(p) => p.holds(state),
            #[cfg(feature = "mysql")]
            Link::MySql(p) => p.holds(state),
            #[cfg(feature = "sqlite")]
            Link::Sqlite(p) => p.holds(state),
            #[cfg(feature = "sqlite")]
            Link::SqliteFile(_) => false,
        }
    }

    /// Runs one statement, handing its rows to `sink`. The statement is in
    /// flight (held) until its answer is read.
    pub(crate) async fn run(&mut self, stmt: Statement, sink: RowSink<'_>) -> Result<Done> {
        // MySQL resolves a prepared statement's tables in the database that
        // was current when it was prepared: after `USE`, a cached one would
        // keep reading the previous database.
        // Behind a transaction pooler a named statement prepared on one
        // server session is unknown (or another one) on the next.
        let persistent = !self.holds(Held::Scope) && !self.pooled_sessions;
        self.hold(Held::Statement);
        let done = on_link!(&mut self.link, c, DB => run_on::<DB>(c, stmt, persistent, sink).await);
        self.settle(&done);
        done
    }

    /// Ends a statement's hold unless its failure leaves the connection
    /// unfit: one the server answered with an error is in step (and a
    /// statement refused before sending sent nothing), but a broken
    /// connection (I/O, protocol) or a reading stopped part-way (a row that
    /// failed to decode) keeps the hold, so the connection is closed rather
    /// than handed to the pool's next user.
    fn settle<T>(&mut self, done: &Result<T>) {
        let in_step = match done {
            Ok(_) => true,
            Err(e) => {
                !connection_lost(e)
                    && matches!(
                        e,
                        Error::Constraint(_)
                            | Error::PermissionDenied { .. }
                            | Error::Encode(_)
                            | Error::Database(sqlx::Error::Database(_))
                    )
            }
        };
        if in_step {
            self.release(Held::Statement);
        }
    }

    /// Runs trusted SQL text over the simple protocol: transaction control
    /// and session commands, which MySQL does not prepare.
    pub(crate) async fn run_text(&mut self, sql: &str) -> Result<u64> {
        self.hold(Held::Statement);
        let done = on_link!(&mut self.link, c, DB => {
            sqlx::Executor::execute(c, sqlx::raw_sql(AssertSqlSafe(sql.to_owned())))
                .await
                .map(|r| <DB as Driver>::rows_affected(&r))
                .map_err(|e| map_error::<DB>(e, None))
        });
        self.settle(&done);
        done
    }

    /// Streams the rows of `stmt`, decoding each on arrival. The statement
    /// stays held: a stream may be dropped part-way, and only the end of the
    /// operation (a transaction's COMMIT or ROLLBACK answered) shows the
    /// connection drained.
    pub(crate) fn stream<'c, T, D>(&'c mut self, stmt: Statement, decode: D) -> RowStream<'c, T>
    where
        T: Send + 'c,
        D: Fn(RowRef<'_>) -> Result<T> + Send + Sync + 'c,
    {
        self.hold(Held::Statement);
        on_link!(&mut self.link, c, DB => stream_on::<DB, _, _, _>(c, stmt, decode))
    }

    /// Attaches SQLite scope `scope`'s database (a file beside `base`) to
    /// this connection unless it is attached already; returns whether it
    /// attached.
    #[cfg(feature = "sqlite")]
    pub(crate) async fn attach(&mut self, base: &SqliteBase, scope: &str) -> Result<bool> {
        match &mut self.link {
            Link::Sqlite(pinned) => super::sqlite::ensure_attached(pinned, base, scope).await,
            #[allow(unreachable_patterns)]
            _ => Ok(false),
        }
    }

    /// Closes a connection of its own; a pooled one goes back to the pool
    /// (or is reset first) as it drops.
    pub(crate) async fn close(self) {
        #[cfg(feature = "sqlite")]
        if let Link::SqliteFile(conn) = self.link {
            use sqlx::Connection as _;
            let _ = conn.close().await;
        }
    }
}

/// Whether an error says the connection itself is gone: a broken socket,
/// or the server ending the session (SQLSTATE class 08, connection
/// exceptions; `57P01`..`57P03`, an administrator's or a crash's shutdown,
/// or a server not accepting connections yet).
pub(crate) fn connection_lost(err: &Error) -> bool {
    match err {
        Error::Database(sqlx::Error::Io(_)) => true,
        Error::Database(sqlx::Error::Database(db)) => db.code().is_some_and(|code| {
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03")
        }),
        _ => false,
    }
}

/// The scope a SQLite error says is not attached on the connection
/// (`no such table: scope.t`, `unknown database scope`).
pub(crate) fn missing_scope(err: &Error) -> Option<String> {
    #[cfg(feature = "sqlite")]
    {
        super::sqlite::missing_scope(err)
    }
    #[cfg(not(feature = "sqlite"))]
    {
        let _ = err;
        None
    }
}

fn build<DB: Driver>(stmt: Statement) -> Result<sqlx::query::Query<'static, DB, DB::Arguments>>
where
    DB::Arguments: sqlx::IntoArguments<DB>,
{
    use sqlx::Arguments as _;
    let mut args = DB::Arguments::default();
    args.reserve(stmt.binds.len(), 0);
    for value in stmt.binds {
        DB::bind(&mut args, value).map_err(|e| Error::Encode(e.to_string()))?;
    }
    Ok(sqlx::query_with(AssertSqlSafe(stmt.sql), args))
}

/// Runs `stmt` on `ex`, feeding rows to `sink` and adding up what every
/// result reports.
pub(crate) async fn run_on<'c, DB>(
    ex: impl sqlx::Executor<'c, Database = DB>,
    stmt: Statement,
    persistent: bool,
    mut sink: RowSink<'_>,
) -> Result<Done>
where
    DB: Driver,
    DB::Arguments: sqlx::IntoArguments<DB>,
{
    let entity = stmt.entity;
    let query = build::<DB>(stmt)?.persistent(persistent);
    let mut results = ex.fetch_many(query);
    let mut done = Done::default();
    while let Some(item) = results
        .try_next()
        .await
        .map_err(|e| map_error::<DB>(e, entity))?
    {
        match item {
            sqlx::Either::Left(result) => {
                done.rows_affected += DB::rows_affected(&result);
                done.last_insert_id = DB::last_insert_id(&result).or(done.last_insert_id);
            }
            sqlx::Either::Right(row) => {
                if let Some(each) = sink.each.as_deref_mut() {
                    each(DB::row_ref(&row))?;
                    if sink.first_only {
                        sink.each = None;
                    }
                }
            }
        }
    }
    Ok(done)
}

/// Streams `stmt` on `ex`, decoding each row on arrival.
fn stream_on<'a, DB, X, T, D>(ex: X, stmt: Statement, decode: D) -> RowStream<'a, T>
where
    DB: Driver,
    DB::Arguments: sqlx::IntoArguments<DB>,
    X: sqlx::Executor<'a, Database = DB> + 'a,
    T: Send + 'a,
    D: Fn(RowRef<'_>) -> Result<T> + Send + Sync + 'a,
{
    let entity = stmt.entity;
    match build::<DB>(stmt) {
        Ok(query) => ex
            .fetch(query)
            .map(move |row| match row {
                Ok(row) => decode(DB::row_ref(&row)),
                Err(e) => Err(map_error::<DB>(e, entity)),
            })
            .boxed(),
        Err(e) => futures_util::stream::once(async move { Err(e) }).boxed(),
    }
}
