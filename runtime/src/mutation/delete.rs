//! DELETE by key or by filter.

use std::marker::PhantomData;

use futures_util::future::BoxFuture;

use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::exec::{Executor, StatementKind, Target};
use crate::hooks::Operation;
use crate::schema::EntityDef;
use crate::sql::{self, CmpOp, Expr, Predicate, SetValue, Statement};
use crate::tenant;
use crate::value::{ColumnValue, Value};

/// Deletes every row matching a filter.
pub struct Delete<E> {
    filter: Option<Expr>,
    hard: bool,
    _entity: PhantomData<fn() -> E>,
}

impl<E> std::fmt::Debug for Delete<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delete")
            .field("filter", &self.filter)
            .finish()
    }
}

impl<E: Entity> Default for Delete<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: Entity> Delete<E> {
    /// A delete of every row (narrow it with [`filter`](Self::filter)).
    pub fn new() -> Self {
        Delete {
            filter: None,
            hard: false,
            _entity: PhantomData,
        }
    }

    /// Restricts the delete to rows matching `predicate` (ANDed with earlier filters).
    pub fn filter(mut self, predicate: Predicate<E>) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(existing) => existing.and(predicate.expr),
            None => predicate.expr,
        });
        self
    }

    /// Removes the rows for good even on a soft-delete entity.
    pub fn hard(mut self) -> Self {
        self.hard = true;
        self
    }

    /// Deletes (soft-deletes, on a soft-delete entity, unless [`hard`](Self::hard));
    /// returns the number of rows deleted.
    pub async fn exec<'a>(self, exec: impl Executor<'a>) -> Result<u64> {
        delete_matching(exec.into_target(), E::def(), self.filter, self.hard).await
    }
}

// The work below takes the entity's definition and its key as a value, not
// the entity's type, so that it is compiled once, in this crate, rather than
// for every entity in every crate that deletes rows; each entry point boxes
// its future, so that the generic caller awaits one small future (see
// `Target::run`).

/// The work of [`Delete::exec`], for any entity.
fn delete_matching<'a>(
    target: Target<'a>,
    def: &'static EntityDef,
    filter: Option<Expr>,
    hard: bool,
) -> BoxFuture<'a, Result<u64>> {
    Box::pin(async move {
        let filter = tenant::scoped_filter(&target.state().tenancy, def, filter)?;
        let hooks = crate::mutation::hooks::applicable(target.state(), def);
        if hooks.is_empty() {
            return delete_many(target, def, filter, hard).await;
        }
        let mutation = crate::hooks::Mutation {
            entity: def,
            operation: crate::hooks::Operation::Delete,
            fields: Vec::new(),
            key: None,
        };
        crate::mutation::hooks::around(target, hooks, mutation, move |target| {
            Box::pin(async move { Ok((delete_many(target, def, filter, hard).await?, None)) })
        })
        .await
    })
}

/// DELETE (or soft delete) of every row `filter` matches; returns the count.
async fn delete_many(
    target: Target<'_>,
    def: &'static EntityDef,
    filter: Option<Expr>,
    hard: bool,
) -> Result<u64> {
    let state = target.state();
    let stmt = match (def.soft_delete, hard) {
        (Some(_), false) => soft_delete_statement(state.backend(), state.scope(), def, filter),
        _ => sql::render_delete(state.backend(), state.scope(), def, filter),
    };
    Ok(target.execute(stmt).await?.rows_affected)
}

/// `UPDATE t SET deleted_at = now WHERE <filter> AND deleted_at IS NULL`.
fn soft_delete_statement(
    backend: crate::Backend,
    scope: Option<&str>,
    def: &'static EntityDef,
    filter: Option<Expr>,
) -> Statement {
    let deleted_at = def.soft_delete.unwrap_or("deleted_at");
    let index = def.field_index(deleted_at).unwrap_or_default();
    let live = Expr::IsNull {
        column: deleted_at,
        negated: false,
    };
    let filter = Some(match filter {
        Some(f) => f.and(live),
        None => live,
    });
    let sets = vec![(index, SetValue::To(crate::now().into_value()))];
    sql::render_update(backend, scope, def, sets, filter, false)
}

fn by_key(def: &'static EntityDef, key: Value) -> Expr {
    Expr::Compare {
        column: def.key().column,
        op: CmpOp::Eq,
        value: key,
    }
}

/// Deletes the row with key `key` (soft-deletes it on a soft-delete
/// entity); [`Error::NotFound`] if there is none.
pub async fn delete_by_key<'a, E: Entity>(exec: impl Executor<'a>, key: E::Key) -> Result<()> {
    let change: KeyChange = |target, def, key| Box::pin(delete_one(target, def, key));
    let key = key.into_value();
    by_key_with_hooks(
        exec.into_target(),
        E::def(),
        Operation::Delete,
        Vec::new(),
        key,
        change,
    )
    .await
}

type KeyChange = for<'x> fn(Target<'x>, &'static EntityDef, Value) -> BoxFuture<'x, Result<()>>;

/// Runs a change of the row with `key` between the hooks that apply to
/// the entity, or directly when none do.
fn by_key_with_hooks<'a>(
    target: Target<'a>,
    def: &'static EntityDef,
    operation: Operation,
    fields: Vec<(&'static str, Value)>,
    key: Value,
    change: KeyChange,
) -> BoxFuture<'a, Result<()>> {
    Box::pin(async move {
        // Refused before a hook's transaction begins.
        tenant::require(&target.state().tenancy, def)?;
        let hooks = crate::mutation::hooks::applicable(target.state(), def);
        if hooks.is_empty() {
            return change(target, def, key).await;
        }
        let mutation = crate::hooks::Mutation {
            entity: def,
            operation,
            fields,
            key: Some(key.clone()),
        };
        crate::mutation::hooks::around(target, hooks, mutation, move |target| {
            Box::pin(async move { Ok((change(target, def, key).await?, None)) })
        })
        .await
    })
}

/// Deletes (or soft-deletes) one row by key; NotFound when absent.
async fn delete_one(target: Target<'_>, def: &'static EntityDef, key: Value) -> Result<()> {
    if def.soft_delete.is_some() {
        let state = target.state();
        let filter = tenant::scoped_filter(&state.tenancy, def, Some(by_key(def, key)))?;
        let stmt = soft_delete_statement(state.backend(), state.scope(), def, filter);
        return match target.execute(stmt).await?.rows_affected {
            0 => Err(Error::NotFound { entity: def.name }),
            _ => Ok(()),
        };
    }
    hard_delete_one(target, def, key).await
}

/// Brings a soft-deleted row back; [`Error::NotFound`] if no deleted row
/// has the key. Hooks see an update setting the soft-delete column to NULL.
pub async fn restore_by_key<'a, E: Entity>(exec: impl Executor<'a>, key: E::Key) -> Result<()> {
    let def = E::def();
    let Some(deleted_at) = def.soft_delete else {
        return Err(Error::NotFound { entity: def.name });
    };
    let index = def.field_index(deleted_at).unwrap_or_default();
    let cleared = Value::Null(def.fields[index].ty);
    let fields = vec![(def.fields[index].name, cleared)];
    let change: KeyChange = |target, def, key| Box::pin(restore_one(target, def, key));
    let key = key.into_value();
    by_key_with_hooks(
        exec.into_target(),
        def,
        Operation::Update,
        fields,
        key,
        change,
    )
    .await
}

async fn restore_one(target: Target<'_>, def: &'static EntityDef, key: Value) -> Result<()> {
    let deleted_at = def.soft_delete.unwrap_or("deleted_at");
    let index = def.field_index(deleted_at).unwrap_or_default();
    let state = target.state();
    let deleted = Expr::IsNull {
        column: deleted_at,
        negated: true,
    };
    let sets = vec![(index, SetValue::To(Value::Null(def.fields[index].ty)))];
    let filter = tenant::scoped_filter(&state.tenancy, def, Some(by_key(def, key).and(deleted)))?;
    let stmt = sql::render_update(state.backend(), state.scope(), def, sets, filter, false);
    match target.execute(stmt).await?.rows_affected {
        0 => Err(Error::NotFound { entity: def.name }),
        _ => Ok(()),
    }
}

/// Removes the row with key `key` for good, soft-delete entity or not;
/// [`Error::NotFound`] if there is none. Hooks see a delete.
pub async fn hard_delete_by_key<'a, E: Entity>(exec: impl Executor<'a>, key: E::Key) -> Result<()> {
    let change: KeyChange = |target, def, key| Box::pin(hard_delete_one(target, def, key));
    let key = key.into_value();
    by_key_with_hooks(
        exec.into_target(),
        E::def(),
        Operation::Delete,
        Vec::new(),
        key,
        change,
    )
    .await
}

async fn hard_delete_one(target: Target<'_>, def: &'static EntityDef, key: Value) -> Result<()> {
    let state = target.state();
    let tenant = tenant::filter_value(&state.tenancy, def)?;
    let kind = StatementKind::DeleteByKey {
        tenant: tenant.is_some(),
    };
    let sql = state.cache.get_or_render(def, kind, &|| {
        sql::delete_by_key_sql(state.backend(), state.scope(), def, tenant.is_some())
    });
    let stmt = Statement {
        sql,
        binds: std::iter::once(key).chain(tenant).collect(),
        entity: Some(def),
        read: false,
    };
    match target.execute(stmt).await?.rows_affected {
        0 => Err(Error::NotFound { entity: def.name }),
        _ => Ok(()),
    }
}
