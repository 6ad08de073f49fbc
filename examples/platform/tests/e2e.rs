//! The platform end to end: the three service binaries as processes, driven
//! over HTTP, stopped with SIGTERM and started again, on SQLite and on
//! PostgreSQL (each service as its own role, in its own schema).
//!
//! Backends follow the suite's `ENTKIT_TEST_BACKENDS` (MySQL is not a
//! platform backend) and `ENTKIT_TEST_POSTGRES_URL`; a selected PostgreSQL
//! that cannot be reached fails the test.

mod support;

use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use entkit_tests::{Kind, selected_backends};
use futures_util::FutureExt as _;
use reqwest::StatusCode;
use serde_json::{Value, json};
use support::database::Database;
use support::process::Service;

/// The three services of one run.
struct Platform {
    audit: Service,
    identity: Service,
    authz: Service,
}

impl Platform {
    fn start(db: &Database) -> Platform {
        let audit = Service::start("audit", &db.env);
        let mut env = db.env.clone();
        env.push(("PLATFORM_AUDIT_URL".to_owned(), audit.url.clone()));
        let identity = Service::start("identity", &env);
        let authz = Service::start("authz", &env);
        Platform {
            audit,
            identity,
            authz,
        }
    }

    /// SIGTERM to the producers first (their outboxes flush to audit), then
    /// audit; every one must exit with status 0.
    fn stop(self) {
        for service in [self.identity, self.authz, self.audit] {
            let name = service.name;
            let status = service.terminate();
            assert!(
                status.success(),
                "{name} exited with {status} after SIGTERM"
            );
        }
    }
}

async fn send(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("the service answers");
    let status = response.status();
    let text = response.text().await.expect("a body");
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"))
    };
    (status, body)
}

fn register(http: &reqwest::Client, base: &str, email: &str) -> reqwest::RequestBuilder {
    http.post(format!("{base}/users"))
        .json(&json!({ "email": email, "password": "correct horse battery" }))
}

/// The audit trail's entries (newest first), at most 1000.
async fn trail(http: &reqwest::Client, audit: &Service) -> Vec<Value> {
    let (status, body) = send(http.get(audit.at("/entries?limit=1000"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.as_array().expect("a list").clone()
}

/// Waits until the trail holds an entry for every `(action, target)`.
async fn wait_for_trail(
    http: &reqwest::Client,
    audit: &Service,
    expected: &BTreeSet<(String, String)>,
) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let found: BTreeSet<(String, String)> = trail(http, audit)
            .await
            .iter()
            .map(|e| {
                (
                    e["action"].as_str().unwrap_or_default().to_owned(),
                    e["target_id"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        let missing: Vec<_> = expected.difference(&found).collect();
        if missing.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "audit entries never arrived: {missing:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn health(http: &reqwest::Client, service: &Service, max_connections: u64) {
    let (status, body) = send(http.get(service.at("/health/database"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["service"], service.name);
    assert!(body["latency_us"].as_u64().is_some(), "{body}");

    let (status, body) = send(http.get(service.at("/health/database/pool"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Each service's own pool settings, from config/default.yaml.
    assert_eq!(body["pool"]["max"], max_connections, "{body}");
    assert!(body["statements"]["ok"].as_u64().unwrap_or(0) > 0, "{body}");

    let (status, body) = send(http.get(service.at("/health/migrations"))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["ready"], true);
    let migrations = body["migrations"].as_array().expect("a list");
    assert_eq!(migrations.len(), 1, "{body}");
    assert_eq!(migrations[0]["applied"], 1, "{body}");
    assert_eq!(migrations[0]["pending"], 0, "{body}");
}

async fn scenario(db: &Database) {
    let http = reqwest::Client::new();
    let p = Platform::start(db);
    let (identity, authz, audit) = (
        &p.identity.url.clone(),
        &p.authz.url.clone(),
        &p.audit.url.clone(),
    );

    health(&http, &p.identity, 8).await;
    health(&http, &p.authz, 12).await;
    health(&http, &p.audit, 4).await;

    // Register; bad input is a 4xx with a reason, and changes nothing.
    let (status, ada) = send(register(&http, identity, "ada@example.com")).await;
    assert_eq!(status, StatusCode::CREATED, "{ada}");
    let ada_id = ada["id"].as_str().expect("an id").to_owned();
    assert!(ada.get("password_hash").is_none(), "{ada}");
    let (status, body) = send(register(&http, identity, "ADA@example.com")).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );
    let (status, body) = send(register(&http, identity, "not-an-address")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = send(
        http.post(format!("{identity}/users"))
            .json(&json!({"email": "x@y.io"})),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("password"),
        "{body}"
    );
    let sign_in = |password: &str| {
        http.post(format!("{identity}/sessions"))
            .json(&json!({"email": "ada@example.com", "password": password}))
    };
    let (status, body) = send(sign_in("correct horse battery")).await;
    assert_eq!(
        (status, body["user_id"].as_str()),
        (StatusCode::OK, Some(ada_id.as_str()))
    );
    let (status, body) = send(sign_in("wrong horse battery")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, _) = send(
        http.post(format!("{identity}/users/{ada_id}/verify"))
            .header("x-actor-id", &ada_id),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // Grant a role (an edge change in authz), then check permissions.
    let grant = |user: &str, role: &str| {
        http.put(format!("{authz}/users/{user}/roles/{role}"))
            .header("x-actor-id", ada_id.as_str())
    };
    let (status, body) = send(grant(&ada_id, "auditor")).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, body) = send(grant(&ada_id, "no_such_role")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let check = |user: &str, permission: &str| {
        http.get(format!(
            "{authz}/check?user_id={user}&permission={permission}"
        ))
    };
    let (_, body) = send(check(&ada_id, "audit.entries.read")).await;
    assert_eq!(body["allowed"], true, "{body}");
    let (_, body) = send(check(&ada_id, "authz.roles.write")).await;
    assert_eq!(
        body["allowed"], false,
        "auditors do not write roles: {body}"
    );
    let stranger = uuid::Uuid::new_v4().to_string();
    let (_, body) = send(check(&stranger, "audit.entries.read")).await;
    assert_eq!(body["allowed"], false, "{body}");
    let (status, body) =
        send(http.get(format!("{authz}/check?user_id=nope&permission=a.b.c"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = send(
        http.post(format!("{authz}/permissions"))
            .json(&json!({"name": "Not.A.Name!"})),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");

    // Row-level tenancy: another tenant cannot read the member.
    let (t1, t2) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
    let (status, member) = send(
        http.post(format!("{identity}/tenants/{t1}/members"))
            .json(&json!({"email": "grace@acme.io", "display_name": "Grace"})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{member}");
    let member_id = member["id"].as_str().expect("an id").to_owned();
    let (status, _) = send(http.get(format!("{identity}/tenants/{t1}/members/{member_id}"))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) =
        send(http.get(format!("{identity}/tenants/{t2}/members/{member_id}"))).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "cross-tenant read must fail: {body}"
    );
    let (_, body) = send(http.get(format!("{identity}/tenants/{t2}/members"))).await;
    assert_eq!(body, json!([]), "tenant 2 sees no members");

    // Schema per tenant: a user of one tenant's schema is not another's.
    for tenant in ["acme", "globex"] {
        let (status, body) = send(http.put(format!("{identity}/tenant-schemas/{tenant}"))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(
            body["scope"],
            format!("{}_t_{tenant}", db.scope("identity"))
        );
    }
    let (status, body) = send(http.put(format!("{identity}/tenant-schemas/Bad-Name"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, acme_user) = send(register(
        &http,
        &format!("{identity}/tenant-schemas/acme"),
        "ada@acme.io",
    ))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{acme_user}");
    let acme_user_id = acme_user["id"].as_str().expect("an id").to_owned();
    let (status, _) = send(http.get(format!(
        "{identity}/tenant-schemas/acme/users/{acme_user_id}"
    )))
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = send(http.get(format!(
        "{identity}/tenant-schemas/globex/users/{acme_user_id}"
    )))
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "cross-tenant read must fail: {body}"
    );
    let (status, _) = send(http.get(format!("{identity}/users/{acme_user_id}"))).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the tenant's user is not in the shared schema"
    );

    // Every change has its audit entry, delivered through the outboxes.
    let mut expected: BTreeSet<(String, String)> = [
        ("identity.user.create", ada_id.as_str()),
        ("identity.user.update", ada_id.as_str()),
        ("authz.principal.create", ada_id.as_str()),
        ("authz.principal.link", ada_id.as_str()),
        ("identity.member.create", member_id.as_str()),
        ("identity.user.create", acme_user_id.as_str()),
    ]
    .into_iter()
    .map(|(a, t)| (a.to_owned(), t.to_owned()))
    .collect();
    wait_for_trail(&http, &p.audit, &expected).await;
    let entries = trail(&http, &p.audit).await;
    let created = entries
        .iter()
        .find(|e| e["action"] == "identity.user.create" && e["target_id"] == ada_id.as_str())
        .expect("ada's entry");
    assert_eq!(created["metadata"]["email"], "ada@example.com");
    assert!(
        created["metadata"].get("password_hash").is_none(),
        "sensitive fields stay out: {created}"
    );
    let link = entries
        .iter()
        .find(|e| e["action"] == "authz.principal.link")
        .expect("the grant's entry");
    assert_eq!(
        link["actor_id"],
        ada_id.as_str(),
        "the grant names who made it"
    );
    let (status, body) = send(http.get(format!("{audit}/no-such-endpoint"))).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, body) = send(http.get(format!("{audit}/entries?limit=0"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    // Changes right before SIGTERM: the outbox flush at shutdown delivers them.
    let mut late = Vec::new();
    for i in 0..5 {
        let (status, user) = send(register(&http, identity, &format!("late{i}@example.com"))).await;
        assert_eq!(status, StatusCode::CREATED, "{user}");
        let id = user["id"].as_str().expect("an id").to_owned();
        expected.insert(("identity.user.create".to_owned(), id.clone()));
        late.push(id);
    }
    // Requests in flight when SIGTERM arrives: each one the service
    // accepted is answered, and each user it created is audited.
    let racing: Vec<_> = (0..8)
        .map(|i| tokio::spawn(register(&http, identity, &format!("racing{i}@example.com")).send()))
        .collect();
    tokio::time::sleep(Duration::from_millis(30)).await;
    tokio::task::spawn_blocking(move || p.stop())
        .await
        .expect("stopped");
    let mut answered = 0;
    for request in racing {
        // A request that reached the service after it stopped accepting
        // fails to connect; one it accepted must have been answered.
        if let Ok(response) = request.await.expect("joined") {
            assert_eq!(response.status(), StatusCode::CREATED);
            let user: Value = response.json().await.expect("a user");
            let id = user["id"].as_str().expect("an id").to_owned();
            expected.insert(("identity.user.create".to_owned(), id));
            answered += 1;
        }
    }
    assert!(answered > 0, "no request was in flight at SIGTERM");

    // Started again on the same database: nothing lost, nothing re-applied.
    let p = Platform::start(db);
    let entries = trail(&http, &p.audit).await;
    let found: BTreeSet<(String, String)> = entries
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap_or_default().to_owned(),
                e["target_id"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let missing: Vec<_> = expected.difference(&found).collect();
    assert!(missing.is_empty(), "lost at shutdown: {missing:?}");
    let ids: BTreeSet<&str> = entries.iter().filter_map(|e| e["id"].as_str()).collect();
    assert_eq!(ids.len(), entries.len(), "each event stored once");
    let (status, body) = send(http.get(p.identity.at(&format!("/users/{}", late[4])))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = send(http.get(p.identity.at(&format!("/users/{ada_id}")))).await;
    assert_eq!(
        (status, body["verified"].clone()),
        (StatusCode::OK, json!(true)),
        "{body}"
    );
    let (_, body) = send(http.get(p.authz.at(&format!(
        "/check?user_id={ada_id}&permission=audit.entries.read"
    ))))
    .await;
    assert_eq!(
        body["allowed"], true,
        "the grant survived the restart: {body}"
    );
    health(&http, &p.identity, 8).await;
    p.stop();
}

async fn run_on(kind: Kind) {
    if !selected_backends().contains(&kind) {
        return;
    }
    let db = Database::new(kind).await;
    let outcome = AssertUnwindSafe(scenario(&db)).catch_unwind().await;
    db.remove().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn platform_on_sqlite() {
    run_on(Kind::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn platform_on_postgres() {
    run_on(Kind::Postgres).await;
}
