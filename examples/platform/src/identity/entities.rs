//! The identity service's entities, in its own schema.

use entkit::Entity;
use entkit::mixins::{BaseModel, TenantScoped, Timestamps};

/// An account. The key is the user id every other service refers to.
#[entkit::mixins(BaseModel, Timestamps)]
#[derive(Entity, Clone)]
#[entity(table = "users")]
pub struct User {
    /// Unique across the platform (of one tenant's schema, there).
    #[entity(unique, max_len = 254, validate = crate::identity::entities::email_shape)]
    pub email: String,
    /// A PBKDF2 hash ([`crate::identity::password`]); never logged, never
    /// audited, never returned.
    #[entity(sensitive, max_len = 200)]
    pub password_hash: String,
    /// Whether the address was confirmed.
    #[entity(default = false)]
    pub verified: bool,
}

/// A member of a tenant (an organisation) on the shared tables: every row
/// carries its tenant, and a tenant-bound client sees its own rows only (on
/// PostgreSQL row-level security enforces it a second time).
#[entkit::mixins(BaseModel, TenantScoped, Timestamps)]
#[derive(Entity, Clone)]
#[entity(table = "members")]
#[entity(index(fields = [tenant_id, email], unique))]
pub struct Member {
    /// Unique within the tenant.
    #[entity(max_len = 254, validate = crate::identity::entities::email_shape)]
    pub email: String,
    /// How the member is shown.
    #[entity(max_len = 100)]
    pub display_name: String,
}

/// An e-mail address has one `@` with text on both sides and no spaces.
pub fn email_shape(value: &str) -> Result<(), String> {
    match value.split_once('@') {
        Some((local, domain))
            if !local.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !value.contains(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => Err("must be an e-mail address such as ada@example.com".to_owned()),
    }
}
