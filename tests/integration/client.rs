//! Client basics: health, pool settings, connection failures, closing.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use entkit::{Client, Entity as _, Error};
use entkit_tests::{Kind, POOL_MAX, for_each_backend, migrate_on};

use crate::entities::Note;

#[tokio::test]
async fn ping_reports_latency_and_pool_stats() {
    for_each_backend("ping_reports_latency_and_pool_stats", |ctx| async move {
        let health = ctx.client.ping().await?;
        assert!(health.latency > Duration::ZERO, "{health:?}");
        assert!(health.latency < Duration::from_secs(10), "{health:?}");
        assert_eq!(health.pool.max, POOL_MAX, "{health:?}");
        assert!(
            health.pool.size >= 1 && health.pool.size <= POOL_MAX,
            "{health:?}"
        );
        assert_eq!(
            health.pool.in_use,
            health.pool.size - health.pool.idle,
            "{health:?}"
        );
        assert_eq!(ctx.client.pool_stats().max, POOL_MAX);
        assert_eq!(ctx.client.backend(), ctx.kind.backend());
        assert_eq!(
            ctx.client.statement_count(),
            ctx.root.statement_count(),
            "scopes share the pool's counter"
        );

        let small = Client::builder(ctx.url.clone())
            .max_connections(3)
            .connect()
            .await?;
        assert_eq!(small.pool_stats().max, 3);
        let health = small.ping().await?;
        assert_eq!(health.pool.max, 3, "{health:?}");
        assert!(health.pool.size >= 1 && health.pool.size <= 3, "{health:?}");
        // A scope shares the pool: same stats, no new pool.
        let scoped = small.scope("some_scope")?;
        assert_eq!(scoped.pool_stats().max, 3);
        small.close().await;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn unreachable_server_fails_fast_without_leaking_the_password() {
    for_each_backend(
        "unreachable_server_fails_fast_without_leaking_the_password",
        |ctx| async move {
            let url = match ctx.kind {
                Kind::Postgres => "postgres://u:supersecret@127.0.0.1:1/x",
                Kind::MySql => "mysql://u:supersecret@127.0.0.1:1/x",
                Kind::Sqlite => "sqlite:///nonexistent-entkit-dir/sub/db.sqlite",
            };
            let started = Instant::now();
            let result = Client::builder(url)
                .acquire_timeout(Duration::from_secs(20))
                .connect()
                .await;
            let elapsed = started.elapsed();
            assert!(elapsed < Duration::from_secs(5), "took {elapsed:?} to fail");
            let err = match result {
                Err(e @ Error::Connect { .. }) => e,
                other => panic!("expected Error::Connect, got {other:?}"),
            };
            let display = err.to_string();
            let debug = format!("{err:?}");
            assert!(
                !display.contains("supersecret"),
                "password in Display: {display}"
            );
            assert!(!debug.contains("supersecret"), "password in Debug: {debug}");
            if ctx.kind != Kind::Sqlite {
                assert!(display.contains("***"), "no redaction marker in: {display}");
                let Error::Connect { url: shown, .. } = &err else {
                    unreachable!()
                };
                assert_eq!(shown, &url.replace("supersecret", "***"));
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn operations_after_close_fail_with_pool_closed() {
    for_each_backend(
        "operations_after_close_fail_with_pool_closed",
        |ctx| async move {
            let fresh = Client::builder(ctx.url.clone())
                .max_connections(2)
                .connect()
                .await?;
            // Same scope as the test (dropped by the harness); fresh memory DB on SQLite.
            let c = match ctx.scope_name() {
                Some(scope) => fresh.scope(scope)?,
                None => fresh.clone(),
            };
            migrate_on(&c, &[Note::def()]).await;
            Note::create()
                .title("before close")
                .score(1i32)
                .save(&c)
                .await?;
            assert_eq!(Note::query().count(&c).await?, 1);

            fresh.close().await;
            assert!(
                fresh.is_closed() && c.is_closed(),
                "every scope shares the closed pool"
            );
            let count = Note::query().count(&c).await;
            assert!(matches!(count, Err(Error::PoolClosed)), "{count:?}");
            let create = Note::create()
                .title("after close")
                .score(2i32)
                .save(&c)
                .await;
            assert!(matches!(create, Err(Error::PoolClosed)), "{create:?}");
            let ping = fresh.ping().await;
            assert!(matches!(ping, Err(Error::PoolClosed)), "{ping:?}");
            let begin = c.begin().await;
            assert!(matches!(begin, Err(Error::PoolClosed)), "{begin:?}");

            // Other pools are unaffected.
            ctx.client.ping().await?;
            Ok(())
        },
    )
    .await;
}

/// A TCP listener on 127.0.0.1 that accepts connections and never answers.
/// While `forward` is set, connections are piped to `upstream` instead.
struct Listener {
    port: u16,
    forward: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn listener(upstream: Option<String>) -> Listener {
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = socket.local_addr().unwrap().port();
    let forward = Arc::new(AtomicBool::new(upstream.is_some()));
    let flag = forward.clone();
    let task = tokio::spawn(async move {
        // Silent connections stay open (held here) until the listener drops.
        let mut held = Vec::new();
        while let Ok((mut conn, _)) = socket.accept().await {
            match &upstream {
                Some(addr) if flag.load(Ordering::SeqCst) => {
                    let addr = addr.clone();
                    tokio::spawn(async move {
                        if let Ok(mut up) = tokio::net::TcpStream::connect(addr).await {
                            let _ = tokio::io::copy_bidirectional(&mut conn, &mut up).await;
                        }
                    });
                }
                _ => held.push(conn),
            }
        }
    });
    Listener {
        port,
        forward,
        task,
    }
}

/// How long past the timeout a timed-out call may take to return.
const MARGIN: Duration = Duration::from_millis(1500);

#[track_caller]
fn expect_connect_timeout<T: std::fmt::Debug>(
    result: entkit::Result<T>,
    started: Instant,
    timeout: Duration,
    port: u16,
) {
    let elapsed = started.elapsed();
    assert!(
        elapsed >= timeout && elapsed < timeout + MARGIN,
        "took {elapsed:?} with a {timeout:?} timeout"
    );
    match result {
        Err(Error::ConnectTimeout { url, timeout: t }) => {
            assert_eq!(t, timeout);
            assert!(url.contains(&format!("127.0.0.1:{port}")), "{url}");
            assert!(!url.contains("S3cret"), "{url}");
            let shown = Error::ConnectTimeout { url, timeout: t }.to_string();
            assert!(
                shown.contains("timed out") && shown.contains("connecting"),
                "{shown}"
            );
        }
        other => panic!("expected Error::ConnectTimeout, got {other:?}"),
    }
}

#[tokio::test]
async fn connect_to_a_silent_server_times_out() {
    let silent = listener(None).await;
    let timeout = Duration::from_millis(1500);
    for scheme in ["postgres", "mysql", "mariadb"] {
        let url = format!("{scheme}://app:S3cret@127.0.0.1:{}/db", silent.port);
        let started = Instant::now();
        let result = tokio::time::timeout(
            Duration::from_secs(30),
            Client::builder(url).acquire_timeout(timeout).connect(),
        )
        .await
        .unwrap_or_else(|_| panic!("{scheme}: connect() still pending after 30 s"));
        expect_connect_timeout(result, started, timeout, silent.port);
    }
}

#[tokio::test]
async fn a_pool_whose_server_falls_silent_times_out_connecting() {
    for_each_backend(
        "a_pool_whose_server_falls_silent_times_out_connecting",
        |ctx| async move {
            let timeout = Duration::from_millis(1500);
            // An exhausted pool is still a plain pool timeout, on every backend.
            let one = Client::builder(ctx.url.clone())
                .max_connections(1)
                .acquire_timeout(timeout)
                .connect()
                .await?;
            let tx = one.begin().await?;
            let started = Instant::now();
            let busy = one.ping().await;
            assert!(matches!(busy, Err(Error::PoolTimeout)), "{busy:?}");
            assert!(started.elapsed() < timeout + MARGIN);
            tx.rollback().await?;
            one.close().await;
            if ctx.kind == Kind::Sqlite {
                return Ok(()); // no server to fall silent
            }

            // Connect through a proxy, then make it swallow new connections:
            // the lazy pool's first acquire must time out as a connect timeout.
            let real = entkit::ConnectUrl::parse(&ctx.url)?;
            let server = format!("{}:{}", real.host().unwrap(), real.port().unwrap());
            let proxy = listener(Some(server.clone())).await;
            let url = ctx
                .url
                .replacen(&server, &format!("127.0.0.1:{}", proxy.port), 1);
            assert_ne!(url, ctx.url, "the test URL must name host:port");
            let client = Client::builder(url)
                .acquire_timeout(timeout)
                .connect()
                .await?;
            proxy.forward.store(false, Ordering::SeqCst);
            let started = Instant::now();
            let ping = client.ping().await;
            expect_connect_timeout(ping, started, timeout, proxy.port);
            let started = Instant::now();
            let begin = client.begin().await.map(drop);
            expect_connect_timeout(begin, started, timeout, proxy.port);
            client.close().await;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn database_errors_show_the_servers_message_and_sqlstate() {
    for_each_backend(
        "database_errors_show_the_servers_message_and_sqlstate",
        |ctx| async move {
            let err = ctx
                .client
                .execute_raw("SELECT * FROM entkit_no_such_table")
                .await
                .expect_err("no such table");
            let text = err.to_string();
            assert!(matches!(err, entkit::Error::Database(_)), "{err:?}");
            assert!(text.contains("entkit_no_such_table"), "{text}");
            // The driver's appended server source line reads like a line of
            // the user's SQL: left out.
            assert!(!text.contains(" at line "), "{text}");
            let code = match ctx.kind {
                entkit_tests::Kind::Postgres => Some("42P01"),
                entkit_tests::Kind::MySql => Some("42S02"),
                entkit_tests::Kind::Sqlite => None,
            };
            if let Some(code) = code {
                assert!(text.ends_with(&format!("(SQLSTATE {code})")), "{text}");
            }
            Ok(())
        },
    )
    .await;
}
