//! `Services`: one client per configured service, each its own pool and
//! scope on the shared server, migrated on start; typed errors for unknown
//! services and failed starts; shutdown with a deadline.

use std::time::Duration;

use entkit::config::ConfigLoader;
use entkit::{Backend, Client, Entity, Error, MigrationSet, RawQuery, Services};
use entkit_tests::{Ctx, Kind, for_each_backend, unique_name};

use super::{SECRET, TempDir, assert_no_secret, config_error};

/// The entity the `audit` service auto-migrates.
#[derive(Entity)]
#[entity(table = "cfg_audit_events")]
pub struct CfgAuditEvent {
    pub id: i64,
    #[entity(max_len = 64)]
    pub action: String,
}

/// The migrations the `identity` service applies from its directory.
fn identity_migrations() -> MigrationSet {
    let mut set = MigrationSet::default();
    set.push(
        1,
        "accounts",
        "CREATE TABLE accounts (id BIGINT PRIMARY KEY, email VARCHAR(120) NOT NULL);\n",
        "DROP TABLE accounts;\n",
    );
    set
}

/// A scope name for a service: on a server one the harness drops at the
/// end; on SQLite a fresh name (each `sqlite::memory:` service has a
/// private database that goes away with it).
fn scope_for(ctx: &Ctx, tag: &str) -> String {
    match ctx.kind {
        Kind::Sqlite => unique_name(tag),
        Kind::Postgres | Kind::MySql => ctx.extra_scope(tag).scope_name().unwrap().to_owned(),
    }
}

/// The tables of `client`'s scope, from the catalog, sorted.
async fn tables(client: &Client) -> entkit::Result<Vec<String>> {
    let scope = client.scope_name().expect("a scoped client").to_owned();
    let query = match client.backend() {
        Backend::Postgres => {
            RawQuery::new("SELECT tablename::text FROM pg_tables WHERE schemaname = $1").bind(scope)
        }
        Backend::MySql => RawQuery::new(
            "SELECT CAST(TABLE_NAME AS CHAR) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?",
        )
        .bind(scope),
        Backend::Sqlite => RawQuery::new(format!(
            "SELECT name FROM \"{scope}\".sqlite_master WHERE type = 'table'"
        )),
    };
    let mut names: Vec<String> = query
        .fetch_all::<(String,)>(client)
        .await?
        .into_iter()
        .map(|(n,)| n)
        // SQLite's own bookkeeping (`sqlite_sequence`).
        .filter(|n| !n.starts_with("sqlite_"))
        .collect();
    names.sort();
    Ok(names)
}

/// Two services on one server, each in its own scope with its own pool,
/// one migrated from a directory and one auto-migrated; each works in its
/// scope; a clean shutdown closes both.
#[tokio::test(flavor = "multi_thread")]
async fn two_services_each_in_its_own_scope() {
    for_each_backend(
        "config::factory::two_services_each_in_its_own_scope",
        |ctx| async move {
            let dir = TempDir::new("factory");
            identity_migrations()
                .write_to(dir.path().join("migrations/identity"))
                .unwrap();
            let (identity_scope, audit_scope) =
                (scope_for(&ctx, "identity"), scope_for(&ctx, "audit"));
            let path = dir.write(
                "platform.yaml",
                &format!(
                    "
defaults:
  url: '{url}'
  pool: {{ max_connections: 2, acquire_timeout: 20s }}
services:
  identity:
    scope: {identity_scope}
    migrations: {{ on_start: versioned, dir: migrations/identity, lock_timeout: 30s }}
  audit:
    scope: {audit_scope}
    pool: {{ max_connections: 3 }}
    migrations: {{ on_start: auto }}
",
                    url = ctx.url
                ),
            );
            let config = ConfigLoader::new(&path).without_env().load()?;
            let services = Services::builder(config)
                .entities("audit", &[CfgAuditEvent::def()])
                .connect()
                .await?;
            assert_eq!(services.names().collect::<Vec<_>>(), ["audit", "identity"]);

            let identity = services.client("identity")?;
            let audit = services.client("audit")?;
            assert_eq!(identity.scope_name(), Some(identity_scope.as_str()));
            assert_eq!(audit.scope_name(), Some(audit_scope.as_str()));
            assert_eq!(identity.pool_stats().max, 2, "the default pool size");
            assert_eq!(audit.pool_stats().max, 3, "the service's own");

            // The scopes exist, each with its own tables only.
            assert_eq!(tables(&identity).await?, ["accounts", "entkit_migrations"]);
            assert_eq!(tables(&audit).await?, ["cfg_audit_events"]);

            // Each client works in its scope.
            RawQuery::new(format!(
                "INSERT INTO {} (id, email) VALUES (1, 'ada@example.com')",
                identity.qualified("accounts")
            ))
            .execute(&identity)
            .await?;
            let rows: Vec<(String,)> = RawQuery::new(format!(
                "SELECT email FROM {}",
                identity.qualified("accounts")
            ))
            .fetch_all(&identity)
            .await?;
            assert_eq!(rows, [("ada@example.com".to_owned(),)]);
            CfgAuditEvent::create().action("login").save(&audit).await?;
            assert_eq!(CfgAuditEvent::query().count(&audit).await?, 1);
            assert_eq!(
                CfgAuditEvent::query()
                    .count(&services.client("audit")?)
                    .await?,
                1
            );

            // The identity migrator is there for a readiness probe.
            let migrator = services
                .migrator("identity")?
                .expect("identity has migrations");
            let summary = migrator.summary(&identity).await?;
            assert_eq!(summary.pending, 0);
            assert!(services.migrator("audit")?.is_none());

            let report = services.shutdown(Duration::from_secs(10)).await;
            assert!(report.is_clean(), "{report:?}");
            assert_eq!(report.closed, ["audit", "identity"]);
            assert!(identity.is_closed() && audit.is_closed());
            assert!(matches!(identity.ping().await, Err(Error::PoolClosed)));
            Ok(())
        },
    )
    .await;
}

/// A transaction held open past the deadline: the report names its
/// service, the other closes, nothing new starts, the transaction may
/// still finish, and its pool closes once it has.
#[tokio::test(flavor = "multi_thread")]
async fn shutdown_reports_services_still_busy_at_the_deadline() {
    for_each_backend("config::factory::shutdown_reports_services_still_busy", |ctx| async move {
        let dir = TempDir::new("shutdown");
        let path = dir.write(
            "platform.yaml",
            &format!("defaults:\n  url: '{}'\n  pool: {{ max_connections: 2 }}\nservices:\n  billing: {{}}\n  ledger: {{}}\n", ctx.url),
        );
        let services = Services::builder(ConfigLoader::new(&path).without_env().load()?)
            .connect()
            .await?;
        let ledger = services.client("ledger")?;
        let mut tx = ledger.begin().await?;
        tx.execute_raw("SELECT 1").await?;

        let deadline = Duration::from_millis(300);
        let report = services.shutdown(deadline).await;
        assert!(!report.is_clean());
        assert_eq!(report.timed_out, ["ledger"]);
        assert_eq!(report.closed, ["billing"]);
        assert!(report.elapsed >= deadline, "{report:?}");
        assert!(report.elapsed < Duration::from_secs(10), "{report:?}");

        assert!(matches!(ledger.ping().await, Err(Error::PoolClosed)), "nothing new starts");
        tx.execute_raw("SELECT 1").await?;
        tx.commit().await?;
        tokio::time::timeout(Duration::from_secs(10), ledger.close())
            .await
            .expect("the pool closes once its connection is back");
        Ok(())
    })
    .await;
}

/// Asking for a service that is not configured is a typed error.
#[tokio::test]
async fn an_unknown_service_is_a_typed_error() {
    let dir = TempDir::new("unknown");
    let path = dir.write(
        "platform.toml",
        "[defaults]\nurl = \"sqlite::memory:\"\n[services.identity]\n[services.audit]\n",
    );
    let services = Services::from_file(&path).await.unwrap();
    let err = services.client("billing").unwrap_err();
    match &err {
        Error::UnknownService { name, known } => {
            assert_eq!(name, "billing");
            assert_eq!(known, &["audit", "identity"]);
        }
        other => panic!("expected UnknownService, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "no service named \"billing\" is configured (configured: audit, identity)"
    );
    assert!(matches!(
        services.migrator("billing"),
        Err(Error::UnknownService { .. })
    ));
    assert!(services.shutdown(Duration::from_secs(5)).await.is_clean());
}

/// Migrations given in code, and what the factory refuses before it opens
/// anything: `versioned` without migrations, `auto` without entities,
/// code for an unknown service, migrations given twice.
#[tokio::test]
async fn migrations_and_entities_given_in_code() {
    let dir = TempDir::new("in_code");
    let load = |yaml: &str| {
        let path = dir.write("platform.yaml", yaml);
        (ConfigLoader::new(&path).without_env().load().unwrap(), path)
    };

    let (config, _) = load(
        "services:\n  identity:\n    url: 'sqlite::memory:'\n    scope: identity\n    migrations: { on_start: versioned }\n",
    );
    let services = Services::builder(config)
        .migrations("identity", identity_migrations())
        .connect()
        .await
        .unwrap();
    let identity = services.client("identity").unwrap();
    assert_eq!(
        tables(&identity).await.unwrap(),
        ["accounts", "entkit_migrations"]
    );
    services.shutdown(Duration::from_secs(5)).await;

    let (config, path) = load(
        "services:\n  identity:\n    url: 'sqlite::memory:'\n    migrations: { on_start: versioned }\n",
    );
    let (reason, _) = config_error(
        Services::builder(config).connect().await,
        &path,
        Some("services.identity.migrations.on_start"),
    );
    assert!(reason.contains("needs migrations"), "{reason}");

    let (config, path) = load(
        "defaults:\n  migrations: { on_start: auto }\nservices:\n  identity:\n    url: 'sqlite::memory:'\n",
    );
    let (reason, _) = config_error(
        Services::builder(config).connect().await,
        &path,
        Some("defaults.migrations.on_start"),
    );
    assert!(reason.contains("needs the service's entities"), "{reason}");

    let (config, path) = load("services:\n  identity:\n    url: 'sqlite::memory:'\n");
    let (reason, _) = config_error(
        Services::builder(config)
            .entities("idenity", &[CfgAuditEvent::def()])
            .connect()
            .await,
        &path,
        Some("services.idenity"),
    );
    assert!(reason.contains("does not define it"), "{reason}");

    identity_migrations()
        .write_to(dir.path().join("migrations"))
        .unwrap();
    let (config, path) = load(
        "services:\n  identity:\n    url: 'sqlite::memory:'\n    migrations: { on_start: versioned, dir: migrations }\n",
    );
    config_error(
        Services::builder(config)
            .migrations("identity", identity_migrations())
            .connect()
            .await,
        &path,
        Some("services.identity.migrations.dir"),
    );
}

/// A service that cannot start is named, with the cause, and no password.
#[tokio::test]
async fn a_service_that_cannot_start_is_named() {
    let dir = TempDir::new("start_fails");
    let path = dir.write(
        "platform.yaml",
        &format!(
            "services:\n  audit:\n    url: 'sqlite::memory:'\n  identity:\n    url: 'postgres://svc:{SECRET}@127.0.0.1:1/platform'\n    pool: {{ acquire_timeout: 5s }}\n"
        ),
    );
    let err = Services::from_file(&path).await.unwrap_err();
    assert_no_secret(&err);
    match &err {
        Error::ServiceStart { service, source } => {
            assert_eq!(service, "identity");
            assert!(
                matches!(
                    **source,
                    Error::Connect { .. } | Error::ConnectTimeout { .. }
                ),
                "{source:?}"
            );
        }
        other => panic!("expected ServiceStart, got {other:?}"),
    }
    assert!(err.to_string().starts_with("service identity: "), "{err}");

    // A migration that fails.
    let mut broken = MigrationSet::default();
    broken.push(1, "broken", "CREATE TABLE;\n", "");
    broken.write_to(dir.path().join("broken")).unwrap();
    let path = dir.write(
        "broken.yaml",
        "services:\n  audit:\n    url: 'sqlite::memory:'\n    scope: audit\n    migrations: { on_start: versioned, dir: broken }\n",
    );
    let err = Services::from_file(&path).await.unwrap_err();
    assert!(
        matches!(&err, Error::ServiceStart { service, source } if service == "audit" && matches!(**source, Error::Migration(_))),
        "{err:?}"
    );
}

/// A binary of a platform opens its own service from the platform's file:
/// `only` leaves the other services unchecked and unopened, and
/// `migrations_by_backend` picks the set for the backend the URL names.
#[tokio::test]
async fn one_service_of_a_platform_file_with_migrations_per_backend() {
    let dir = TempDir::new("only");
    // `audit` could not start here (`versioned`, and this binary has no
    // migrations for it); `identity` does not need it.
    let yaml = "services:\n  identity:\n    url: 'sqlite::memory:'\n    scope: identity\n    \
                migrations: { on_start: versioned }\n  audit:\n    url: 'sqlite::memory:'\n    \
                migrations: { on_start: versioned }\n";
    let path = dir.write("platform.yaml", yaml);
    let load = || ConfigLoader::new(&path).without_env().load().unwrap();
    fn per_backend(backend: Backend) -> entkit::Result<MigrationSet> {
        assert_eq!(backend, Backend::Sqlite, "the backend of identity's URL");
        Ok(identity_migrations())
    }

    let services = Services::builder(load())
        .only("identity")
        .migrations_by_backend("identity", per_backend)
        .connect()
        .await
        .unwrap();
    let identity = services.client("identity").unwrap();
    assert_eq!(
        tables(&identity).await.unwrap(),
        ["accounts", "entkit_migrations"]
    );
    assert_eq!(services.names().collect::<Vec<_>>(), ["identity"]);
    assert!(matches!(
        services.client("audit"),
        Err(Error::UnknownService { .. })
    ));
    services.shutdown(Duration::from_secs(5)).await;

    // Without `only`, the whole file is checked: audit has no migrations.
    let (reason, _) = config_error(
        Services::builder(load())
            .migrations_by_backend("identity", per_backend)
            .connect()
            .await,
        &path,
        Some("services.audit.migrations.on_start"),
    );
    assert!(reason.contains("needs migrations"), "{reason}");

    // A service the file does not define is refused, naming its key; so is
    // code for one, even when another service is the one opened.
    let (reason, _) = config_error(
        Services::builder(load()).only("billing").connect().await,
        &path,
        Some("services.billing"),
    );
    assert!(reason.contains("does not define it"), "{reason}");
    let (reason, _) = config_error(
        Services::builder(load())
            .only("identity")
            .migrations_by_backend("identity", per_backend)
            .entities("idenity", &[CfgAuditEvent::def()])
            .connect()
            .await,
        &path,
        Some("services.idenity"),
    );
    assert!(reason.contains("does not define it"), "{reason}");
}
