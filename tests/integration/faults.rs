//! Server faults seen from a client: a server that goes away mid-life and
//! comes back. The client reaches its server through a TCP relay the test
//! owns, so "the server is down" (connections cut, new ones refused) is
//! made without touching the shared servers.

use std::time::{Duration, Instant};

use entkit::{Client, Entity as _, Error, RawQuery};
use entkit_tests::{Kind, selected_backends};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::entities::Note;

/// A relay from a local port to a server: while up, it accepts and
/// forwards; `cut` closes every relayed connection and stops accepting
/// (connections to its port are then refused); `restore` listens again on
/// the same port.
struct Relay {
    port: u16,
    server: String,
    accept: Option<JoinHandle<()>>,
}

impl Relay {
    async fn start(server: &str) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let mut relay = Relay {
            port,
            server: server.to_owned(),
            accept: None,
        };
        relay.accept = Some(tokio::spawn(forward(listener, relay.server.clone())));
        relay
    }

    /// A relay on `port`, which nothing else listens on.
    async fn start_on(port: u16, server: &str) -> Relay {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.expect("bind");
        Relay {
            port,
            server: server.to_owned(),
            accept: Some(tokio::spawn(forward(listener, server.to_owned()))),
        }
    }

    /// Cuts every relayed connection and refuses new ones.
    async fn cut(&mut self) {
        if let Some(accept) = self.accept.take() {
            accept.abort(); // aborts the forwarding tasks it owns, too
            let _ = accept.await; // the listener is closed from here on
        }
        // Let the aborted forwarding tasks drop their sockets.
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    /// Accepts again, on the same port.
    async fn restore(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port))
            .await
            .expect("rebind the relay's port");
        self.accept = Some(tokio::spawn(forward(listener, self.server.clone())));
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        if let Some(accept) = self.accept.take() {
            accept.abort();
        }
    }
}

/// Accepts on `listener` and relays each connection to `server`, in a set
/// of tasks that ends (closing every relayed socket) when this task is
/// aborted.
async fn forward(listener: TcpListener, server: String) {
    let mut links = tokio::task::JoinSet::new();
    loop {
        let Ok((mut inbound, _)) = listener.accept().await else {
            return;
        };
        let server = server.clone();
        links.spawn(async move {
            if let Ok(mut outbound) = TcpStream::connect(&server).await {
                let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
            }
        });
    }
}

/// The address a server backend listens on (SQLite has none).
fn server_of(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Postgres => Some("127.0.0.1:5432"),
        Kind::MySql => Some("127.0.0.1:3306"),
        Kind::Sqlite => None,
    }
}

/// `url` with its host and port replaced by the relay's.
fn through(url: &str, relay: &Relay) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL with ://");
    let (user, host_and_path) = match rest.rsplit_once('@') {
        Some((user, host)) => (format!("{user}@"), host),
        None => (String::new(), rest),
    };
    let path = host_and_path
        .find('/')
        .map_or("", |at| &host_and_path[at..]);
    format!("{scheme}://{user}127.0.0.1:{}{path}", relay.port)
}

async fn one(client: &Client) -> entkit::Result<i64> {
    let rows: Vec<(i64,)> = RawQuery::new("SELECT COUNT(*) FROM (SELECT 1 AS x) AS one")
        .fetch_all(client)
        .await?;
    Ok(rows[0].0)
}

#[tokio::test]
async fn an_outage_fails_with_its_cause_at_once_and_the_pool_recovers() {
    for kind in selected_backends() {
        let Some(server) = server_of(kind) else {
            continue;
        };
        let mut relay = Relay::start(server).await;
        let client = Client::builder(through(&kind.url(), &relay))
            .max_connections(2)
            .acquire_timeout(Duration::from_secs(20))
            .connect()
            .await
            .unwrap_or_else(|e| panic!("[{}] connect through the relay: {e}", kind.name()));
        assert_eq!(one(&client).await.expect("before the outage"), 1);

        relay.cut().await;
        // The idle connection is dead: its first use fails on the connection.
        // Every later operation tries a new connection, which is refused:
        // reported at once with the cause, not after the acquire timeout.
        let _ = one(&client).await;
        for attempt in 0..3 {
            let started = Instant::now();
            match one(&client).await {
                Err(Error::Connect { url, source }) => {
                    let text = source.to_string().to_lowercase();
                    assert!(text.contains("refused"), "[{}] {text}", kind.name());
                    assert!(url.contains(&relay.port.to_string()));
                }
                other => panic!(
                    "[{}] attempt {attempt} during the outage: {other:?}",
                    kind.name()
                ),
            }
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "[{}] took {:?}, not reported at once",
                kind.name(),
                started.elapsed()
            );
        }
        assert_eq!(client.pool_stats().size, 0, "no connection counted open");

        relay.restore().await;
        // Back without restarting the client: new connections open.
        assert_eq!(one(&client).await.expect("after the outage"), 1);
        assert_eq!(one(&client).await.expect("and again"), 1);
        client.close().await;
    }
}

#[tokio::test]
async fn a_read_on_a_dropped_connection_is_sent_again_and_a_write_is_not() {
    for kind in selected_backends() {
        let Some(server) = server_of(kind) else {
            continue;
        };
        let name = kind.name();
        let admin = Client::connect(&kind.url()).await.expect("connect");
        let scope = entkit_tests::unique_name("faults_retry");
        let mut relay = Relay::start(server).await;
        let outcome = async {
            let client = Client::builder(through(&kind.url(), &relay))
                .max_connections(1)
                .scope(scope.as_str())
                .connect()
                .await?;
            client.auto_migrate(&[Note::def()]).await?;
            let note = Note::create().title("kept").score(1).save(&client).await?;

            // The server drops the pooled connection (the relay cuts it and
            // is back at once): the read fails on it, and is sent again on
            // a new connection.
            relay.cut().await;
            relay.restore().await;
            let read = Note::get(&client, note.id).await?;
            assert_eq!(read.title, "kept", "[{name}]");
            let counters = client.statement_counters();
            assert_eq!(counters.connection, 0, "[{name}] the retried read failed");

            // A write on a dropped connection fails and is not sent again:
            // whether the server had done it cannot be known.
            relay.cut().await;
            relay.restore().await;
            let before = client.statement_count();
            let write = Note::create().title("maybe").score(2).save(&client).await;
            assert!(
                matches!(&write, Err(Error::Database(_))),
                "[{name}] {write:?}"
            );
            assert_eq!(client.statement_count(), before + 1, "[{name}] sent once");
            assert_eq!(client.statement_counters().connection, 1, "[{name}]");
            // The next write gets a new connection.
            Note::create().title("after").score(3).save(&client).await?;
            let titles: Vec<String> = Note::query()
                .all(&client)
                .await?
                .into_iter()
                .map(|n| n.title)
                .collect();
            assert_eq!(titles, ["kept", "after"], "[{name}]");
            client.close().await;
            Ok::<_, Error>(())
        }
        .await;
        let _ = admin.scope(&scope).expect("scope").drop_scope().await;
        outcome.unwrap_or_else(|e| panic!("[{name}] {e}"));
    }
}

/// A local port nothing listens on (bound once by the OS, then released).
async fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    listener.local_addr().expect("address").port()
}

#[tokio::test]
async fn startup_waits_for_a_server_that_comes_up_within_the_retry_deadline() {
    for kind in selected_backends() {
        let Some(server) = server_of(kind) else {
            continue;
        };
        let name = kind.name();
        let port = free_port().await;
        let url = {
            let probe = Relay {
                port,
                server: server.to_owned(),
                accept: None,
            };
            through(&kind.url(), &probe)
        };

        // Fail-fast by default: refused at once.
        let started = Instant::now();
        match Client::connect(&url).await {
            Err(Error::Connect { .. }) => {}
            other => panic!("[{name}] without retry: {other:?}"),
        }
        assert!(started.elapsed() < Duration::from_secs(2), "[{name}]");

        // With a retry deadline: the server comes up 700 ms later.
        let started = Instant::now();
        let connecting = tokio::spawn({
            let url = url.clone();
            async move {
                Client::builder(url)
                    .connect_retry(Some(Duration::from_secs(20)))
                    .connect()
                    .await
            }
        });
        tokio::time::sleep(Duration::from_millis(700)).await;
        let relay = Relay::start_on(port, server).await;
        let client = connecting
            .await
            .expect("the connecting task")
            .unwrap_or_else(|e| panic!("[{name}] with retry: {e}"));
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(700), "[{name}] {took:?}");
        assert!(took < Duration::from_secs(10), "[{name}] {took:?}");
        assert_eq!(one(&client).await.expect("connected"), 1);
        client.close().await;
        drop(relay);

        // A server that never comes: the last error, after the deadline.
        let started = Instant::now();
        let never = Client::builder(url.clone())
            .connect_retry(Some(Duration::from_millis(800)))
            .connect()
            .await;
        assert!(
            matches!(never, Err(Error::Connect { .. })),
            "[{name}] {never:?}"
        );
        let took = started.elapsed();
        // At least the first wait (100 ms, jittered down to 50 ms) passed:
        // with the jitter, the last attempt may come well before the deadline.
        assert!(
            took >= Duration::from_millis(50),
            "[{name}] gave up after {took:?}"
        );
        assert!(took < Duration::from_secs(5), "[{name}] {took:?}");

        // What waiting cannot cure fails at once, retry or not.
        let (base, _) = kind
            .url()
            .rsplit_once('/')
            .map(|(b, d)| (b.to_owned(), d.to_owned()))
            .expect("a database in the URL");
        let started = Instant::now();
        let unknown = Client::builder(format!("{base}/entkit_no_such_database"))
            .connect_retry(Some(Duration::from_secs(20)))
            .connect()
            .await;
        assert!(
            matches!(unknown, Err(Error::Connect { .. })),
            "[{name}] {unknown:?}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "[{name}] {:?}",
            started.elapsed()
        );
    }
}
