//! An identity service's own binary, with entkit's command line mounted:
//! versioned migrations, the schema, and seed data.
//!
//! ```text
//! cargo run --example identity -- migrate diff init            # writes migrations/identity/sqlite/
//! DATABASE_URL=sqlite://identity.db cargo run --example identity -- migrate up
//! DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \
//!     cargo run --example identity -- --scope identity migrate status
//! cargo run --example identity -- schema print --dialect sqlite
//! cargo run --example identity -- seed [--env production --force] [--truncate]
//! ```
//!
//! The migrations live in `migrations/identity/<postgres|mysql|sqlite>/`
//! at the workspace root, one directory per dialect; the connected backend
//! picks its own.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use entkit::cli::App;
use entkit::{Client, Entity, SeedFuture, Seeder, Seeders};

/// An account: roles through `user_roles`, an audit trail.
#[derive(Entity)]
#[entity(many_to_many(roles = Role, table = "user_roles"))]
#[entity(has_many(audit_logs = AuditLog, inverse = actor))]
pub struct User {
    pub id: i64,
    #[entity(unique, max_len = 120)]
    pub email: String,
    #[entity(max_len = 100)]
    pub name: String,
    #[entity(default = true)]
    pub active: bool,
    #[entity(default = entkit::now, immutable)]
    pub created_at: DateTime<Utc>,
    #[entity(edges)]
    pub edges: UserEdges,
}

/// A named set of permissions, granted to users.
#[derive(Entity)]
#[entity(many_to_many(users = User, inverse = roles))]
#[entity(many_to_many(permissions = Permission, table = "role_permissions"))]
pub struct Role {
    pub id: i64,
    #[entity(unique, max_len = 64)]
    pub name: String,
    #[entity(edges)]
    pub edges: RoleEdges,
}

/// One thing a role may do, e.g. `users.read`.
#[derive(Entity)]
#[entity(many_to_many(roles = Role, inverse = permissions))]
pub struct Permission {
    pub id: i64,
    #[entity(unique, max_len = 100)]
    pub name: String,
    #[entity(edges)]
    pub edges: PermissionEdges,
}

/// What a user did; deleted with the user.
#[derive(Entity)]
#[entity(index(fields = [actor_id, created_at]))]
pub struct AuditLog {
    pub id: i64,
    #[entity(belongs_to(User, on_delete = cascade))]
    pub actor_id: i64,
    #[entity(max_len = 100)]
    pub action: String,
    #[entity(default = entkit::now, immutable)]
    pub created_at: DateTime<Utc>,
    #[entity(edges)]
    pub edges: AuditLogEdges,
}

/// Each role and the permissions it grants.
const GRANTS: &[(&str, &[&str])] = &[
    (
        "admin",
        &[
            "users.read",
            "users.write",
            "roles.read",
            "roles.write",
            "audit.read",
        ],
    ),
    ("auditor", &["users.read", "roles.read", "audit.read"]),
    ("member", &["users.read"]),
];

/// The roles and permissions every deployment starts with. Idempotent on
/// its own: rows that exist are kept, links that exist stay.
struct RolesAndPermissions;

async fn role_named(client: &Client, name: &str) -> entkit::Result<Role> {
    match Role::query()
        .filter(Role::NAME.eq(name))
        .first(client)
        .await?
    {
        Some(role) => Ok(role),
        None => Role::create().name(name).save(client).await,
    }
}

async fn permission_named(client: &Client, name: &str) -> entkit::Result<Permission> {
    let found = Permission::query()
        .filter(Permission::NAME.eq(name))
        .first(client)
        .await?;
    match found {
        Some(permission) => Ok(permission),
        None => Permission::create().name(name).save(client).await,
    }
}

impl Seeder for RolesAndPermissions {
    fn name(&self) -> &'static str {
        "roles_and_permissions"
    }

    fn seed<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        Box::pin(async move {
            for (role, permissions) in GRANTS {
                let role = role_named(client, role).await?;
                let mut ids = Vec::new();
                for name in *permissions {
                    ids.push(permission_named(client, name).await?.id);
                }
                role.add_permissions(client, ids).await?;
            }
            Ok(())
        })
    }

    fn truncate<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        Box::pin(async move {
            let roles: Vec<&str> = GRANTS.iter().map(|(role, _)| *role).collect();
            let permissions: Vec<&str> = GRANTS.iter().flat_map(|(_, p)| p.to_vec()).collect();
            let seeded = Role::query().filter(Role::NAME.is_in(roles.clone()));
            for role in seeded.all(client).await? {
                role.clear_permissions(client).await?;
                role.clear_users(client).await?;
            }
            Role::delete_many()
                .filter(Role::NAME.is_in(roles))
                .exec(client)
                .await?;
            Permission::delete_many()
                .filter(Permission::NAME.is_in(permissions))
                .exec(client)
                .await?;
            Ok(())
        })
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    App::new(vec![
        User::def(),
        Role::def(),
        Permission::def(),
        AuditLog::def(),
    ])
    .name("identity")
    .migrations_root(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../migrations/identity"
    ))
    .seeders(Seeders::new().add(RolesAndPermissions))
    .run_from_env()
    .await
}
