//! The tenancy section's schema: two entities of the same shape, one with a
//! tenant key (`#[entity(tenant)]`) and one without, so that the only
//! difference the benchmark sees is what tenancy adds.

use entkit::Entity;

/// A row without tenancy: `plain_items(id, tenant, name, hair_color)`. Its
/// `tenant` column is an ordinary column, set by hand, so both tables hold
/// rows of the same width.
#[derive(Entity)]
#[entity(table = "plain_items")]
pub struct PlainItem {
    pub id: i64,
    pub tenant: i64,
    pub name: String,
    pub hair_color: Option<String>,
}

/// The same row with tenancy: `tenant_items(id, tenant, name, hair_color)`,
/// `tenant` the tenant key. Generated operations filter and set it from the
/// client's tenant, and on PostgreSQL auto-migration enables and forces
/// row-level security on the table.
#[derive(Entity)]
#[entity(table = "tenant_items")]
pub struct TenantItem {
    pub id: i64,
    #[entity(tenant)]
    pub tenant: i64,
    pub name: String,
    pub hair_color: Option<String>,
}

/// Both definitions, for `auto_migrate`.
pub fn all_defs() -> Vec<&'static entkit::EntityDef> {
    vec![PlainItem::def(), TenantItem::def()]
}

/// A `plain_items` row for the hand-written sqlx reference, decoded by
/// column name as sqlx is usually written.
#[derive(Debug, Clone, sqlx::FromRow)]
#[allow(dead_code)]
pub struct ItemRow {
    pub id: i64,
    pub tenant: i64,
    pub name: String,
    pub hair_color: Option<String>,
}
