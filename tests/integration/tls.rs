//! TLS to PostgreSQL (the `tls` feature) against private clusters that
//! present a certificate of the test's own certificate authority, and the
//! private-cluster harness itself.
//!
//! Each case starts its own cluster (see `entkit_tests::servers`); they run
//! only when PostgreSQL is among the selected backends.

use std::path::{Path, PathBuf};
use std::time::Duration;

use entkit::{Client, Error, RawQuery};
use entkit_tests::servers::{
    ClusterConfig, PrivateCluster, ServerError, TestCa, postgres_selected,
};

/// Whether to run a private-PostgreSQL case; says so when it does not.
fn selected(test: &str) -> bool {
    let selected = postgres_selected();
    if !selected {
        eprintln!("entkit-tests: {test}: PostgreSQL not selected (ENTKIT_TEST_BACKENDS)");
    }
    selected
}

/// A started cluster, or a failure showing why it did not start (the
/// server log included).
fn started(cluster: Result<PrivateCluster, ServerError>) -> PrivateCluster {
    cluster.unwrap_or_else(|e| panic!("the private PostgreSQL server did not start: {e}"))
}

/// A cluster that accepts only TLS connections (`hostssl` rules alone),
/// with a certificate for `localhost` from its own authority.
struct TlsCluster {
    cluster: PrivateCluster,
    /// The authority that signed the server's certificate.
    ca_file: PathBuf,
    /// Another authority, which did not.
    other_ca_file: PathBuf,
}

impl TlsCluster {
    fn start() -> TlsCluster {
        let ca = TestCa::new("entkit test CA").unwrap();
        let other_ca = TestCa::new("entkit other test CA").unwrap();
        let server_cert = ca.issue_server_cert(&["localhost"]).unwrap();
        let config = ClusterConfig::new().tls(&server_cert).hba([
            "hostssl all all 127.0.0.1/32 trust",
            "hostssl all all ::1/128 trust",
        ]);
        let cluster = started(PrivateCluster::create(config));
        let ca_file = ca.write_cert(cluster.dir(), "ca.pem").unwrap();
        let other_ca_file = other_ca.write_cert(cluster.dir(), "other-ca.pem").unwrap();
        TlsCluster {
            cluster,
            ca_file,
            other_ca_file,
        }
    }

    /// A URL to the cluster through `host`, with `params` as its query.
    fn url(&self, host: &str, params: &str) -> String {
        format!(
            "postgres://postgres@{host}:{}/postgres?{params}",
            self.cluster.port()
        )
    }
}

fn root_cert(path: &Path) -> String {
    format!("sslrootcert={}", path.display())
}

async fn connect(url: &str) -> entkit::Result<Client> {
    Client::builder(url)
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(20))
        .connect()
        .await
}

/// Whether the session `client` runs its statements on is encrypted, as
/// the server sees it.
async fn session_is_encrypted(client: &Client) -> bool {
    let rows: Vec<(bool,)> =
        RawQuery::new("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            .fetch_all(client)
            .await
            .expect("pg_stat_ssl is readable");
    assert_eq!(rows.len(), 1, "one row for the session");
    rows[0].0
}

/// The error with its whole source chain, for assertions on the cause.
fn chain(err: &Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(" / ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// `url` must fail to connect with [`Error::Connect`]; returns its text.
async fn refused(url: &str) -> String {
    match connect(url).await {
        Ok(client) => {
            let encrypted = session_is_encrypted(&client).await;
            panic!("{url}: connected (encrypted: {encrypted}), expected a refusal");
        }
        Err(err @ Error::Connect { .. }) => chain(&err),
        Err(other) => panic!("{url}: expected Error::Connect, got {other:?}"),
    }
}

#[tokio::test]
async fn require_connects_encrypted() {
    if !selected("require_connects_encrypted") {
        return;
    }
    let server = TlsCluster::start();
    for params in ["sslmode=require", "sslmode=prefer", "ssl-mode=require"] {
        let url = server.url("127.0.0.1", params);
        let client = connect(&url)
            .await
            .unwrap_or_else(|e| panic!("{url}: {}", chain(&e)));
        assert!(session_is_encrypted(&client).await, "{url}: not encrypted");
        client.close().await;
    }
}

#[tokio::test]
async fn verify_full_connects_with_the_right_ca_and_host() {
    if !selected("verify_full_connects_with_the_right_ca_and_host") {
        return;
    }
    let server = TlsCluster::start();
    let verified = [
        format!("sslmode=verify-full&{}", root_cert(&server.ca_file)),
        format!("sslmode=verify-ca&{}", root_cert(&server.ca_file)),
        // libpq's rule: `require` with a root certificate checks the chain.
        format!("sslmode=require&{}", root_cert(&server.ca_file)),
    ];
    for params in verified {
        let url = server.url("localhost", &params);
        let client = connect(&url)
            .await
            .unwrap_or_else(|e| panic!("{url}: {}", chain(&e)));
        assert!(session_is_encrypted(&client).await, "{url}: not encrypted");
        client.close().await;
    }
}

#[tokio::test]
async fn verify_full_refuses_a_host_the_certificate_does_not_name() {
    if !selected("verify_full_refuses_a_host_the_certificate_does_not_name") {
        return;
    }
    let server = TlsCluster::start();
    let params = format!("sslmode=verify-full&{}", root_cert(&server.ca_file));
    let text = refused(&server.url("127.0.0.1", &params)).await;
    assert!(
        text.contains("certificate not valid for name \"127.0.0.1\""),
        "the error names neither the certificate nor the host: {text}"
    );
    // verify-ca checks the chain only: the same host is accepted.
    let params = format!("sslmode=verify-ca&{}", root_cert(&server.ca_file));
    let client = connect(&server.url("127.0.0.1", &params))
        .await
        .unwrap_or_else(|e| panic!("verify-ca to 127.0.0.1: {}", chain(&e)));
    assert!(session_is_encrypted(&client).await);
    client.close().await;
}

#[tokio::test]
async fn verify_ca_refuses_a_certificate_from_another_authority() {
    if !selected("verify_ca_refuses_a_certificate_from_another_authority") {
        return;
    }
    let server = TlsCluster::start();
    for mode in ["verify-ca", "verify-full", "require"] {
        let params = format!("sslmode={mode}&{}", root_cert(&server.other_ca_file));
        let text = refused(&server.url("localhost", &params)).await;
        assert!(
            text.contains("invalid peer certificate") && text.contains("UnknownIssuer"),
            "sslmode={mode}: the error does not say the certificate's issuer is unknown: {text}"
        );
    }
}

#[tokio::test]
async fn disable_is_refused_by_a_server_that_requires_tls() {
    if !selected("disable_is_refused_by_a_server_that_requires_tls") {
        return;
    }
    let server = TlsCluster::start();
    let text = refused(&server.url("127.0.0.1", "sslmode=disable")).await;
    assert!(
        text.contains("no pg_hba.conf entry") && text.contains("no encryption"),
        "not the server's refusal of an unencrypted connection: {text}"
    );
}

#[tokio::test]
async fn private_cluster_starts_restarts_and_is_removed_on_drop() {
    if !selected("private_cluster_starts_restarts_and_is_removed_on_drop") {
        return;
    }
    let cluster = started(PrivateCluster::create(
        ClusterConfig::new().conf("max_connections = 37"),
    ));
    assert_ne!(cluster.port(), 5432, "never the shared server's port");
    let port = i32::from(cluster.port());
    // (port, start time, max_connections) as the server reports them.
    let server = || async {
        let client = connect(&cluster.url())
            .await
            .unwrap_or_else(|e| panic!("{}: {}", cluster.url(), chain(&e)));
        let rows: Vec<(i32, String, String)> = RawQuery::new(
            "SELECT inet_server_port(), pg_postmaster_start_time()::text, \
             current_setting('max_connections')",
        )
        .fetch_all(&client)
        .await
        .unwrap();
        client.close().await;
        rows.into_iter().next().unwrap()
    };
    let (first_port, first_start, max_connections) = server().await;
    assert_eq!(first_port, port);
    assert_eq!(
        max_connections, "37",
        "the extra postgresql.conf line applies"
    );

    cluster.restart().unwrap();
    let (restarted_port, restarted_at, _) = server().await;
    assert_eq!(restarted_port, port, "same port after a restart");
    assert_ne!(restarted_at, first_start, "the server did not restart");

    cluster.stop().unwrap();
    match connect(&cluster.url()).await {
        Err(Error::Connect { .. }) => {}
        other => panic!("a stopped cluster accepted a connection: {other:?}"),
    }
    cluster.start().unwrap();
    assert_eq!(server().await.0, port);

    // Dropped while a test panics: stopped and removed all the same.
    let dir = cluster.dir().to_owned();
    let url = cluster.url();
    let panicked = std::thread::Builder::new()
        .name("intentional-panic".to_owned())
        .spawn(move || {
            let _cluster = cluster;
            panic!("intentional: a test fails while its private cluster runs");
        })
        .unwrap()
        .join();
    assert!(panicked.is_err());
    assert!(!dir.exists(), "{} left behind", dir.display());
    match connect(&url).await {
        Err(Error::Connect { .. }) => {}
        other => panic!("the dropped cluster still accepts connections: {other:?}"),
    }
}

#[tokio::test]
async fn a_private_cluster_that_cannot_start_fails_with_its_server_log() {
    if !selected("a_private_cluster_that_cannot_start_fails_with_its_server_log") {
        return;
    }
    let config = ClusterConfig::new().conf("entkit_no_such_setting = on");
    match PrivateCluster::create(config) {
        Err(err @ ServerError::NotReady { .. }) => {
            let text = err.to_string();
            assert!(
                text.contains("--- server log ---")
                    && text.contains("unrecognized configuration parameter")
                    && text.contains("entkit_no_such_setting"),
                "the failure does not show the server's reason: {text}"
            );
        }
        Err(other) => panic!("expected NotReady, got {other}"),
        Ok(cluster) => panic!("started with a bad setting on port {}", cluster.port()),
    }
}
