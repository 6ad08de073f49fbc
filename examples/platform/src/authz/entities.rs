//! The authorization service's entities, in its own schema.

use entkit::Entity;
use entkit::mixins::BaseModel;
use uuid::Uuid;

use crate::model::Created;

/// A named set of permissions.
#[entkit::mixins(BaseModel, Created)]
#[derive(Entity)]
#[entity(table = "roles")]
#[entity(many_to_many(permissions = Permission, table = "role_permissions"))]
#[entity(many_to_many(principals = Principal, inverse = roles))]
pub struct Role {
    /// E.g. `admin`.
    #[entity(unique, max_len = 64, pattern = "[a-z][a-z0-9_]*")]
    pub name: String,
    /// What the role is for.
    #[entity(max_len = 500)]
    pub description: String,
    /// Loaded neighbours.
    #[entity(edges)]
    pub edges: RoleEdges,
}

/// One thing a role allows, named `module.resource.action`.
#[entkit::mixins(BaseModel, Created)]
#[derive(Entity)]
#[entity(table = "permissions")]
#[entity(many_to_many(roles = Role, inverse = permissions))]
pub struct Permission {
    /// `module.resource.action`, e.g. `identity.users.read`.
    #[entity(
        unique,
        max_len = 190,
        pattern = r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*"
    )]
    pub name: String,
    /// Loaded neighbours.
    #[entity(edges)]
    pub edges: PermissionEdges,
}

/// A user as authz knows it: the identity service's user id and nothing
/// else. Roles are granted to it through `user_roles`, an edge inside this
/// schema; there is no foreign key to the identity schema, which this
/// service cannot read.
#[derive(Entity)]
#[entity(table = "principals")]
#[entity(many_to_many(roles = Role, table = "user_roles"))]
pub struct Principal {
    /// The identity service's user id.
    pub id: Uuid,
    /// When the user was first granted a role.
    #[entity(default = entkit::now, immutable)]
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Loaded neighbours.
    #[entity(edges)]
    pub edges: PrincipalEdges,
}
