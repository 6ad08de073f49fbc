//! Edges stay within the tenant: a foreign key that a tenant's create or
//! update writes must point at that tenant's own row.
//!
//! The database's foreign key only knows that the row exists, in any
//! tenant; so before the write, the client's tenant is asked for the rows
//! the new values point at, in one statement per edge. A value pointing at
//! another tenant's row fails exactly like one pointing at no row: a
//! foreign-key violation, so a tenant cannot even learn that the row exists.

use std::collections::HashSet;

use crate::error::{ConstraintKind, ConstraintViolation, Error, Result};
use crate::exec::Target;
use crate::schema::{EdgeKind, EntityDef};
use crate::sql::{self, Expr};
use crate::tenant;
use crate::value::{ScalarValue, Value};

/// Checks the values a write sets on `def`'s `belongs_to` fields that point
/// at a tenant entity; `values_of(field)` lists the values the write sets
/// on that field (one per row). Costs nothing for other entities, for
/// all-tenants clients and for writes that set no such field.
pub(crate) async fn check_foreign_keys(
    mut target: Target<'_>,
    def: &'static EntityDef,
    values_of: impl Fn(usize) -> Vec<Value> + Send,
) -> Result<()> {
    for edge in def.edges {
        let EdgeKind::BelongsTo { column, .. } = edge.kind else {
            continue;
        };
        let referenced = (edge.target)();
        let state = target.state();
        if tenant::filter_value(&state.tenancy, referenced)?.is_none() {
            continue;
        }
        let Some(field) = def.field_index(column) else {
            continue;
        };
        let mut seen = HashSet::new();
        let keys: Vec<Value> = values_of(field)
            .into_iter()
            .filter(|value| !value.is_null())
            .filter(|value| value.key_repr().is_none_or(|r| seen.insert(r)))
            .collect();
        let per_statement = (state.backend().max_binds() / 2).max(1);
        for chunk in keys.chunks(per_statement) {
            let filter = Expr::InList {
                column: referenced.key().column,
                values: chunk.to_vec(),
                negated: false,
            };
            let filter = tenant::scoped_filter(&state.tenancy, referenced, Some(filter))?;
            // Not a replica's read: the row may have been written a moment ago.
            let stmt = sql::Statement {
                read: false,
                ..sql::render_count(state.backend(), state.scope(), referenced, filter)
            };
            let found = target
                .reborrow()
                .fetch_optional(stmt, |row| <i64 as ScalarValue>::decode(row, 0))
                .await?
                .unwrap_or(0);
            if found != chunk.len() as i64 {
                return Err(Error::Constraint(ConstraintViolation {
                    kind: ConstraintKind::ForeignKey,
                    constraint: Some(format!("{}_{column}_fkey", def.table)),
                    table: Some(def.table.to_owned()),
                    column: Some(column.to_owned()),
                    message: format!(
                        "{}.{column} must reference a {} of the client's tenant",
                        def.table, referenced.name
                    ),
                }));
            }
        }
    }
    Ok(())
}
