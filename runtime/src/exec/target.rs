//! Where a statement runs: a client's pool or a transaction's connection.

use std::future::Future;
use std::sync::Arc;

use tracing::Instrument as _;

use super::admit::{Via, admit, rows, run_on, run_text_on};
use super::deadline;
use super::observe::{StreamObserver, observe};
use super::replicas::{Chosen, route};
use super::session::{self, acquire_from};
use super::state::ClientState;
use crate::backend::{
    Conn, Done, Pool, RowRef, RowSink, RowStream, conn::missing_scope, connection_lost,
};
use crate::error::Result;
use crate::sql::Statement;
use futures_util::future::{BoxFuture, Either};

/// Where a generated operation runs: `&Client` or `&mut Transaction`.
///
/// ```
/// # use entkit::{Client, Executor};
/// async fn count_twice<'a>(client: &'a Client) -> entkit::Result<()> {
///     let mut tx = client.begin().await?;
///     tx.execute_raw("SELECT 1").await?;     // inside the transaction
///     tx.commit().await
/// }
/// ```
pub trait Executor<'a>: Send + Sized {
    #[doc(hidden)]
    fn into_target(self) -> Target<'a>;
}

impl<'a> Executor<'a> for Target<'a> {
    fn into_target(self) -> Target<'a> {
        self
    }
}

/// The resolved place a statement runs (opaque).
#[doc(hidden)]
pub struct Target<'a>(pub(crate) Place<'a>);

pub(crate) enum Place<'a> {
    /// A connection is taken from the client's pool for each statement.
    Pool(&'a Arc<ClientState>),
    /// The connection a transaction holds.
    Tx(&'a ClientState, &'a mut Conn),
}

impl<'a> Target<'a> {
    /// The client's state, when the target is its pool (not a transaction).
    pub(crate) fn pool(&self) -> Option<&'a Arc<ClientState>> {
        match &self.0 {
            Place::Pool(state) => Some(state),
            Place::Tx(..) => None,
        }
    }

    pub(crate) fn state(&self) -> &'a ClientState {
        match &self.0 {
            Place::Pool(state) => state,
            Place::Tx(state, _) => state,
        }
    }

    /// Reborrows, so one executor can run several statements.
    pub(crate) fn reborrow(&mut self) -> Target<'_> {
        Target(match &mut self.0 {
            Place::Pool(state) => Place::Pool(state),
            Place::Tx(state, conn) => Place::Tx(state, conn),
        })
    }

    /// Runs one statement, its rows to `sink`: the one way a statement
    /// reaches a connection (see the module docs of `crate::exec`).
    ///
    /// A function returning a boxed future rather than an `async fn`: the
    /// generic layer (queries and mutations of every entity) awaits it, and
    /// the body of an `async fn` awaited from generic code is compiled again
    /// in every crate that instantiates that code, with the whole statement
    /// path under it (pools, sessions, drivers). Behind the box it is
    /// compiled once, in this crate; the cost is one allocation per
    /// statement. Section C of the benchmarks measures the difference.
    pub(crate) fn run<'f>(self, stmt: Statement, sink: RowSink<'f>) -> BoxFuture<'f, Result<Done>>
    where
        'a: 'f,
    {
        Box::pin(self.run_unboxed(stmt, sink))
    }

    async fn run_unboxed(self, stmt: Statement, sink: RowSink<'_>) -> Result<Done> {
        match self.0 {
            Place::Tx(state, conn) => run_on(state, Via::Transaction, conn, stmt, sink).await,
            Place::Pool(state) => {
                let limit = deadline::limit(state, Via::Pool, None)?;
                admit(state, &stmt, Via::Pool)?;
                let sql = stmt.sql.clone();
                // Observed from the pool's hand-over on: a wait for a
                // connection is part of what the caller waited for.
                // A replica's read is boxed: the future of every statement
                // from the pool stays as small as the primary's path (a
                // test's whole operation may sit on a thread's stack).
                let run = match route(state.shared.replicas.as_deref(), state.primary_reads, &stmt)
                {
                    None => Either::Left(run_on_primary(state, stmt, sink)),
                    Some(chosen) => {
                        Either::Right(Box::pin(run_on_replica(state, chosen, stmt, sink)))
                    }
                };
                let run = deadline::within(state, limit, run);
                observe(state, &sql, Via::Pool, rows, run).await
            }
        }
    }

    pub(crate) async fn fetch_all<T, D>(self, stmt: Statement, decode: D) -> Result<Vec<T>>
    where
        T: Send,
        D: Fn(RowRef<'_>) -> Result<T> + Send + Sync,
    {
        let mut rows = Vec::new();
        let mut each = |row: RowRef<'_>| {
            rows.push(decode(row)?);
            Ok(())
        };
        self.run(stmt, RowSink::all(&mut each)).await?;
        Ok(rows)
    }

    pub(crate) async fn fetch_optional<T, D>(self, stmt: Statement, decode: D) -> Result<Option<T>>
    where
        T: Send,
        D: Fn(RowRef<'_>) -> Result<T> + Send + Sync,
    {
        let mut first = None;
        let mut each = |row: RowRef<'_>| {
            first = Some(decode(row)?);
            Ok(())
        };
        self.run(stmt, RowSink::first(&mut each)).await?;
        Ok(first)
    }

    pub(crate) async fn execute(self, stmt: Statement) -> Result<Done> {
        self.run(stmt, RowSink::none()).await
    }

    /// Streams rows as the server sends them, decoding each on arrival.
    pub(crate) fn stream<T, D>(self, stmt: Statement, decode: D) -> RowStream<'a, T>
    where
        T: Send + 'static,
        D: Fn(RowRef<'_>) -> Result<T> + Send + Sync + 'static,
    {
        let via = match self.0 {
            Place::Pool(_) => Via::Pool,
            Place::Tx(..) => Via::Transaction,
        };
        if let Err(e) = admit(self.state(), &stmt, via) {
            return Box::pin(futures_util::stream::once(async move { Err(e) }));
        }
        match self.0 {
            Place::Pool(state) => pool_stream(state.clone(), stmt, decode),
            Place::Tx(_, conn) => conn.stream(stmt, decode),
        }
    }
}

/// Runs a generated read on the replica `route` chose (see
/// `super::replicas`); when the replica fails it before any row reached the
/// caller because it is down or conflicts with recovery, on the primary.
async fn run_on_replica(
    state: &ClientState,
    chosen: Chosen<'_>,
    stmt: Statement,
    mut sink: RowSink<'_>,
) -> Result<Done> {
    let fallback = stmt.clone_for_retry();
    let mut delivered = false;
    let outcome = {
        let wants = sink.wants();
        let mut watch = |row: RowRef<'_>| {
            delivered = true;
            sink.take(row)
        };
        run_pooled(
            state,
            chosen.pool,
            stmt,
            RowSink::watched(wants, &mut watch),
        )
        .await
    };
    match outcome {
        Err(e) if !delivered && chosen.replica.falls_back(&e) => {
            run_on_primary(state, fallback, sink).await
        }
        other => {
            chosen.replica.served();
            other
        }
    }
}

/// Runs a statement on the primary. When the server dropped the connection
/// (a restart, a terminated backend), a generated read that had returned
/// nothing yet is sent once more, on a new connection; a write never is.
// An `async move` block rather than an `async fn`, here and in
// `run_pooled`: the block keeps its arguments once, where an `async fn`
// stores them twice in its future (as arguments, then as locals). Every
// statement's future, which a caller may hold on its stack, is smaller for
// it: in debug builds, long operations already come close to the 2 MiB
// stack of a test thread.
#[allow(clippy::manual_async_fn)]
fn run_on_primary(
    state: &ClientState,
    stmt: Statement,
    mut sink: RowSink<'_>,
) -> impl Future<Output = Result<Done>> + Send {
    async move {
        let pool = &state.shared.pool;
        let again = stmt.read.then(|| stmt.clone_for_retry());
        let mut delivered = false;
        let first = {
            let wants = sink.wants();
            let mut watch = |row: RowRef<'_>| {
                delivered = true;
                sink.take(row)
            };
            run_pooled(state, pool, stmt, RowSink::watched(wants, &mut watch)).await
        };
        match first {
            Err(e) if connection_lost(&e) => {
                // The idle connections are likely gone too.
                pool.discard_idle();
                match again {
                    Some(again) if !delivered => {
                        tracing::debug!(target: "entkit::sql", error = %e, "retrying a read on a new connection");
                        // Boxed: a rare path, kept out of every
                        // statement's future.
                        Box::pin(run_pooled(state, pool, again, sink)).await
                    }
                    _ => Err(e),
                }
            }
            other => other,
        }
    }
}

/// Runs one statement on a connection from `pool` (the primary's or a
/// replica's). On SQLite, a scope is an attached database and `ATTACH` is
/// per connection: a pooled connection that has not attached the scope yet
/// fails with "no such table: scope.t" / "unknown database scope"; the
/// statement then attaches it on that connection and runs once more.
#[allow(clippy::manual_async_fn)] // see `run_on_primary`
fn run_pooled(
    state: &ClientState,
    pool: &Pool,
    stmt: Statement,
    mut sink: RowSink<'_>,
) -> impl Future<Output = Result<Done>> + Send {
    async move {
        let mut conn = acquire_from(state, pool, Via::Pool).await?;
        if session::needs_own_transaction(state) {
            let own = session::run_in_own_transaction(state, &mut conn, stmt, sink);
            return Box::pin(own).await;
        }
        if !may_need_attach(state, pool, &stmt) {
            return conn.run(stmt, sink).await;
        }
        let retry = stmt.clone_for_retry();
        match conn.run(stmt, sink.reborrow()).await {
            Err(e) => match missing_scope(&e) {
                Some(scope) if pool.attach(&mut conn, &scope).await? => conn.run(retry, sink).await,
                _ => Err(e),
            },
            ok => ok,
        }
    }
}

/// Whether a statement names an attached SQLite database (a scope).
fn may_need_attach(state: &ClientState, pool: &Pool, stmt: &Statement) -> bool {
    pool.attaches_scopes()
        && (state.scope().is_some() || stmt.entity.is_some_and(|e| e.default_scope.is_some()))
}

impl Statement {
    fn clone_for_retry(&self) -> Statement {
        Statement {
            sql: self.sql.clone(),
            binds: self.binds.clone(),
            entity: self.entity,
            read: self.read,
        }
    }
}

/// A stream from the pool: a task takes a connection for the stream's
/// length (its tenant setting aligned, and on SQLite its scopes attached)
/// and forwards rows through a bounded channel, so memory stays bounded
/// whatever the result size and the stream owns no borrow of the client.
fn pool_stream<T, D>(state: Arc<ClientState>, stmt: Statement, decode: D) -> RowStream<'static, T>
where
    T: Send + 'static,
    D: Fn(RowRef<'_>) -> Result<T> + Send + Sync + 'static,
{
    use futures_util::StreamExt as _;
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<T>>(256);
    tokio::spawn(async move {
        let mut conn = match prepare_stream(&state, &stmt).await {
            Ok(conn) => conn,
            Err(e) => {
                let _ = sender.send(Err(e)).await;
                return;
            }
        };
        let sql = stmt.sql.clone();
        let mut observer = StreamObserver::start(&state, &sql, Via::Pool);
        let span = observer.span().clone();
        let mut rows = conn.stream(stmt, decode);
        let mut read_to_end = true;
        while let Some(item) = rows.next().instrument(span.clone()).await {
            match &item {
                Ok(_) => observer.row(),
                Err(e) => observer.failed(&state, e),
            }
            if sender.send(item).await.is_err() {
                read_to_end = false; // the reader left
                break;
            }
        }
        drop(rows);
        observer.finish(&state, &sql, Via::Pool);
        if read_to_end || conn.run_text("SELECT 1").await.is_ok() {
            // Nothing in flight: read to the end, or the rest of the answer
            // drained by the driver before the probe was answered. Otherwise
            // the connection stays held and is closed, not reused.
            conn.release(crate::backend::Held::Statement);
        }
        if conn.holds(crate::backend::Held::Transaction)
            && run_text_on(&state, Via::Pool, &mut conn, "COMMIT")
                .await
                .is_ok()
        {
            conn.release(crate::backend::Held::Transaction);
        }
    });
    futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|item| (item, receiver))
    })
    .boxed()
}

/// The connection a pool stream runs on, with its scopes attached where
/// they are attached per connection (SQLite): a replica's when the stream
/// is a generated read and one is fit (the primary's when the replica
/// turns out down), else the primary's.
async fn prepare_stream(state: &ClientState, stmt: &Statement) -> Result<Conn> {
    if let Some(chosen) = route(state.shared.replicas.as_deref(), state.primary_reads, stmt) {
        match acquire_from(state, chosen.pool, Via::Pool).await {
            Ok(conn) => {
                chosen.replica.served();
                return Ok(conn);
            }
            Err(e) if chosen.replica.falls_back(&e) => {}
            Err(e) => return Err(e),
        }
    }
    let pool = &state.shared.pool;
    let mut conn = acquire_from(state, pool, Via::Pool).await?;
    if session::needs_own_transaction(state) {
        session::begin_own(state, &mut conn).await?;
    }
    if may_need_attach(state, pool, stmt) {
        let scopes = state
            .scope()
            .into_iter()
            .chain(stmt.entity.and_then(|e| e.default_scope));
        for scope in scopes {
            pool.attach(&mut conn, scope).await?;
        }
    }
    Ok(conn)
}

#[cfg(test)]
mod future_sizes {
    use super::*;

    fn select_one() -> Statement {
        Statement {
            sql: "SELECT 1".into(),
            binds: vec![],
            entity: None,
            read: false,
        }
    }

    /// Every generated operation awaits a statement's future, and nested
    /// operations (a transaction's closure, a hook, a test's random walk)
    /// nest them: a few kilobytes each would overflow a thread's stack in a
    /// debug build. Wrappers that copied their inner future (`async fn`s
    /// taking a future) once made this 13 KB.
    #[tokio::test]
    async fn a_statements_future_stays_small() {
        let client = crate::Client::connect("sqlite::memory:").await.unwrap();
        let run = client.target().run(select_one(), RowSink::none());
        let size = std::mem::size_of_val(&run);
        assert!(size < 4096, "Target::run's future is {size} bytes");
        drop(run);
        let state = client.state.clone();
        let mut conn = state.shared.pool.acquire().await.unwrap();
        let run_on = run_on(
            &state,
            Via::Transaction,
            &mut conn,
            select_one(),
            RowSink::none(),
        );
        let size = std::mem::size_of_val(&run_on);
        assert!(size < 2048, "run_on's future is {size} bytes");
    }
}
