//! Row-level tenancy, the application wall: the one place that decides, from
//! a client's [`Tenancy`] and an entity's tenant key, which rows a statement
//! may read or change and which tenant a new row gets.
//!
//! Every generated operation on a tenant entity asks here before it renders
//! anything: a filter (`tenant = $n`, a bind, so one cached text serves every
//! tenant), the value a create writes, or [`Error::TenantRequired`] when the
//! client has no tenant. Nothing is sent in that case, and never all rows.
//! Edge predicates and traversals reach other tables through subqueries;
//! [`scoped_filter`] puts the tenant filter into each subquery on a tenant
//! entity's table as well.

use crate::backend::TenantSetting;
use crate::error::{Error, Result};
use crate::schema::{ColumnType, EntityDef, FieldDef};
use crate::sql::{CmpOp, Expr};
use crate::value::Value;

/// Which tenant's rows a client works on; see
/// [`Client::for_tenant`](crate::Client::for_tenant) and
/// [`Client::all_tenants`](crate::Client::all_tenants).
///
/// Entities without a tenant key (`#[entity(tenant)]`) ignore it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Tenancy {
    /// No tenant: every operation on a tenant entity fails with
    /// [`Error::TenantRequired`] before anything is sent.
    Unset,
    /// Bound to one tenant: operations on tenant entities see and change
    /// only this tenant's rows, and creates give new rows this tenant.
    Tenant(Value),
    /// Deliberately across tenants (platform code: migrations of data,
    /// support tools, reports). Reads and changes see every tenant's rows;
    /// creating a row of a tenant entity needs a tenant and fails.
    AllTenants,
}

impl Tenancy {
    /// The tenant, when bound to one.
    pub fn value(&self) -> Option<&Value> {
        match self {
            Tenancy::Tenant(value) => Some(value),
            Tenancy::Unset | Tenancy::AllTenants => None,
        }
    }
}

/// The session setting PostgreSQL row-level security policies read for
/// `tenancy` (see `crate::exec::session`): the tenant key as the text
/// PostgreSQL gives the column (`tenant::text`), or every tenant, or none.
/// A tenant whose key is not a uuid, integer or text value matches no
/// policy, as no row could carry it.
pub(crate) fn setting(tenancy: &Tenancy) -> TenantSetting {
    match tenancy {
        Tenancy::Unset => TenantSetting::None,
        Tenancy::AllTenants => TenantSetting::All,
        Tenancy::Tenant(value) => {
            let text = match value {
                Value::I16(i) => i.to_string(),
                Value::I32(i) => i.to_string(),
                Value::I64(i) => i.to_string(),
                Value::Text(t) => t.clone(),
                Value::Uuid(u) => u.hyphenated().to_string(),
                _ => return TenantSetting::None,
            };
            TenantSetting::Tenant(text.into())
        }
    }
}

/// The tenant key value rows of `def` are filtered by under `tenancy`:
/// `None` for entities without a tenant key and for
/// [`Tenancy::AllTenants`], [`Error::TenantRequired`] without a tenant.
pub(crate) fn filter_value(tenancy: &Tenancy, def: &'static EntityDef) -> Result<Option<Value>> {
    let Some(field) = def.tenant_field() else {
        return Ok(None);
    };
    match tenancy {
        Tenancy::Unset => Err(Error::TenantRequired { entity: def.name }),
        Tenancy::AllTenants => Ok(None),
        Tenancy::Tenant(value) => fit(def, field, value).map(Some),
    }
}

/// `tenant_column = $tenant` for rows of `def` under `tenancy` (see
/// [`filter_value`]).
pub(crate) fn row_filter(tenancy: &Tenancy, def: &'static EntityDef) -> Result<Option<Expr>> {
    Ok(filter_value(tenancy, def)?.and_then(|value| {
        let field = def.tenant_field()?;
        Some(Expr::Compare {
            column: field.column,
            op: CmpOp::Eq,
            value,
        })
    }))
}

/// The tenant key value a new row of `def` gets: `None` for entities
/// without a tenant key; [`Error::TenantRequired`] unless the client is
/// bound to one tenant (an all-tenants client cannot tell which).
pub(crate) fn insert_value(tenancy: &Tenancy, def: &'static EntityDef) -> Result<Option<Value>> {
    let Some(field) = def.tenant_field() else {
        return Ok(None);
    };
    match tenancy {
        Tenancy::Tenant(value) => fit(def, field, value).map(Some),
        Tenancy::Unset | Tenancy::AllTenants => Err(Error::TenantRequired { entity: def.name }),
    }
}

/// Refuses an operation on `def` without a tenant, before anything runs
/// (for operations whose statements name the entity only indirectly).
pub(crate) fn require(tenancy: &Tenancy, def: &'static EntityDef) -> Result<()> {
    row_filter(tenancy, def).map(|_| ())
}

/// `filter` for a statement on `def`, narrowed to the tenant's rows: the
/// tenant filter of `def` itself and of every entity table a subquery of
/// `filter` reads (edge predicates, traversals).
pub(crate) fn scoped_filter(
    tenancy: &Tenancy,
    def: &'static EntityDef,
    filter: Option<Expr>,
) -> Result<Option<Expr>> {
    let own = row_filter(tenancy, def)?;
    let filter = filter.map(|f| scope_subqueries(tenancy, f)).transpose()?;
    Ok(and(filter, own))
}

/// `a AND b`, either possibly absent.
pub(crate) fn and(a: Option<Expr>, b: Option<Expr>) -> Option<Expr> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.and(b)),
        (a, b) => a.or(b),
    }
}

fn scope_subqueries(tenancy: &Tenancy, expr: Expr) -> Result<Expr> {
    Ok(match expr {
        Expr::InSubquery {
            column,
            negated,
            mut sub,
        } => {
            let inner = sub
                .filter
                .take()
                .map(|f| scope_subqueries(tenancy, f))
                .transpose()?;
            // A join table has no tenant key: its rows are reached only
            // through the tenant's own rows on either side.
            let entity = sub.table.scope_of;
            let own = if sub.table.name == entity.table {
                row_filter(tenancy, entity)?
            } else {
                None
            };
            sub.filter = and(inner, own);
            Expr::InSubquery {
                column,
                negated,
                sub,
            }
        }
        Expr::And(items) => Expr::And(
            items
                .into_iter()
                .map(|e| scope_subqueries(tenancy, e))
                .collect::<Result<_>>()?,
        ),
        Expr::Or(items) => Expr::Or(
            items
                .into_iter()
                .map(|e| scope_subqueries(tenancy, e))
                .collect::<Result<_>>()?,
        ),
        Expr::Not(inner) => Expr::Not(Box::new(scope_subqueries(tenancy, *inner)?)),
        other => other,
    })
}

/// The client's tenant as a value of `def`'s tenant key type: integers
/// convert when they fit, anything else must be of the key's own type.
/// A NULL tenant is no tenant.
fn fit(def: &'static EntityDef, field: &FieldDef, value: &Value) -> Result<Value> {
    if value.is_null() {
        return Err(Error::TenantRequired { entity: def.name });
    }
    let int = match value {
        Value::I16(i) => Some(i64::from(*i)),
        Value::I32(i) => Some(i64::from(*i)),
        Value::I64(i) => Some(*i),
        _ => None,
    };
    let fitted = match (field.ty, int, value) {
        (ColumnType::I16, Some(i), _) => i16::try_from(i).ok().map(Value::I16),
        (ColumnType::I32, Some(i), _) => i32::try_from(i).ok().map(Value::I32),
        (ColumnType::I64, Some(i), _) => Some(Value::I64(i)),
        (ColumnType::Text, _, Value::Text(t)) => Some(Value::Text(t.clone())),
        (ColumnType::Uuid, _, Value::Uuid(u)) => Some(Value::Uuid(*u)),
        _ => None,
    };
    fitted.ok_or_else(|| Error::TenantType {
        entity: def.name,
        column: field.column,
        expected: field.ty,
        found: value.column_type(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Entity as _;
    use crate::sql::{SubSelect, TableRef};
    use crate::sql_text_tests::{Ledger, Note};

    #[test]
    fn the_tenant_decides_the_filter() {
        let ledger = Ledger::def();
        let required = row_filter(&Tenancy::Unset, ledger);
        assert!(matches!(
            required,
            Err(Error::TenantRequired { entity: "Ledger" })
        ));
        assert!(row_filter(&Tenancy::AllTenants, ledger).unwrap().is_none());
        // An i32 tenant fits the i64 key.
        let filter = row_filter(&Tenancy::Tenant(Value::I32(5)), ledger).unwrap();
        assert!(matches!(
            filter,
            Some(Expr::Compare {
                column: "org",
                op: CmpOp::Eq,
                value: Value::I64(5)
            })
        ));
        let wrong = row_filter(&Tenancy::Tenant(Value::Text("a".into())), ledger);
        assert!(matches!(
            wrong,
            Err(Error::TenantType {
                expected: ColumnType::I64,
                found: ColumnType::Text,
                ..
            })
        ));
        // Entities without a tenant key ignore the tenant, even a missing one.
        assert!(row_filter(&Tenancy::Unset, Note::def()).unwrap().is_none());
        assert!(
            insert_value(&Tenancy::Unset, Note::def())
                .unwrap()
                .is_none()
        );
        // Creating a tenant's row needs one tenant.
        let everyone = insert_value(&Tenancy::AllTenants, ledger);
        assert!(matches!(everyone, Err(Error::TenantRequired { .. })));
    }

    #[test]
    fn subqueries_on_tenant_tables_are_narrowed_too() {
        let sub = |table: TableRef| Expr::InSubquery {
            column: "id",
            negated: false,
            sub: Box::new(SubSelect {
                table,
                column: "id",
                filter: None,
            }),
        };
        let ledger = TableRef::entity(Ledger::def());
        let join = TableRef {
            name: "ledger_links",
            scope_of: Ledger::def(),
        };
        let expr = Expr::Not(Box::new(Expr::Or(vec![sub(ledger), sub(join)])));
        let tenant = Tenancy::Tenant(Value::I64(9));
        let Some(Expr::Not(inner)) = scope_subqueries(&tenant, expr.clone()).ok() else {
            panic!("the shape is kept");
        };
        let Expr::Or(items) = *inner else {
            panic!("the shape is kept");
        };
        let filters: Vec<bool> = items
            .iter()
            .map(|e| matches!(e, Expr::InSubquery { sub, .. } if sub.filter.is_some()))
            .collect();
        assert_eq!(
            filters,
            [true, false],
            "the entity table, not the join table"
        );
        assert!(scope_subqueries(&Tenancy::Unset, expr).is_err());
    }
}
