//! The URL parser: what it accepts, which part it blames, and that no
//! rendering of a URL or of its error ever shows a password.

use super::{ConnectUrl, UrlPart, redact};
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
    let url = ConnectUrl::parse("postgres://app:S3cret@h/db?sslmode=S3cret").unwrap();
    assert_eq!(url.to_string(), "postgres://app:***@h/db?sslmode=***");
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
