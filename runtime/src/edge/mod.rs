//! Edges between entities: typed handles, path resolution, predicates,
//! traversal, eager loading and membership changes.

mod load;
mod membership;
mod path;

use std::marker::PhantomData;
use std::sync::Arc;

pub(crate) use path::{Hop, resolve};

use crate::entity::Entity;
use crate::query::Query;
use crate::sql::{Expr, Predicate, SubSelect, TableRef};
use crate::value::ColumnValue;
use load::EdgeLoad;

/// A typed edge from entity `E` to entity `T`, emitted by the derive as a
/// constant (`User::ROLES`). Builds edge predicates, traversals and eager loads.
pub struct Edge<E, T> {
    pub(crate) index: usize,
    pub(crate) store: fn(&mut E, Vec<Arc<T>>),
    /// A `belongs_to` edge (the side of a `through` edge must be one).
    pub(crate) belongs_to: bool,
    _marker: PhantomData<fn() -> (E, T)>,
}

impl<E, T> Clone for Edge<E, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E, T> Copy for Edge<E, T> {}

impl<E: Entity, T> std::fmt::Debug for Edge<E, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Edge({}.{})",
            E::def().name,
            E::def().edges[self.index].name
        )
    }
}

impl<E, T> Edge<E, T> {
    /// The edge at `index` of `E::def().edges`; `store` puts loaded
    /// neighbours into the entity. Used by generated code.
    pub const fn new(index: usize, store: fn(&mut E, Vec<Arc<T>>)) -> Self {
        Edge {
            index,
            store,
            belongs_to: false,
            _marker: PhantomData,
        }
    }

    /// Like [`Edge::new`], for a `belongs_to` edge (this entity holds the
    /// foreign key). Used by generated code.
    pub const fn new_belongs_to(index: usize, store: fn(&mut E, Vec<Arc<T>>)) -> Self {
        Edge {
            index,
            store,
            belongs_to: true,
            _marker: PhantomData,
        }
    }
}

impl<E: Entity, T: Entity> Edge<E, T> {
    pub(crate) fn def(self) -> &'static crate::schema::EdgeDef {
        &E::def().edges[self.index]
    }

    /// Rows of `E` with at least one neighbour over this edge.
    ///
    /// ```
    /// # use entkit::{Client, Entity};
    /// # #[derive(Entity)]
    /// # #[entity(many_to_many(roles = Role))]
    /// # pub struct User { pub id: i64, pub name: String, #[entity(edges)] pub edges: UserEdges }
    /// # #[derive(Entity)]
    /// # #[entity(many_to_many(permissions = Permission))]
    /// # pub struct Role { pub id: i64, pub name: String, #[entity(edges)] pub edges: RoleEdges }
    /// # #[derive(Entity)]
    /// # pub struct Permission { pub id: i64, pub name: String }
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> entkit::Result<()> {
    /// # let client = Client::connect("sqlite::memory:").await?;
    /// # client.auto_migrate(&[User::def()]).await?;
    /// let with_a_role = User::query().filter(User::ROLES.exists()).count(&client).await?;
    /// # assert_eq!(with_a_role, 0);
    /// # Ok(()) }
    /// ```
    pub fn exists(self) -> Predicate<E> {
        self.predicate(None)
    }

    /// Rows of `E` with at least one neighbour matching `predicate`
    /// ("users that have a role named admin").
    ///
    /// ```
    /// # use entkit::{Client, Entity};
    /// # #[derive(Entity)]
    /// # #[entity(many_to_many(roles = Role))]
    /// # pub struct User { pub id: i64, pub name: String, #[entity(edges)] pub edges: UserEdges }
    /// # #[derive(Entity)]
    /// # #[entity(many_to_many(permissions = Permission))]
    /// # pub struct Role { pub id: i64, pub name: String, #[entity(edges)] pub edges: RoleEdges }
    /// # #[derive(Entity)]
    /// # pub struct Permission { pub id: i64, pub name: String }
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> entkit::Result<()> {
    /// # let client = Client::connect("sqlite::memory:").await?;
    /// # client.auto_migrate(&[User::def()]).await?;
    /// let admins = User::query()
    ///     .filter(User::ROLES.any(Role::NAME.eq("admin")))
    ///     .all(&client)
    ///     .await?;
    /// # assert!(admins.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn any(self, predicate: Predicate<T>) -> Predicate<E> {
        self.predicate(Some(predicate.expr))
    }

    /// `left_0 IN (SELECT right_0 FROM t_1 WHERE left_1 IN (... WHERE filter))`.
    fn predicate(self, filter: Option<Expr>) -> Predicate<E> {
        let hops = match resolve(E::def(), self.def()) {
            Ok(hops) => hops,
            Err(e) => return Predicate::new(Expr::Invalid(e.to_string())),
        };
        let mut inner = filter;
        for (i, hop) in hops.iter().enumerate().rev() {
            let sub = SubSelect {
                table: hop.table,
                column: hop.right,
                filter: inner.take(),
            };
            let expr = Expr::InSubquery {
                column: hop.left,
                negated: false,
                sub: Box::new(sub),
            };
            if i == 0 {
                return Predicate::new(expr);
            }
            inner = Some(expr);
        }
        Predicate::new(Expr::Invalid("edge without hops".into()))
    }

    /// The neighbours of the rows `filter` selects, as a query over `T`
    /// that can be filtered, ordered and traversed further.
    pub(crate) fn traverse_filter(self, filter: Option<Expr>) -> Query<T> {
        let hops = match resolve(E::def(), self.def()) {
            Ok(hops) => hops,
            Err(e) => return Query::new().with_expr(Expr::Invalid(e.to_string())),
        };
        // Walk the hops backwards: right_n IN (SELECT left_n FROM t_n ... WHERE F).
        let mut inner = filter;
        let mut table = TableRef::entity(E::def());
        for hop in &hops {
            let sub = SubSelect {
                table,
                column: hop.left,
                filter: inner.take(),
            };
            inner = Some(Expr::InSubquery {
                column: hop.right,
                negated: false,
                sub: Box::new(sub),
            });
            table = hop.table;
        }
        let mut query = Query::new();
        if let Some(expr) = inner {
            query = query.with_expr(expr);
        }
        query
    }

    /// The neighbours of the row with key `key`. Used by generated `query_<edge>()`.
    pub fn query_from(self, key: E::Key) -> Query<T> {
        let filter = Expr::Compare {
            column: E::def().key().column,
            op: crate::sql::CmpOp::Eq,
            value: key.into_value(),
        };
        self.traverse_filter(Some(filter))
    }
}

/// The edge-aware parts of a query: eager loads and traversals. They live
/// with the edges so that queries need not know about them; a query only
/// runs the loaders it was given.
impl<E: Entity> Query<E> {
    /// Also loads the neighbours over `edge` of every row returned, with one
    /// statement for the whole level (one per key chunk on MySQL and SQLite)
    /// whatever the number of rows. `configure` filters, orders and limits
    /// the neighbours (a limit applies per parent) and can load the next level.
    ///
    /// ```
    /// # use entkit::{Client, Entity};
    /// # #[derive(Entity)]
    /// # #[entity(many_to_many(roles = Role))]
    /// # pub struct User { pub id: i64, pub name: String, #[entity(edges)] pub edges: UserEdges }
    /// # #[derive(Entity)]
    /// # #[entity(many_to_many(permissions = Permission))]
    /// # pub struct Role { pub id: i64, pub name: String, #[entity(edges)] pub edges: RoleEdges }
    /// # #[derive(Entity)]
    /// # pub struct Permission { pub id: i64, pub name: String }
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> entkit::Result<()> {
    /// # let client = Client::connect("sqlite::memory:").await?;
    /// # client.auto_migrate(&[User::def()]).await?;
    /// let users = User::query()
    ///     .with(User::ROLES, |roles| {
    ///         roles.order_by(Role::NAME.asc()).with(Role::PERMISSIONS, |p| p)
    ///     })
    ///     .all(&client)
    ///     .await?; // three statements: users, their roles, the roles' permissions
    /// # assert!(users.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn with<T: Entity>(
        mut self,
        edge: Edge<E, T>,
        configure: impl FnOnce(Query<T>) -> Query<T>,
    ) -> Self {
        let query = configure(Query::new());
        self.loads.push(Arc::new(EdgeLoad { edge, query }));
        self
    }

    /// The neighbours over `edge` of the rows this query selects, as a query
    /// over `T` (ordering, limit and loads of this query do not carry over).
    ///
    /// ```
    /// # use entkit::{Client, Entity};
    /// # #[derive(Entity)]
    /// # #[entity(many_to_many(roles = Role))]
    /// # pub struct User { pub id: i64, pub name: String, #[entity(edges)] pub edges: UserEdges }
    /// # #[derive(Entity)]
    /// # #[entity(many_to_many(permissions = Permission))]
    /// # pub struct Role { pub id: i64, pub name: String, #[entity(edges)] pub edges: RoleEdges }
    /// # #[derive(Entity)]
    /// # pub struct Permission { pub id: i64, pub name: String }
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> entkit::Result<()> {
    /// # let client = Client::connect("sqlite::memory:").await?;
    /// # client.auto_migrate(&[User::def()]).await?;
    /// // The permissions of ada's roles, in one statement.
    /// let permissions = User::query()
    ///     .filter(User::NAME.eq("ada"))
    ///     .traverse(User::ROLES)
    ///     .traverse(Role::PERMISSIONS)
    ///     .all(&client)
    ///     .await?;
    /// # assert!(permissions.is_empty());
    /// # Ok(()) }
    /// ```
    pub fn traverse<T: Entity>(self, edge: Edge<E, T>) -> Query<T> {
        edge.traverse_filter(self.filter)
    }
}
