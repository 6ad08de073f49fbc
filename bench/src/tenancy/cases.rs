//! The contenders of the tenancy cases: the same lookup or insert on the
//! plain entity and on the tenant entity, through pools of their own with
//! the same settings, logged in as the same non-superuser role.

use std::sync::Arc;

use entkit::Client;

use super::service::{BOUND_TENANT, Keys, TENANTS};
use crate::harness::{Contender, Op, OpResult, Tool};
use crate::models::tenancy_model::{ItemRow, PlainItem, TenantItem};

/// Variant names, as they appear in the result file and the report.
pub const PLAIN: &str = "plain";
pub const TENANT: &str = "tenant";
pub const SWITCHING: &str = "switching";
/// The plain and tenant lookups with `transaction_pooler(true)`, straight
/// to the server: what the option itself costs.
pub const POOLER_PLAIN: &str = "pooler_plain";
pub const POOLER_TENANT: &str = "pooler_tenant";

/// The hand-written reference's statements (the role's schema, as entkit
/// qualifies it).
const SQLX_SELECT: &str =
    "SELECT id, tenant, name, hair_color FROM tenancy_bench.plain_items WHERE id = $1";
const SQLX_INSERT: &str = "INSERT INTO tenancy_bench.plain_items (tenant, name, hair_color) \
     VALUES ($1, $2, $3) RETURNING id, tenant, name, hair_color";

/// The connections every contender runs on, each its own pool so that no
/// contender's connections hold another's tenant setting.
pub struct Pools {
    /// entkit's default pool, no tenant: the plain entity.
    pub plain: Client,
    /// entkit's default pool, bound to `BOUND_TENANT`: the tenant entity.
    pub tenant: Client,
    /// One connection; a client per tenant, tenant `t` at index `t - 1`.
    pub switching: Vec<Client>,
    /// Hand-written sqlx, entkit's default pool settings.
    pub sqlx: sqlx::PgPool,
    /// `transaction_pooler(true)`, no tenant: the plain entity.
    pub pooler_plain: Client,
    /// `transaction_pooler(true)`, bound to `BOUND_TENANT`.
    pub pooler_tenant: Client,
}

/// A contender and, for entkit's, the client whose pool counts its
/// statements.
pub struct Entry {
    pub contender: Contender,
    pub counted: Option<Client>,
}

fn entkit(variant: &'static str, counted: &Client, op: Op) -> Entry {
    Entry {
        contender: Contender::variant(Tool::Entkit, variant, op),
        counted: Some(counted.clone()),
    }
}

fn sqlx(op: Op) -> Entry {
    Entry {
        contender: Contender::variant(Tool::Sqlx, PLAIN, op),
        counted: None,
    }
}

/// The key for iteration `i` among `keys`: a stride, so consecutive
/// lookups touch different rows.
fn pick(keys: &[i64], i: u64) -> i64 {
    keys[(i.wrapping_mul(7919) % keys.len() as u64) as usize]
}

/// The tenant (index) of iteration `i` on the switching pool: never the
/// previous iteration's.
fn switching_tenant(i: u64) -> usize {
    (i % TENANTS as u64) as usize
}

fn found<T>(row: Option<T>) -> OpResult {
    Ok(row.map_or(0, |_| 1))
}

/// `tenant_get_by_key`: a lookup by key of one of `BOUND_TENANT`'s rows, in
/// each table (the plain table's rows of that tenant, so both walk the same
/// number of keys). Every contender returns 1, or the case fails.
pub fn get_by_key(pools: &Pools, keys: &Keys) -> Vec<Entry> {
    let bound = (BOUND_TENANT - 1) as usize;
    let plain_keys: Arc<[i64]> = keys.plain[bound].clone().into();
    let tenant_keys: Arc<[i64]> = keys.tenant[bound].clone().into();
    let by_tenant: Arc<[Vec<i64>]> = keys.tenant.clone().into();
    let switching: Arc<[Client]> = pools.switching.clone().into();
    let sqlx_keys = plain_keys.clone();
    vec![
        sqlx(Op::future(pools.sqlx.clone(), move |pool, i| {
            let id = pick(&sqlx_keys, i);
            async move {
                found(
                    sqlx::query_as::<_, ItemRow>(SQLX_SELECT)
                        .bind(id)
                        .fetch_optional(&pool)
                        .await?,
                )
            }
        })),
        entkit(
            PLAIN,
            &pools.plain,
            Op::future(pools.plain.clone(), move |client, i| {
                let id = pick(&plain_keys, i);
                async move { found(PlainItem::find(&client, id).await?) }
            }),
        ),
        entkit(
            TENANT,
            &pools.tenant,
            Op::future(pools.tenant.clone(), move |client, i| {
                let id = pick(&tenant_keys, i);
                async move { found(TenantItem::find(&client, id).await?) }
            }),
        ),
        entkit(
            POOLER_PLAIN,
            &pools.pooler_plain,
            Op::future(pools.pooler_plain.clone(), {
                let keys = keys.plain[bound].clone();
                move |client, i| {
                    let id = pick(&keys, i);
                    async move { found(PlainItem::find(&client, id).await?) }
                }
            }),
        ),
        entkit(
            POOLER_TENANT,
            &pools.pooler_tenant,
            Op::future(pools.pooler_tenant.clone(), {
                let keys = keys.tenant[bound].clone();
                move |client, i| {
                    let id = pick(&keys, i);
                    async move { found(TenantItem::find(&client, id).await?) }
                }
            }),
        ),
        entkit(
            SWITCHING,
            &pools.switching[0],
            Op::future(switching, move |clients, i| {
                let t = switching_tenant(i);
                let id = pick(&by_tenant[t], i);
                async move { found(TenantItem::find(&clients[t], id).await?) }
            }),
        ),
    ]
}

/// `tenant_insert`: one new row, returned as stored, for `BOUND_TENANT`
/// (set by hand on the plain entity, by the client on the tenant entity).
pub fn insert(pools: &Pools) -> Vec<Entry> {
    let name = |i: u64| format!("Inserted item {i}");
    vec![
        sqlx(Op::future(pools.sqlx.clone(), move |pool, i| async move {
            let _row: ItemRow = sqlx::query_as(SQLX_INSERT)
                .bind(BOUND_TENANT)
                .bind(name(i))
                .bind("black")
                .fetch_one(&pool)
                .await?;
            Ok(1)
        })),
        entkit(
            PLAIN,
            &pools.plain,
            Op::future(pools.plain.clone(), move |client, i| async move {
                PlainItem::create()
                    .tenant(BOUND_TENANT)
                    .name(name(i))
                    .hair_color("black")
                    .save(&client)
                    .await?;
                Ok(1)
            }),
        ),
        entkit(
            TENANT,
            &pools.tenant,
            Op::future(pools.tenant.clone(), move |client, i| async move {
                TenantItem::create()
                    .name(name(i))
                    .hair_color("black")
                    .save(&client)
                    .await?;
                Ok(1)
            }),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switching_tenant_changes_every_iteration() {
        for i in 0..1_000u64 {
            assert_ne!(switching_tenant(i), switching_tenant(i + 1), "{i}");
        }
    }

    #[test]
    fn picks_stay_among_the_keys() {
        let keys = [10, 20, 30];
        for i in 0..100 {
            assert!(keys.contains(&pick(&keys, i)));
        }
    }
}
