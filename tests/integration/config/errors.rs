//! Every way a configuration can be wrong is refused when it is loaded,
//! naming the file and the key, and never showing a password — not even
//! one typed into the wrong key.

use entkit::Error;
use entkit::config::ConfigLoader;

use super::{SECRET, TempDir, assert_no_secret, config_error, load_with};

/// A URL with the password, for typing into the wrong places.
fn url() -> String {
    format!("postgres://svc:{SECRET}@db.internal:5432/platform")
}

/// A file whose service `a` has `body` (indented under it), plus a
/// well-formed service `b` holding the password, so every case has one in
/// its input.
fn with_service(body: &str) -> String {
    let body: String = body.lines().map(|l| format!("    {l}\n")).collect();
    format!("services:\n  a:\n{body}  b:\n    url: {}\n", url())
}

/// Loads `yaml` (as a file of its own) and checks the error: file, key,
/// no password. Returns the reason.
#[track_caller]
fn refused(dir: &TempDir, yaml: &str, key: Option<&str>) -> String {
    let path = dir.write("bad.yaml", yaml);
    config_error(load_with(&path, &[]), &path, key).0
}

#[test]
fn wrong_types_name_the_key_and_what_was_expected() {
    let dir = TempDir::new("err_types");
    let cases: Vec<(String, &str, &str)> = vec![
        (
            with_service(&format!(
                "url: {}\npool: {{ max_connections: many }}",
                url()
            )),
            "services.a.pool.max_connections",
            "expected a whole number (0 or more), found text",
        ),
        (
            with_service(&format!("url: {}\npool: {{ max_connections: -1 }}", url())),
            "services.a.pool.max_connections",
            "found a negative number",
        ),
        (
            with_service(&format!(
                "url: {}\npool: {{ test_before_acquire: maybe }}",
                url()
            )),
            "services.a.pool.test_before_acquire",
            "expected true or false",
        ),
        (
            with_service(&format!("url: {}\npool: [1, 2]", url())),
            "services.a.pool",
            "expected a section of keys, found a list",
        ),
        (
            with_service(&format!(
                "url: {}\nmigrations: {{ on_start: versoned }}",
                url()
            )),
            "services.a.migrations.on_start",
            "did you mean `versioned`?",
        ),
        (
            with_service(&format!("url: {}\npool: {{ max_conections: 3 }}", url())),
            "services.a.pool.max_conections",
            "did you mean `max_connections`?",
        ),
        (
            with_service(&format!("url: {}\ntls: {{ mode: require }}", url())),
            "services.a.tls",
            "`tls` is not supported yet",
        ),
        (
            with_service(&format!("url: {}\nreplicas: [42]", url())),
            "services.a.replicas.0",
            "expected a string, found a whole number",
        ),
        (
            format!("defaults:\n  url: {}\n", url()),
            "services",
            "missing",
        ),
        (
            format!("default:\n  url: {}\nservices: {{}}\n", url()),
            "default",
            "did you mean `defaults`?",
        ),
    ];
    for (yaml, key, expected) in cases {
        let reason = refused(&dir, &yaml, Some(key));
        assert!(
            reason.contains(expected),
            "{key}: {reason:?} lacks {expected:?}\n{yaml}"
        );
    }
}

/// A URL with a password typed into a key where it does not belong is
/// refused without being shown.
#[test]
fn a_password_in_the_wrong_key_is_never_shown() {
    let dir = TempDir::new("err_misplaced");
    let url = url();
    for (body, key) in [
        (format!("url: {url}\nscope: {url}"), "services.a.scope"),
        (format!("url: {url}\npool: {url}"), "services.a.pool"),
        (
            format!("url: {url}\npool: {{ max_connections: {url} }}"),
            "services.a.pool.max_connections",
        ),
        (
            format!("url: {url}\npool: {{ acquire_timeout: {url} }}"),
            "services.a.pool.acquire_timeout",
        ),
        (
            format!("url: {url}\npool: {{ idle_timeout: {url} }}"),
            "services.a.pool.idle_timeout",
        ),
        (
            format!("url: {url}\npool: {{ test_before_acquire: {url} }}"),
            "services.a.pool.test_before_acquire",
        ),
        (
            format!("url: {url}\nmigrations: {{ on_start: {url} }}"),
            "services.a.migrations.on_start",
        ),
        (
            format!("url: {url}\nmigrations: {{ dir: {url} }}"),
            "services.a.migrations.dir",
        ),
        (
            format!("url: {url}\npassword_file: {url}"),
            "services.a.password_file",
        ),
        (format!("url: [{url}]"), "services.a.url"),
        (
            format!("url: {url}\n{url}: x"),
            "services.a.postgres://svc:{SECRET}@db.internal:5432/platform",
        ),
    ] {
        let path = dir.write("bad.yaml", &with_service(&body));
        let err = load_with(&path, &[]).expect_err(key);
        assert_no_secret(&err);
        assert!(matches!(err, Error::Config { .. }), "{err:?}");
    }
}

/// Malformed URLs name the key (and the part at fault), never the password.
#[test]
fn bad_urls_name_the_key() {
    let dir = TempDir::new("err_urls");
    for (bad, part) in [
        (format!("postgress://svc:{SECRET}@db/app"), "scheme"),
        (format!("svc:{SECRET}@db/app"), "scheme"),
        (format!("postgres://svc:{SECRET}@db:99999/app"), "port"),
        (
            format!("postgres://svc:{SECRET}@db/app?pass={SECRET}"),
            "query parameter",
        ),
        (format!("mysql://svc:{SECRET}@db/app@x"), "path"),
    ] {
        let reason = refused(
            &dir,
            &with_service(&format!("url: '{bad}'")),
            Some("services.a.url"),
        );
        assert!(reason.contains("invalid database URL"), "{reason}");
        assert!(reason.contains(part), "{reason} lacks {part}");
    }
    // From defaults: the key is the default's.
    let reason = refused(
        &dir,
        &format!(
            "defaults:\n  url: 'postgres://svc:{SECRET}@db:0/app'\nservices:\n  a: {{ scope: a }}\n"
        ),
        Some("defaults.url"),
    );
    assert!(reason.contains("port"), "{reason}");
    // None at all.
    let reason = refused(
        &dir,
        "services:\n  a: { scope: a }\n",
        Some("services.a.url"),
    );
    assert!(reason.contains("missing"), "{reason}");
}

#[test]
fn invalid_values_name_the_key() {
    let dir = TempDir::new("err_values");
    let url = url();
    for (body, key, expected) in [
        (
            format!("url: {url}\nscope: public; drop"),
            "services.a.scope",
            "not a valid scope name",
        ),
        (
            format!("url: {url}\nscope: information_schema"),
            "services.a.scope",
            "system namespace",
        ),
        (
            format!("url: {url}\npool: {{ max_connections: 0 }}"),
            "services.a.pool.max_connections",
            "at least 1",
        ),
        (
            format!("url: {url}\npool: {{ max_connections: 4, min_connections: 8 }}"),
            "services.a.pool.min_connections",
            "more than max_connections (4)",
        ),
        (
            format!("url: {url}\npool: {{ acquire_timeout: 0s }}"),
            "services.a.pool.acquire_timeout",
            "longer than 0s",
        ),
        (
            format!("url: {url}\npool: {{ max_lifetime: 0ms }}"),
            "services.a.pool.max_lifetime",
            "write `off`",
        ),
        (
            format!("url: {url}\npool: {{ sqlite_row_buffer: 0 }}"),
            "services.a.pool.sqlite_row_buffer",
            "at least 1",
        ),
        (
            format!("url: {url}\nmigrations: {{ lock_timeout: 0s }}"),
            "services.a.migrations.lock_timeout",
            "longer than 0s",
        ),
        (
            format!("url: {url}\nmigrations: {{ dir: no/such/dir }}"),
            "services.a.migrations.dir",
            "no such directory",
        ),
        (
            format!("url: {url}\npassword: x\npassword_file: y"),
            "services.a.password_file",
            "either password or password_file",
        ),
        (
            format!("url: {url}\npassword_file: missing"),
            "services.a.password_file",
            "cannot read",
        ),
        (
            format!("url: 'sqlite::memory:'\npassword: {SECRET}"),
            "services.a.password",
            "SQLite",
        ),
    ] {
        let reason = refused(&dir, &with_service(&body), Some(key));
        assert!(
            reason.contains(expected),
            "{key}: {reason:?} lacks {expected:?}"
        );
    }
    let reason = refused(
        &dir,
        &format!("defaults:\n  url: {url}\n  scope: shared\nservices:\n  a: {{}}\n"),
        Some("defaults.scope"),
    );
    assert!(reason.contains("scope of its own"), "{reason}");
    let reason = refused(
        &dir,
        &format!("services:\n  Identity:\n    url: {url}\n"),
        Some("services.Identity"),
    );
    assert!(reason.contains("lowercase"), "{reason}");
    let reason = refused(&dir, "services: {}\n", Some("services"));
    assert!(reason.contains("no service"), "{reason}");
    // An empty file.
    let reason = refused(&dir, "", Some("services"));
    assert!(reason.contains("missing"), "{reason}");
}

/// Files that do not parse: the position, never a line of the file.
#[test]
fn syntax_errors_give_the_place_not_the_text() {
    let dir = TempDir::new("err_syntax");
    let url = url();
    for (name, text, expected) in [
        (
            "a.yaml",
            format!("services:\n  a: {{ url: {url}: x }}\n"),
            "line 2",
        ),
        (
            "a.yaml",
            format!("services:\n  a: {{ url: '{url}\n"),
            "not valid YAML",
        ),
        (
            "a.yaml",
            format!("services:\n  a:\n    url: {url}\n   bad: indent\n"),
            "line 4",
        ),
        (
            "a.yaml",
            format!("services:\n  a: {{ url: {url} }}\n  a: {{ url: {url} }}\n"),
            "duplicate",
        ),
        ("a.toml", format!("[services.a]\nurl = \"{url}\n"), "line 2"),
        (
            "a.toml",
            format!("[services.a]\nurl = {url}\n"),
            "line 2, column 7",
        ),
        (
            "a.toml",
            format!("[services.a]\nurl = \"{url}\"\nurl = \"{url}\"\n"),
            "not valid TOML",
        ),
    ] {
        let path = dir.write(name, &text);
        let (reason, _) = config_error(load_with(&path, &[]), &path, None);
        assert!(
            reason.contains(expected),
            "{name}: {reason:?} lacks {expected:?}\n{text}"
        );
    }
}

#[test]
fn files_that_cannot_be_read() {
    let dir = TempDir::new("err_files");
    let missing = dir.path().join("missing.yaml");
    let err = ConfigLoader::new(&missing).load().unwrap_err();
    match &err {
        Error::ConfigFile { file, source } => {
            assert_eq!(file, &missing.display().to_string());
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("expected ConfigFile, got {other:?}"),
    }
    assert!(err.to_string().contains("missing.yaml"), "{err}");

    let path = dir.write("platform.json", "{}");
    let (reason, _) = config_error(load_with(&path, &[]), &path, None);
    assert!(reason.contains(".yaml, .yml or .toml"), "{reason}");
}

/// `Debug` of every configuration type redacts passwords.
#[test]
fn debug_output_redacts() {
    let dir = TempDir::new("err_debug");
    let path = dir.write(
        "ok.yaml",
        &format!(
            "defaults:\n  password: {SECRET}\nservices:\n  a:\n    url: {}\n    scope: a\n",
            url()
        ),
    );
    let loader = ConfigLoader::new(&path)
        .env_prefix("T_")
        .env_vars([("T_SERVICES__A__PASSWORD", SECRET)]);
    assert!(!format!("{loader:?}").contains(SECRET));
    let config = loader.load().unwrap();
    let services = config.resolve().unwrap();
    for shown in [
        format!("{config:?}"),
        format!("{services:?}"),
        format!("{:?}", services[0].client_builder()),
        format!("{:?}", config.services["a"]),
        format!("{}", services[0].url),
    ] {
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(shown.contains("***"), "{shown}");
    }
}
