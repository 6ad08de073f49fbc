//! authz's development seed: loaded in development, refused in production
//! unless forced, and never twice.

use entkit::Client;
use entkit_platform::authz::{self, Permission, Role, seed};

async fn authz_db() -> Client {
    let client = Client::connect("sqlite::memory:").await.expect("sqlite");
    client
        .auto_migrate(&authz::entities())
        .await
        .expect("tables");
    client
}

#[tokio::test]
async fn production_refuses_the_seed_unless_forced() {
    let client = authz_db().await;
    assert!(
        seed::seeders()
            .run(&client, "production", false)
            .await
            .is_err()
    );
    // At startup the refusal is logged, and the service starts unseeded.
    seed::seed_on_start(&client, "production", false)
        .await
        .expect("starts without seeds");
    assert_eq!(Role::query().count(&client).await.expect("count"), 0);

    seed::seed_on_start(&client, "production", true)
        .await
        .expect("forced");
    assert_eq!(Role::query().count(&client).await.expect("count"), 3);
}

#[tokio::test]
async fn development_seeds_roles_and_permissions_once() {
    let client = authz_db().await;
    seed::seed_on_start(&client, "development", false)
        .await
        .expect("seeded");
    seed::seed_on_start(&client, "development", false)
        .await
        .expect("seeded again: nothing to do");
    let names: Vec<String> = Role::query()
        .order_by(Role::NAME.asc())
        .all(&client)
        .await
        .expect("roles")
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["admin", "auditor", "member"]);
    let expected: usize = {
        let mut all: Vec<&str> = seed::GRANTS
            .iter()
            .flat_map(|(_, _, p)| p.to_vec())
            .collect();
        all.sort();
        all.dedup();
        all.len()
    };
    assert_eq!(
        Permission::query().count(&client).await.expect("count"),
        expected as u64
    );
    let admin = Role::query()
        .filter(Role::NAME.eq("admin"))
        .one(&client)
        .await
        .expect("admin");
    assert_eq!(
        admin
            .query_permissions()
            .count(&client)
            .await
            .expect("count"),
        5
    );
}
