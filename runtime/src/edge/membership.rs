//! Adding and removing edge members by key.

use super::{Edge, resolve};
use crate::dialect::Backend;
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::exec::{Executor, Target};
use crate::hooks::{Mutation, Operation};
use crate::mutation::hooks::{applicable, around_many, in_transaction};
use crate::schema::EdgeKind;
use crate::sql::{CmpOp, Expr, SqlWriter, Statement, TableRef};
use crate::tenant;
use crate::value::{ColumnValue, Value};

/// Where an edge's membership lives.
enum Membership {
    /// Rows of a join table: (source = parent, target = neighbour).
    Join {
        table: TableRef,
        source: &'static str,
        target: &'static str,
        symmetric: bool,
    },
    /// The neighbour's foreign key pointing at the parent.
    ForeignKey {
        table: TableRef,
        column: &'static str,
        key: &'static str,
        nullable: bool,
    },
}

fn membership<E: Entity, T: Entity>(edge: Edge<E, T>) -> Result<Membership> {
    let def = edge.def();
    let hops = resolve(E::def(), def)?;
    let unsupported = |reason: &str| Error::InvalidEdge {
        entity: E::def().name,
        edge: def.name,
        reason: reason.to_owned(),
    };
    match (def.kind, hops.as_slice()) {
        (EdgeKind::ManyToMany { symmetric, .. }, [first, second]) => Ok(Membership::Join {
            table: first.table,
            source: first.right,
            target: second.left,
            symmetric,
        }),
        (EdgeKind::ManyToManyInverse { .. }, [first, second]) => Ok(Membership::Join {
            table: first.table,
            source: first.right,
            target: second.left,
            symmetric: false,
        }),
        (EdgeKind::HasMany { .. }, [only]) => Ok(Membership::ForeignKey {
            table: only.table,
            column: only.right,
            key: T::def().key().column,
            nullable: T::def()
                .field_by_column(only.right)
                .is_some_and(|f| f.nullable),
        }),
        (EdgeKind::Through { .. }, _) => Err(unsupported(
            "members of an edge through an entity are that entity's rows: create or delete them instead",
        )),
        _ => Err(unsupported(
            "set a belongs_to edge through its foreign-key field",
        )),
    }
}

fn raw(w: SqlWriter<'_>) -> Statement {
    w.finish(None)
}

/// `INSERT INTO j (source, target) VALUES ... ` ignoring pairs already present.
fn insert_pairs(
    backend: Backend,
    scope: Option<&str>,
    table: TableRef,
    cols: (&str, &str),
    pairs: &[(Value, Value)],
) -> Statement {
    let mut w = SqlWriter::new(backend, scope);
    w.push("INSERT INTO ")
        .table_ref(table)
        .push(" (")
        .columns([cols.0, cols.1])
        .push(") VALUES ");
    for (i, (a, b)) in pairs.iter().enumerate() {
        w.push(if i == 0 { "(" } else { ", (" });
        w.bind(a.clone()).push(", ").bind(b.clone()).push(")");
    }
    match backend {
        // A no-op update keeps duplicate pairs without hiding other errors
        // (INSERT IGNORE would also swallow foreign-key violations).
        Backend::MySql => {
            w.push(" ON DUPLICATE KEY UPDATE ")
                .ident(cols.0)
                .push(" = ")
                .ident(cols.0);
        }
        _ => {
            w.push(" ON CONFLICT DO NOTHING");
        }
    }
    raw(w)
}

impl<E: Entity, T: Entity> Edge<E, T> {
    /// Adds neighbours by key to the row with key `key`; keys already
    /// present are kept. (No count is returned: MySQL cannot tell a kept
    /// duplicate from an insert without also hiding foreign-key errors.)
    ///
    /// The client's hooks for `E` see one [`Operation::Link`] per key.
    pub async fn add<'a>(
        self,
        exec: impl Executor<'a>,
        key: E::Key,
        keys: impl IntoIterator<Item = T::Key>,
    ) -> Result<()> {
        let keys: Vec<Value> = keys.into_iter().map(ColumnValue::into_value).collect();
        let parent = key.into_value();
        let target = exec.into_target();
        require_tenant::<E, T>(&target)?;
        let hooks = applicable(target.state(), E::def());
        if hooks.is_empty() || keys.is_empty() {
            return add_on(self, target, parent, keys).await;
        }
        let mutations = self.mutations(Operation::Link, &parent, &keys);
        around_many(target, hooks, mutations, move |target| {
            Box::pin(async move {
                add_on(self, target, parent, keys).await?;
                Ok(((), Vec::new()))
            })
        })
        .await
    }

    /// Removes neighbours by key. Returns the number of links removed.
    ///
    /// The client's hooks for `E` see one [`Operation::Unlink`] per key.
    pub async fn remove<'a>(
        self,
        exec: impl Executor<'a>,
        key: E::Key,
        keys: impl IntoIterator<Item = T::Key>,
    ) -> Result<u64> {
        let keys: Vec<Value> = keys.into_iter().map(ColumnValue::into_value).collect();
        let parent = key.into_value();
        let target = exec.into_target();
        require_tenant::<E, T>(&target)?;
        let hooks = applicable(target.state(), E::def());
        if hooks.is_empty() || keys.is_empty() {
            return remove_on(self, target, parent, keys).await;
        }
        let mutations = self.mutations(Operation::Unlink, &parent, &keys);
        around_many(target, hooks, mutations, move |target| {
            Box::pin(async move {
                let removed = remove_on(self, target, parent, keys).await?;
                Ok((removed, Vec::new()))
            })
        })
        .await
    }

    /// Removes every neighbour of the row with key `key`.
    ///
    /// With hooks for `E` on the client, the neighbours are read first (in
    /// the same transaction), and the hooks see one [`Operation::Unlink`]
    /// per neighbour.
    pub async fn clear<'a>(self, exec: impl Executor<'a>, key: E::Key) -> Result<u64> {
        let target = exec.into_target();
        require_tenant::<E, T>(&target)?;
        if applicable(target.state(), E::def()).is_empty() {
            return clear_on(self, target, key.into_value()).await;
        }
        in_transaction(target, move |target| {
            Box::pin(async move { self.replace_hooked(target, key, None).await })
        })
        .await
    }

    /// Makes the neighbours exactly `keys`. Runs in a transaction of its own
    /// when given a client; inside the caller's when given a transaction.
    ///
    /// With hooks for `E` on the client, the hooks see an
    /// [`Operation::Unlink`] for each neighbour it had and an
    /// [`Operation::Link`] for each key, as the change is made.
    pub async fn set<'a>(
        self,
        exec: impl Executor<'a>,
        key: E::Key,
        keys: impl IntoIterator<Item = T::Key>,
    ) -> Result<()> {
        let keys: Vec<Value> = keys.into_iter().map(ColumnValue::into_value).collect();
        let target = exec.into_target();
        require_tenant::<E, T>(&target)?;
        if applicable(target.state(), E::def()).is_empty() {
            let parent = key.into_value();
            return in_transaction(target, move |mut target| {
                Box::pin(async move {
                    clear_on(self, target.reborrow(), parent.clone()).await?;
                    add_on(self, target, parent, keys).await
                })
            })
            .await;
        }
        in_transaction(target, move |target| {
            Box::pin(async move {
                self.replace_hooked(target, key, Some(keys)).await?;
                Ok(())
            })
        })
        .await
    }

    /// `clear`, then `add` of `keys` when given, between the hooks: the
    /// current neighbours are read (soft-deleted ones too: their links go
    /// as well) so that each removal is seen. Runs in the caller's
    /// transaction.
    async fn replace_hooked(
        self,
        mut target: Target<'_>,
        key: E::Key,
        keys: Option<Vec<Value>>,
    ) -> Result<u64> {
        let current: Vec<Value> = self
            .query_from(key.clone())
            .with_deleted()
            .all(target.reborrow())
            .await?
            .iter()
            .map(|row| row.key().into_value())
            .collect();
        let parent = key.into_value();
        let mut mutations = self.mutations(Operation::Unlink, &parent, &current);
        if let Some(keys) = &keys {
            mutations.extend(self.mutations(Operation::Link, &parent, keys));
        }
        if mutations.is_empty() {
            return Ok(0);
        }
        let hooks = applicable(target.state(), E::def());
        around_many(target, hooks, mutations, move |mut target| {
            Box::pin(async move {
                let removed = clear_on(self, target.reborrow(), parent.clone()).await?;
                if let Some(keys) = keys {
                    add_on(self, target, parent, keys).await?;
                }
                Ok((removed, Vec::new()))
            })
        })
        .await
    }

    /// One hook mutation per neighbour: `operation` on `E`'s row `parent`,
    /// with the neighbour's key under the edge's name.
    fn mutations(self, operation: Operation, parent: &Value, keys: &[Value]) -> Vec<Mutation> {
        let edge = self.def().name;
        keys.iter()
            .map(|neighbour| Mutation {
                entity: E::def(),
                operation,
                fields: vec![(edge, neighbour.clone())],
                key: Some(parent.clone()),
            })
            .collect()
    }
}

async fn remove_on<E: Entity, T: Entity>(
    edge: Edge<E, T>,
    mut target: Target<'_>,
    parent: Value,
    keys: Vec<Value>,
) -> Result<u64> {
    if keys.is_empty() {
        return Ok(0);
    }
    owned::<E>(target.reborrow(), std::slice::from_ref(&parent)).await?;
    let state = target.state();
    let child_tenant = tenant::row_filter(&state.tenancy, T::def())?;
    let mut removed = 0;
    match membership(edge)? {
        Membership::Join {
            table,
            source,
            target: to,
            symmetric,
        } => {
            let directions: &[(&str, &str)] = if symmetric {
                &[(source, to), (to, source)]
            } else {
                &[(source, to)]
            };
            for (from, other) in directions {
                let mut w = SqlWriter::new(state.backend(), state.scope());
                w.push("DELETE FROM ").table_ref(table).push(" WHERE ");
                w.expr(eq(from, parent.clone()))
                    .push(" AND ")
                    .expr(Expr::InList {
                        column: other,
                        values: keys.clone(),
                        negated: false,
                    });
                removed += target.reborrow().execute(raw(w)).await?.rows_affected;
            }
            if symmetric {
                // Each link is stored in both directions: count links.
                removed /= 2;
            }
        }
        Membership::ForeignKey {
            table,
            column,
            key,
            nullable,
        } => {
            if !nullable {
                return Err(not_nullable::<E, T>(edge));
            }
            let mut w = SqlWriter::new(state.backend(), state.scope());
            update_foreign_key(&mut w, table, column, None);
            let filter = eq(column, parent).and(Expr::InList {
                column: key,
                values: keys,
                negated: false,
            });
            w.expr(narrowed(filter, child_tenant));
            removed += target.execute(raw(w)).await?.rows_affected;
        }
    }
    Ok(removed)
}

fn not_nullable<E: Entity, T: Entity>(edge: Edge<E, T>) -> Error {
    Error::InvalidEdge {
        entity: E::def().name,
        edge: edge.def().name,
        reason: format!(
            "{}'s foreign key is not nullable: delete the rows or point them elsewhere",
            T::def().name
        ),
    }
}

async fn add_on<E: Entity, T: Entity>(
    edge: Edge<E, T>,
    mut target: Target<'_>,
    parent: Value,
    keys: Vec<Value>,
) -> Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    // Edges stay within the tenant: both ends must be the tenant's rows.
    owned::<E>(target.reborrow(), std::slice::from_ref(&parent)).await?;
    owned::<T>(target.reborrow(), &keys).await?;
    let state = target.state();
    let child_tenant = tenant::row_filter(&state.tenancy, T::def())?;
    match membership(edge)? {
        Membership::Join {
            table,
            source,
            target: to,
            symmetric,
        } => {
            let mut pairs: Vec<(Value, Value)> =
                keys.iter().map(|k| (parent.clone(), k.clone())).collect();
            if symmetric {
                pairs.extend(keys.iter().map(|k| (k.clone(), parent.clone())));
            }
            let per_statement = (state.backend().max_binds() / 2).max(1);
            for chunk in pairs.chunks(per_statement) {
                let stmt = insert_pairs(state.backend(), state.scope(), table, (source, to), chunk);
                target.reborrow().execute(stmt).await?;
            }
        }
        Membership::ForeignKey {
            table, column, key, ..
        } => {
            let mut w = SqlWriter::new(state.backend(), state.scope());
            update_foreign_key(&mut w, table, column, Some(parent));
            let filter = Expr::InList {
                column: key,
                values: keys,
                negated: false,
            };
            w.expr(narrowed(filter, child_tenant));
            target.execute(raw(w)).await?;
        }
    }
    Ok(())
}

async fn clear_on<E: Entity, T: Entity>(
    edge: Edge<E, T>,
    mut target: Target<'_>,
    parent: Value,
) -> Result<u64> {
    owned::<E>(target.reborrow(), std::slice::from_ref(&parent)).await?;
    let state = target.state();
    let child_tenant = tenant::row_filter(&state.tenancy, T::def())?;
    let mut w = SqlWriter::new(state.backend(), state.scope());
    match membership(edge)? {
        Membership::Join {
            table,
            source,
            target: to,
            symmetric,
        } => {
            w.push("DELETE FROM ").table_ref(table).push(" WHERE ");
            let by_source = eq(source, parent.clone());
            if symmetric {
                let by_target = eq(to, parent);
                w.expr(Expr::Or(vec![by_source, by_target]));
            } else {
                w.expr(by_source);
            }
        }
        Membership::ForeignKey {
            table,
            column,
            nullable,
            ..
        } => {
            if !nullable {
                return Err(not_nullable::<E, T>(edge));
            }
            update_foreign_key(&mut w, table, column, None);
            w.expr(narrowed(eq(column, parent), child_tenant));
        }
    }
    let rows = target.execute(raw(w)).await?.rows_affected;
    // A symmetric link is two rows.
    Ok(if symmetric_edge(edge) { rows / 2 } else { rows })
}

/// Refuses a membership change on an edge with a tenant entity at either
/// end when the client has no tenant, before anything is sent (or a hook's
/// transaction begins).
fn require_tenant<E: Entity, T: Entity>(target: &Target<'_>) -> Result<()> {
    let tenancy = &target.state().tenancy;
    tenant::require(tenancy, E::def())?;
    tenant::require(tenancy, T::def())
}

/// [`Error::NotFound`] unless every row of `X` with one of `keys` is the
/// client's tenant's (soft-deleted rows count): a join table has no tenant
/// key of its own, so a link is checked at its ends before it is made or
/// removed. Costs a statement only for tenant entities under one tenant.
async fn owned<X: Entity>(mut target: Target<'_>, keys: &[Value]) -> Result<()> {
    let def = X::def();
    if tenant::filter_value(&target.state().tenancy, def)?.is_none() {
        return Ok(());
    }
    let mut seen = std::collections::HashSet::new();
    let distinct: Vec<Value> = keys
        .iter()
        .filter(|k| k.key_repr().is_none_or(|r| seen.insert(r)))
        .cloned()
        .collect();
    let per_statement = (target.state().backend().max_binds() / 2).max(1);
    for chunk in distinct.chunks(per_statement) {
        let found = crate::query::Query::<X>::new()
            .with_deleted()
            .with_expr(Expr::InList {
                column: def.key().column,
                values: chunk.to_vec(),
                negated: false,
            })
            .count(target.reborrow())
            .await?;
        if found != chunk.len() as u64 {
            return Err(Error::NotFound { entity: def.name });
        }
    }
    Ok(())
}

/// `filter AND tenant = $t` when the rows have a tenant to keep to.
fn narrowed(filter: Expr, tenant: Option<Expr>) -> Expr {
    match tenant {
        Some(tenant) => filter.and(tenant),
        None => filter,
    }
}

/// `column = value`.
fn eq(column: &'static str, value: Value) -> Expr {
    Expr::Compare {
        column,
        op: CmpOp::Eq,
        value,
    }
}

/// `UPDATE <table> SET <column> = <value, or NULL> WHERE `: moves rows of a
/// has_many child to another parent, or detaches them.
fn update_foreign_key(
    w: &mut SqlWriter<'_>,
    table: TableRef,
    column: &'static str,
    value: Option<Value>,
) {
    w.push("UPDATE ")
        .table_ref(table)
        .push(" SET ")
        .ident(column)
        .push(" = ");
    match value {
        Some(value) => w.bind(value),
        None => w.push("NULL"),
    };
    w.push(" WHERE ");
}

fn symmetric_edge<E: Entity, T: Entity>(edge: Edge<E, T>) -> bool {
    matches!(
        edge.def().kind,
        EdgeKind::ManyToMany {
            symmetric: true,
            ..
        }
    )
}
