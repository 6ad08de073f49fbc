//! Read replicas, live: a private primary and a streaming replica of it
//! (`entkit_tests::servers::Replica`), each case with its own pair.
//!
//! Which server answered a read is told by what it returns: with replay
//! paused on the replica, a row written on the primary afterwards is on
//! the primary only, so a read that returns it ran there, and one that
//! does not ran on the replica. The replica's counters in
//! `Client::replica_status` must agree.
//!
//! PostgreSQL only: the cases run when it is among the selected backends,
//! and then a server that cannot start fails the case.

use std::time::{Duration, Instant};

use entkit::{Client, Entity as _, Error, RawQuery, ReplicaState, ReplicaStatus, ServiceRole};
use entkit_tests::servers::{PrivateCluster, Replica, postgres_selected};
use futures_util::TryStreamExt as _;

use crate::entities::Note;
use crate::tenancy::entities::{self as tenant_entities, TnMember};

/// Whether to run a private-PostgreSQL case; says so when it does not.
fn selected(test: &str) -> bool {
    let selected = postgres_selected();
    if !selected {
        eprintln!("entkit-tests: {test}: PostgreSQL not selected (ENTKIT_TEST_BACKENDS)");
    }
    selected
}

/// How long a case waits for the background check to see a change.
const SETTLE: Duration = Duration::from_secs(15);

/// A started primary and a replica of it.
fn primary_and_replica() -> (PrivateCluster, Replica) {
    let primary = PrivateCluster::create_default()
        .unwrap_or_else(|e| panic!("the private primary did not start: {e}"));
    let replica = primary
        .replica()
        .unwrap_or_else(|e| panic!("the replica did not start: {e}"));
    (primary, replica)
}

/// A client of `primary` reading from `replica`, with `max_lag`.
async fn client(primary: &PrivateCluster, replica: &Replica, max_lag: Option<Duration>) -> Client {
    builder(primary, replica)
        .max_replica_lag(max_lag)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("connect with a replica: {e}"))
}

fn builder(primary: &PrivateCluster, replica: &Replica) -> entkit::ClientBuilder {
    Client::builder(primary.url())
        .replica(replica.url())
        .max_connections(2)
        .acquire_timeout(Duration::from_secs(20))
}

/// Creates the notes table on the primary, writes a note titled `first`
/// and waits until the replica has it.
async fn with_first_note(client: &Client, primary: &PrivateCluster, replica: &Replica) {
    client.auto_migrate(&[Note::def()]).await.unwrap();
    Note::create()
        .title("first")
        .score(1)
        .save(client)
        .await
        .unwrap();
    replica.wait_for_replay(primary).unwrap();
}

/// Pauses replay, then writes a note titled `title` on the primary that
/// reaches the replica without becoming visible there.
async fn write_held_back(
    client: &Client,
    primary: &PrivateCluster,
    replica: &Replica,
    title: &str,
) -> Note {
    replica.pause_replay().unwrap();
    let note = Note::create()
        .title(title)
        .score(2)
        .save(client)
        .await
        .unwrap();
    replica.wait_for_receive(primary).unwrap();
    note
}

/// The titles of every note, sorted, by a typed read through `client`.
async fn typed_titles(client: &Client) -> Vec<String> {
    sorted(Note::query().all(client).await.unwrap())
}

fn sorted(notes: Vec<Note>) -> Vec<String> {
    let mut titles: Vec<String> = notes.into_iter().map(|n| n.title).collect();
    titles.sort();
    titles
}

/// The one replica's status.
fn status(client: &Client) -> ReplicaStatus {
    let mut all = client.replica_status();
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

/// Waits until the replica is in `state`, as the background check sees it.
async fn wait_for_state(client: &Client, state: ReplicaState) -> ReplicaStatus {
    wait_until(client, &format!("{state:?}"), |now| now.state == state).await
}

/// Waits until the replica's status satisfies `test` (described by `what`).
async fn wait_until(
    client: &Client,
    what: &str,
    test: impl Fn(&ReplicaStatus) -> bool,
) -> ReplicaStatus {
    let started = Instant::now();
    loop {
        let now = status(client);
        if test(&now) {
            return now;
        }
        assert!(
            started.elapsed() < SETTLE,
            "the replica did not become {what} within {SETTLE:?}: {now:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn typed_reads_go_to_the_replica_and_everything_else_to_the_primary() {
    if !selected("typed_reads_go_to_the_replica_and_everything_else_to_the_primary") {
        return;
    }
    let (primary, replica) = primary_and_replica();
    let client = client(&primary, &replica, None).await;
    // An idle replica, caught up (once streaming: a standby that has
    // received nothing since it started reports no lag).
    let at_start = wait_until(&client, "caught up", |s| s.lag_ms == Some(0)).await;
    assert_eq!(at_start.state, ReplicaState::Up, "{at_start:?}");
    assert_eq!(at_start.url, replica.url());
    assert_eq!((at_start.reads, at_start.fallbacks), (0, 0));
    assert!(at_start.pool.is_some());
    // Writes ran on the primary: the replica refuses them.
    with_first_note(&client, &primary, &replica).await;

    let second = write_held_back(&client, &primary, &replica, "second").await;

    // Generated reads from the pool: the replica, which lacks "second".
    assert_eq!(typed_titles(&client).await, ["first"]);
    assert_eq!(Note::query().count(&client).await.unwrap(), 1);
    assert!(Note::find(&client, second.id).await.unwrap().is_none());
    let streamed: Vec<Note> = Note::query().stream(&client).try_collect().await.unwrap();
    assert_eq!(sorted(streamed), ["first"]);
    let served = status(&client);
    assert_eq!(served.reads, at_start.reads + 4, "{served:?}");
    assert_eq!(served.fallbacks, 0, "{served:?}");

    // Hand-written SQL: the primary.
    let raw: Vec<(String,)> = RawQuery::new("SELECT title FROM notes ORDER BY title")
        .fetch_all(&client)
        .await
        .unwrap();
    assert_eq!(raw, [("first".to_owned(),), ("second".to_owned(),)]);

    // A typed read inside a transaction: the primary.
    let mut tx = client.begin().await.unwrap();
    assert_eq!(
        sorted(Note::query().all(&mut tx).await.unwrap()),
        ["first", "second"]
    );
    tx.commit().await.unwrap();

    // A locking read, even outside a transaction: the primary (a standby
    // refuses row locks).
    assert_eq!(
        sorted(Note::query().for_update().all(&client).await.unwrap()),
        ["first", "second"]
    );

    // Reading one's own writes: every read of the primary view, its
    // scopes' and its tenant views' included.
    let primary_view = client.primary();
    assert!(primary_view.reads_primary() && !client.reads_primary());
    assert_eq!(typed_titles(&primary_view).await, ["first", "second"]);
    assert_eq!(
        Note::get(&primary_view, second.id).await.unwrap().title,
        "second"
    );
    assert!(primary_view.for_tenant(1_i64).reads_primary());
    assert!(primary_view.scope("public").unwrap().reads_primary());
    assert!(!client.scope("public").unwrap().reads_primary());
    assert_eq!(
        status(&client).reads,
        served.reads,
        "none of these ran on it"
    );

    // Replayed, the replica serves the row too.
    replica.resume_replay().unwrap();
    replica.wait_for_replay(&primary).unwrap();
    assert_eq!(typed_titles(&client).await, ["first", "second"]);
    assert_eq!(status(&client).reads, served.reads + 1);
    client.close().await;
}

#[tokio::test]
async fn a_stopped_replica_falls_back_to_the_primary_and_takes_reads_again_when_back() {
    if !selected("a_stopped_replica_falls_back_to_the_primary_and_takes_reads_again_when_back") {
        return;
    }
    let (primary, replica) = primary_and_replica();
    // No background check during the case: the read finds the replica
    // down, and the replica is tried again once it has been down 5 s.
    let client = builder(&primary, &replica)
        .replica_check_interval(Duration::from_secs(3600))
        .connect()
        .await
        .unwrap();
    with_first_note(&client, &primary, &replica).await;
    assert_eq!(typed_titles(&client).await, ["first"]);
    let before = status(&client);
    assert_eq!(before.reads, 1, "{before:?}");

    // Stopped: its pooled connection is gone. The read that finds out runs
    // on the primary, without an error, and the replica is marked down.
    replica.stop().unwrap();
    assert_eq!(typed_titles(&client).await, ["first"]);
    let down = status(&client);
    assert_eq!(down.state, ReplicaState::Down, "{down:?}");
    assert_eq!(down.fallbacks, 1, "{down:?}");
    assert_eq!(down.reads, 1, "{down:?}");
    assert_eq!(down.lag_ms, None, "{down:?}");
    // Later reads go to the primary directly, and see its new rows.
    Note::create()
        .title("second")
        .score(2)
        .save(&client)
        .await
        .unwrap();
    for _ in 0..3 {
        assert_eq!(typed_titles(&client).await, ["first", "second"]);
    }
    let stays_down = status(&client);
    assert_eq!(stays_down.state, ReplicaState::Down, "{stays_down:?}");
    assert_eq!((stays_down.reads, stays_down.fallbacks), (1, 1));
    let report = client.health(None, &[]).await.unwrap();
    assert_eq!(report.replicas.len(), 1);
    assert_eq!(report.replicas[0].state, ReplicaState::Down);
    assert_eq!(client.statement_counters().failed(), 0, "no read failed");

    // Back: once its 5 s are over, reads go there again, which the
    // held-back row shows.
    replica.start().unwrap();
    replica.wait_for_replay(&primary).unwrap();
    write_held_back(&client, &primary, &replica, "third").await;
    let up = wait_for_state(&client, ReplicaState::Up).await;
    assert_eq!(typed_titles(&client).await, ["first", "second"]);
    assert_eq!(status(&client).reads, up.reads + 1);
    assert_eq!(
        typed_titles(&client.primary()).await,
        ["first", "second", "third"]
    );
    replica.resume_replay().unwrap();
    client.close().await;
}

#[tokio::test]
async fn a_replica_unreachable_at_startup_starts_down_and_is_used_once_reached() {
    if !selected("a_replica_unreachable_at_startup_starts_down_and_is_used_once_reached") {
        return;
    }
    let (primary, replica) = primary_and_replica();
    replica.stop().unwrap();
    let client = client(&primary, &replica, None).await;
    let down = status(&client);
    assert_eq!(down.state, ReplicaState::Down, "{down:?}");
    assert_eq!(down.pool, None, "never reached: {down:?}");
    client.auto_migrate(&[Note::def()]).await.unwrap();
    Note::create()
        .title("first")
        .score(1)
        .save(&client)
        .await
        .unwrap();
    assert_eq!(
        typed_titles(&client).await,
        ["first"],
        "read on the primary"
    );
    assert_eq!(status(&client).reads, 0);

    replica.start().unwrap();
    replica.wait_for_replay(&primary).unwrap();
    write_held_back(&client, &primary, &replica, "second").await;
    let up = wait_for_state(&client, ReplicaState::Up).await;
    assert!(up.pool.is_some(), "{up:?}");
    assert_eq!(
        typed_titles(&client).await,
        ["first"],
        "read on the replica"
    );
    assert_eq!(status(&client).reads, 1);
    replica.resume_replay().unwrap();
    client.close().await;
}

#[tokio::test]
async fn a_replica_lagging_beyond_the_bound_is_skipped_and_its_lag_reported() {
    if !selected("a_replica_lagging_beyond_the_bound_is_skipped_and_its_lag_reported") {
        return;
    }
    let bound = Duration::from_millis(300);
    let (primary, replica) = primary_and_replica();
    let client = client(&primary, &replica, Some(bound)).await;
    with_first_note(&client, &primary, &replica).await;
    wait_for_state(&client, ReplicaState::Up).await;
    assert_eq!(typed_titles(&client).await, ["first"]);
    let reads = status(&client).reads;
    assert_eq!(reads, 1);

    // Replay paused with a row waiting: its lag grows past the bound, and
    // reads go to the primary, which has the row.
    write_held_back(&client, &primary, &replica, "second").await;
    let lagging = wait_for_state(&client, ReplicaState::Lagging).await;
    let lag = lagging.lag_ms.expect("a measured lag");
    assert!(lag > 300, "{lagging:?}");
    assert_eq!(typed_titles(&client).await, ["first", "second"]);
    let skipped = status(&client);
    assert_eq!(
        (skipped.reads, skipped.fallbacks),
        (reads, 0),
        "{skipped:?}"
    );

    let report = client.health(None, &[]).await.unwrap();
    let reported = &report.replicas[0];
    assert_eq!(reported.state, ReplicaState::Lagging);
    assert!(reported.lag_ms.is_some_and(|ms| ms >= lag), "{reported:?}");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["replicas"][0]["state"], "lagging", "{json}");
    assert!(json["replicas"][0]["lag_ms"].as_u64().is_some(), "{json}");

    // Caught up again: back in turn.
    replica.resume_replay().unwrap();
    replica.wait_for_replay(&primary).unwrap();
    let up = wait_for_state(&client, ReplicaState::Up).await;
    assert!(up.lag_ms.is_some_and(|ms| ms <= 300), "{up:?}");
    assert_eq!(typed_titles(&client).await, ["first", "second"]);
    assert_eq!(status(&client).reads, reads + 1);
    client.close().await;
}

#[tokio::test]
async fn a_replica_read_runs_under_the_clients_tenant_setting() {
    if !selected("a_replica_read_runs_under_the_clients_tenant_setting") {
        return;
    }
    let (primary, replica) = primary_and_replica();
    // Row-level security binds a role without BYPASSRLS: the service role.
    let admin = Client::connect(&primary.url()).await.unwrap();
    let role = ServiceRole::new("replica_rls", "replica_rls_app", "rls-pw").unwrap();
    role.provision(&admin).await.unwrap();
    // The replica knows the role once it has replayed its creation.
    replica.wait_for_replay(&primary).unwrap();
    let as_role = |url: String| url.replacen("postgres@", &format!("{}:rls-pw@", role.role()), 1);
    // One connection per pool: each read below reuses the replica's one
    // connection under another tenant.
    let app = Client::builder(as_role(primary.url()))
        .replica(as_role(replica.url()))
        .max_connections(1)
        .scope(role.service())
        .connect()
        .await
        .unwrap();
    let report = app.auto_migrate(&tenant_entities::all()).await.unwrap();
    assert!(
        report
            .row_secured_tables
            .iter()
            .any(|t| t.contains("tn_members")),
        "{report:?}"
    );
    for (org, members) in [(1_i64, 3), (2, 2)] {
        let tenant = app.for_tenant(org);
        for i in 0..members {
            TnMember::create()
                .name(format!("org{org}-{i}"))
                .score(0)
                .save(&tenant)
                .await
                .unwrap();
        }
    }
    replica.wait_for_replay(&primary).unwrap();

    // Under a session without the tenant, the policy would show no row.
    let before = status(&app).reads;
    for (org, members) in [(1_i64, 3), (2, 2), (1, 3)] {
        let seen = TnMember::query().all(&app.for_tenant(org)).await.unwrap();
        assert_eq!(seen.len(), members, "tenant {org}");
        assert!(seen.iter().all(|m| m.org == org), "tenant {org}");
    }
    let every = TnMember::query().all(&app.all_tenants()).await.unwrap();
    assert_eq!(every.len(), 5);
    assert_eq!(status(&app).reads, before + 4, "read on the replica");
    app.close().await;
    role.remove(&admin).await.unwrap();
    admin.close().await;
}

#[tokio::test]
async fn replicas_are_refused_off_postgres_and_their_passwords_redacted() {
    // Nothing is opened: the URLs are checked first.
    let sqlite = Client::builder("sqlite::memory:")
        .replica("postgres://app@127.0.0.1:1/app")
        .connect()
        .await;
    assert!(
        matches!(
            sqlite,
            Err(Error::Unsupported {
                operation: "read replicas",
                backend: "SQLite"
            })
        ),
        "{sqlite:?}"
    );
    let mixed = Client::builder("postgres://app@127.0.0.1:1/app")
        .replicas(["mysql://app:hunter2@127.0.0.1:1/app"])
        .connect()
        .await;
    match mixed {
        Err(err @ Error::UnsupportedUrl { .. }) => {
            assert!(!err.to_string().contains("hunter2"), "{err}")
        }
        other => panic!("a MySQL replica of a PostgreSQL primary: {other:?}"),
    }
    let builder = Client::builder("postgres://app@127.0.0.1:1/app")
        .replica("postgres://app:hunter2@127.0.0.1:2/app");
    let debug = format!("{builder:?}");
    assert!(
        !debug.contains("hunter2") && debug.contains("127.0.0.1:2"),
        "{debug}"
    );
}
