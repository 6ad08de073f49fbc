//! Provisioning namespaces: a scope per tenant on one pool
//! ([`TenantScopes`]), and on PostgreSQL a login role per service that owns
//! the service's schema and nothing else ([`ServiceRole`]).
//!
//! Also home of [`ensure_scope`], the one way entkit creates a scope that
//! may already exist: it creates it only when the catalog lacks it, so a
//! role that owns its schema but may not create schemas can still migrate.

mod roles;
mod scope;
mod scram;
mod tenants;

pub use roles::{ServiceRole, ServiceRoleReport};
pub(crate) use scope::{PG_SCHEMA_EXISTS, ensure_scope};
pub use tenants::{Provision, Provisioned, TenantSchema, TenantScopes};
