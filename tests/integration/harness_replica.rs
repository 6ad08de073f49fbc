//! The streaming-replica harness (`entkit_tests::servers::Replica`): a
//! private primary and a hot standby of it, each case with its own pair.
//!
//! They run only when PostgreSQL is among the selected backends; then a
//! server that cannot start fails the case.

use std::time::Duration;

use entkit::{Client, Error, RawQuery};
use entkit_tests::servers::{PrivateCluster, Replica, ServerError, postgres_selected};

/// Whether to run a private-PostgreSQL case; says so when it does not.
fn selected(test: &str) -> bool {
    let selected = postgres_selected();
    if !selected {
        eprintln!("entkit-tests: {test}: PostgreSQL not selected (ENTKIT_TEST_BACKENDS)");
    }
    selected
}

/// A started primary with a table `items (id int)`, and a replica of it.
fn primary_and_replica() -> (PrivateCluster, Replica) {
    let primary = PrivateCluster::create_default()
        .unwrap_or_else(|e| panic!("the private primary did not start: {e}"));
    primary
        .query("CREATE TABLE items (id int PRIMARY KEY)")
        .unwrap();
    let replica = primary
        .replica()
        .unwrap_or_else(|e| panic!("the replica did not start: {e}"));
    (primary, replica)
}

async fn connect(url: &str) -> Client {
    Client::builder(url)
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(20))
        .connect()
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"))
}

/// The ids in `items`, as `client` sees them.
async fn ids(client: &Client) -> Vec<i32> {
    let rows: Vec<(i32,)> = RawQuery::new("SELECT id FROM items ORDER BY id")
        .fetch_all(client)
        .await
        .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

async fn insert(client: &Client, id: i32) {
    RawQuery::new("INSERT INTO items (id) VALUES ($1)")
        .bind(id)
        .execute(client)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_row_written_on_the_primary_appears_on_the_replica_after_wait_for_replay() {
    if !selected("a_row_written_on_the_primary_appears_on_the_replica_after_wait_for_replay") {
        return;
    }
    let (primary, replica) = primary_and_replica();
    assert_ne!(replica.port(), primary.port());
    assert_eq!(replica.primary_port(), primary.port());
    let on_primary = connect(&primary.url()).await;
    let on_replica = connect(&replica.url()).await;

    let (in_recovery,): (bool,) = RawQuery::new("SELECT pg_is_in_recovery()")
        .fetch_all(&on_replica)
        .await
        .unwrap()[0];
    assert!(in_recovery, "the replica is a standby");
    // Streaming, not merely restored from the backup.
    assert_eq!(
        replica
            .query("SELECT status FROM pg_stat_wal_receiver")
            .unwrap(),
        "streaming"
    );
    assert_eq!(
        ids(&on_replica).await,
        Vec::<i32>::new(),
        "the copied table"
    );

    insert(&on_primary, 1).await;
    replica.wait_for_replay(&primary).unwrap();
    assert_eq!(ids(&on_replica).await, [1]);

    on_primary.close().await;
    on_replica.close().await;
}

#[tokio::test]
async fn the_replica_refuses_writes() {
    if !selected("the_replica_refuses_writes") {
        return;
    }
    let (_primary, replica) = primary_and_replica();
    let on_replica = connect(&replica.url()).await;
    for sql in [
        "INSERT INTO items (id) VALUES (1)",
        "CREATE TABLE more (id int)",
    ] {
        match RawQuery::new(sql).execute(&on_replica).await {
            Err(Error::Database(sqlx::Error::Database(db))) => {
                // read_only_sql_transaction
                assert_eq!(db.code().as_deref(), Some("25006"), "{sql}: {db}");
                assert!(
                    db.message().contains("read-only transaction"),
                    "{sql}: {db}"
                );
            }
            other => panic!("{sql} on the replica: expected a read-only error, got {other:?}"),
        }
    }
    on_replica.close().await;
}

#[tokio::test]
async fn paused_replay_holds_a_new_row_back_until_resumed() {
    if !selected("paused_replay_holds_a_new_row_back_until_resumed") {
        return;
    }
    let (primary, replica) = primary_and_replica();
    let on_primary = connect(&primary.url()).await;
    let on_replica = connect(&replica.url()).await;
    insert(&on_primary, 1).await;
    replica.wait_for_replay(&primary).unwrap();

    replica.pause_replay().unwrap();
    assert!(replica.replay_paused().unwrap());
    insert(&on_primary, 2).await;
    // The row has reached the replica, and is still not visible there.
    replica.wait_for_receive(&primary).unwrap();
    assert_eq!(ids(&on_replica).await, [1], "paused replay applied a row");
    match replica.wait_for_replay_within(&primary, Duration::from_millis(300)) {
        Err(err @ ServerError::Replication { .. }) => {
            let text = err.to_string();
            assert!(
                text.contains("not replayed") && text.contains("replay paused: true"),
                "{text}"
            );
        }
        other => panic!("waiting on paused replay: expected a timeout, got {other:?}"),
    }

    replica.resume_replay().unwrap();
    replica.wait_for_replay(&primary).unwrap();
    assert!(!replica.replay_paused().unwrap());
    assert_eq!(ids(&on_replica).await, [1, 2]);

    on_primary.close().await;
    on_replica.close().await;
}

#[tokio::test]
async fn a_stopped_replica_catches_up_when_started_and_is_removed_on_drop() {
    if !selected("a_stopped_replica_catches_up_when_started_and_is_removed_on_drop") {
        return;
    }
    let (primary, replica) = primary_and_replica();
    let on_primary = connect(&primary.url()).await;

    replica.stop().unwrap();
    insert(&on_primary, 7).await;
    replica.start().unwrap();
    replica.wait_for_replay(&primary).unwrap();
    assert_eq!(replica.query("SELECT id FROM items").unwrap(), "7");

    // A replica waits only on its own primary.
    let other = PrivateCluster::create_default().unwrap();
    match replica.wait_for_replay(&other) {
        Err(ServerError::Replication { reason, .. }) => {
            assert!(reason.contains("streams from port"), "{reason}")
        }
        other => panic!("waiting on another cluster: {other:?}"),
    }

    let dir = replica.cluster().dir().to_owned();
    let url = replica.url();
    drop(replica);
    assert!(!dir.exists(), "{} left behind", dir.display());
    let refused = Client::builder(&url)
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        .connect()
        .await;
    assert!(
        matches!(refused, Err(Error::Connect { .. })),
        "the dropped replica still accepts connections: {refused:?}"
    );
    // The primary is untouched.
    insert(&on_primary, 8).await;
    on_primary.close().await;
}
