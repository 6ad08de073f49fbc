//! DELETE by key or by filter.

use std::marker::PhantomData;

use crate::client::{Executor, StatementKind};
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::sql::{self, Expr, Predicate, Statement};
use crate::value::ColumnValue;

/// Deletes every row matching a filter.
pub struct Delete<E> {
    filter: Option<Expr>,
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

    /// Deletes; returns the number of rows deleted.
    pub async fn exec<'a>(self, exec: impl Executor<'a>) -> Result<u64> {
        let target = exec.into_target();
        let state = target.state();
        let stmt = sql::render_delete(state.backend(), state.scope(), E::def(), self.filter);
        Ok(target.execute(stmt).await?.rows_affected)
    }
}

/// Deletes the row with key `key`; [`Error::NotFound`] if there is none.
pub async fn delete_by_key<'a, E: Entity>(exec: impl Executor<'a>, key: E::Key) -> Result<()> {
    let def = E::def();
    let target = exec.into_target();
    let state = target.state();
    let sql = state
        .cache
        .get_or_render(def, StatementKind::DeleteByKey, || {
            sql::delete_by_key_sql(state.backend(), state.scope(), def)
        });
    let stmt = Statement {
        sql,
        binds: vec![key.into_value()],
        entity: Some(def),
    };
    match target.execute(stmt).await?.rows_affected {
        0 => Err(Error::NotFound { entity: def.name }),
        _ => Ok(()),
    }
}
