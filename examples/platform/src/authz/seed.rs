//! Development data: the platform's roles and the permissions they grant.
//! Refused in production unless forced (entkit's seeders check
//! `ENTKIT_ENV`).

use entkit::{Client, OnConflict, SeedFuture, Seeder, Seeders};

use super::{Permission, Role};

/// Each role, what it is for, and its permissions.
pub const GRANTS: &[(&str, &str, &[&str])] = &[
    (
        "admin",
        "Everything",
        &[
            "identity.users.read",
            "identity.users.write",
            "authz.roles.read",
            "authz.roles.write",
            "audit.entries.read",
        ],
    ),
    (
        "auditor",
        "Reads the audit trail",
        &["identity.users.read", "audit.entries.read"],
    ),
    ("member", "A signed-in user", &["identity.users.read"]),
];

/// Creates the roles and permissions of [`GRANTS`], keeping rows that exist.
pub struct RolesAndPermissions;

impl Seeder for RolesAndPermissions {
    fn name(&self) -> &'static str {
        "roles_and_permissions"
    }

    fn seed<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        Box::pin(async move {
            for (name, description, permissions) in GRANTS {
                let role = super::routes::role_named(client, name, description).await?;
                let mut ids = Vec::new();
                for permission in *permissions {
                    Permission::create()
                        .name(*permission)
                        .upsert(client, &OnConflict::on(Permission::NAME).do_nothing())
                        .await?;
                    let found = Permission::query()
                        .filter(Permission::NAME.eq(*permission))
                        .one(client)
                        .await?;
                    ids.push(found.id);
                }
                role.add_permissions(client, ids).await?;
            }
            Ok(())
        })
    }

    fn truncate<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        Box::pin(async move {
            let roles: Vec<&str> = GRANTS.iter().map(|(role, _, _)| *role).collect();
            for role in Role::query()
                .filter(Role::NAME.is_in(roles.clone()))
                .all(client)
                .await?
            {
                role.clear_permissions(client).await?;
                role.clear_principals(client).await?;
            }
            Role::delete_many()
                .filter(Role::NAME.is_in(roles))
                .exec(client)
                .await?;
            Ok(())
        })
    }
}

/// The service's seeders.
pub fn seeders() -> Seeders {
    Seeders::new().add(RolesAndPermissions)
}

/// Seeds at startup as the environment allows: always in development and
/// test; in production only when forced (`PLATFORM_SEED_FORCE=true`),
/// otherwise the refusal is logged and the service starts without seeds.
pub async fn seed_on_start(client: &Client, environment: &str, force: bool) -> entkit::Result<()> {
    match seeders().run(client, environment, force).await {
        Ok(ran) => {
            tracing::info!(environment, ?ran, "seeded");
            Ok(())
        }
        Err(e) if environment == "production" && !force => {
            tracing::warn!(error = %e, "seed data not loaded in production (PLATFORM_SEED_FORCE=true forces it)");
            Ok(())
        }
        Err(e) => Err(e),
    }
}
