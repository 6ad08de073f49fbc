//! Environment overrides: precedence over the file and over `defaults`,
//! passwords that never sit in the file, values read from text, and the
//! process environment itself.

use std::time::Duration;

use entkit::config::{ConfigLoader, DurationOrOff, OnStart};

use super::{SECRET, TempDir, assert_no_secret, config_error, load_with};

const FILE: &str = "
defaults:
  url: postgres://platform@db.internal/platform
  pool: { max_connections: 16, idle_timeout: 10m }
services:
  identity:
    url: postgres://identity_svc@db.internal/platform
    scope: identity
    pool: { max_connections: 4 }
  audit:
    scope: audit
";

/// A variable beats the file; a service's own key beats `defaults`, even a
/// `defaults` key set by a variable.
#[test]
fn variables_beat_the_file_and_services_beat_defaults() {
    let dir = TempDir::new("env_precedence");
    let path = dir.write("platform.yaml", FILE);
    let config = load_with(
        &path,
        &[
            ("T_DEFAULTS__POOL__MAX_CONNECTIONS", "32"),
            ("T_DEFAULTS__POOL__IDLE_TIMEOUT", "off"),
            ("T_SERVICES__AUDIT__POOL__TEST_BEFORE_ACQUIRE", "true"),
            ("T_SERVICES__AUDIT__POOL__ACQUIRE_TIMEOUT", "2s"),
            ("T_SERVICES__AUDIT__MIGRATIONS__ON_START", "versioned"),
            ("T_SERVICES__AUDIT__MIGRATIONS__DIR", "."),
            ("T_SERVICES__IDENTITY__SCOPE", "identity_v2"),
        ],
    )
    .unwrap();
    let services = config.resolve().unwrap();
    let (audit, identity) = (&services[0], &services[1]);
    assert_eq!(
        identity.pool.max_connections,
        Some(4),
        "the service's own value"
    );
    assert_eq!(
        identity.scope.as_deref(),
        Some("identity_v2"),
        "the variable's"
    );
    assert_eq!(
        audit.pool.max_connections,
        Some(32),
        "defaults, from the variable"
    );
    assert_eq!(audit.pool.idle_timeout, Some(DurationOrOff::Off));
    assert_eq!(audit.pool.test_before_acquire, Some(true));
    assert_eq!(audit.pool.acquire_timeout, Some(Duration::from_secs(2)));
    assert_eq!(audit.migrations.on_start, OnStart::Versioned);
    // A relative path from a variable is the working directory's, not the file's.
    assert_eq!(
        audit.migrations.dir.as_deref(),
        Some(std::path::Path::new("."))
    );

    // Without the variables, the file.
    let services = load_with(&path, &[]).unwrap().resolve().unwrap();
    assert_eq!(services[0].pool.max_connections, Some(16));
    assert_eq!(services[1].scope.as_deref(), Some("identity"));
}

/// The password comes from a variable (or a file) and goes into the URL;
/// it is never shown, and characters that need encoding are encoded.
#[test]
fn passwords_come_from_the_environment() {
    let dir = TempDir::new("env_password");
    let path = dir.write("platform.yaml", FILE);
    for password in [
        SECRET,
        "p@ss:w/rd?#Hunter2xSecret",
        "Hunter2xSecret with spaces",
    ] {
        let config = load_with(&path, &[("T_SERVICES__IDENTITY__PASSWORD", password)]).unwrap();
        let services = config.resolve().unwrap();
        let identity = &services[1];
        assert_eq!(
            identity.url.to_string(),
            "postgres://identity_svc:***@db.internal/platform"
        );
        assert_eq!(identity.url.username(), Some("identity_svc"));
        assert_eq!(identity.url.database(), Some("platform"));
        for shown in [
            format!("{config:?}"),
            format!("{services:?}"),
            format!("{:?}", identity.client_builder()),
        ] {
            assert!(!shown.contains("Hunter2xSecret"), "{shown}");
        }
        // The other service keeps the default URL, without a password.
        assert_eq!(
            services[0].url.to_string(),
            "postgres://platform@db.internal/platform"
        );
    }

    // A password for every service, from `defaults`, replacing one in a URL.
    let config = load_with(
        &dir.write(
            "with_password.yaml",
            &format!("services:\n  a:\n    url: postgres://a:{SECRET}@db/app\n"),
        ),
        &[("T_DEFAULTS__PASSWORD", "other")],
    )
    .unwrap();
    assert_eq!(
        config.resolve().unwrap()[0].url.to_string(),
        "postgres://a:***@db/app"
    );
    assert!(!format!("{config:?}").contains(SECRET));

    // From a mounted secret, relative to the file; its newline is not part of it.
    dir.write("secrets/identity", &format!("{SECRET}\n"));
    let path = dir.write(
        "from_file.yaml",
        "services:\n  identity:\n    url: postgres://identity_svc@db/app\n    password_file: secrets/identity\n",
    );
    let services = load_with(&path, &[]).unwrap().resolve().unwrap();
    assert_eq!(
        services[0].url.to_string(),
        "postgres://identity_svc:***@db/app"
    );
}

/// A value a variable set that does not fit names the variable, the key
/// and the file.
#[test]
fn a_bad_variable_is_named() {
    let dir = TempDir::new("env_bad");
    let path = dir.write("platform.yaml", FILE);
    let (reason, env) = config_error(
        load_with(
            &path,
            &[("T_SERVICES__AUDIT__POOL__MAX_CONNECTIONS", "lots")],
        ),
        &path,
        Some("services.audit.pool.max_connections"),
    );
    assert_eq!(
        env.as_deref(),
        Some("T_SERVICES__AUDIT__POOL__MAX_CONNECTIONS")
    );
    assert!(reason.contains("expected a whole number"), "{reason}");

    // A URL with a password in a variable, malformed: named, never shown.
    let (_, env) = config_error(
        load_with(
            &path,
            &[(
                "T_SERVICES__AUDIT__URL",
                &format!("postgres://a:{SECRET}@db:99999/x"),
            )],
        ),
        &path,
        Some("services.audit.url"),
    );
    assert_eq!(env.as_deref(), Some("T_SERVICES__AUDIT__URL"));

    // An unknown key, spelt in a variable.
    let (reason, env) = config_error(
        load_with(&path, &[("T_SERVICES__AUDIT__POOL__MAX_CONECTIONS", "3")]),
        &path,
        Some("services.audit.pool.max_conections"),
    );
    assert_eq!(
        env.as_deref(),
        Some("T_SERVICES__AUDIT__POOL__MAX_CONECTIONS")
    );
    assert!(
        reason.contains("did you mean `max_connections`?"),
        "{reason}"
    );

    // A variable cannot define a service: a misspelt name would start an empty one.
    let (reason, env) = config_error(
        load_with(&path, &[("T_SERVICES__IDENTTY__PASSWORD", SECRET)]),
        &path,
        Some("services.identty"),
    );
    assert_eq!(env.as_deref(), Some("T_SERVICES__IDENTTY__PASSWORD"));
    assert!(reason.contains("did you mean `identity`?"), "{reason}");

    // A name that is no key path.
    let err = load_with(&path, &[("T_SERVICES__AUDIT-LOG__URL", "x")]).unwrap_err();
    assert!(
        matches!(&err, entkit::Error::Config { env: Some(v), key: None, .. } if v == "T_SERVICES__AUDIT-LOG__URL"),
        "{err:?}"
    );

    // A scalar and a section from two variables.
    let err = load_with(
        &path,
        &[
            ("T_SERVICES__AUDIT__POOL", "4"),
            ("T_SERVICES__AUDIT__POOL__MAX_CONNECTIONS", "4"),
        ],
    )
    .unwrap_err();
    assert!(
        matches!(&err, entkit::Error::Config { env: Some(_), .. }),
        "{err:?}"
    );
    assert_no_secret(&err);
}

/// Variables of the prefix without `__` are not overrides (`ENTKIT_ENV`,
/// `ENTKIT_TEST_BACKENDS`); other prefixes are not read at all; the loader
/// can be told to read no variable.
#[test]
fn only_key_paths_of_the_prefix_are_read() {
    let dir = TempDir::new("env_scope");
    let path = dir.write("platform.yaml", FILE);
    let config = load_with(
        &path,
        &[
            ("T_ENV", "production"),
            ("T_TEST_BACKENDS", "sqlite"),
            ("OTHER_SERVICES__AUDIT__SCOPE", "elsewhere"),
        ],
    )
    .unwrap();
    assert_eq!(config.resolve().unwrap()[0].scope.as_deref(), Some("audit"));
    let config = ConfigLoader::new(&path).without_env().load().unwrap();
    assert_eq!(config.resolve().unwrap()[0].scope.as_deref(), Some("audit"));
}

const CHILD_VAR: &str = "ENTKIT_CFGCHILD_SERVICES__AUDIT__POOL__MAX_CONNECTIONS";

/// Without given variables the loader reads the process environment. Setting
/// a variable in this multi-threaded process is unsound, so the test runs
/// itself again as a child process with the variable set, and the child
/// checks that the value arrives.
#[test]
fn reads_the_process_environment() {
    let dir = TempDir::new("env_process");
    let path = dir.write("platform.yaml", FILE);
    if let Ok(value) = std::env::var(CHILD_VAR) {
        let config = ConfigLoader::new(&path)
            .env_prefix("ENTKIT_CFGCHILD_")
            .load()
            .unwrap();
        let expected: u32 = value.parse().unwrap();
        assert_eq!(
            config.resolve().unwrap()[0].pool.max_connections,
            Some(expected)
        );
        return;
    }
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "config::env::reads_the_process_environment",
            "--test-threads=1",
        ])
        .env(CHILD_VAR, "23")
        .env("ENTKIT_TEST_BACKENDS", "sqlite")
        .output()
        .expect("run the test binary");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "the child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // And the process's own environment, without that variable, gives the file's.
    let config = ConfigLoader::new(&path)
        .env_prefix("ENTKIT_CFGCHILD_")
        .load()
        .unwrap();
    assert_eq!(config.resolve().unwrap()[0].pool.max_connections, Some(16));
}
