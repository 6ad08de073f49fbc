//! INSERT of one entity.

use std::marker::PhantomData;

use futures_util::future::BoxFuture;

use super::stored::{DecodeStored, Stored, decode_stored, unbox};
use super::validate::check_field;
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::exec::{Executor, StatementKind, Target};
use crate::schema::{DefaultValue, EntityDef, KeyStrategy};
use crate::sql::{self, Statement};
use crate::value::{ColumnValue, Value};

/// The untyped core of a generated create builder: one slot per field.
pub struct Create<E> {
    values: Vec<Option<Value>>,
    _entity: PhantomData<fn() -> E>,
}

impl<E> std::fmt::Debug for Create<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Values may be sensitive; show which fields are set, not their content.
        let set: Vec<usize> = (0..self.values.len())
            .filter(|i| self.values[*i].is_some())
            .collect();
        f.debug_struct("Create").field("fields_set", &set).finish()
    }
}

impl<E: Entity> Default for Create<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E: Entity> Create<E> {
    /// An empty builder.
    #[inline]
    pub fn new() -> Self {
        Create {
            values: empty_slots(E::def()),
            _entity: PhantomData,
        }
    }

    /// Sets field `index`. Used by generated setters.
    #[inline]
    pub fn set(&mut self, index: usize, value: Value) {
        set_slot(&mut self.values, index, value);
    }

    /// Fills unset fields from defaults, generates keys, validates, and
    /// appends the bind values in INSERT column order to `binds` (a bulk
    /// insert collects every row into one vector, inside one
    /// [`one_instant`](crate::clock::one_instant) scope for all rows).
    ///
    /// `tenant` is the client's tenant, the value of a tenant entity's
    /// tenant key (see `crate::tenant::insert_value`).
    #[inline]
    pub(crate) fn finish_into(self, binds: &mut Vec<Value>, tenant: Option<&Value>) -> Result<()> {
        finish_row(E::def(), self.values, binds, tenant)
    }

    /// Inserts the row and returns the stored entity (with its generated key
    /// and defaults, as the database holds them).
    pub async fn save<'a>(self, exec: impl Executor<'a>) -> Result<E> {
        let stored = insert(
            exec.into_target(),
            E::def(),
            self.values,
            decode_stored::<E>,
        )
        .await?;
        Ok(unbox(stored))
    }
}

fn empty_slots(def: &'static EntityDef) -> Vec<Option<Value>> {
    vec![None; def.fields.len()]
}

fn set_slot(values: &mut [Option<Value>], index: usize, value: Value) {
    values[index] = Some(value);
}

/// The bind values of one row, in INSERT column order. Every `entkit::now`
/// default of the row gets the same instant.
fn finish_values(
    def: &'static EntityDef,
    values: Vec<Option<Value>>,
    tenant: Option<&Value>,
) -> Result<Vec<Value>> {
    let mut binds = Vec::with_capacity(def.fields.len());
    crate::clock::one_instant(|| finish_row(def, values, &mut binds, tenant))?;
    Ok(binds)
}

fn finish_row(
    def: &'static EntityDef,
    mut values: Vec<Option<Value>>,
    binds: &mut Vec<Value>,
    tenant: Option<&Value>,
) -> Result<()> {
    if let Some(index) = def.tenant {
        values[index] = Some(own_tenant(def, index, values[index].take(), tenant)?);
    }
    for (index, field) in def.insert_fields() {
        let value = match values[index].take() {
            Some(v) => v,
            None => match (field.default, field.key_strategy) {
                (Some(DefaultValue::Call(f)), _) => f(),
                (Some(DefaultValue::Literal(lit)), _) => Value::from_literal(lit, field.ty),
                (None, Some(KeyStrategy::Generated)) => crate::value::new_uuid().into_value(),
                (None, _) if field.nullable => Value::Null(field.ty),
                (None, _) => {
                    return Err(Error::Validation {
                        entity: def.name,
                        field: field.name,
                        reason: "is required".into(),
                    });
                }
            },
        };
        check_field(def, index, &value)?;
        binds.push(value);
    }
    Ok(())
}

/// Inserts one row (hooks, tenant key, foreign-key checks included) and
/// returns it as stored, decoded by `decode` (see `super::stored`). Boxed,
/// so that the entity's `save` awaits one small future (see `Target::run`).
fn insert<'a>(
    mut target: Target<'a>,
    def: &'static EntityDef,
    values: Vec<Option<Value>>,
    decode: DecodeStored,
) -> BoxFuture<'a, Result<Stored>> {
    Box::pin(async move {
        let tenant = crate::tenant::insert_value(&target.state().tenancy, def)?;
        let binds = finish_values(def, values, tenant.as_ref())?;
        crate::backend::limits::check_rows(target.state().backend(), def, &binds)?;
        super::links::check_foreign_keys(target.reborrow(), def, |field| {
            let position = def.insert_fields().position(|(i, _)| i == field);
            position.map(|p| binds[p].clone()).into_iter().collect()
        })
        .await?;
        let hooks = crate::mutation::hooks::applicable(target.state(), def);
        if hooks.is_empty() {
            let (stored, _) = insert_one(target, def, binds, decode).await?;
            return Ok(stored);
        }
        let mutation = crate::hooks::Mutation {
            entity: def,
            operation: crate::hooks::Operation::Create,
            fields: def
                .insert_fields()
                .map(|(_, f)| f.name)
                .zip(binds.iter().cloned())
                .collect(),
            key: None,
        };
        crate::mutation::hooks::around(target, hooks, mutation, move |target| {
            Box::pin(async move {
                let (stored, key) = insert_one(target, def, binds, decode).await?;
                Ok((stored, Some(key)))
            })
        })
        .await
    })
}

/// The tenant key of a new row: the client's tenant. The create builder
/// has no setter for it; a value that got there anyway must be the same.
fn own_tenant(
    def: &'static crate::EntityDef,
    index: usize,
    given: Option<Value>,
    tenant: Option<&Value>,
) -> Result<Value> {
    let tenant = tenant.ok_or(Error::TenantRequired { entity: def.name })?;
    match given {
        Some(given) if &given != tenant => Err(Error::Validation {
            entity: def.name,
            field: def.fields[index].name,
            reason: "is the tenant key: a create takes it from the client".into(),
        }),
        _ => Ok(tenant.clone()),
    }
}

/// The INSERT of one row whose values are final: the stored row, decoded,
/// and its key.
async fn insert_one(
    mut target: Target<'_>,
    def: &'static EntityDef,
    binds: Vec<Value>,
    decode: DecodeStored,
) -> Result<(Stored, Value)> {
    let state = target.state();
    let backend = state.backend();
    let returning = state.insert_returning();
    let sql = state.cache.get_or_render(def, StatementKind::Insert, &|| {
        sql::insert_sql(backend, state.scope(), def, returning)
    });
    // The key the row will have, when entkit (not the database) assigns it.
    let known_key = if def.has_auto_key() {
        None
    } else {
        let key_pos = def.insert_fields().position(|(i, _)| i == def.primary_key);
        key_pos.map(|p| binds[p].clone())
    };
    let stmt = Statement {
        sql,
        binds,
        entity: Some(def),
        read: false,
    };
    if returning {
        return target
            .reborrow()
            .fetch_optional(stmt, decode)
            .await?
            .ok_or(Error::NotFound { entity: def.name });
    }
    // No RETURNING (MySQL): read the row back by its key.
    let done = target.reborrow().execute(stmt).await?;
    let key = match known_key {
        Some(key) => key,
        None => {
            let id = done
                .last_insert_id
                .ok_or(Error::NotFound { entity: def.name })?;
            match def.key().ty {
                crate::ColumnType::I16 => Value::I16(id as i16),
                crate::ColumnType::I32 => Value::I32(id as i32),
                _ => Value::I64(id),
            }
        }
    };
    let stmt = crate::query::select_by_key_statement(state, def, key)?;
    target
        .fetch_optional(stmt, decode)
        .await?
        .ok_or(Error::NotFound { entity: def.name })
}
