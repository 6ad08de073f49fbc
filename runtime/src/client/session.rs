//! Running statements on a client's pool or inside a transaction.

use std::sync::atomic::Ordering;

use futures_util::TryStreamExt as _;
use sqlx::AssertSqlSafe;

use super::pinned::{Held, Pinned};
use super::transaction::TxConn;
use super::{Client, ClientState};
use crate::backend::{Driver, map_error};
use crate::error::{Error, Result};
use crate::row::RowRef;
use crate::sql::Statement;

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

impl<'a> Executor<'a> for &'a Client {
    fn into_target(self) -> Target<'a> {
        Target(Place::Pool(self))
    }
}

impl<'a> Executor<'a> for Target<'a> {
    fn into_target(self) -> Target<'a> {
        self
    }
}

impl Client {
    pub(crate) fn target(&self) -> Target<'_> {
        Target(Place::Pool(self))
    }
}

/// The resolved place a statement runs (opaque).
#[doc(hidden)]
pub struct Target<'a>(pub(crate) Place<'a>);

pub(crate) enum Place<'a> {
    Pool(&'a Client),
    Tx(&'a ClientState, &'a mut TxConn),
}

/// What a statement without rows reports.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Done {
    pub rows_affected: u64,
    pub last_insert_id: Option<i64>,
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

pub(crate) async fn fetch_all_on<'c, DB, X, T, D>(
    ex: X,
    stmt: Statement,
    decode: &D,
) -> Result<Vec<T>>
where
    D: Fn(RowRef<'_>) -> Result<T>,
    DB: Driver,
    DB::Arguments: sqlx::IntoArguments<DB>,
    X: sqlx::Executor<'c, Database = DB>,
{
    let entity = stmt.entity;
    let query = build::<DB>(stmt)?;
    let mut rows = ex.fetch(query);
    let mut out = Vec::new();
    while let Some(row) = rows
        .try_next()
        .await
        .map_err(|e| map_error::<DB>(e, entity))?
    {
        out.push(decode(DB::row_ref(&row))?);
    }
    Ok(out)
}

async fn fetch_optional_on<'c, DB, X, T, D>(ex: X, stmt: Statement, decode: &D) -> Result<Option<T>>
where
    D: Fn(RowRef<'_>) -> Result<T>,
    DB: Driver,
    DB::Arguments: sqlx::IntoArguments<DB>,
    X: sqlx::Executor<'c, Database = DB>,
{
    let entity = stmt.entity;
    let query = build::<DB>(stmt)?;
    match ex
        .fetch_optional(query)
        .await
        .map_err(|e| map_error::<DB>(e, entity))?
    {
        Some(row) => decode(DB::row_ref(&row)).map(Some),
        None => Ok(None),
    }
}

pub(crate) async fn execute_on<'c, DB, X>(ex: X, stmt: Statement) -> Result<Done>
where
    DB: Driver,
    DB::Arguments: sqlx::IntoArguments<DB>,
    X: sqlx::Executor<'c, Database = DB>,
{
    let entity = stmt.entity;
    let query = build::<DB>(stmt)?;
    let result = ex
        .execute(query)
        .await
        .map_err(|e| map_error::<DB>(e, entity))?;
    Ok(Done {
        rows_affected: DB::rows_affected(&result),
        last_insert_id: DB::last_insert_id(&result),
    })
}

/// Dispatches one statement to the right backend and executor.
///
/// On SQLite, a scope is an attached database and `ATTACH` is per
/// connection: a pooled connection that has not attached the scope yet
/// fails with "no such table: scope.t" / "unknown database scope"; the
/// statement then attaches it on that connection and runs once more.
/// Refuses a statement with more parameters than the backend accepts
/// before it takes a connection: the driver would fail mid-protocol.
fn check_parameter_count(backend: crate::Backend, stmt: &Statement) -> Result<()> {
    let limit = backend.max_binds();
    if stmt.binds.len() > limit {
        return Err(Error::TooManyParameters {
            count: stmt.binds.len(),
            limit,
            backend: backend.name(),
        });
    }
    Ok(())
}

/// Evaluates `$run` with a statement held in flight on the pinned `$conn`.
macro_rules! in_flight {
    ($conn:ident, $run:expr) => {{
        $conn.hold(Held::Statement);
        let out = $run;
        $conn.release(Held::Statement);
        out
    }};
}

macro_rules! dispatch {
    ($target:expr, $stmt:ident, $run:ident ( $($extra:expr),* )) => {{
        let target = $target;
        check_parameter_count(target.state().backend(), &$stmt)?;
        crate::backend::limits::check_statement(target.state().backend(), &$stmt)?;
        target.state().shared.statements.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(target: "entkit::sql", sql = %$stmt.sql, binds = $stmt.binds.len());
        match target.0 {
            // Acquired and pinned here (sqlx's pool executor acquires the
            // same way): a statement cut off mid-flight closes its
            // connection instead of leaving sqlx to reuse it.
            Place::Pool(client) => match &client.state.shared.pool {
                #[cfg(feature = "postgres")]
                super::pool::Pool::Postgres(p) => {
                    let mut conn = Pinned::new(p.acquire().await.map_err(|e| client.state.shared.timed_out(map_error::<sqlx::Postgres>(e, None)))?);
                    in_flight!(conn, $run(&mut *conn, $stmt $(, $extra)*).await)
                }
                #[cfg(feature = "mysql")]
                super::pool::Pool::MySql(p) => {
                    let mut conn = Pinned::new(p.acquire().await.map_err(|e| client.state.shared.timed_out(map_error::<sqlx::MySql>(e, None)))?);
                    in_flight!(conn, $run(&mut *conn, $stmt $(, $extra)*).await)
                }
                #[cfg(feature = "sqlite")]
                super::pool::Pool::Sqlite(p) => {
                    let mut conn = Pinned::new(p.acquire().await.map_err(|e| client.state.shared.timed_out(map_error::<sqlx::Sqlite>(e, None)))?);
                    if !may_need_attach(&client.state, &$stmt) {
                        in_flight!(conn, $run(&mut *conn, $stmt $(, $extra)*).await)
                    } else {
                        let retry = $stmt.clone_for_retry();
                        match in_flight!(conn, $run(&mut *conn, $stmt $(, $extra)*).await) {
                            Err(e) => match super::transaction::missing_scope(&e) {
                                Some(scope) if super::transaction::ensure_attached(&mut conn, &client.state, &scope).await? => {
                                    in_flight!(conn, $run(&mut *conn, retry $(, $extra)*).await)
                                }
                                _ => Err(e),
                            },
                            ok => ok,
                        }
                    }
                }
            },
            // In flight while awaited: a transaction whose statement was
            // cut off is closed, not rolled back and reused (client::pinned).
            Place::Tx(_, tx) => match tx {
                #[cfg(feature = "postgres")]
                TxConn::Postgres(t) => in_flight!(t, $run(&mut **t, $stmt $(, $extra)*).await),
                #[cfg(feature = "mysql")]
                TxConn::MySql(t) => in_flight!(t, $run(&mut **t, $stmt $(, $extra)*).await),
                #[cfg(feature = "sqlite")]
                TxConn::Sqlite(t) => in_flight!(t, $run(&mut **t, $stmt $(, $extra)*).await),
            },
        }
    }};
}

/// Whether a SQLite statement names an attached database (a scope).
#[cfg(feature = "sqlite")]
fn may_need_attach(state: &ClientState, stmt: &Statement) -> bool {
    state.scope().is_some() || stmt.entity.is_some_and(|e| e.default_scope.is_some())
}

impl Statement {
    fn clone_for_retry(&self) -> Statement {
        Statement {
            sql: self.sql.clone(),
            binds: self.binds.clone(),
            entity: self.entity,
        }
    }
}

impl<'a> Target<'a> {
    /// The client, when the target is a pool (not a transaction).
    pub(crate) fn client(&self) -> Option<&'a Client> {
        match &self.0 {
            Place::Pool(c) => Some(c),
            Place::Tx(..) => None,
        }
    }

    pub(crate) fn state(&self) -> &'a ClientState {
        match &self.0 {
            Place::Pool(c) => &c.state,
            Place::Tx(s, _) => s,
        }
    }

    /// Reborrows, so one executor can run several statements.
    pub(crate) fn reborrow(&mut self) -> Target<'_> {
        Target(match &mut self.0 {
            Place::Pool(c) => Place::Pool(c),
            Place::Tx(s, tx) => Place::Tx(s, tx),
        })
    }

    pub(crate) async fn fetch_all<T, D>(self, stmt: Statement, decode: D) -> Result<Vec<T>>
    where
        T: Send,
        D: Fn(RowRef<'_>) -> Result<T> + Send + Sync,
    {
        dispatch!(self, stmt, fetch_all_on(&decode))
    }

    pub(crate) async fn fetch_optional<T, D>(self, stmt: Statement, decode: D) -> Result<Option<T>>
    where
        T: Send,
        D: Fn(RowRef<'_>) -> Result<T> + Send + Sync,
    {
        dispatch!(self, stmt, fetch_optional_on(&decode))
    }

    pub(crate) async fn execute(self, stmt: Statement) -> Result<Done> {
        dispatch!(self, stmt, execute_on())
    }
}

/// A stream of decoded rows.
pub(crate) type RowStream<'a, T> = futures_util::stream::BoxStream<'a, Result<T>>;

fn stream_on<'a, DB, X, T, D>(ex: X, stmt: Statement, decode: D) -> RowStream<'a, T>
where
    DB: Driver,
    DB::Arguments: sqlx::IntoArguments<DB>,
    X: sqlx::Executor<'a, Database = DB> + 'a,
    T: Send + 'a,
    D: Fn(RowRef<'_>) -> Result<T> + Send + Sync + 'a,
{
    use futures_util::StreamExt as _;
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

impl<'a> Target<'a> {
    /// Streams rows as the server sends them, decoding each on arrival.
    pub(crate) fn stream<T, D>(self, stmt: Statement, decode: D) -> RowStream<'a, T>
    where
        T: Send + 'static,
        D: Fn(RowRef<'_>) -> Result<T> + Send + Sync + 'static,
    {
        if let Err(e) = crate::backend::limits::check_statement(self.state().backend(), &stmt) {
            return Box::pin(futures_util::stream::once(async move { Err(e) }));
        }
        self.state()
            .shared
            .statements
            .fetch_add(1, Ordering::Relaxed);
        tracing::debug!(target: "entkit::sql", sql = %stmt.sql, binds = stmt.binds.len());
        match self.0 {
            Place::Pool(client) => match &client.state.shared.pool {
                #[cfg(feature = "postgres")]
                super::pool::Pool::Postgres(p) => with_timeouts(client, stream_on(p, stmt, decode)),
                #[cfg(feature = "mysql")]
                super::pool::Pool::MySql(p) => with_timeouts(client, stream_on(p, stmt, decode)),
                #[cfg(feature = "sqlite")]
                super::pool::Pool::Sqlite(p) if !may_need_attach(&client.state, &stmt) => {
                    stream_on(p, stmt, decode)
                }
                #[cfg(feature = "sqlite")]
                super::pool::Pool::Sqlite(_) => sqlite_scoped_stream(client.clone(), stmt, decode),
            },
            // A stream may be dropped part-way: in flight until the
            // transaction ends (COMMIT/ROLLBACK answered means drained).
            Place::Tx(_, tx) => match tx {
                #[cfg(feature = "postgres")]
                TxConn::Postgres(t) => {
                    t.hold(Held::Statement);
                    stream_on(&mut **t, stmt, decode)
                }
                #[cfg(feature = "mysql")]
                TxConn::MySql(t) => {
                    t.hold(Held::Statement);
                    stream_on(&mut **t, stmt, decode)
                }
                #[cfg(feature = "sqlite")]
                TxConn::Sqlite(t) => {
                    t.hold(Held::Statement);
                    stream_on(&mut **t, stmt, decode)
                }
            },
        }
    }
}

/// `stream` with a pool timeout explained as [`Shared::timed_out`](super::Shared::timed_out) does.
#[cfg(any(feature = "postgres", feature = "mysql"))]
fn with_timeouts<'a, T: Send + 'a>(
    client: &'a Client,
    stream: RowStream<'a, T>,
) -> RowStream<'a, T> {
    use futures_util::StreamExt as _;
    let shared = &client.state.shared;
    stream
        .map(move |item| item.map_err(|e| shared.timed_out(e)))
        .boxed()
}

/// A scoped SQLite stream needs the scope attached on the connection that
/// streams, which the pool's own stream cannot promise: a task holds one
/// connection, attaches, and forwards rows through a bounded channel (so
/// memory stays bounded whatever the result size).
#[cfg(feature = "sqlite")]
fn sqlite_scoped_stream<T, D>(client: Client, stmt: Statement, decode: D) -> RowStream<'static, T>
where
    T: Send + 'static,
    D: Fn(RowRef<'_>) -> Result<T> + Send + Sync + 'static,
{
    use futures_util::StreamExt as _;
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<T>>(256);
    tokio::spawn(async move {
        // Irrefutable when SQLite is the only backend compiled in.
        #[allow(irrefutable_let_patterns)]
        let super::pool::Pool::Sqlite(pool) = &client.state.shared.pool else {
            return;
        };
        let mut conn = match pool.acquire().await {
            Ok(conn) => conn,
            Err(e) => {
                let _ = sender.send(Err(map_error::<sqlx::Sqlite>(e, None))).await;
                return;
            }
        };
        let mut scopes: Vec<String> = client
            .state
            .scope()
            .map(str::to_owned)
            .into_iter()
            .collect();
        scopes.extend(stmt.entity.and_then(|e| e.default_scope).map(str::to_owned));
        for scope in scopes {
            if let Err(e) =
                super::transaction::ensure_attached(&mut conn, &client.state, &scope).await
            {
                let _ = sender.send(Err(e)).await;
                return;
            }
        }
        let mut rows = stream_on(&mut *conn, stmt, decode);
        while let Some(item) = rows.next().await {
            if sender.send(item).await.is_err() {
                break;
            }
        }
    });
    futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|item| (item, receiver))
    })
    .boxed()
}
