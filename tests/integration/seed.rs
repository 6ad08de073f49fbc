//! The seed model of a backend service, with every kind of edge.

use chrono::{DateTime, Utc};
use entkit::Entity;

/// A user: roles (many-to-many), audit logs and posts (one-to-many), a
/// profile (one-to-one), friends (symmetric), follows (directed), groups
/// (through an entity with data).
#[derive(Entity)]
#[entity(many_to_many(roles = Role, table = "user_roles"))]
#[entity(has_many(audit_logs = AuditLog, inverse = actor))]
#[entity(has_many(posts = Post, inverse = author))]
#[entity(has_one(profile = Profile, inverse = user))]
#[entity(many_to_many(friends = Self, symmetric))]
#[entity(many_to_many(following = Self, table = "user_follows"))]
#[entity(many_to_many(followers = Self, inverse = following))]
#[entity(many_to_many(groups = Group, through = Membership))]
pub struct User {
    pub id: i64,
    #[entity(max_len = 100)]
    pub name: String,
    #[entity(edges)]
    pub edges: UserEdges,
}

#[derive(Entity)]
#[entity(many_to_many(users = User, inverse = roles))]
#[entity(many_to_many(permissions = Permission, table = "role_permissions"))]
pub struct Role {
    pub id: i64,
    #[entity(unique, max_len = 100)]
    pub name: String,
    #[entity(edges)]
    pub edges: RoleEdges,
}

#[derive(Entity)]
#[entity(many_to_many(roles = Role, inverse = permissions))]
pub struct Permission {
    pub id: i64,
    #[entity(unique, max_len = 100)]
    pub name: String,
    #[entity(edges)]
    pub edges: PermissionEdges,
}

/// Deleted with its actor.
#[derive(Entity)]
pub struct AuditLog {
    pub id: i64,
    #[entity(belongs_to(User, on_delete = cascade))]
    pub actor_id: i64,
    pub action: String,
    #[entity(edges)]
    pub edges: AuditLogEdges,
}

/// An optional edge: the author is set to NULL when the user goes.
#[derive(Entity)]
pub struct Post {
    pub id: i64,
    #[entity(belongs_to(User, edge = author))]
    pub author_id: Option<i64>,
    pub title: String,
    #[entity(edges)]
    pub edges: PostEdges,
}

/// One-to-one (a unique foreign key); a user with a profile cannot be
/// deleted (restrict, the default for a required edge).
#[derive(Entity)]
pub struct Profile {
    pub id: i64,
    #[entity(belongs_to(User), unique)]
    pub user_id: i64,
    pub bio: String,
    #[entity(edges)]
    pub edges: ProfileEdges,
}

#[derive(Entity)]
#[entity(many_to_many(members = User, through = Membership))]
pub struct Group {
    pub id: i64,
    pub name: String,
    #[entity(edges)]
    pub edges: GroupEdges,
}

/// The edge between users and groups, with data of its own.
#[derive(Entity)]
#[entity(index(fields = [user_id, group_id], unique))]
pub struct Membership {
    pub id: i64,
    #[entity(belongs_to(User, on_delete = cascade))]
    pub user_id: i64,
    #[entity(belongs_to(Group, on_delete = cascade))]
    pub group_id: i64,
    #[entity(default = entkit::now)]
    pub granted_at: DateTime<Utc>,
    pub granted_by: Option<i64>,
    #[entity(edges)]
    pub edges: MembershipEdges,
}

/// Every seed entity, in no particular order (auto-migration orders them).
pub fn all() -> Vec<&'static entkit::EntityDef> {
    vec![
        Membership::def(),
        AuditLog::def(),
        Post::def(),
        Profile::def(),
        Permission::def(),
        Role::def(),
        Group::def(),
        User::def(),
    ]
}
