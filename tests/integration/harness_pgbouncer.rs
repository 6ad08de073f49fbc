//! The PgBouncer harness (`entkit_tests::servers::PgBouncer`): PgBouncer in
//! transaction pooling mode in front of a private cluster, each case with
//! its own pair.
//!
//! They run only when PostgreSQL is among the selected backends; then a
//! missing `pgbouncer` binary or a server that cannot start fails the case.
//! Sessions that observe the pooling itself use sqlx's simple query
//! protocol directly, so that what they see does not depend on how entkit
//! prepares statements.

use std::time::Duration;

use entkit::{Client, Error, RawQuery};
use entkit_tests::servers::{PgBouncer, PgBouncerConfig, PrivateCluster, postgres_selected};
use sqlx::{Connection as _, PgConnection, Row as _};

/// Whether to run a private-PostgreSQL case; says so when it does not.
fn selected(test: &str) -> bool {
    let selected = postgres_selected();
    if !selected {
        eprintln!("entkit-tests: {test}: PostgreSQL not selected (ENTKIT_TEST_BACKENDS)");
    }
    selected
}

fn cluster() -> PrivateCluster {
    PrivateCluster::create_default()
        .unwrap_or_else(|e| panic!("the private PostgreSQL server did not start: {e}"))
}

fn bouncer(cluster: &PrivateCluster, config: PgBouncerConfig) -> PgBouncer {
    PgBouncer::start_with(cluster, config)
        .unwrap_or_else(|e| panic!("PgBouncer did not start: {e}"))
}

/// A client session of its own through `bouncer`.
async fn session(bouncer: &PgBouncer) -> PgConnection {
    PgConnection::connect(&bouncer.url())
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", bouncer.url()))
}

/// The first column of the one row `sql` returns, as text.
async fn text(session: &mut PgConnection, sql: &'static str) -> String {
    let row = sqlx::raw_sql(sql).fetch_one(session).await.unwrap();
    row.try_get(0).unwrap()
}

#[tokio::test]
async fn a_plain_query_through_pgbouncer_reaches_the_cluster() {
    if !selected("a_plain_query_through_pgbouncer_reaches_the_cluster") {
        return;
    }
    let cluster = cluster();
    let bouncer = PgBouncer::start(&cluster).unwrap_or_else(|e| panic!("{e}"));
    assert!(![cluster.port(), 5432, 6432].contains(&bouncer.port()));

    let client = Client::builder(bouncer.url())
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(20))
        .connect()
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", bouncer.url()));
    let rows: Vec<(i32, String)> =
        RawQuery::new("SELECT inet_server_port(), current_database()::text")
            .fetch_all(&client)
            .await
            .unwrap();
    assert_eq!(rows, [(i32::from(cluster.port()), "postgres".to_owned())]);
    client
        .execute_raw("CREATE TABLE through_the_pooler (id int)")
        .await
        .unwrap();
    client.close().await;
    assert_eq!(
        cluster
            .query("SELECT count(*) FROM pg_tables WHERE tablename = 'through_the_pooler'")
            .unwrap(),
        "1"
    );
    // The admin console saw the client (user postgres, database postgres).
    let pools = bouncer.admin("SHOW POOLS").unwrap();
    assert!(
        pools
            .lines()
            .any(|row| row.starts_with("postgres|postgres|")),
        "SHOW POOLS: {pools}"
    );
}

#[tokio::test]
async fn pgbouncer_pools_by_transaction() {
    if !selected("pgbouncer_pools_by_transaction") {
        return;
    }
    let cluster = cluster();
    let bouncer = bouncer(&cluster, PgBouncerConfig::new().pool_size(1));
    assert_eq!(
        bouncer.config_value("pool_mode").unwrap().as_deref(),
        Some("transaction")
    );
    assert_eq!(
        bouncer
            .config_value("default_pool_size")
            .unwrap()
            .as_deref(),
        Some("1")
    );

    // Two clients connected at once, one server connection: between
    // transactions each client's statements run on whichever server
    // session is free, so a session setting made by one is seen by the
    // other.
    let mut first = session(&bouncer).await;
    let mut second = session(&bouncer).await;
    sqlx::raw_sql("SET entkit.probe = 'set by the first client'")
        .execute(&mut first)
        .await
        .unwrap();
    let first_pid = text(&mut first, "SELECT pg_backend_pid()::text").await;
    let second_pid = text(&mut second, "SELECT pg_backend_pid()::text").await;
    assert_eq!(first_pid, second_pid, "one server session for both clients");
    assert_eq!(
        text(&mut second, "SELECT current_setting('entkit.probe', true)").await,
        "set by the first client"
    );
    first.close().await.unwrap();
    second.close().await.unwrap();
}

#[tokio::test]
async fn with_session_pooling_a_second_client_waits_for_the_server_connection() {
    if !selected("with_session_pooling_a_second_client_waits_for_the_server_connection") {
        return;
    }
    // A setting line of the test's own wins over the harness's: the
    // contrast that shows the observation above depends on the mode.
    let cluster = cluster();
    let config = PgBouncerConfig::new()
        .pool_size(1)
        .setting("pool_mode = session");
    let bouncer = bouncer(&cluster, config);
    assert_eq!(
        bouncer.config_value("pool_mode").unwrap().as_deref(),
        Some("session")
    );

    let mut first = session(&bouncer).await;
    let mut second = session(&bouncer).await;
    text(&mut first, "SELECT pg_backend_pid()::text").await;
    let waited = tokio::time::timeout(
        Duration::from_millis(500),
        text(&mut second, "SELECT pg_backend_pid()::text"),
    )
    .await;
    assert!(
        waited.is_err(),
        "the second client got a server session while the first held the only one"
    );
}

#[tokio::test]
async fn a_dropped_pgbouncer_stops_and_is_removed() {
    if !selected("a_dropped_pgbouncer_stops_and_is_removed") {
        return;
    }
    let cluster = cluster();
    let bouncer = PgBouncer::start(&cluster).unwrap_or_else(|e| panic!("{e}"));
    let dir = bouncer.dir().to_owned();
    let url = bouncer.url();
    assert!(dir.join("pgbouncer.pid").exists());

    // Dropped while a test panics: stopped and removed all the same.
    let panicked = std::thread::Builder::new()
        .name("intentional-panic".to_owned())
        .spawn(move || {
            let _bouncer = bouncer;
            panic!("intentional: a test fails while its PgBouncer runs");
        })
        .unwrap()
        .join();
    assert!(panicked.is_err());
    assert!(!dir.exists(), "{} left behind", dir.display());
    let refused = Client::builder(&url)
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        .connect()
        .await;
    assert!(
        matches!(refused, Err(Error::Connect { .. })),
        "the dropped PgBouncer still accepts connections: {refused:?}"
    );
    // The cluster behind it is untouched.
    assert_eq!(cluster.query("SELECT 1").unwrap(), "1");
}
