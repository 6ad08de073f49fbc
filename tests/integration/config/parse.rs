//! Reading YAML and TOML: the sample file, the same configuration in both
//! formats, durations as people write them, and `defaults` under services.

use std::path::PathBuf;
use std::time::Duration;

use entkit::config::{ConfigLoader, DurationOrOff, OnStart, ResolvedService};
use entkit::{Backend, Config};

use super::{TempDir, config_error, load_with};

fn sample_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/config/default.yaml")
}

fn by_name<'a>(services: &'a [ResolvedService], name: &str) -> &'a ResolvedService {
    services
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no service {name}"))
}

/// The sample file of `examples/config/` parses, and says what its comments say.
#[test]
fn the_sample_file_is_true() {
    let config = ConfigLoader::new(sample_file())
        .without_env()
        .load()
        .unwrap_or_else(|e| panic!("examples/config/default.yaml: {e}"));
    let services = config.resolve().unwrap();
    let names: Vec<&str> = services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["audit", "authz", "identity"]);

    let identity = by_name(&services, "identity");
    assert_eq!(identity.url.backend(), Backend::Postgres);
    assert_eq!(identity.url.username(), Some("identity_svc"));
    assert_eq!(identity.scope.as_deref(), Some("identity"));
    assert_eq!(identity.migrations.on_start, OnStart::Versioned);
    let dir = identity.migrations.dir.as_ref().expect("a migrations dir");
    assert!(
        dir.join("entkit.sum").is_file(),
        "{} is resolved next to the file",
        dir.display()
    );
    assert!(dir.ends_with("migrations/identity/postgres"));
    assert_eq!(
        identity.migrations.lock_timeout,
        Some(Duration::from_secs(60))
    );
    assert_eq!(identity.pool.max_connections, Some(16));
    assert_eq!(identity.pool.acquire_timeout, Some(Duration::from_secs(5)));
    assert_eq!(
        identity.pool.idle_timeout,
        Some(DurationOrOff::After(Duration::from_secs(600)))
    );
    assert_eq!(
        identity.pool.max_lifetime,
        Some(DurationOrOff::After(Duration::from_secs(1800)))
    );
    assert_eq!(identity.pool.test_before_acquire, Some(false));
    assert_eq!(identity.pool.sqlite_row_buffer, Some(1024));
    assert_eq!(
        identity.pool.slow_statement_threshold,
        Some(DurationOrOff::After(Duration::from_secs(1)))
    );

    let authz = by_name(&services, "authz");
    assert_eq!(authz.url.username(), Some("platform"), "the default url");
    assert_eq!(authz.pool.max_connections, Some(8));
    assert_eq!(authz.migrations.on_start, OnStart::Auto);

    let audit = by_name(&services, "audit");
    assert_eq!(audit.pool.max_connections, Some(4));
    assert_eq!(audit.pool.min_connections, Some(0));
    assert_eq!(audit.pool.idle_timeout, Some(DurationOrOff::Off));
    assert_eq!(
        audit.pool.slow_statement_threshold,
        Some(DurationOrOff::After(Duration::from_millis(250)))
    );
    assert_eq!(audit.migrations.on_start, OnStart::Off);
}

const YAML: &str = "
defaults:
  url: postgres://platform@db.internal:5432/platform
  pool: { max_connections: 16, acquire_timeout: 5s, idle_timeout: 10m }
  migrations: { lock_timeout: 90s }
services:
  identity:
    url: mariadb://identity_svc@db.internal/identity
    scope: identity
    migrations: { on_start: versioned, dir: migrations/identity }
  audit:
    scope: audit
    pool:
      max_connections: 4
      max_lifetime: off
      test_before_acquire: true
      slow_statement_threshold: 250ms
";

const TOML: &str = r#"
[defaults]
url = "postgres://platform@db.internal:5432/platform"
pool = { max_connections = 16, acquire_timeout = "5s", idle_timeout = "10m" }
migrations = { lock_timeout = "90s" }

[services.identity]
url = "mariadb://identity_svc@db.internal/identity"
scope = "identity"
migrations = { on_start = "versioned", dir = "migrations/identity" }

[services.audit]
scope = "audit"

[services.audit.pool]
max_connections = 4
max_lifetime = "off"
test_before_acquire = true
slow_statement_threshold = "250ms"
"#;

/// The same configuration written in YAML and in TOML resolves the same.
#[test]
fn yaml_and_toml_say_the_same() {
    let dir = TempDir::new("formats");
    dir.write("migrations/identity/entkit.sum", "");
    let mut resolved = Vec::new();
    for (name, text) in [
        ("platform.yaml", YAML),
        ("platform.yml", YAML),
        ("platform.toml", TOML),
    ] {
        let path = dir.write(name, text);
        let config = load_with(&path, &[]).unwrap_or_else(|e| panic!("{name}: {e}"));
        resolved.push(format!("{:?}", config.resolve().unwrap()));
    }
    assert_eq!(resolved[0], resolved[1]);
    assert_eq!(resolved[0], resolved[2]);

    let config = load_with(&dir.path().join("platform.toml"), &[]).unwrap();
    let services = config.resolve().unwrap();
    let identity = by_name(&services, "identity");
    assert_eq!(
        identity.url.backend(),
        Backend::MySql,
        "mariadb:// is the MySQL backend"
    );
    assert_eq!(
        identity.migrations.dir.as_deref(),
        Some(dir.path().join("migrations/identity").as_path())
    );
    assert_eq!(
        identity.migrations.lock_timeout,
        Some(Duration::from_secs(90))
    );
    let audit = by_name(&services, "audit");
    assert_eq!(audit.url.database(), Some("platform"));
    assert_eq!(audit.pool.max_connections, Some(4));
    assert_eq!(audit.pool.acquire_timeout, Some(Duration::from_secs(5)));
    assert_eq!(
        audit.pool.idle_timeout,
        Some(DurationOrOff::After(Duration::from_secs(600)))
    );
    assert_eq!(audit.pool.max_lifetime, Some(DurationOrOff::Off));
    assert_eq!(audit.pool.test_before_acquire, Some(true));
    assert_eq!(
        audit.pool.min_connections, None,
        "left to the builder's default"
    );
    assert_eq!(audit.migrations.on_start, OnStart::Off);
}

/// Durations in the forms people write, and `off` where a setting can be off.
#[test]
fn durations_as_people_write_them() {
    let dir = TempDir::new("durations");
    for (text, expected) in [
        ("250ms", Duration::from_millis(250)),
        ("30s", Duration::from_secs(30)),
        ("90s", Duration::from_secs(90)),
        ("30m", Duration::from_secs(1800)),
        ("1h", Duration::from_secs(3600)),
        ("1h 30m", Duration::from_secs(5400)),
        ("2d", Duration::from_secs(2 * 86_400)),
        ("1min", Duration::from_secs(60)),
    ] {
        let path = dir.write(
            "d.yaml",
            &format!(
                "services:\n  a:\n    url: 'sqlite::memory:'\n    pool:\n      acquire_timeout: {text}\n      idle_timeout: {text}\n    migrations: {{ lock_timeout: {text} }}\n"
            ),
        );
        let services = load_with(&path, &[])
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .resolve()
            .unwrap();
        assert_eq!(services[0].pool.acquire_timeout, Some(expected), "{text}");
        assert_eq!(
            services[0].pool.idle_timeout,
            Some(DurationOrOff::After(expected)),
            "{text}"
        );
        assert_eq!(
            services[0].migrations.lock_timeout,
            Some(expected),
            "{text}"
        );
    }

    // `off` turns off what can be off, in any case, quoted or not.
    let path = dir.write(
        "off.yaml",
        "services:\n  a:\n    url: 'sqlite::memory:'\n    pool: { idle_timeout: off, max_lifetime: 'OFF', slow_statement_threshold: Off }\n",
    );
    let pool = &load_with(&path, &[]).unwrap().resolve().unwrap()[0].pool;
    assert_eq!(pool.idle_timeout, Some(DurationOrOff::Off));
    assert_eq!(pool.max_lifetime, Some(DurationOrOff::Off));
    assert_eq!(pool.slow_statement_threshold, Some(DurationOrOff::Off));

    // A number without a unit, an unknown unit, and `off` where it cannot be.
    for (value, expected) in [
        ("30", "found a whole number"),
        ("'30'", "the number has no unit"),
        ("30 parsecs", "unknown unit"),
        ("soon", "not a duration"),
        ("off", "not a duration"),
        ("-5s", "not a duration"),
    ] {
        let path = dir.write(
            "bad.yaml",
            &format!("services:\n  a:\n    url: 'sqlite::memory:'\n    pool:\n      acquire_timeout: {value}\n"),
        );
        let (reason, _) = config_error(
            load_with(&path, &[]),
            &path,
            Some("services.a.pool.acquire_timeout"),
        );
        assert!(
            reason.contains("a duration with a unit"),
            "{value}: {reason}"
        );
        assert!(reason.contains(expected), "{value}: {reason}");
    }
}

/// Each key of a service falls back to `defaults`, then to the builder's
/// default; the service's own value wins.
#[test]
fn services_inherit_defaults_key_by_key() {
    let dir = TempDir::new("defaults");
    let path = dir.write(
        "d.yaml",
        "
defaults:
  url: postgres://platform@db/platform
  pool: { max_connections: 16, min_connections: 2, idle_timeout: 1m }
services:
  a: { pool: { max_connections: 4 } }
  b: { url: 'postgres://b@db/other', pool: { idle_timeout: off } }
  c: {}
",
    );
    let services = load_with(&path, &[]).unwrap().resolve().unwrap();
    let a = by_name(&services, "a");
    assert_eq!(
        (a.pool.max_connections, a.pool.min_connections),
        (Some(4), Some(2))
    );
    assert_eq!(
        a.pool.idle_timeout,
        Some(DurationOrOff::After(Duration::from_secs(60)))
    );
    assert_eq!(a.url.username(), Some("platform"));
    assert_eq!(a.scope, None, "no scope: the database's default namespace");
    let b = by_name(&services, "b");
    assert_eq!(
        (b.url.username(), b.url.database()),
        (Some("b"), Some("other"))
    );
    assert_eq!(b.pool.idle_timeout, Some(DurationOrOff::Off));
    assert_eq!(b.pool.max_connections, Some(16));
    let c = by_name(&services, "c");
    assert_eq!(c.pool.acquire_timeout, None);
    assert_eq!(c.pool.max_connections, Some(16));
}

/// The section embedded in an application's own configuration type, read
/// by the application's own reader; errors then name the application's file.
#[test]
fn an_embedded_section_is_named_by_the_application() {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct AppConfig {
        listen: String,
        database: Config,
    }
    let app: AppConfig = serde_json::from_str(
        r#"{"listen": "0.0.0.0:8080",
            "database": {"services": {"identity": {"url": "sqlite::memory:", "scope": "identity",
                         "pool": {"acquire_timeout": "2s"}}}}}"#,
    )
    .unwrap();
    let services = app.database.clone().named("app.json").resolve().unwrap();
    assert_eq!(services[0].scope.as_deref(), Some("identity"));
    assert_eq!(
        services[0].pool.acquire_timeout,
        Some(Duration::from_secs(2))
    );

    let app: AppConfig = serde_json::from_str(
        r#"{"listen": "", "database": {"services": {"identity": {"url": "sqlite::memory:", "scope": "pg_identity"}}}}"#,
    )
    .unwrap();
    let (reason, _) = config_error(
        app.database.named("app.json").resolve(),
        std::path::Path::new("app.json"),
        Some("services.identity.scope"),
    );
    assert!(reason.contains("reserved"), "{reason}");
}

/// Read replicas: each gets the service's password, shown as `***`, and a
/// malformed one names its place in the list.
#[test]
fn replicas_take_the_services_password_and_name_their_key() {
    let dir = TempDir::new("replicas");
    let path = dir.write(
        "replicas.yaml",
        "services:\n  orders:\n    url: postgres://app@db-primary/orders\n    password: s3cret-pw\n    \
         replicas: [postgres://app@db-replica-1/orders, postgres://app@db-replica-2/orders]\n    \
         max_replica_lag: 2s\n",
    );
    let services = load_with(&path, &[]).unwrap().resolve().unwrap();
    let orders = &services[0];
    let replicas: Vec<String> = orders.replicas().map(|u| u.redacted().to_owned()).collect();
    assert_eq!(
        replicas,
        [
            "postgres://app:***@db-replica-1/orders",
            "postgres://app:***@db-replica-2/orders"
        ]
    );
    assert_eq!(
        orders.max_replica_lag,
        Some(DurationOrOff::After(Duration::from_secs(2)))
    );
    assert!(!format!("{orders:?}").contains("s3cret-pw"));

    let path = dir.write(
        "bad-replica.yaml",
        "services:\n  orders:\n    url: postgres://app@db-primary/orders\n    \
         replicas: [postgres://app@db-replica-1/orders, 'postgres://app:pw@']\n",
    );
    let err = load_with(&path, &[])
        .and_then(|config| config.resolve())
        .expect_err("a bad replica URL");
    let text = err.to_string();
    assert!(text.contains("services.orders.replicas.1"), "{text}");
    assert!(!text.contains(":pw@"), "{text}");
}
