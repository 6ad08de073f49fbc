//! The URL parser: what it accepts, which part it blames, and that no
//! rendering of a URL or of its error ever shows a password.

use super::{ConnectUrl, TlsMode, UrlPart, redact};
use crate::{Backend, Error};

/// Every password the corpus uses, as written and as the url crate may
/// re-encode it. None may appear in any output.
const SECRETS: &[&str] = &[
    "S3cret",
    "p@ss:w/rd",
    "p%40ss%3Aw%2Frd",
    "pässwörd",
    "p%C3%A4ssw%C3%B6rd",
    "hunter2x",
];

/// Inputs that must parse, with the backend they name and how they show.
fn well_formed() -> Vec<(&'static str, Backend, &'static str)> {
    vec![
        (
            "postgres://app:S3cret@127.0.0.1:5432/test",
            Backend::Postgres,
            "postgres://app:***@127.0.0.1:5432/test",
        ),
        (
            "postgresql://app:S3cret@db.internal/test?sslmode=disable",
            Backend::Postgres,
            "postgresql://app:***@db.internal/test?sslmode=disable",
        ),
        (
            "postgres://app:p%40ss%3Aw%2Frd@[::1]:5432/test",
            Backend::Postgres,
            "postgres://app:***@[::1]:5432/test",
        ),
        (
            "postgres://app:pässwörd@127.0.0.1/test",
            Backend::Postgres,
            "postgres://app:***@127.0.0.1/test",
        ),
        (
            "postgres://127.0.0.1/test?user=app&password=S3cret&application_name=x",
            Backend::Postgres,
            "postgres://127.0.0.1/test?user=app&password=***&application_name=x",
        ),
        (
            "postgres://127.0.0.1/test?sslmode=prefer&password=hunter2x+",
            Backend::Postgres,
            "postgres://127.0.0.1/test?sslmode=prefer&password=***",
        ),
        (
            "mysql://root:S3cret@127.0.0.1:3306/test",
            Backend::MySql,
            "mysql://root:***@127.0.0.1:3306/test",
        ),
        (
            "mariadb://root:p@ss:w%2Frd@127.0.0.1/test",
            Backend::MySql,
            "mariadb://root:***@127.0.0.1/test",
        ),
        (
            "mysql://root@localhost/test",
            Backend::MySql,
            "mysql://root@localhost/test",
        ),
        ("sqlite::memory:", Backend::Sqlite, "sqlite::memory:"),
        (
            "sqlite://data/app.db?mode=rwc",
            Backend::Sqlite,
            "sqlite://data/app.db?mode=rwc",
        ),
        ("sqlite:app.db", Backend::Sqlite, "sqlite:app.db"),
        (
            "sqlite:///tmp/a%40b.db",
            Backend::Sqlite,
            "sqlite:///tmp/a%40b.db",
        ),
        (
            "sqlite://?mode=memory",
            Backend::Sqlite,
            "sqlite://?mode=memory",
        ),
    ]
}

/// Inputs that must be refused, with the part to blame.
fn malformed() -> Vec<(&'static str, UrlPart)> {
    vec![
        ("app:S3cret@127.0.0.1/test", UrlPart::Scheme),
        ("user:S3cret@host", UrlPart::Scheme),
        ("S3cret", UrlPart::Scheme),
        ("", UrlPart::Scheme),
        ("postgres//app:S3cret@127.0.0.1/test", UrlPart::Scheme),
        ("redis://app:S3cret@127.0.0.1/test", UrlPart::Scheme),
        (
            "postgres:/postgres:S3cret@127.0.0.1/test",
            UrlPart::Authority,
        ),
        ("mysql:root:S3cret@127.0.0.1/test", UrlPart::Authority),
        ("postgres://app:S3cret@127.0.0.1:99999/test", UrlPart::Port),
        ("postgres://app:S3cret@127.0.0.1:port/test", UrlPart::Port),
        ("mysql://app:S3cret@127.0.0.1:0/test", UrlPart::Port),
        // A `/` in an unencoded password ends the authority: `S3cret...` becomes a "port".
        ("postgres://app:p@ss:w/rd@127.0.0.1/test", UrlPart::Port),
        ("postgres://app:S3cret@[::1/test", UrlPart::Host),
        ("postgres://app:S3cret@[zz::1]/test", UrlPart::Host),
        ("mysql://app:S3cret@/test", UrlPart::Host),
        ("postgres://app:S3cret@h/db/extra", UrlPart::Path),
        ("postgres://app:S3cret@h/db#S3cret", UrlPart::Path),
        ("postgres://app:S3cret@h/%FF", UrlPart::Path),
        ("postgres://app:S3cret%FF@h/db", UrlPart::UserInfo),
        ("postgres://h/db?passwd=S3cret", UrlPart::Query),
        ("postgres://h/db?S3cret", UrlPart::Query),
        ("mysql://h/db?password=S3cret", UrlPart::Query),
        // sqlx reads parameter names case-sensitively: this one it would ignore.
        ("postgres://h/db?PASSWORD=hunter2x", UrlPart::Query),
        ("sqlite://app:S3cret@host/x.db", UrlPart::Authority),
        ("sqlite:app:S3cret@host/x.db", UrlPart::Authority),
        ("sqlite://x.db?password=S3cret", UrlPart::Query),
        ("sqlite:", UrlPart::Path),
    ]
}

fn assert_no_secret(what: &str, input: &str, text: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{what} of {input:?} shows password {secret:?}: {text}"
        );
    }
}

#[test]
fn well_formed_urls_parse_and_show_without_passwords() {
    for (input, backend, shown) in well_formed() {
        let url = ConnectUrl::parse(input).unwrap_or_else(|e| panic!("{input:?} refused: {e}"));
        assert_eq!(url.backend(), backend, "{input:?}");
        assert_eq!(url.to_string(), shown, "{input:?}");
        assert_eq!(url.redacted(), shown, "{input:?}");
        assert_eq!(redact(input), shown, "{input:?}");
        assert_no_secret("Debug", input, &format!("{url:?}"));
        assert_no_secret("Display", input, &url.to_string());
        // The driver still gets the password.
        if input.contains("S3cret") {
            assert!(url.driver_url().contains("S3cret"), "{input:?}");
        }
    }
}

#[test]
fn a_password_typed_elsewhere_is_hidden_there_too() {
    let url = ConnectUrl::parse("postgres://app:S3cret@h/db?application_name=S3cret").unwrap();
    assert_eq!(
        url.to_string(),
        "postgres://app:***@h/db?application_name=***"
    );
    let url = ConnectUrl::parse("postgres://S3cret:S3cret@h/db").unwrap();
    assert_eq!(url.to_string(), "postgres://***:***@h/db");
}

#[test]
fn server_urls_expose_their_parts_decoded() {
    let url = ConnectUrl::parse("mariadb://r%C3%B6ot:p%40ss@[::1]:3307/my%2Ddb").unwrap();
    assert_eq!(url.backend(), Backend::MySql);
    assert_eq!(url.host(), Some("[::1]"));
    assert_eq!(url.port(), Some(3307));
    assert_eq!(url.username(), Some("röot"));
    assert_eq!(url.database(), Some("my-db"));
    assert!(
        url.driver_url().starts_with("mysql://"),
        "mariadb: is spelled mysql: for sqlx"
    );
    let url = ConnectUrl::parse("postgres://h").unwrap();
    assert_eq!((url.port(), url.database()), (None, None));
    let url = ConnectUrl::parse("sqlite::memory:").unwrap();
    assert_eq!(url.database(), Some(":memory:"));
    // Schemes are case-insensitive; the driver gets them in lowercase.
    let url = ConnectUrl::parse("SQLite::memory:").unwrap();
    assert_eq!(url.driver_url(), "sqlite::memory:");
    let url = ConnectUrl::parse("PostgreSQL://h/db").unwrap();
    assert!(
        url.driver_url().starts_with("postgresql://"),
        "{}",
        url.driver_url()
    );
    // A socket directory instead of a host.
    assert!(ConnectUrl::parse("postgres:///db?host=/var/run/postgresql").is_ok());
}

#[test]
fn malformed_urls_name_the_part_and_never_echo_the_input() {
    for (input, part) in malformed() {
        let err = match ConnectUrl::parse(input) {
            Err(e) => e,
            Ok(url) => panic!("{input:?} accepted as {url}"),
        };
        match &err {
            Error::InvalidUrl { part: got, .. } => assert_eq!(*got, part, "{input:?}: {err}"),
            other => panic!("{input:?}: expected InvalidUrl, got {other:?}"),
        }
        assert_no_secret("Display", input, &err.to_string());
        assert_no_secret("Debug", input, &format!("{err:?}"));
        assert_no_secret("redact_url", input, &redact(input));
        assert!(std::error::Error::source(&err).is_none());
        let builder = crate::Client::builder(input);
        assert_no_secret("ClientBuilder Debug", input, &format!("{builder:?}"));
    }
}

#[test]
fn client_builder_debug_redacts_the_password() {
    let builder = crate::Client::builder("postgres://app:S3cret@db/app").scope("tenant_1");
    let debug = format!("{builder:?}");
    assert!(!debug.contains("S3cret"), "{debug}");
    assert!(debug.contains("postgres://app:***@db/app"), "{debug}");
    assert!(debug.contains("tenant_1"), "{debug}");
}

#[test]
fn scrubbing_removes_every_spelling_of_the_password() {
    let url = ConnectUrl::parse("postgres://app:p%40ss%3Aw%2Frd@h/db?password=hunter2x").unwrap();
    let scrubbed = url.scrub("failed for p@ss:w/rd (p%40ss%3Aw%2Frd) and hunter2x");
    assert_eq!(scrubbed, "failed for *** (***) and ***");
    let err = url.scrub_driver_error(sqlx::Error::Configuration("bad value hunter2x".into()));
    assert_no_secret("scrubbed driver error", "", &format!("{err} {err:?}"));
    // Errors that quote no password are kept as they are.
    let kept = url.scrub_driver_error(sqlx::Error::PoolClosed);
    assert!(matches!(kept, sqlx::Error::PoolClosed));
}

#[tokio::test]
async fn connect_refuses_malformed_urls_before_any_io() {
    for (input, part) in malformed() {
        match crate::Client::connect(input).await {
            Err(Error::InvalidUrl { part: got, .. }) => assert_eq!(got, part, "{input:?}"),
            other => panic!("{input:?}: expected InvalidUrl, got {other:?}"),
        }
    }
}

#[cfg(not(feature = "postgres"))]
#[tokio::test]
async fn a_well_formed_url_of_a_missing_backend_is_unsupported() {
    let err = crate::Client::connect("postgres://app:S3cret@127.0.0.1/test")
        .await
        .unwrap_err();
    match &err {
        Error::UnsupportedUrl { url, reason } => {
            assert_eq!(url, "postgres://app:***@127.0.0.1/test");
            assert!(reason.contains("`postgres` feature"), "{reason}");
        }
        other => panic!("expected UnsupportedUrl, got {other:?}"),
    }
}

#[cfg(all(feature = "postgres", not(feature = "tls")))]
#[tokio::test]
async fn connect_without_the_tls_feature_refuses_a_required_mode_before_any_io() {
    // Port 1: had anything been sent, the error would be Connect.
    let err = crate::Client::connect("postgres://app:S3cret@127.0.0.1:1/test?sslmode=require")
        .await
        .unwrap_err();
    match &err {
        Error::UnsupportedUrl { url, reason } => {
            assert_eq!(url, "postgres://app:***@127.0.0.1:1/test?sslmode=require");
            assert!(reason.contains("`tls` feature"), "{reason}");
        }
        other => panic!("expected UnsupportedUrl, got {other:?}"),
    }
}

// Found by fuzz/fuzz_targets/url.rs: with no host after the user info, a
// password starting with an unencoded `/` parsed as the database name and
// was shown in the redacted URL.
#[test]
fn an_at_sign_after_the_host_is_refused_not_shown() {
    for input in [
        "mysql://\u{11}:/Pw7secretMARK@",
        "postgres://u:/Pw7secretMARK@",
        "mariadb://u:/Pw7secretMARK@h",
        "mysql://C\u{f}:?ssl-cert=Pw7secretMARK@\u{f}",
        "postgres://u:?sslmode=Pw7secretMARK@h/db",
    ] {
        let shown = redact(input);
        assert!(
            !shown.contains("Pw7secretMARK"),
            "{input:?} shown as {shown:?}"
        );
        match ConnectUrl::parse(input) {
            Err(e @ Error::InvalidUrl { .. }) => {
                assert!(!format!("{e} {e:?}").contains("Pw7secretMARK"), "{e:?}");
            }
            other => panic!("{input:?}: {other:?}"),
        }
    }
    // Percent-encoded, an `@` in a database name is still fine.
    let url = ConnectUrl::parse("postgres://u@h/a%40b").unwrap();
    assert_eq!(url.database(), Some("a@b"));
}

#[test]
fn tls_modes_parse_in_each_backends_spelling() {
    let cases = [
        ("postgres://h/db", None),
        ("postgres://h/db?sslmode=disable", Some(TlsMode::Disable)),
        ("postgres://h/db?sslmode=allow", Some(TlsMode::Allow)),
        ("postgres://h/db?sslmode=prefer", Some(TlsMode::Prefer)),
        ("postgres://h/db?sslmode=REQUIRE", Some(TlsMode::Require)),
        (
            "postgres://h/db?ssl-mode=verify-ca",
            Some(TlsMode::VerifyCa),
        ),
        (
            "postgres://h/db?sslmode=verify-full",
            Some(TlsMode::VerifyFull),
        ),
        ("mysql://h/db?ssl-mode=DISABLED", Some(TlsMode::Disable)),
        ("mysql://h/db?ssl-mode=preferred", Some(TlsMode::Prefer)),
        ("mariadb://h/db?sslmode=REQUIRED", Some(TlsMode::Require)),
        ("mysql://h/db?ssl-mode=VERIFY_CA", Some(TlsMode::VerifyCa)),
        (
            "mysql://h/db?ssl-mode=VERIFY_IDENTITY",
            Some(TlsMode::VerifyFull),
        ),
        ("sqlite::memory:", None),
    ];
    for (input, mode) in cases {
        let url = ConnectUrl::parse(input).unwrap_or_else(|e| panic!("{input:?} refused: {e}"));
        assert_eq!(url.tls_mode(), mode, "{input:?}");
    }
    let url =
        ConnectUrl::parse("postgres://h/db?sslmode=verify-full&sslrootcert=/etc/ca.pem").unwrap();
    assert!(url.has_root_cert());
    assert!(
        !ConnectUrl::parse("postgres://h/db")
            .unwrap()
            .has_root_cert()
    );
    let url = ConnectUrl::parse("mysql://h/db?ssl-mode=VERIFY_CA&ssl-ca=/etc/ca.pem").unwrap();
    assert!(url.has_root_cert());
}

/// TLS parameters that must be refused: bad modes, each backend's modes
/// spelled the other's way, repeats, empty files, a certificate without
/// its key.
#[test]
fn bad_tls_parameters_are_refused_without_echoing_them() {
    for input in [
        "postgres://app:S3cret@h/db?sslmode=S3cret",
        "postgres://app:S3cret@h/db?sslmode=required",
        "postgres://app:S3cret@h/db?sslmode=",
        "mysql://app:S3cret@h/db?ssl-mode=S3cret",
        "mysql://app:S3cret@h/db?ssl-mode=verify-full",
        "mysql://app:S3cret@h/db?ssl-mode=require",
    ] {
        match ConnectUrl::parse(input) {
            Err(
                err @ Error::InvalidUrl {
                    part: UrlPart::Query,
                    ..
                },
            ) => {
                let Error::InvalidUrl { reason, .. } = &err else {
                    unreachable!()
                };
                assert!(reason.starts_with("unknown value"), "{input:?}: {reason}");
                assert!(reason.contains("expected"), "{input:?}: {reason}");
                assert_no_secret("Display", input, &format!("{err} {err:?}"));
            }
            other => panic!("{input:?}: expected InvalidUrl in the query, got {other:?}"),
        }
    }
    for (input, words) in [
        (
            "postgres://h/db?sslmode=require&ssl-mode=disable",
            "more than once",
        ),
        (
            "postgres://h/db?sslmode=require&sslmode=require",
            "more than once",
        ),
        (
            "postgres://h/db?sslrootcert=a.pem&ssl-ca=b.pem",
            "more than once",
        ),
        ("postgres://h/db?sslmode=verify-ca&sslrootcert=", "is empty"),
        ("mysql://h/db?ssl-ca=+", "is empty"),
        ("postgres://h/db?sslcert=client.pem", "go together"),
        ("mysql://h/db?ssl-key=client.key", "go together"),
    ] {
        match ConnectUrl::parse(input) {
            Err(Error::InvalidUrl {
                part: UrlPart::Query,
                reason,
            }) => assert!(reason.contains(words), "{input:?}: {reason}"),
            other => panic!("{input:?}: expected InvalidUrl in the query, got {other:?}"),
        }
    }
    // With both halves of the client certificate, the URL parses.
    ConnectUrl::parse("postgres://h/db?sslmode=verify-full&sslcert=c.pem&sslkey=c.key").unwrap();
}

/// libpq verifies the chain under `require` when a root certificate is
/// named; the driver would not, so the URL it gets says `verify-ca`.
#[test]
fn require_with_a_root_certificate_verifies_the_chain() {
    let input =
        "postgres://app:S3cret@h/db?sslmode=require&sslrootcert=%2Fetc%2Fca.pem&application_name=x";
    let url = ConnectUrl::parse(input).unwrap();
    assert_eq!(url.tls_mode(), Some(TlsMode::VerifyCa));
    assert!(
        url.driver_url().contains("sslmode=verify-ca"),
        "{}",
        url.driver_url()
    );
    assert!(
        !url.driver_url().contains("sslmode=require"),
        "{}",
        url.driver_url()
    );
    assert!(
        url.driver_url().contains("S3cret"),
        "the driver still gets the password"
    );
    // What the user wrote is what they are shown.
    assert_eq!(
        url.to_string(),
        "postgres://app:***@h/db?sslmode=require&sslrootcert=%2Fetc%2Fca.pem&application_name=x"
    );
    #[cfg(feature = "postgres")]
    {
        let options: sqlx::postgres::PgConnectOptions = url.driver_url().parse().unwrap();
        assert!(matches!(
            options.get_ssl_mode(),
            sqlx::postgres::PgSslMode::VerifyCa
        ));
        assert_eq!(options.get_application_name(), Some("x"));
    }
    // Without a root certificate, or on MySQL, `require` stays as written.
    let url = ConnectUrl::parse("postgres://h/db?sslmode=require").unwrap();
    assert_eq!(url.tls_mode(), Some(TlsMode::Require));
    assert!(url.driver_url().ends_with("sslmode=require"));
    let url = ConnectUrl::parse("mysql://h/db?ssl-mode=REQUIRED&ssl-ca=ca.pem").unwrap();
    assert_eq!(url.tls_mode(), Some(TlsMode::Require));
}

/// A mode that requires TLS on a build without it is a typed error before
/// any I/O, never a plaintext connection; the other modes connect.
#[test]
fn a_build_without_tls_refuses_modes_that_require_it() {
    for input in [
        "postgres://app:S3cret@h/db?sslmode=require",
        "postgres://app:S3cret@h/db?sslmode=verify-ca&sslrootcert=ca.pem",
        "postgres://app:S3cret@h/db?sslmode=verify-full",
        "mysql://app:S3cret@h/db?ssl-mode=VERIFY_IDENTITY",
    ] {
        let url = ConnectUrl::parse(input).unwrap();
        assert!(url.check_build_with(true).is_ok(), "{input:?}");
        match url.check_build_with(false) {
            Err(err @ Error::UnsupportedUrl { .. }) => {
                let text = err.to_string();
                assert!(text.contains("`tls` feature"), "{text}");
                assert!(text.contains("needs an encrypted connection"), "{text}");
                assert_no_secret("UnsupportedUrl", input, &format!("{text} {err:?}"));
            }
            other => panic!("{input:?}: expected UnsupportedUrl, got {other:?}"),
        }
    }
    let err = ConnectUrl::parse("mysql://h/db?ssl-mode=required")
        .unwrap()
        .check_build_with(false)
        .unwrap_err();
    assert!(err.to_string().contains("ssl-mode=REQUIRED"), "{err}");
    for input in [
        "postgres://h/db",
        "postgres://h/db?sslmode=disable",
        "postgres://h/db?sslmode=prefer&sslrootcert=ca.pem",
        "mysql://h/db?ssl-mode=PREFERRED",
        "sqlite::memory:",
    ] {
        let url = ConnectUrl::parse(input).unwrap();
        assert!(url.check_build_with(false).is_ok(), "{input:?}");
        assert!(url.check_build().is_ok(), "{input:?}");
    }
    // This build's own answer.
    let require = ConnectUrl::parse("postgres://h/db?sslmode=require").unwrap();
    assert_eq!(require.check_build().is_ok(), cfg!(feature = "tls"));
}
