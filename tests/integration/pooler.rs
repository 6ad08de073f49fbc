//! entkit behind PgBouncer in transaction mode (`transaction_pooler`):
//! concurrent clients sharing few server sessions, generated and
//! hand-written statements, transactions, and tenants under row-level
//! security, whose setting never outlives a transaction on a shared
//! server session.

use std::time::Duration;

use entkit::{Client, Entity as _, Error, RawQuery};
use entkit_tests::servers::{PgBouncer, PgBouncerConfig, PrivateCluster, postgres_selected};

use crate::entities::Note;
use crate::tenancy::entities::{self, TnMember};

/// A private cluster with an application role (no superuser, so row-level
/// security applies) owning the schema `app`, and PgBouncer in transaction
/// mode with two server sessions in front of it.
fn servers() -> (PrivateCluster, PgBouncer) {
    let cluster = PrivateCluster::create_default()
        .unwrap_or_else(|e| panic!("the private PostgreSQL server did not start: {e}"));
    cluster
        .query("CREATE ROLE app LOGIN NOSUPERUSER NOBYPASSRLS; CREATE SCHEMA app AUTHORIZATION app")
        .unwrap_or_else(|e| panic!("the application role: {e}"));
    let bouncer = PgBouncer::start_with(&cluster, PgBouncerConfig::new().pool_size(2).user("app"))
        .unwrap_or_else(|e| panic!("PgBouncer did not start: {e}"));
    (cluster, bouncer)
}

async fn app_client(bouncer: &PgBouncer) -> Client {
    let url = bouncer
        .url()
        .replacen("postgres://postgres@", "postgres://app@", 1);
    Client::builder(url)
        .transaction_pooler(true)
        .max_connections(6)
        .acquire_timeout(Duration::from_secs(20))
        .scope("app")
        .connect()
        .await
        .unwrap_or_else(|e| panic!("connect through PgBouncer: {e}"))
}

#[tokio::test]
async fn concurrent_clients_work_through_a_transaction_pooler() {
    if !postgres_selected() {
        return;
    }
    let (_cluster, bouncer) = servers();
    let client = app_client(&bouncer).await;
    client.auto_migrate(&[Note::def()]).await.expect("migrate");
    // Six tasks on two server sessions: every statement may land on
    // either, so a named prepared statement would be missing or another's.
    let tasks = (0..6).map(|task| {
        let client = client.clone();
        tokio::spawn(async move {
            for round in 0..25 {
                let note = Note::create()
                    .title(format!("t{task}-{round}"))
                    .score(round)
                    .save(&client)
                    .await?;
                assert_eq!(Note::get(&client, note.id).await?.score, round);
                let mut tx = client.begin().await?;
                note.update().set_score(round + 1).save(&mut tx).await?;
                tx.commit().await?;
                let n: Vec<(i64,)> = RawQuery::new(format!(
                    "SELECT COUNT(*) FROM {} WHERE title = $1",
                    client.qualified("notes")
                ))
                .bind(format!("t{task}-{round}"))
                .fetch_all(&client)
                .await?;
                assert_eq!(n[0].0, 1);
            }
            Ok::<_, Error>(())
        })
    });
    for outcome in futures_util::future::join_all(tasks).await {
        outcome
            .expect("a task panicked")
            .expect("through the pooler");
    }
    assert_eq!(Note::query().count(&client).await.unwrap(), 150);
    // What the mode costs a lookup by key: BEGIN, the SELECT, COMMIT.
    let any = Note::query().first(&client).await.unwrap().expect("a note");
    let before = client.statement_count();
    Note::get(&client, any.id).await.unwrap();
    assert_eq!(client.statement_count() - before, 3);
    client.close().await;
}

#[tokio::test]
async fn tenants_stay_apart_on_shared_server_sessions() {
    if !postgres_selected() {
        return;
    }
    let (_cluster, bouncer) = servers();
    let client = app_client(&bouncer).await;
    let report = client
        .auto_migrate(&entities::all())
        .await
        .expect("migrate");
    assert_eq!(report.row_secured_tables.len(), 5, "{report:?}");
    let members = client.qualified("tn_members");
    for org in [1i64, 2] {
        let tenant = client.for_tenant(org);
        for i in 0..3 {
            TnMember::create()
                .name(format!("{org}-{i}"))
                .score(0)
                .save(&tenant)
                .await
                .expect("create");
        }
    }
    // Tasks of two tenants and of no tenant interleave on two server
    // sessions: each sees its own rows only, through hand-written SQL too,
    // so no tenant setting outlived its transaction on a shared session.
    let tasks = (0..8).map(|task| {
        let (client, members) = (client.clone(), members.clone());
        tokio::spawn(async move {
            for round in 0..20 {
                let who = (task + round) % 3;
                let c = match who {
                    0 => client.clone(),
                    n => client.for_tenant(n as i64),
                };
                let rows: Vec<(i64,)> = RawQuery::new(format!("SELECT org FROM {members}"))
                    .fetch_all(&c)
                    .await?;
                match who {
                    0 => assert!(rows.is_empty(), "no tenant sees nothing: {rows:?}"),
                    n => {
                        assert_eq!(rows.len(), 3);
                        assert!(rows.iter().all(|(org,)| *org == n as i64), "{rows:?}");
                    }
                }
                if who != 0 {
                    let typed = TnMember::query().all(&c).await?;
                    assert!(typed.len() == 3 && typed.iter().all(|m| m.org == who as i64));
                    let mut tx = c.begin().await?;
                    let seen: Vec<(i64,)> = RawQuery::new(format!("SELECT org FROM {members}"))
                        .fetch_all(&mut tx)
                        .await?;
                    assert_eq!(seen.len(), 3);
                    tx.commit().await?;
                }
            }
            Ok::<_, Error>(())
        })
    });
    for outcome in futures_util::future::join_all(tasks).await {
        outcome
            .expect("a task panicked")
            .expect("through the pooler");
    }
    let everyone: Vec<(i64,)> = RawQuery::new(format!("SELECT org FROM {members}"))
        .fetch_all(&client.all_tenants())
        .await
        .expect("all tenants");
    assert_eq!(everyone.len(), 6);
    // A tenant's lookup: BEGIN, the tenant set locally, the SELECT, COMMIT.
    let one = client.for_tenant(1i64);
    let member = TnMember::query()
        .first(&one)
        .await
        .unwrap()
        .expect("a member");
    let before = client.statement_count();
    TnMember::get(&one, member.id).await.unwrap();
    assert_eq!(client.statement_count() - before, 4);
    client.close().await;
}
