//! Client basics: health, pool settings, connection failures, closing.

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
