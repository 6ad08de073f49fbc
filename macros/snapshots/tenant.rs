//! A tenant entity: the tenant key has no setter; clients bound to a tenant
//! set and filter it.

use entkit::Entity;

#[derive(Entity)]
pub struct Invoice {
    pub id: i64,
    #[entity(tenant)]
    pub org_id: uuid::Uuid,
    pub total: i64,
}
