//! Connection URLs on every backend: a malformed one is refused naming the
//! part at fault, and no error (with its whole source chain), `Debug`,
//! log line or command-line output ever shows a password.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

use entkit::{Client, Error, UrlPart};
use entkit_tests::{Ctx, Kind, for_each_backend};

/// Every password of the corpus, as typed and percent-encoded.
const SECRETS: &[&str] = &[
    "S3cret",
    "p@ss:w/rd",
    "p%40ss%3Aw%2Frd",
    "pässwörd",
    "p%C3%A4ssw%C3%B6rd",
];

/// Strings that are no valid URL, with the part to blame.
const MALFORMED: &[(&str, UrlPart)] = &[
    ("app:S3cret@127.0.0.1/test", UrlPart::Scheme),
    ("postgres//app:S3cret@127.0.0.1/test", UrlPart::Scheme),
    ("S3cret", UrlPart::Scheme),
    (
        "postgres:/postgres:S3cret@127.0.0.1/test",
        UrlPart::Authority,
    ),
    ("mysql:/root:S3cret@127.0.0.1/test", UrlPart::Authority),
    ("postgres://app:S3cret@127.0.0.1:99999/test", UrlPart::Port),
    ("mysql://root:S3cret@127.0.0.1:3306x/test", UrlPart::Port),
    ("postgres://app:p@ss:w/rd@127.0.0.1/test", UrlPart::Port),
    ("postgres://app:S3cret@[::1/test", UrlPart::Host),
    ("mysql://root:S3cret@[fe80::zz]/test", UrlPart::Host),
    ("postgres://app:S3cret@127.0.0.1/test/more", UrlPart::Path),
    ("postgres://127.0.0.1/test?pass=S3cret", UrlPart::Query),
    ("mysql://127.0.0.1/test?password=S3cret", UrlPart::Query),
    ("sqlite://app:S3cret@127.0.0.1/test.db", UrlPart::Authority),
];

/// Well-formed URLs of `ctx`'s backend: refused connections, refused
/// logins, and (PostgreSQL trusts local logins) accepted ones.
fn well_formed(ctx: &Ctx) -> Vec<String> {
    if ctx.kind == Kind::Sqlite {
        return vec![
            "sqlite:///nonexistent-entkit-dir/sub/db.sqlite".to_owned(),
            "sqlite::memory:".to_owned(),
        ];
    }
    let url = entkit::ConnectUrl::parse(&ctx.url).unwrap();
    let server = format!(
        "{}:{}",
        url.host().unwrap(),
        url.port().unwrap_or(match ctx.kind {
            Kind::Postgres => 5432,
            _ => 3306,
        })
    );
    let db = url.database().unwrap_or("test");
    let user = url.username().unwrap_or("root");
    match ctx.kind {
        Kind::Postgres => vec![
            "postgres://app:S3cret@127.0.0.1:1/test".to_owned(),
            "postgresql://app:p%40ss%3Aw%2Frd@[::1]:1/test".to_owned(),
            "postgres://app:pässwörd@127.0.0.1:1/test".to_owned(),
            "postgres://127.0.0.1:1/test?user=app&password=S3cret".to_owned(),
            format!("postgres://{user}:S3cret@{server}/{db}"),
            format!("postgres://{server}/{db}?user={user}&password=S3cret"),
        ],
        Kind::MySql => vec![
            "mysql://root:S3cret@127.0.0.1:1/test".to_owned(),
            "mariadb://root:p%40ss%3Aw%2Frd@127.0.0.1:1/test".to_owned(),
            format!("mysql://{user}:S3cret@{server}/{db}"),
            format!("mariadb://{user}:pässwörd@{server}/{db}"),
        ],
        Kind::Sqlite => unreachable!(),
    }
}

fn assert_clean(what: &str, input: &str, text: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{what} for {input:?} shows a password: {text}"
        );
    }
}

/// `Display` and `Debug` of an error and of every error in its source chain.
fn error_texts(err: &Error) -> String {
    let mut text = format!("{err}\n{err:?}\n");
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        let _ = writeln!(text, "{s}\n{s:?}");
        source = s.source();
    }
    text
}

/// Records every tracing event and span field, as text.
struct Capture(Arc<Mutex<String>>);

struct Fields<'a>(&'a Mutex<String>);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0.lock().unwrap(), "{}={value:?} ", field.name());
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        span.record(&mut Fields(&self.0));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Fields(&self.0));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        event.record(&mut Fields(&self.0));
        self.0.lock().unwrap().push('\n');
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn no_password_shows_whatever_the_url() {
    let log = Arc::new(Mutex::new(String::new()));
    // Other tests run the same statements on other threads meanwhile. With
    // a single dispatcher registered, tracing computes the interest of a
    // callsite first hit on another thread from that thread's default (no
    // subscriber) and caches "never" for every thread. A second registered
    // dispatcher makes it ask every registered one, this capture included.
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let _guard = tracing::dispatcher::set_default(&tracing::Dispatch::new(Capture(log.clone())));
    tracing::callsite::rebuild_interest_cache();
    for_each_backend("no_password_shows_whatever_the_url", |ctx| async move {
        let app = entkit::cli::App::new(vec![]);
        let mut inputs: Vec<String> = MALFORMED.iter().map(|(s, _)| (*s).to_owned()).collect();
        inputs.extend(well_formed(&ctx));
        for input in &inputs {
            let builder =
                Client::builder(input.as_str()).acquire_timeout(std::time::Duration::from_secs(5));
            assert_clean("ClientBuilder Debug", input, &format!("{builder:?}"));
            assert_clean("redact_url", input, &entkit::redact_url(input));
            match builder.connect().await {
                Ok(client) => {
                    assert_clean("Client Debug", input, &format!("{client:?}"));
                    assert_clean("Client::url", input, client.url());
                    if let Err(e) = client.ping().await {
                        assert_clean("ping error", input, &error_texts(&e));
                    }
                    client.close().await;
                }
                Err(e) => {
                    assert_clean("connect error", input, &error_texts(&e));
                    if let Some((_, part)) = MALFORMED.iter().find(|(s, _)| s == input) {
                        match &e {
                            Error::InvalidUrl { part: got, .. } => {
                                assert_eq!(got, part, "{input:?}")
                            }
                            other => panic!("{input:?}: expected InvalidUrl, got {other:?}"),
                        }
                    } else {
                        assert!(
                            !matches!(e, Error::InvalidUrl { .. } | Error::UnsupportedUrl { .. }),
                            "well-formed {input:?} refused: {e}"
                        );
                    }
                }
            }
            for command in [&["migrate", "status"][..], &["schema", "print"]] {
                let args = ["svc", "--database-url", input.as_str()]
                    .into_iter()
                    .chain(command.iter().copied());
                let mut out = Vec::new();
                let result = app.run_to(args, &mut out).await;
                assert_clean("CLI output", input, &String::from_utf8_lossy(&out));
                if let Err(e) = result {
                    assert_clean("CLI error", input, &error_texts(&e));
                }
            }
        }
        // A password typed as a parameter's value: the driver refuses the
        // value, and the error says so without repeating it.
        let typo = match ctx.kind {
            Kind::Postgres => "postgres://app:S3cret@127.0.0.1:1/test?sslmode=S3cret",
            Kind::MySql => "mysql://app:S3cret@127.0.0.1:1/test?ssl-mode=S3cret",
            Kind::Sqlite => "sqlite:x.db?mode=bogus",
        };
        let err = Client::connect(typo).await.unwrap_err();
        match &err {
            Error::InvalidUrl {
                part: UrlPart::Query,
                reason,
            } => {
                assert!(reason.starts_with("unknown value"), "{reason}")
            }
            other => panic!("{typo:?}: {other:?}"),
        }
        assert_clean("driver-refused parameter", typo, &error_texts(&err));
        Ok(())
    })
    .await;
    let log = log.lock().unwrap();
    // The capture works: statements were logged.
    assert!(log.contains("SELECT 1"), "nothing captured: {log}");
    assert_clean("a log line", "the corpus", &log);
}

#[tokio::test]
async fn a_malformed_url_for_a_compiled_backend_is_not_unsupported() {
    for_each_backend(
        "a_malformed_url_for_a_compiled_backend_is_not_unsupported",
        |ctx| async move {
            let bad_port = match ctx.kind {
                Kind::Postgres => "postgres://u@127.0.0.1:70000/x",
                Kind::MySql => "mysql://u@127.0.0.1:70000/x",
                Kind::Sqlite => "sqlite:x.db?mode=sideways",
            };
            let err = Client::connect(bad_port).await.unwrap_err();
            match err {
                Error::InvalidUrl { part, .. } => {
                    assert!(matches!(part, UrlPart::Port | UrlPart::Query), "{part:?}")
                }
                other => panic!("expected InvalidUrl, got {other:?}"),
            }
            Ok(())
        },
    )
    .await;
}
