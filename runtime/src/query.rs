//! Typed SELECT queries.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::exec::{ClientState, Executor, StatementKind, Target};
use crate::schema::EntityDef;
use crate::sql::{self, Expr, LockWait, OrderTerm, Ordering, Predicate, RowLock, SelectParts};
use crate::tenant;
use crate::value::Value;
use crate::value::{ColumnValue, ScalarValue};

pub(crate) type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Loads one level of neighbours into a slice of freshly fetched rows: what
/// a query runs after its own statement for each eager load it was given.
/// Edges implement it (see `Query::with`); a query only runs it.
pub(crate) trait Loader<E>: Send + Sync {
    fn load<'t>(&'t self, target: Target<'t>, parents: &'t mut [E]) -> BoxFuture<'t, Result<()>>;
}

/// Which soft-deleted rows a query sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Deleted {
    Exclude,
    Include,
    Only,
}

/// A query over entity `E`: filter, order, page, then fetch.
///
/// ```
/// # use entkit::{Client, Entity};
/// # #[derive(Entity)]
/// # pub struct User { pub id: i64, pub name: String, pub age: i32, pub country: String }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> entkit::Result<()> {
/// # let client = Client::connect("sqlite::memory:").await?;
/// # client.auto_migrate(&[User::def()]).await?;
/// # User::create().name("ada").age(36).country("uk").save(&client).await?;
/// let adults = User::query()
///     .filter(User::AGE.ge(18))
///     .order_by(User::NAME.asc())
///     .limit(20)
///     .all(&client)
///     .await?;
/// assert_eq!(adults[0].name, "ada");
/// # Ok(()) }
/// ```
pub struct Query<E> {
    pub(crate) filter: Option<Expr>,
    pub(crate) order: Vec<Ordering>,
    pub(crate) limit: Option<u64>,
    pub(crate) offset: Option<u64>,
    pub(crate) lock: Option<RowLock>,
    pub(crate) deleted: Deleted,
    /// Edges to load after the rows, one statement per level.
    pub(crate) loads: Vec<Arc<dyn Loader<E>>>,
    _entity: PhantomData<fn() -> E>,
}

impl<E> Clone for Query<E> {
    fn clone(&self) -> Self {
        Query {
            filter: self.filter.clone(),
            order: self.order.clone(),
            limit: self.limit,
            offset: self.offset,
            lock: self.lock,
            deleted: self.deleted,
            loads: self.loads.clone(),
            _entity: PhantomData,
        }
    }
}

impl<E> std::fmt::Debug for Query<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Query")
            .field("filter", &self.filter)
            .field("order", &self.order)
            .field("limit", &self.limit)
            .field("offset", &self.offset)
            .field("edges_loaded", &self.loads.len())
            .finish()
    }
}

impl<E: Entity> Default for Query<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: Entity> Query<E> {
    /// All rows of `E`.
    pub fn new() -> Self {
        Query {
            filter: None,
            order: Vec::new(),
            limit: None,
            offset: None,
            lock: None,
            deleted: Deleted::Exclude,
            loads: Vec::new(),
            _entity: PhantomData,
        }
    }

    /// Also returns soft-deleted rows.
    pub fn with_deleted(mut self) -> Self {
        self.deleted = Deleted::Include;
        self
    }

    /// Returns only soft-deleted rows.
    pub fn only_deleted(mut self) -> Self {
        self.deleted = Deleted::Only;
        self
    }

    /// The filter with the soft-delete condition applied.
    #[inline]
    pub(crate) fn effective_filter(&self) -> Option<Expr> {
        visible(E::def(), self.deleted, self.filter.clone())
    }

    pub(crate) fn with_expr(mut self, expr: Expr) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(existing) => existing.and(expr),
            None => expr,
        });
        self
    }

    /// Locks the selected rows until the transaction ends (`FOR UPDATE`).
    /// Run it on a transaction. SQLite has no row locks: there the clause
    /// is left out, since its write transactions lock the whole database.
    pub fn for_update(mut self) -> Self {
        let wait = self.lock.map_or(LockWait::Wait, |l| l.wait);
        self.lock = Some(RowLock {
            exclusive: true,
            wait,
        });
        self
    }

    /// Takes shared locks on the selected rows (`FOR SHARE`; MySQL
    /// `LOCK IN SHARE MODE`; nothing on SQLite).
    pub fn for_share(mut self) -> Self {
        let wait = self.lock.map_or(LockWait::Wait, |l| l.wait);
        self.lock = Some(RowLock {
            exclusive: false,
            wait,
        });
        self
    }

    /// With a lock: leaves out rows other transactions hold (`SKIP LOCKED`),
    /// the building block of work queues. On MySQL/MariaDB (InnoDB) a locking
    /// read locks every row it scans, so order such a query along an index.
    pub fn skip_locked(mut self) -> Self {
        let lock = self.lock.get_or_insert(RowLock {
            exclusive: true,
            wait: LockWait::Wait,
        });
        lock.wait = LockWait::SkipLocked;
        self
    }

    /// With a lock: fails at once instead of waiting (`NOWAIT`).
    pub fn no_wait(mut self) -> Self {
        let lock = self.lock.get_or_insert(RowLock {
            exclusive: true,
            wait: LockWait::Wait,
        });
        lock.wait = LockWait::NoWait;
        self
    }

    /// Runs the eager loads on freshly fetched rows.
    pub(crate) async fn load_edges(
        loads: &[Arc<dyn Loader<E>>],
        mut target: Target<'_>,
        rows: &mut [E],
    ) -> Result<()> {
        for loader in loads {
            loader.load(target.reborrow(), rows).await?;
        }
        Ok(())
    }

    /// Keeps rows matching `predicate` (combined with earlier filters by AND).
    pub fn filter(mut self, predicate: Predicate<E>) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(existing) => existing.and(predicate.expr),
            None => predicate.expr,
        });
        self
    }

    /// Adds an ordering term; earlier terms take precedence.
    pub fn order_by(mut self, term: OrderTerm<E>) -> Self {
        self.order.push(term.term);
        self
    }

    /// Returns at most `n` rows.
    pub fn limit(mut self, n: u64) -> Self {
        self.limit = Some(n);
        self
    }

    /// Skips the first `n` rows.
    pub fn offset(mut self, n: u64) -> Self {
        self.offset = Some(n);
        self
    }

    /// Renders the SELECT for the executor's backend and scope.
    #[cfg(test)]
    pub(crate) fn render(mut self, backend: crate::Backend, scope: Option<&str>) -> sql::Statement {
        render(backend, scope, E::def(), self.parts())
    }

    /// The parts of the SELECT, for the non-generic functions below. Takes
    /// the filter (the query is spent on its statement), so it is not cloned.
    #[inline]
    fn parts(&mut self) -> Parts<'_> {
        Parts {
            filter: self.filter.take(),
            deleted: self.deleted,
            order: &self.order,
            limit: self.limit,
            offset: self.offset,
            lock: self.lock,
        }
    }

    /// The SELECT of this query on the client's backend and scope,
    /// narrowed to the rows its tenant may see.
    #[inline]
    fn statement(&mut self, state: &ClientState) -> Result<sql::Statement> {
        statement(state, E::def(), self.parts())
    }

    /// Fetches every matching row (and the edges asked for with [`with`](Self::with)).
    pub async fn all<'a>(mut self, exec: impl Executor<'a>) -> Result<Vec<E>> {
        let mut target = exec.into_target();
        let loads = std::mem::take(&mut self.loads);
        let stmt = self.statement(target.state())?;
        let mut rows = target.reborrow().fetch_all(stmt, E::from_row).await?;
        if !loads.is_empty() && !rows.is_empty() {
            Self::load_edges(&loads, target, &mut rows).await?;
        }
        Ok(rows)
    }

    /// Streams matching rows as the server sends them, without holding the
    /// whole result in memory. Edges asked for with `with` are not loaded
    /// on a stream.
    ///
    /// ```
    /// # use entkit::Entity;
    /// # use futures_util::TryStreamExt as _;
    /// # #[derive(Entity)] struct Note { id: i64, text: String }
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
    /// # let client = entkit::Client::connect("sqlite::memory:").await?;
    /// # client.auto_migrate(&[Note::def()]).await?;
    /// # Note::create().text("a").save(&client).await?;
    /// let mut rows = Note::query().stream(&client);
    /// while let Some(note) = rows.try_next().await? {
    ///     assert_eq!(note.text, "a");
    /// }
    /// # Ok(()) }
    /// ```
    pub fn stream<'a>(
        mut self,
        exec: impl Executor<'a>,
    ) -> futures_util::stream::BoxStream<'a, Result<E>> {
        let target = exec.into_target();
        let stmt = match self.statement(target.state()) {
            Ok(stmt) => stmt,
            Err(e) => return Box::pin(futures_util::stream::once(async move { Err(e) })),
        };
        target.stream(stmt, E::from_row)
    }

    /// Fetches the rows with a custom decoder (edges are not loaded).
    pub(crate) async fn fetch_with<'a, T, D>(
        mut self,
        exec: impl Executor<'a>,
        decode: D,
    ) -> Result<Vec<T>>
    where
        T: Send,
        D: Fn(crate::RowRef<'_>) -> Result<T> + Send + Sync,
    {
        let target = exec.into_target();
        let stmt = self.statement(target.state())?;
        target.fetch_all(stmt, decode).await
    }

    /// Fetches the first matching row, if any.
    pub async fn first<'a>(mut self, exec: impl Executor<'a>) -> Result<Option<E>> {
        self.limit = Some(1);
        Ok(self.all(exec).await?.pop())
    }

    /// Fetches the only matching row: [`Error::NotFound`] when there is
    /// none, [`Error::NotSingular`] when there are several.
    pub async fn one<'a>(mut self, exec: impl Executor<'a>) -> Result<E> {
        self.limit = Some(2);
        let mut rows = self.all(exec).await?;
        match rows.len() {
            0 => Err(Error::NotFound {
                entity: E::def().name,
            }),
            1 => Ok(rows.remove(0)),
            _ => Err(Error::NotSingular {
                entity: E::def().name,
            }),
        }
    }

    /// Counts matching rows (ignores order, limit and offset).
    pub async fn count<'a>(self, exec: impl Executor<'a>) -> Result<u64> {
        let target = exec.into_target();
        let state = target.state();
        let stmt = sql::render_count(
            state.backend(),
            state.scope(),
            E::def(),
            narrowed(state, E::def(), self.deleted, self.filter)?,
        );
        let n = target
            .fetch_optional(stmt, |row: crate::RowRef<'_>| {
                <i64 as ScalarValue>::decode(row, 0)
            })
            .await?;
        Ok(n.unwrap_or(0).max(0) as u64)
    }

    /// Whether any row matches.
    pub async fn exists<'a>(self, exec: impl Executor<'a>) -> Result<bool> {
        let target = exec.into_target();
        let state = target.state();
        let stmt = sql::render_exists(
            state.backend(),
            state.scope(),
            E::def(),
            narrowed(state, E::def(), self.deleted, self.filter)?,
        );
        Ok(target
            .fetch_optional(stmt, |_: crate::RowRef<'_>| Ok(()))
            .await?
            .is_some())
    }
}

/// Fetches the entity with key `key`, if it exists. Used by generated `find`.
pub async fn find_by_key<'a, E: Entity>(exec: impl Executor<'a>, key: E::Key) -> Result<Option<E>> {
    find_by_key_on(exec.into_target(), key).await
}

/// Fetches the entity with key `key`, or [`Error::NotFound`]. Used by generated `get`.
pub async fn get_by_key<'a, E: Entity>(exec: impl Executor<'a>, key: E::Key) -> Result<E> {
    get_by_key_on(exec.into_target(), key).await
}

pub(crate) async fn find_by_key_on<E: Entity>(
    target: Target<'_>,
    key: E::Key,
) -> Result<Option<E>> {
    let stmt = select_by_key_statement(target.state(), E::def(), key.into_value())?;
    target.fetch_optional(stmt, E::from_row).await
}

pub(crate) async fn get_by_key_on<E: Entity>(target: Target<'_>, key: E::Key) -> Result<E> {
    find_by_key_on(target, key).await?.ok_or(Error::NotFound {
        entity: E::def().name,
    })
}

/// `SELECT <all> FROM t WHERE key = $1 [AND tenant = $2]`, from the
/// per-scope cache; [`Error::TenantRequired`] before anything is sent.
pub(crate) fn select_by_key_statement(
    state: &ClientState,
    def: &'static EntityDef,
    key: Value,
) -> Result<sql::Statement> {
    let tenant = tenant::filter_value(&state.tenancy, def)?;
    let kind = StatementKind::SelectByKey {
        tenant: tenant.is_some(),
    };
    let sql = state.cache.get_or_render(def, kind, &|| {
        sql::select_by_key_sql(state.backend(), state.scope(), def, tenant.is_some())
    });
    Ok(sql::Statement {
        sql,
        binds: std::iter::once(key).chain(tenant).collect(),
        entity: Some(def),
        read: true,
    })
}

/// What a query's SELECT is rendered from: its fields apart from the edges
/// to load, so that rendering is not generic over the entity.
struct Parts<'q> {
    filter: Option<Expr>,
    deleted: Deleted,
    order: &'q [Ordering],
    limit: Option<u64>,
    offset: Option<u64>,
    lock: Option<RowLock>,
}

/// `filter` with the soft-delete condition of `deleted` applied.
fn visible(def: &'static EntityDef, deleted: Deleted, filter: Option<Expr>) -> Option<Expr> {
    let visibility = match (deleted, def.soft_delete) {
        (Deleted::Exclude, Some(column)) => Some(Expr::IsNull {
            column,
            negated: false,
        }),
        (Deleted::Only, Some(column)) => Some(Expr::IsNull {
            column,
            negated: true,
        }),
        _ => None,
    };
    match (filter, visibility) {
        (Some(f), Some(v)) => Some(f.and(v)),
        (f, v) => f.or(v),
    }
}

/// `filter` narrowed to the rows the client's tenant may see (see
/// `crate::tenant`) and to the visible ones; [`Error::TenantRequired`]
/// before anything is sent.
fn narrowed(
    state: &ClientState,
    def: &'static EntityDef,
    deleted: Deleted,
    filter: Option<Expr>,
) -> Result<Option<Expr>> {
    let filter = tenant::scoped_filter(&state.tenancy, def, filter)?;
    Ok(visible(def, deleted, filter))
}

/// The SELECT of a query on the client's backend and scope, narrowed to the
/// rows its tenant may see.
fn statement(
    state: &ClientState,
    def: &'static EntityDef,
    parts: Parts<'_>,
) -> Result<sql::Statement> {
    let filter = tenant::scoped_filter(&state.tenancy, def, parts.filter)?;
    Ok(render(
        state.backend(),
        state.scope(),
        def,
        Parts { filter, ..parts },
    ))
}

fn render(
    backend: crate::Backend,
    scope: Option<&str>,
    def: &'static EntityDef,
    parts: Parts<'_>,
) -> sql::Statement {
    let select = SelectParts {
        filter: visible(def, parts.deleted, parts.filter),
        order: parts.order,
        limit: parts.limit,
        offset: parts.offset,
        lock: parts.lock,
    };
    sql::render_select(backend, scope, def, select)
}
