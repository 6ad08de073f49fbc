//! `Client::health`: ping, pool figures and per-scope migration standing,
//! read without the migration lock and without creating the history table.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
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

/// Records `entkit` spans, span field updates and events as text lines.
struct Capture(Arc<Mutex<String>>);

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, "{}={value:?} ", field.name());
    }
}

impl Capture {
    fn line(&self, kind: &str, target: &str, record: impl FnOnce(&mut Fields<'_>)) {
        if !target.starts_with("entkit") {
            return;
        }
        let mut line = format!("{kind}: ");
        record(&mut Fields(&mut line));
        line.push('\n');
        self.0.lock().unwrap().push_str(&line);
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        self.line("span", span.metadata().target(), |f| span.record(f));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        // Only entkit spans get field updates here: the span ids are all 1.
        self.line("record", "entkit", |f| values.record(f));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let level = event.metadata().level().as_str();
        self.line(level, event.metadata().target(), |f| event.record(f));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test]
async fn statements_run_in_spans_and_slow_ones_warn() {
    let log = Arc::new(Mutex::new(String::new()));
    // Other tests run the same statements on other threads meanwhile; with
    // a second registered dispatcher tracing asks every dispatcher for a
    // callsite's interest instead of caching the first thread's "never"
    // (see urls.rs).
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let _guard = tracing::dispatcher::set_default(&tracing::Dispatch::new(Capture(log.clone())));
    tracing::callsite::rebuild_interest_cache();
    for_each_backend("statements_run_in_spans_and_slow_ones_warn", |ctx| {
        let log = log.clone();
        async move {
            ctx.create_scope().await?;
            // SQLite's case database is in memory, private to its pool: a
            // file serves the clients below.
            let one = ctx.one_connection().await?;
            let (url, scope) = (one.url.clone(), ctx.scope_name().map(str::to_owned));
            let open = |threshold: Option<Duration>| {
                let mut builder = Client::builder(url.clone()).slow_statement_threshold(threshold);
                if let Some(scope) = &scope {
                    builder = builder.scope(scope.clone());
                }
                builder.connect()
            };
            let table = one.client.qualified("health_spans");
            one.client
                .execute_raw(&format!(
                    "CREATE TABLE IF NOT EXISTS {table} (id BIGINT PRIMARY KEY, secret VARCHAR(40))"
                ))
                .await?;
            let backend = match ctx.kind.backend() {
                Backend::Postgres => "postgres",
                Backend::MySql => "mysql",
                Backend::Sqlite => "sqlite",
            };
            let insert = match ctx.kind.backend() {
                Backend::Postgres => {
                    format!("INSERT INTO {table} (id, secret) VALUES ($1, $2), ($3, $4)")
                }
                _ => format!("INSERT INTO {table} (id, secret) VALUES (?, ?), (?, ?)"),
            };

            // Spans: text, scope, backend, target, rows, duration; no binds.
            let quiet = open(None).await?;
            log.lock().unwrap().clear();
            RawQuery::new(insert.clone())
                .bind(1_i64)
                .bind("s3cr3t-one")
                .bind(2_i64)
                .bind("s3cr3t-two")
                .execute(&quiet)
                .await?;
            let text = std::mem::take(&mut *log.lock().unwrap());
            assert!(!text.contains("s3cr3t"), "a bind value was traced:\n{text}");
            let span = text
                .lines()
                .find(|l| l.starts_with("span: "))
                .unwrap_or_else(|| panic!("no span:\n{text}"));
            assert!(span.contains(&format!("sql={insert:?}")), "{span}");
            assert!(span.contains(&format!("backend={backend:?}")), "{span}");
            assert!(span.contains("via=\"pool\""), "{span}");
            match &scope {
                Some(s) => assert!(span.contains(&format!("scope={s:?}")), "{span}"),
                None => assert!(!span.contains("scope="), "{span}"),
            }
            assert!(text.contains("rows=2 "), "{text}");
            assert!(text.contains("duration_us="), "{text}");
            assert!(
                !text.contains("WARN:"),
                "no threshold, yet a warning:\n{text}"
            );

            // A transaction's statements are spans too.
            let mut tx = quiet.begin().await?;
            tx.execute_raw(&format!("DELETE FROM {table} WHERE id = 2"))
                .await?;
            tx.rollback().await?;
            let text = std::mem::take(&mut *log.lock().unwrap());
            assert!(
                text.lines().any(|l| l.starts_with("span: ")
                    && l.contains("DELETE FROM")
                    && l.contains("via=\"transaction\"")),
                "{text}"
            );
            assert!(text.contains("rows=1 "), "{text}");
            quiet.close().await;

            // Any statement passes a 1 ns threshold: one warning with its text.
            let eager = open(Some(Duration::from_nanos(1))).await?;
            log.lock().unwrap().clear();
            eager
                .execute_raw(&format!("DELETE FROM {table} WHERE id = 1"))
                .await?;
            let text = std::mem::take(&mut *log.lock().unwrap());
            let warn = text
                .lines()
                .find(|l| l.starts_with("WARN: "))
                .unwrap_or_else(|| panic!("no warning:\n{text}"));
            assert!(warn.contains("slow statement"), "{warn}");
            assert!(
                warn.contains("DELETE FROM") && warn.contains("duration_us="),
                "{warn}"
            );
            eager.close().await;

            // The threshold is a threshold: a fast statement passes, a slow one warns.
            if let Some(sleep) = match ctx.kind.backend() {
                Backend::Postgres => Some("SELECT pg_sleep(0.3)"),
                Backend::MySql => Some("SELECT SLEEP(0.3)"),
                Backend::Sqlite => None, // no sleep function; the 1 ns case covers it
            } {
                let patient = open(Some(Duration::from_millis(150))).await?;
                patient.execute_raw("SELECT 1").await?;
                patient.execute_raw(sleep).await?;
                let text = std::mem::take(&mut *log.lock().unwrap());
                let warns: Vec<&str> = text.lines().filter(|l| l.starts_with("WARN: ")).collect();
                assert_eq!(warns.len(), 1, "{text}");
                assert!(warns[0].contains(sleep), "{text}");
                patient.close().await;
            }
            drop(one);
            Ok(())
        }
    })
    .await;
}

#[tokio::test]
async fn statement_counters_count_by_outcome() {
    for_each_backend("statement_counters_count_by_outcome", |ctx| async move {
        ctx.create_scope().await?;
        let one = ctx.one_connection().await?;
        let c = &one.client;
        let table = c.qualified("health_counts");
        c.execute_raw(&format!(
            "CREATE TABLE IF NOT EXISTS {table} (id BIGINT PRIMARY KEY)"
        ))
        .await?;
        let start = c.statement_counters();
        c.execute_raw(&format!("INSERT INTO {table} (id) VALUES (1)"))
            .await?;
        let dup = c
            .execute_raw(&format!("INSERT INTO {table} (id) VALUES (1)"))
            .await;
        assert!(matches!(dup, Err(Error::Constraint(_))), "{dup:?}");
        let bad = c.execute_raw("SELEKT nonsense").await;
        assert!(bad.is_err());
        let now = c.statement_counters();
        assert_eq!(now.ok - start.ok, 1, "{now:?}");
        assert_eq!(now.constraint - start.constraint, 1, "{now:?}");
        assert_eq!(now.other - start.other, 1, "{now:?}");
        assert_eq!(
            (now.timeout, now.connection),
            (start.timeout, start.connection)
        );
        assert_eq!(now.failed() - start.failed(), 2);

        // Every connection busy: the statement times out waiting for one.
        let tight = Client::builder(one.url.clone())
            .max_connections(1)
            .acquire_timeout(Duration::from_millis(200))
            .connect()
            .await?;
        let tx = tight.begin().await?;
        let waited = tight.execute_raw("SELECT 1").await;
        assert!(matches!(waited, Err(Error::PoolTimeout)), "{waited:?}");
        tx.rollback().await?;
        let counts = tight.statement_counters();
        assert_eq!(counts.timeout, 1, "{counts:?}");

        // A closed pool: a connection failure.
        tight.close().await;
        let closed = tight.execute_raw("SELECT 1").await;
        assert!(closed.is_err());
        let counts = tight.statement_counters();
        assert_eq!(counts.connection, 1, "{closed:?} {counts:?}");
        let json = serde_json::to_value(counts).expect("serialize");
        for key in ["ok", "constraint", "timeout", "connection", "other"] {
            assert!(json.get(key).is_some(), "missing {key}: {json}");
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn pool_streams_run_in_a_span_closed_with_their_rows() {
    let log = Arc::new(Mutex::new(String::new()));
    let _second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let _guard = tracing::dispatcher::set_default(&tracing::Dispatch::new(Capture(log.clone())));
    tracing::callsite::rebuild_interest_cache();
    for_each_backend("pool_streams_run_in_a_span_closed_with_their_rows", |ctx| {
        let log = log.clone();
        async move {
            use entkit::Entity as _;
            use futures_util::TryStreamExt as _;
            ctx.migrate(&[crate::entities::Note::def()]).await;
            for i in 0..3 {
                crate::entities::Note::create()
                    .title(format!("n{i}"))
                    .score(i)
                    .save(&ctx.client)
                    .await?;
            }
            let ok_before = ctx.client.statement_counters().ok;
            log.lock().unwrap().clear();
            let notes: Vec<crate::entities::Note> = crate::entities::Note::query()
                .stream(&ctx.client)
                .try_collect()
                .await?;
            assert_eq!(notes.len(), 3);
            // The stream's task finishes its span once the reader has
            // the last row: give it a moment.
            let deadline = std::time::Instant::now() + Duration::from_secs(5);
            let text = loop {
                let text = log.lock().unwrap().clone();
                if text.contains("rows=3 ") || std::time::Instant::now() > deadline {
                    break text;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            };
            let span = text
                .lines()
                .find(|l| l.starts_with("span: ") && l.contains("SELECT"))
                .unwrap_or_else(|| panic!("no stream span:\n{text}"));
            assert!(span.contains("via=\"pool\""), "{span}");
            assert!(text.contains("rows=3 "), "{text}");
            assert!(text.contains("duration_us="), "{text}");
            assert_eq!(ctx.client.statement_counters().ok, ok_before + 1);
            Ok(())
        }
    })
    .await;
}
