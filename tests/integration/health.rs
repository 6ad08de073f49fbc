//! `Client::health`: ping, pool figures and per-scope migration standing,
//! read without the migration lock and without creating the history table.

use std::time::Duration;

use entkit::{Backend, Client, Error, MigrationError, MigrationSet, Migrator, RawQuery};
use entkit_tests::{Ctx, for_each_backend};

fn migrations() -> MigrationSet {
    let mut set = MigrationSet::default();
    for (v, name) in [(1, "a"), (2, "b"), (3, "c")] {
        set.push(
            v,
            &format!("create_{name}"),
            &format!("CREATE TABLE IF NOT EXISTS health_{name} (id BIGINT PRIMARY KEY);\n"),
            &format!("DROP TABLE IF EXISTS health_{name};\n"),
        );
    }
    set
}

/// The tables of `client`'s scope, from the catalog, sorted.
async fn tables(client: &Client) -> entkit::Result<Vec<String>> {
    let scope = client.scope_name().unwrap_or("main").to_owned();
    let query = match client.backend() {
        Backend::Postgres => {
            RawQuery::new("SELECT tablename::text FROM pg_tables WHERE schemaname = $1").bind(scope)
        }
        Backend::MySql => RawQuery::new(
            "SELECT CAST(TABLE_NAME AS CHAR) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?",
        )
        .bind(scope),
        Backend::Sqlite => RawQuery::new(format!(
            "SELECT name FROM \"{scope}\".sqlite_master WHERE type = 'table'"
        )),
    };
    let mut names: Vec<String> = query
        .fetch_all::<(String,)>(client)
        .await?
        .into_iter()
        .map(|(n,)| n)
        .collect();
    names.sort();
    Ok(names)
}

/// Holds `client`'s scope migration lock from `holder` the way a running
/// migrator does, runs `f`, then releases it.
async fn with_lock_held<F, Fut, T>(
    ctx: &Ctx,
    holder: &Client,
    table: &str,
    f: F,
) -> entkit::Result<T>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let key = format!("entkit_migrate:{}", holder.scope_name().unwrap_or(""));
    let mut tx = holder.begin().await?;
    match ctx.kind.backend() {
        Backend::Postgres => {
            RawQuery::new("SELECT pg_advisory_xact_lock(hashtext($1))")
                .bind(key.clone())
                .execute(&mut tx)
                .await?;
        }
        Backend::MySql => {
            RawQuery::new("DO GET_LOCK(?, 0)")
                .bind(key.clone())
                .execute(&mut tx)
                .await?;
        }
        Backend::Sqlite => {
            // The write lock: what a migrator's BEGIN IMMEDIATE takes.
            tx.execute_raw(&format!("INSERT INTO {table} (id) VALUES (-1)"))
                .await?;
        }
    }
    let out = f().await;
    if ctx.kind.backend() == Backend::MySql {
        RawQuery::new("DO RELEASE_LOCK(?)")
            .bind(key)
            .execute(&mut tx)
            .await?;
    }
    tx.rollback().await?;
    Ok(out)
}

#[tokio::test]
async fn health_reports_ping_pool_and_migrations_without_lock_or_ddl() {
    for_each_backend(
        "health_reports_ping_pool_and_migrations_without_lock_or_ddl",
        |ctx| async move {
            ctx.create_scope().await?;
            let one = ctx.one_connection().await?;
            let c = &one.client;
            let probe = c.qualified("health_probe");
            c.execute_raw(&format!(
                "CREATE TABLE IF NOT EXISTS {probe} (id BIGINT PRIMARY KEY)"
            ))
            .await?;
            let m = Migrator::new(migrations());

            // Never migrated: nothing applied, and no history table appears.
            let before = tables(c).await?;
            let report = c.health(Some(&m), &[]).await?;
            assert_eq!(tables(c).await?, before, "health created a table");
            assert!(!before.iter().any(|t| t == "entkit_migrations"));
            assert_eq!(report.migrations.len(), 1);
            let s = &report.migrations[0];
            assert_eq!(s.scope.as_deref(), c.scope_name());
            assert_eq!((s.applied_version, s.applied, s.pending), (None, 0, 3));
            assert_eq!(s.dirty, None);
            assert_eq!(report.pool.max, 1);
            assert!(report.pool.size <= 1 && report.pool.in_use <= report.pool.size);
            assert!(report.latency_us > 0);

            // Two of three applied.
            assert_eq!(m.up(c, Some(2)).await?, vec![1, 2]);
            let report = c.health(Some(&m), &[]).await?;
            let s = &report.migrations[0];
            assert_eq!((s.applied_version, s.applied, s.pending), (Some(2), 2, 1));

            // JSON keys a readiness endpoint serves.
            let json = serde_json::to_value(&report).expect("serialize");
            for key in ["latency_us", "pool", "migrations"] {
                assert!(json.get(key).is_some(), "missing {key}: {json}");
            }
            for key in ["size", "idle", "in_use", "max"] {
                assert!(
                    json["pool"].get(key).is_some(),
                    "missing pool.{key}: {json}"
                );
            }
            let scope = &json["migrations"][0];
            assert_eq!(scope["applied_version"], 2);
            assert_eq!(scope["pending"], 1);
            assert_eq!(scope["applied"], 2);
            assert!(scope.get("scope").is_some() && scope.get("dirty").is_some());

            // Without a migrator: ping and pool only.
            assert!(c.health(None, &[]).await?.migrations.is_empty());

            // A held migration lock: status waits and gives up, health does not wait.
            let holder = one.fresh().await?;
            let waiting = Migrator::new(migrations()).lock_timeout(Duration::from_millis(300));
            let (status, health, took) = with_lock_held(&ctx, &holder, &probe, || async {
                let status = waiting.status(c).await;
                let started = std::time::Instant::now();
                let health =
                    tokio::time::timeout(Duration::from_secs(5), c.health(Some(&m), &[])).await;
                (status, health, started.elapsed())
            })
            .await?;
            holder.close().await;
            match status {
                Err(Error::Migration(e)) if matches!(*e, MigrationError::LockTimeout { .. }) => {}
                other => panic!("the lock was not held: status gave {other:?}"),
            }
            let report = health.expect("health waited on the migration lock")?;
            assert_eq!(report.migrations[0].applied_version, Some(2));
            assert!(took < Duration::from_secs(2), "{took:?}");
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn health_reads_other_scopes_and_refuses_bad_names() {
    for_each_backend(
        "health_reads_other_scopes_and_refuses_bad_names",
        |ctx| async move {
            let m = Migrator::new(migrations());
            let migrated = ctx.extra_scope("migrated");
            let untouched = ctx.extra_scope("untouched");
            m.up(&migrated, None).await?;
            let names = [
                migrated.scope_name().unwrap(),
                untouched.scope_name().unwrap(),
            ];
            let report = ctx.root.health(Some(&m), &names).await?;
            let figures: Vec<_> = report
                .migrations
                .iter()
                .map(|s| (s.scope.as_deref(), s.applied_version, s.pending))
                .collect();
            assert_eq!(
                figures,
                vec![(Some(names[0]), Some(3), 0), (Some(names[1]), None, 3)]
            );
            assert!(
                !tables(&untouched)
                    .await?
                    .iter()
                    .any(|t| t == "entkit_migrations"),
                "health created the history table"
            );
            assert!(matches!(
                ctx.root.health(Some(&m), &["no-such scope"]).await,
                Err(Error::InvalidIdentifier { .. })
            ));
            Ok(())
        },
    )
    .await;
}
