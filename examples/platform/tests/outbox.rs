//! The outbox in-process: a change and its event commit or roll back
//! together, and the relay delivers each event to the audit service once,
//! keeping it when the audit service is down.

use entkit::{Client, ConstraintKind, Entity as _, Error};
use entkit_platform::audit::{self, AuditLog};
use entkit_platform::identity::{self, Identity, User};
use entkit_platform::outbox::{OutboxEvent, Relay};
use tokio::net::TcpListener;

async fn identity_db() -> Client {
    let client = Client::connect("sqlite::memory:").await.expect("sqlite");
    client
        .auto_migrate(&identity::entities())
        .await
        .expect("tables");
    client
}

async fn pending(client: &Client) -> u64 {
    OutboxEvent::query()
        .filter(OutboxEvent::DELIVERED_AT.is_null())
        .count(client)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_change_and_its_event_commit_or_roll_back_together() {
    let client = identity_db().await;
    let actor = uuid::Uuid::now_v7();
    let audited = Identity::audited(&client, Some(actor));

    let ada = User::create()
        .email("ada@example.com")
        .password_hash("secret-hash")
        .save(&audited)
        .await
        .expect("created");
    let events = OutboxEvent::query().all(&client).await.expect("events");
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(event.action, "identity.user.create");
    assert_eq!(
        event.target_id.as_deref(),
        Some(ada.id.to_string().as_str())
    );
    assert_eq!(event.actor_id, Some(actor));
    assert_eq!(event.metadata["email"], "ada@example.com");
    assert!(
        event.metadata.get("password_hash").is_none(),
        "{:?}",
        event.metadata
    );

    // Rolled back: neither the user nor its event.
    let mut tx = audited.begin().await.expect("begin");
    User::create()
        .email("grace@example.com")
        .password_hash("h")
        .save(&mut tx)
        .await
        .expect("created in the transaction");
    tx.rollback().await.expect("rollback");
    assert_eq!(User::query().count(&client).await.expect("count"), 1);
    assert_eq!(pending(&client).await, 1);

    // A change the database refuses leaves no event.
    let duplicate = User::create()
        .email("ada@example.com")
        .password_hash("h")
        .save(&audited)
        .await;
    assert!(
        matches!(&duplicate, Err(Error::Constraint(c)) if c.kind == ConstraintKind::Unique),
        "{duplicate:?}"
    );
    assert_eq!(pending(&client).await, 1);
}

/// The audit service's routes on a free port, over their own database.
async fn audit_service() -> (String, Client, tokio::task::JoinHandle<()>) {
    let db = Client::connect("sqlite::memory:").await.expect("sqlite");
    db.auto_migrate(&[AuditLog::def()]).await.expect("tables");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let url = format!("http://{}", listener.local_addr().expect("bound"));
    let app = audit::routes::routes().with_state(db.clone());
    let server = tokio::spawn(async move {
        axum::serve(listener, app).await.expect("serves");
    });
    (url, db, server)
}

#[tokio::test]
async fn the_relay_delivers_each_event_once_and_keeps_it_while_audit_is_down() {
    let client = identity_db().await;
    let audited = Identity::audited(&client, None);
    for i in 0..3 {
        User::create()
            .email(format!("u{i}@example.com"))
            .password_hash("h")
            .save(&audited)
            .await
            .expect("created");
    }

    // Nobody listens here: delivery fails and every event stays pending.
    let closed = TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let nowhere = format!("http://{}", closed.local_addr().expect("bound"));
    drop(closed);
    let relay = Relay::new(identity::NAME, client.clone(), &nowhere);
    assert!(relay.deliver_pending().await.is_err());
    assert_eq!(pending(&client).await, 3);

    let (url, audit_db, server) = audit_service().await;
    let relay = Relay::new(identity::NAME, client.clone(), &url);
    assert_eq!(relay.deliver_pending().await.expect("delivered"), 3);
    assert_eq!(pending(&client).await, 0);
    assert_eq!(relay.deliver_pending().await.expect("nothing left"), 0);
    assert_eq!(AuditLog::query().count(&audit_db).await.expect("count"), 3);

    // A batch delivered again (its answer lost) is stored once.
    OutboxEvent::update_many()
        .set_delivered_at(None)
        .exec(&client)
        .await
        .expect("marked pending again");
    assert_eq!(relay.deliver_pending().await.expect("delivered again"), 3);
    assert_eq!(AuditLog::query().count(&audit_db).await.expect("count"), 3);

    // Delivered rows are removed once old enough; pending ones never.
    let ids: Vec<uuid::Uuid> = OutboxEvent::query()
        .all(&client)
        .await
        .expect("events")
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(relay.purge_delivered().await.expect("purged"), 0);
    OutboxEvent::update_many()
        .filter(OutboxEvent::ID.eq(ids[0]))
        .set_delivered_at(Some(chrono::Utc::now() - chrono::Duration::days(8)))
        .exec(&client)
        .await
        .expect("aged");
    OutboxEvent::update_many()
        .filter(OutboxEvent::ID.eq(ids[1]))
        .set_delivered_at(None)
        .exec(&client)
        .await
        .expect("pending");
    assert_eq!(relay.purge_delivered().await.expect("purged"), 1);
    assert_eq!(OutboxEvent::query().count(&client).await.expect("count"), 2);
    assert_eq!(pending(&client).await, 1);
    server.abort();
}
