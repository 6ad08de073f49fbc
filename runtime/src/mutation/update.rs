//! UPDATE of one entity by key, or of every row matching a filter.

use std::marker::PhantomData;

use futures_util::future::BoxFuture;

use super::stored::{DecodeStored, Stored, decode_stored, unbox};
use super::validate::check_field;
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::exec::{Executor, Target};
use crate::schema::{DefaultValue, EntityDef};
use crate::sql::{self, CmpOp, Expr, Predicate, SetValue};
use crate::tenant;
use crate::value::{ColumnValue, Value};

/// Assignments shared by both update forms (not generic: see
/// `super::stored`).
struct Assignments {
    sets: Vec<(usize, SetValue)>,
}

impl Assignments {
    fn new() -> Self {
        Assignments { sets: Vec::new() }
    }

    fn set(&mut self, index: usize, value: SetValue) {
        match self.sets.iter_mut().find(|(i, _)| *i == index) {
            Some(slot) => slot.1 = value,
            None => self.sets.push((index, value)),
        }
    }

    /// Adds update defaults for fields not set explicitly (every
    /// `entkit::now` among them gets the same instant), then validates.
    fn finish(self, def: &'static EntityDef) -> Result<Vec<(usize, SetValue)>> {
        crate::clock::one_instant(|| self.finish_in_scope(def))
    }

    fn finish_in_scope(mut self, def: &'static EntityDef) -> Result<Vec<(usize, SetValue)>> {
        if self.sets.is_empty() {
            return Ok(self.sets);
        }
        for (index, field) in def.fields.iter().enumerate() {
            if let Some(default) = field.update_default
                && !self.sets.iter().any(|(i, _)| *i == index)
            {
                let value = match default {
                    DefaultValue::Call(f) => f(),
                    DefaultValue::Literal(lit) => Value::from_literal(lit, field.ty),
                };
                self.sets.push((index, SetValue::To(value)));
            }
        }
        // The builders have no setter for it; nothing else may change it either.
        if let Some(tenant) = def.tenant
            && self.sets.iter().any(|(i, _)| *i == tenant)
        {
            return Err(Error::Validation {
                entity: def.name,
                field: def.fields[tenant].name,
                reason: "is the tenant key: no update changes a row's tenant".into(),
            });
        }
        for (index, value) in &self.sets {
            if let SetValue::To(value) = value {
                check_field(def, *index, value)?;
            }
        }
        Ok(self.sets)
    }
}

/// The untyped core of a generated update-by-key builder.
pub struct UpdateOne<E: Entity> {
    key: E::Key,
    assignments: Assignments,
}

impl<E: Entity> std::fmt::Debug for UpdateOne<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields: Vec<usize> = self.assignments.sets.iter().map(|(i, _)| *i).collect();
        f.debug_struct("UpdateOne")
            .field("fields_set", &fields)
            .finish()
    }
}

impl<E: Entity> UpdateOne<E> {
    /// An update of the row with key `key`.
    pub fn new(key: E::Key) -> Self {
        UpdateOne {
            key,
            assignments: Assignments::new(),
        }
    }

    /// Sets field `index`. Used by generated setters.
    pub fn set(&mut self, index: usize, value: Value) {
        self.assignments.set(index, SetValue::To(value));
    }

    /// Adds `delta` to field `index` in the database. Used by generated `add_*`.
    pub fn add(&mut self, index: usize, delta: Value) {
        self.assignments.set(index, SetValue::Add(delta));
    }

    /// Applies the update and returns the entity as stored afterwards;
    /// [`Error::NotFound`] if no row has the key.
    pub async fn save<'a>(self, exec: impl Executor<'a>) -> Result<E> {
        let key = self.key.into_value();
        let stored = update_by_key(
            exec.into_target(),
            E::def(),
            key,
            self.assignments,
            decode_stored::<E>,
        )
        .await?;
        Ok(unbox(stored))
    }
}

/// The work of [`UpdateOne::save`], for any entity (see `super::stored`);
/// boxed, so that `save` awaits one small future (see `Target::run`).
fn update_by_key<'a>(
    mut target: Target<'a>,
    def: &'static EntityDef,
    key: Value,
    assignments: Assignments,
    decode: DecodeStored,
) -> BoxFuture<'a, Result<Stored>> {
    Box::pin(async move {
        tenant::require(&target.state().tenancy, def)?;
        let sets = assignments.finish(def)?;
        check_sets(target.state().backend(), def, &sets)?;
        super::links::check_foreign_keys(target.reborrow(), def, |f| set_values(&sets, f)).await?;
        let hooks = crate::mutation::hooks::applicable(target.state(), def);
        if hooks.is_empty() {
            return update_one(target, def, key, sets, decode).await;
        }
        let mutation = crate::hooks::Mutation {
            entity: def,
            operation: crate::hooks::Operation::Update,
            fields: assigned_fields(def, &sets),
            key: Some(key.clone()),
        };
        crate::mutation::hooks::around(target, hooks, mutation, move |target| {
            Box::pin(async move { Ok((update_one(target, def, key, sets, decode).await?, None)) })
        })
        .await
    })
}

/// The fields an update assigns, for hooks (increments show their delta).
fn assigned_fields(
    def: &crate::EntityDef,
    sets: &[(usize, SetValue)],
) -> Vec<(&'static str, Value)> {
    sets.iter()
        .map(|(i, v)| {
            let value = match v {
                SetValue::To(v) | SetValue::Add(v) => v.clone(),
            };
            (def.fields[*i].name, value)
        })
        .collect()
}

/// The values `sets` assigns to field `field` (increments aside).
fn set_values(sets: &[(usize, SetValue)], field: usize) -> Vec<Value> {
    sets.iter()
        .filter_map(|(i, v)| match v {
            SetValue::To(value) if *i == field => Some(value.clone()),
            _ => None,
        })
        .collect()
}

/// Refuses assignments the backend would change, naming the column,
/// before any hook runs.
fn check_sets(
    backend: crate::Backend,
    def: &crate::EntityDef,
    sets: &[(usize, SetValue)],
) -> Result<()> {
    for (index, value) in sets {
        let (SetValue::To(value) | SetValue::Add(value)) = value;
        crate::backend::limits::check_field(backend, def, &def.fields[*index], value)?;
    }
    Ok(())
}

/// UPDATE of one row by key, returning it as stored.
async fn update_one(
    mut target: Target<'_>,
    def: &'static EntityDef,
    key: Value,
    sets: Vec<(usize, SetValue)>,
    decode: DecodeStored,
) -> Result<Stored> {
    let state = target.state();
    if !sets.is_empty() {
        let by_key = Expr::Compare {
            column: def.key().column,
            op: CmpOp::Eq,
            value: key.clone(),
        };
        // A soft-deleted row, or another tenant's, is not there to update.
        let filter = tenant::scoped_filter(&state.tenancy, def, with_live(def, Some(by_key)))?;
        let stmt = sql::render_update(state.backend(), state.scope(), def, sets, filter, true);
        if state.backend().supports_returning() {
            return Ok(target
                .fetch_optional(stmt, decode)
                .await?
                .ok_or(Error::NotFound { entity: def.name })?
                .0);
        }
        target.reborrow().execute(stmt).await?;
    }
    let stmt = crate::query::select_by_key_statement(state, def, key)?;
    Ok(target
        .fetch_optional(stmt, decode)
        .await?
        .ok_or(Error::NotFound { entity: def.name })?
        .0)
}

/// The untyped core of a generated update-many builder.
pub struct Update<E: Entity> {
    filter: Option<Expr>,
    assignments: Assignments,
    _entity: PhantomData<fn() -> E>,
}

impl<E: Entity> std::fmt::Debug for Update<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields: Vec<usize> = self.assignments.sets.iter().map(|(i, _)| *i).collect();
        f.debug_struct("Update")
            .field("filter", &self.filter)
            .field("fields_set", &fields)
            .finish()
    }
}

impl<E: Entity> Default for Update<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: Entity> Update<E> {
    /// An update of every row (narrow it with [`filter`](Self::filter)).
    pub fn new() -> Self {
        Update {
            filter: None,
            assignments: Assignments::new(),
            _entity: PhantomData,
        }
    }

    /// Restricts the update to rows matching `predicate` (ANDed with earlier filters).
    pub fn filter(&mut self, predicate: Predicate<E>) {
        self.filter = Some(match self.filter.take() {
            Some(existing) => existing.and(predicate.expr),
            None => predicate.expr,
        });
    }

    /// Sets field `index`. Used by generated setters.
    pub fn set(&mut self, index: usize, value: Value) {
        self.assignments.set(index, SetValue::To(value));
    }

    /// Adds `delta` to field `index` in the database. Used by generated `add_*`.
    pub fn add(&mut self, index: usize, delta: Value) {
        self.assignments.set(index, SetValue::Add(delta));
    }

    /// Applies the update; returns the number of rows matched.
    pub async fn exec<'a>(self, exec: impl Executor<'a>) -> Result<u64> {
        update_matching(exec.into_target(), E::def(), self.filter, self.assignments).await
    }

    /// Applies the update and returns the updated rows (PostgreSQL, SQLite;
    /// [`Error::Unsupported`] on MySQL/MariaDB, which lack `UPDATE ... RETURNING`).
    pub async fn exec_returning<'a>(self, exec: impl Executor<'a>) -> Result<Vec<E>> {
        let def = E::def();
        let mut target = exec.into_target();
        let state = target.state();
        if !state.backend().supports_returning() {
            return Err(Error::Unsupported {
                operation: "UPDATE ... RETURNING",
                backend: state.backend().name(),
            });
        }
        let filter = tenant::scoped_filter(&state.tenancy, def, with_live(def, self.filter))?;
        let sets = self.assignments.finish(def)?;
        if sets.is_empty() {
            return Ok(Vec::new());
        }
        check_sets(state.backend(), def, &sets)?;
        super::links::check_foreign_keys(target.reborrow(), def, |f| set_values(&sets, f)).await?;
        let hooks = crate::mutation::hooks::applicable(target.state(), def);
        if hooks.is_empty() {
            return update_returning::<E>(target, sets, filter).await;
        }
        let mutation = crate::hooks::Mutation {
            entity: def,
            operation: crate::hooks::Operation::Update,
            fields: assigned_fields(def, &sets),
            key: None,
        };
        crate::mutation::hooks::around(target, hooks, mutation, move |target| {
            Box::pin(async move { Ok((update_returning::<E>(target, sets, filter).await?, None)) })
        })
        .await
    }
}

/// `filter AND deleted_at IS NULL` on soft-delete entities.
fn with_live(def: &crate::EntityDef, filter: Option<Expr>) -> Option<Expr> {
    match (filter, def.live_filter()) {
        (Some(f), Some(live)) => Some(f.and(live)),
        (f, live) => f.or(live),
    }
}

/// The work of [`Update::exec`], for any entity: the count of rows
/// matched. Boxed, like [`update_by_key`].
fn update_matching<'a>(
    mut target: Target<'a>,
    def: &'static EntityDef,
    filter: Option<Expr>,
    assignments: Assignments,
) -> BoxFuture<'a, Result<u64>> {
    Box::pin(async move {
        let filter = tenant::scoped_filter(&target.state().tenancy, def, with_live(def, filter))?;
        let sets = assignments.finish(def)?;
        if sets.is_empty() {
            return Ok(0);
        }
        check_sets(target.state().backend(), def, &sets)?;
        super::links::check_foreign_keys(target.reborrow(), def, |f| set_values(&sets, f)).await?;
        let hooks = crate::mutation::hooks::applicable(target.state(), def);
        if hooks.is_empty() {
            return update_many(target, def, sets, filter).await;
        }
        let mutation = crate::hooks::Mutation {
            entity: def,
            operation: crate::hooks::Operation::Update,
            fields: assigned_fields(def, &sets),
            key: None,
        };
        crate::mutation::hooks::around(target, hooks, mutation, move |target| {
            Box::pin(async move { Ok((update_many(target, def, sets, filter).await?, None)) })
        })
        .await
    })
}

/// UPDATE of every row `filter` matches; returns the count.
async fn update_many(
    target: Target<'_>,
    def: &'static EntityDef,
    sets: Vec<(usize, SetValue)>,
    filter: Option<Expr>,
) -> Result<u64> {
    let state = target.state();
    let stmt = sql::render_update(state.backend(), state.scope(), def, sets, filter, false);
    Ok(target.execute(stmt).await?.rows_affected)
}

/// UPDATE ... RETURNING of every row `filter` matches.
async fn update_returning<E: Entity>(
    target: crate::exec::Target<'_>,
    sets: Vec<(usize, SetValue)>,
    filter: Option<Expr>,
) -> Result<Vec<E>> {
    let state = target.state();
    let stmt = sql::render_update(state.backend(), state.scope(), E::def(), sets, filter, true);
    target.fetch_all(stmt, E::from_row).await
}
