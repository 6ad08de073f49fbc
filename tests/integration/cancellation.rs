//! Cancelled or failed work leaves nothing on a pooled connection.
//!
//! Every kind of operation runs on a client whose pool holds ONE
//! connection and is cancelled (its future dropped) at many points: after
//! each number of polls from 1 up to what a full run takes, sampled with a
//! seeded generator, the runtime driving I/O between polls. After each
//! cancellation the pool's next user must find no open transaction, no
//! scope (`search_path`, `USE`, an attached database), no migration lock
//! (through the connection and from another client at once), and a write
//! it makes then must be durable (read back through a fresh client).

use std::future::Future;
use std::sync::atomic::{AtomicI64, Ordering};
use std::task::Poll;
use std::time::Duration;

use entkit::{
    Backend, Client, Entity as _, Error, Hook, HookContext, HookFuture, MigrationError,
    MigrationSet, Migrator, RawQuery, RetryPolicy, SeedFuture, Seeder, Seeders,
};
use entkit_tests::{Ctx, OneConnection, Rng, for_each_backend};

use crate::entities::Note;
use crate::seed::{Role, User};

/// Seed of the cancellation points (fixed: a failure names its point).
const SEED: u64 = 0x5eed_cafe_f00d_0001;

/// Cancellation points sampled per operation (besides the first four polls).
const POINTS: usize = 10;

/// How long a check waits for the migration lock before calling it held.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Polls `fut` once, with the calling task's waker.
async fn poll_once<F: Future>(mut fut: std::pin::Pin<&mut F>) -> Poll<F::Output> {
    std::future::poll_fn(|cx| Poll::Ready(fut.as_mut().poll(cx))).await
}

/// Polls `fut` at most `polls` times, letting the runtime drive I/O
/// between polls; `None` when it was still pending (it is then dropped).
async fn poll_then_drop<F: Future>(fut: F, polls: usize) -> Option<F::Output> {
    let mut fut = std::pin::pin!(fut);
    for _ in 0..polls {
        if let Poll::Ready(out) = poll_once(fut.as_mut()).await {
            return Some(out);
        }
        tokio::task::yield_now().await;
    }
    None
}

/// How many polls `fut` takes to finish under [`poll_then_drop`]'s driving.
async fn polls_to_finish<F: Future>(fut: F) -> (usize, F::Output) {
    let mut fut = std::pin::pin!(fut);
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(out) = poll_once(fut.as_mut()).await {
            return (polls, out);
        }
        tokio::task::yield_now().await;
    }
}

/// The case's one-connection client and what a clean connection looks like.
struct Probe {
    one: OneConnection,
    /// `current_schema()` / `DATABASE()` / the attached databases, clean.
    baseline_scope: String,
    /// The raw probe table, qualified for `one.client`.
    table: String,
    /// Scopes whose migration lock must be free (`None`: unscoped).
    lock_scopes: Vec<Option<String>>,
    next_id: AtomicI64,
}

impl Probe {
    async fn new(ctx: &Ctx) -> entkit::Result<Probe> {
        ctx.create_scope().await?;
        let one = ctx.one_connection().await?;
        let table = one.client.qualified("cancel_probe");
        one.client
            .execute_raw(&format!(
                "CREATE TABLE IF NOT EXISTS {table} (id BIGINT PRIMARY KEY)"
            ))
            .await?;
        let baseline_scope = scope_state(&one.client).await?;
        let lock_scopes = vec![one.client.scope_name().map(str::to_owned)];
        Ok(Probe {
            one,
            baseline_scope,
            table,
            lock_scopes,
            next_id: AtomicI64::new(1),
        })
    }

    fn client(&self) -> &Client {
        &self.one.client
    }

    /// Cancels `op` at the first polls and at `points` sampled points up
    /// to what a full run takes, checking the connection after each;
    /// `reset` runs (uncancelled) after each point to put the data back.
    async fn cancel_everywhere<F, Fut, R, RFut>(&self, what: &str, points: usize, op: F, reset: R)
    where
        F: Fn() -> Fut,
        Fut: Future,
        R: Fn() -> RFut,
        RFut: Future<Output = entkit::Result<()>>,
    {
        let (full, _) = polls_to_finish(op()).await;
        self.assert_clean(&format!("{what}: after a full run"))
            .await;
        reset()
            .await
            .unwrap_or_else(|e| panic!("{what}: reset failed: {e}"));
        let mut rng = Rng(SEED ^ what.len() as u64);
        let sampled = points;
        let mut points: Vec<usize> = (1..=full.min(4)).collect();
        points.extend((0..sampled).map(|_| 1 + rng.below(full)));
        for polls in points {
            let finished = poll_then_drop(op(), polls).await.is_some();
            let label =
                format!("{what}: dropped after {polls} of {full} polls (finished: {finished})");
            self.assert_clean(&label).await;
            reset()
                .await
                .unwrap_or_else(|e| panic!("{label}: reset failed: {e}"));
        }
    }

    /// The pool's next user finds a clean connection, its write is
    /// durable, and the migration locks are free for another client.
    async fn assert_clean(&self, label: &str) {
        let c = self.client();
        assert!(
            !in_transaction(c)
                .await
                .unwrap_or_else(|e| panic!("{label}: transaction probe failed: {e}")),
            "{label}: the next user of the connection is inside a transaction"
        );
        let scope = scope_state(c)
            .await
            .unwrap_or_else(|e| panic!("{label}: scope probe failed: {e}"));
        assert_eq!(
            scope, self.baseline_scope,
            "{label}: the connection kept a scope"
        );
        for lock in &self.lock_scopes {
            // A connection that had to be closed (its rollback failed after
            // a cut-off statement) has its locks released by the server as
            // it ends that session: allow that moment, not a lock wait.
            let mut tries = 0;
            while lock_held_here(c, lock.as_deref())
                .await
                .unwrap_or_else(|e| panic!("{label}: lock probe failed: {e}"))
            {
                tries += 1;
                assert!(
                    tries < 20,
                    "{label}: the migration lock of {lock:?} is still held"
                );
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
        }
        // A write acknowledged now must survive: read back elsewhere.
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let insert = format!("INSERT INTO {} (id) VALUES ({id})", self.table);
        c.execute_raw(&insert)
            .await
            .unwrap_or_else(|e| panic!("{label}: write after the cancellation failed: {e}"));
        let fresh = self
            .one
            .fresh()
            .await
            .unwrap_or_else(|e| panic!("{label}: fresh client: {e}"));
        let count: Vec<(i64,)> = RawQuery::new(format!(
            "SELECT COUNT(*) FROM {} WHERE id = {id}",
            self.table
        ))
        .fetch_all(&fresh)
        .await
        .unwrap_or_else(|e| panic!("{label}: read back failed: {e}"));
        assert_eq!(count[0].0, 1, "{label}: an acknowledged write was lost");
        // Another migrator takes each lock at once.
        for lock in &self.lock_scopes {
            let scoped = match lock {
                Some(s) => fresh.scope(s).expect("valid scope"),
                None => fresh.clone(),
            };
            let free = Migrator::new(MigrationSet::default())
                .lock_timeout(LOCK_WAIT)
                .status(&scoped)
                .await;
            assert!(
                free.is_ok(),
                "{label}: another client could not take the migration lock of {lock:?}: {free:?}"
            );
        }
        fresh.close().await;
    }
}

/// Whether the connection the client hands out is inside a transaction.
async fn in_transaction(c: &Client) -> entkit::Result<bool> {
    match c.backend() {
        // SAVEPOINT fails outside a transaction block.
        Backend::Postgres => match c.execute_raw("SAVEPOINT entkit_probe").await {
            Ok(_) => Ok(true),
            Err(Error::Database(sqlx_err))
                if sqlx_err.to_string().contains("transaction block") =>
            {
                Ok(false)
            }
            Err(e) => Err(e),
        },
        Backend::MySql => {
            let rows: Vec<(i64,)> = RawQuery::new("SELECT CAST(@@in_transaction AS SIGNED)")
                .fetch_all(c)
                .await?;
            Ok(rows[0].0 != 0)
        }
        // BEGIN fails inside a transaction.
        Backend::Sqlite => match c.begin().await {
            Ok(tx) => tx.rollback().await.map(|()| false),
            Err(e) if e.to_string().contains("within a transaction") => Ok(true),
            Err(e) => Err(e),
        },
    }
}

/// The connection's scope state: `current_schema()`, `DATABASE()`, or the
/// databases attached to the SQLite connection.
async fn scope_state(c: &Client) -> entkit::Result<String> {
    Ok(match c.backend() {
        Backend::Postgres => {
            let rows: Vec<(String,)> = RawQuery::new("SELECT current_schema()::text")
                .fetch_all(c)
                .await?;
            rows[0].0.clone()
        }
        Backend::MySql => {
            let rows: Vec<(Option<String>,)> =
                RawQuery::new("SELECT DATABASE()").fetch_all(c).await?;
            format!("{:?}", rows[0].0)
        }
        Backend::Sqlite => {
            let rows: Vec<(String,)> =
                RawQuery::new("SELECT name FROM pragma_database_list ORDER BY seq")
                    .fetch_all(c)
                    .await?;
            rows.into_iter().map(|r| r.0).collect::<Vec<_>>().join(",")
        }
    })
}

/// Whether any session holds the migration lock of `scope` (PostgreSQL:
/// `pg_locks`; MariaDB: `IS_USED_LOCK`; SQLite's lock is its write
/// transaction, probed by the other checks).
async fn lock_held_here(c: &Client, scope: Option<&str>) -> entkit::Result<bool> {
    let key = format!("entkit_migrate:{}", scope.unwrap_or(""));
    Ok(match c.backend() {
        Backend::Postgres => {
            let rows: Vec<(i64,)> = RawQuery::new(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' \
                 AND objid = (hashtext($1)::bigint & 4294967295)::oid",
            )
            .bind(key)
            .fetch_all(c)
            .await?;
            rows[0].0 != 0
        }
        Backend::MySql => {
            let rows: Vec<(i64,)> =
                RawQuery::new("SELECT CAST(IS_USED_LOCK(?) IS NOT NULL AS SIGNED)")
                    .bind(key)
                    .fetch_all(c)
                    .await?;
            rows[0].0 != 0
        }
        Backend::Sqlite => false,
    })
}

/// Three migrations of two statements each, safe to run again after a
/// half-applied MySQL step (`IF NOT EXISTS`).
fn migrations() -> MigrationSet {
    let mut set = MigrationSet::default();
    for (v, name) in [(1, "a"), (2, "b"), (3, "c")] {
        set.push(
            v,
            &format!("create_{name}"),
            &format!(
                "CREATE TABLE IF NOT EXISTS cancel_{name} (id BIGINT PRIMARY KEY);\n\
                 CREATE TABLE IF NOT EXISTS cancel_{name}2 (id BIGINT PRIMARY KEY);\n"
            ),
            &format!("DROP TABLE IF EXISTS cancel_{name}2;\nDROP TABLE IF EXISTS cancel_{name};\n"),
        );
    }
    set
}

/// Brings `client`'s scope to `applied` migrations applied, clearing a
/// MySQL dirty mark a cancelled step left (a documented MySQL outcome).
async fn migrate_to(m: &Migrator, client: &Client, applied: usize) -> entkit::Result<()> {
    loop {
        let outcome = if applied == 0 {
            m.down(client, 3).await.map(drop)
        } else {
            m.up(client, None).await.map(drop)
        };
        match outcome {
            Err(Error::Migration(e)) if matches!(*e, MigrationError::Dirty { .. }) => {
                let MigrationError::Dirty { version } = *e else {
                    unreachable!()
                };
                m.resolve(client, version, false).await?;
            }
            other => {
                other?;
                break;
            }
        }
    }
    if applied > 0 {
        m.down(client, 3 - applied).await?;
    }
    Ok(())
}

#[tokio::test]
async fn cancelled_migrations_up_leave_the_connection_clean() {
    for_each_backend(
        "cancelled_migrations_up_leave_the_connection_clean",
        |ctx| async move {
            let probe = Probe::new(&ctx).await?;
            let m = &Migrator::new(migrations()).lock_timeout(LOCK_WAIT);
            let c = &probe.client().clone();
            probe
                .cancel_everywhere("up", POINTS, || m.up(c, None), || migrate_to(m, c, 0))
                .await;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn cancelled_migrations_down_leave_the_connection_clean() {
    for_each_backend(
        "cancelled_migrations_down_leave_the_connection_clean",
        |ctx| async move {
            let probe = Probe::new(&ctx).await?;
            let m = &Migrator::new(migrations()).lock_timeout(LOCK_WAIT);
            let c = &probe.client().clone();
            migrate_to(m, c, 3).await?;
            probe
                .cancel_everywhere("down", POINTS, || m.down(c, 3), || migrate_to(m, c, 3))
                .await;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn cancelled_fan_out_leaves_the_connection_clean() {
    for_each_backend(
        "cancelled_fan_out_leaves_the_connection_clean",
        |ctx| async move {
            let mut probe = Probe::new(&ctx).await?;
            let m = &Migrator::new(migrations()).lock_timeout(LOCK_WAIT);
            let c = &probe.client().clone();
            // Two more scopes, migrated through the same one connection.
            let names: Vec<String> = match ctx.kind.backend() {
                Backend::Sqlite => vec!["fan_one".into(), "fan_two".into()],
                _ => ["fan1", "fan2"]
                    .iter()
                    .map(|t| ctx.extra_scope(t).scope_name().unwrap().to_owned())
                    .collect(),
            };
            probe.lock_scopes.extend(names.iter().cloned().map(Some));
            let scopes: &[&str] = &names.iter().map(String::as_str).collect::<Vec<_>>();
            let reset_all = || async move {
                for s in scopes {
                    migrate_to(m, &c.scope(s)?, 0).await?;
                }
                Ok(())
            };
            probe
                .cancel_everywhere(
                    "up_many",
                    POINTS / 2,
                    || async move {
                        let report = m.up_many(c, scopes, 2, |_, _| {}).await;
                        assert!(report.all_succeeded(), "{report:?}");
                    },
                    reset_all,
                )
                .await;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_failed_up_leaves_the_connection_clean() {
    for_each_backend(
        "a_failed_up_leaves_the_connection_clean",
        |ctx| async move {
            let probe = Probe::new(&ctx).await?;
            let c = probe.client();
            let mut set = migrations();
            set.push(
                4,
                "broken",
                "CREATE TABLE IF NOT EXISTS cancel_d (id BIGINT PRIMARY KEY);\nTHIS IS NOT SQL;\n",
                "DROP TABLE IF EXISTS cancel_d;\n",
            );
            let m = Migrator::new(set).lock_timeout(LOCK_WAIT);
            match m.up(c, None).await {
                Err(Error::Migration(e)) => assert!(
                    matches!(*e, MigrationError::Failed { index: 2, .. }),
                    "expected the second statement to fail, got {e:?}"
                ),
                other => panic!("expected the broken migration to fail, got {other:?}"),
            }
            probe.assert_clean("a failed up()").await;
            c.ping().await?;
            // The three good migrations stay applied; the broken one is not
            // (MySQL marks it dirty: DDL is not transactional there).
            let applied: Vec<i64> = m
                .status(c)
                .await?
                .into_iter()
                .filter(|s| matches!(s.state, entkit::State::Applied { .. }))
                .map(|s| s.version)
                .collect();
            assert_eq!(applied, [1, 2, 3]);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_held_migration_lock_is_a_typed_timeout() {
    for_each_backend(
        "a_held_migration_lock_is_a_typed_timeout",
        |ctx| async move {
            let probe = Probe::new(&ctx).await?;
            let c = probe.client();
            let holder = probe.one.fresh().await?;
            let key = format!("entkit_migrate:{}", c.scope_name().unwrap_or(""));
            // Another session holds the scope's migration lock.
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
                    // The write lock: what BEGIN IMMEDIATE waits for.
                    tx.execute_raw(&format!("INSERT INTO {} (id) VALUES (-1)", probe.table))
                        .await?;
                }
            }
            let m = Migrator::new(migrations()).lock_timeout(Duration::from_millis(300));
            let started = std::time::Instant::now();
            match m.up(c, None).await {
                Err(Error::Migration(e)) => match *e {
                    MigrationError::LockTimeout { ref scope, waited } => {
                        assert_eq!(scope.as_deref(), c.scope_name());
                        assert!(waited >= Duration::from_millis(250), "{waited:?}");
                    }
                    other => panic!("expected LockTimeout, got {other:?}"),
                },
                other => panic!("expected LockTimeout, got {other:?}"),
            }
            assert!(started.elapsed() < Duration::from_secs(5));
            if ctx.kind.backend() == Backend::MySql {
                RawQuery::new("DO RELEASE_LOCK(?)")
                    .bind(key)
                    .execute(&mut tx)
                    .await?;
            }
            tx.rollback().await?;
            holder.close().await;
            probe.assert_clean("after a lock timeout").await;
            // Nothing ran.
            assert!(
                m.status(c)
                    .await?
                    .iter()
                    .all(|s| s.state == entkit::State::Pending)
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn cancelled_transactions_leave_the_connection_clean() {
    for_each_backend(
        "cancelled_transactions_leave_the_connection_clean",
        |ctx| async move {
            let probe = Probe::new(&ctx).await?;
            let c = &probe.client().clone();
            let table = probe.table.clone();
            let ids = AtomicI64::new(1_000_000);
            let insert = |n: i64| format!("INSERT INTO {table} (id) VALUES ({n})");
            let none = || async { Ok(()) };
            let ids = &ids;
            let insert = &insert;

            probe
                .cancel_everywhere(
                    "transaction",
                    POINTS,
                    || {
                        let (a, b) = (
                            insert(ids.fetch_add(2, Ordering::Relaxed)),
                            insert(ids.fetch_add(2, Ordering::Relaxed) + 1),
                        );
                        c.transaction(move |tx| {
                            Box::pin(async move {
                                tx.execute_raw(&a).await?;
                                tx.execute_raw(&b).await
                            })
                        })
                    },
                    none,
                )
                .await;
            probe
                .cancel_everywhere(
                    "begin/commit",
                    POINTS,
                    || {
                        let a = insert(ids.fetch_add(1, Ordering::Relaxed));
                        let c = c.clone();
                        async move {
                            let mut tx = c.begin_with(entkit::Isolation::Serializable).await?;
                            tx.execute_raw(&a).await?;
                            tx.commit().await
                        }
                    },
                    none,
                )
                .await;
            probe
                .cancel_everywhere(
                    "begin, then dropped uncommitted",
                    POINTS,
                    || {
                        let a = insert(ids.fetch_add(1, Ordering::Relaxed));
                        let c = c.clone();
                        async move {
                            let mut tx = c.begin().await?;
                            tx.execute_raw(&a).await?;
                            drop(tx);
                            Ok::<_, Error>(())
                        }
                    },
                    none,
                )
                .await;
            probe
                .cancel_everywhere(
                    "transaction_with_retry",
                    POINTS,
                    || {
                        let a = insert(ids.fetch_add(1, Ordering::Relaxed));
                        c.transaction_with_retry(RetryPolicy::default(), move |tx| {
                            let a = a.clone();
                            Box::pin(async move {
                                tx.execute_raw(&a).await?;
                                tx.savepoint(|tx| {
                                    Box::pin(async move { tx.execute_raw("SELECT 1").await })
                                })
                                .await
                            })
                        })
                    },
                    none,
                )
                .await;
            // A transaction whose statement fails, then is dropped.
            let mut tx = c.begin().await?;
            assert!(
                tx.execute_raw("SELECT * FROM no_such_table_here")
                    .await
                    .is_err()
            );
            drop(tx);
            probe
                .assert_clean("a failed statement in a dropped transaction")
                .await;
            Ok(())
        },
    )
    .await;
}

/// A hook that makes every mutation run in a transaction of its own.
struct Noop;

impl Hook for Noop {
    fn before<'a>(&'a self, _ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        Box::pin(async { Ok(()) })
    }
}

/// Seeds a few notes.
struct FewNotes;

impl Seeder for FewNotes {
    fn name(&self) -> &'static str {
        "few_notes"
    }

    fn seed<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        Box::pin(async move {
            for i in 0..5 {
                Note::create()
                    .title(format!("seeded {i}"))
                    .score(i)
                    .save(client)
                    .await?;
            }
            Ok(())
        })
    }

    fn truncate<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        Box::pin(async move {
            Note::delete_many()
                .filter(Note::TITLE.like("seeded %"))
                .exec(client)
                .await
                .map(drop)
        })
    }
}

fn notes(n: usize) -> Vec<crate::entities::NoteCreate<entkit::builder::Set, entkit::builder::Set>> {
    (0..n)
        .map(|i| Note::create().title(format!("bulk {i}")).score(i as i32))
        .collect()
}

#[tokio::test]
async fn cancelled_reads_and_writes_leave_the_connection_clean() {
    for_each_backend(
        "cancelled_reads_and_writes_leave_the_connection_clean",
        |ctx| async move {
            use futures_util::StreamExt as _;
            let probe = Probe::new(&ctx).await?;
            let c = &probe.client().clone();
            entkit_tests::migrate_on(c, &[Note::def()]).await;
            entkit_tests::migrate_on(c, &crate::seed::all()).await;
            Note::insert_many(c, notes(300)).await?;
            let none = || async { Ok(()) };

            probe
                .cancel_everywhere(
                    "stream",
                    POINTS,
                    || async move {
                        let mut rows = Note::query().stream(c);
                        let mut n = 0;
                        while let Some(row) = rows.next().await {
                            row?;
                            n += 1;
                        }
                        Ok::<_, Error>(n)
                    },
                    none,
                )
                .await;
            probe
                .cancel_everywhere(
                    "stream in a transaction",
                    POINTS,
                    || async move {
                        let mut tx = c.begin().await?;
                        let first: Vec<_> = Note::query().stream(&mut tx).take(10).collect().await;
                        drop(first);
                        tx.commit().await
                    },
                    none,
                )
                .await;
            // Many rows: several statements where binds run out (SQLite: 32766).
            let big = if ctx.kind.backend() == Backend::Sqlite {
                12_000
            } else {
                500
            };
            let delete_bulk = || async move {
                Note::delete_many()
                    .filter(Note::TITLE.like("bulk %"))
                    .exec(c)
                    .await
                    .map(drop)
            };
            probe
                .cancel_everywhere(
                    "insert_many",
                    POINTS,
                    || Note::insert_many(c, notes(big)),
                    delete_bulk,
                )
                .await;
            let hooked = &c.with_hook(Noop);
            probe
                .cancel_everywhere(
                    "insert_many with hooks (one transaction)",
                    POINTS,
                    || Note::insert_many(hooked, notes(50)),
                    delete_bulk,
                )
                .await;

            let ada = &User::create().name("ada").save(c).await?;
            let mut roles = Vec::new();
            for name in ["r1", "r2", "r3", "r4"] {
                roles.push(Role::create().name(name).save(c).await?.id);
            }
            probe
                .cancel_everywhere(
                    "edge set",
                    POINTS,
                    || ada.set_roles(c, roles.iter().copied().rev()),
                    || ada.set_roles(c, Vec::<i64>::new()),
                )
                .await;
            let seeders = &Seeders::new().add(FewNotes);
            probe
                .cancel_everywhere(
                    "seeders",
                    POINTS,
                    || seeders.run(c, "test", false),
                    || async move { seeders.truncate(c, "test", false).await.map(drop) },
                )
                .await;
            Ok(())
        },
    )
    .await;
}

/// Which connection the one-connection client hands out: the server's id
/// for it, or on SQLite a marker planted in its page-cache size.
async fn connection_id(c: &Client) -> entkit::Result<i64> {
    let sql = match c.backend() {
        Backend::Postgres => "SELECT CAST(pg_backend_pid() AS BIGINT)",
        Backend::MySql => "SELECT CAST(CONNECTION_ID() AS SIGNED)",
        Backend::Sqlite => "SELECT cache_size FROM pragma_cache_size()",
    };
    let rows: Vec<(i64,)> = RawQuery::new(sql).fetch_all(c).await?;
    Ok(rows[0].0)
}

#[tokio::test]
async fn a_failed_transaction_keeps_its_connection_and_a_cut_off_one_closes_it() {
    for_each_backend(
        "a_failed_transaction_keeps_its_connection_and_a_cut_off_one_closes_it",
        |ctx| async move {
            let probe = Probe::new(&ctx).await?;
            let c = probe.client();
            if ctx.kind.backend() == Backend::Sqlite {
                c.execute_raw("PRAGMA cache_size = -4321").await?;
            }
            let before = connection_id(c).await?;

            // `?` out of a transaction after a failed statement: rolled
            // back and reused (one ROLLBACK, no reconnect).
            let failed = async {
                let mut tx = c.begin().await?;
                tx.execute_raw(&format!("INSERT INTO {} (id) VALUES (-7)", probe.table))
                    .await?;
                tx.execute_raw("SELECT * FROM no_such_table_here").await?;
                tx.commit().await
            }
            .await;
            assert!(failed.is_err());
            assert_eq!(
                connection_id(c).await?,
                before,
                "the connection was not reused"
            );
            probe
                .assert_clean("a transaction dropped after an error")
                .await;
            let rows: Vec<(i64,)> = RawQuery::new(format!(
                "SELECT COUNT(*) FROM {} WHERE id = -7",
                probe.table
            ))
            .fetch_all(c)
            .await?;
            assert_eq!(rows[0].0, 0, "the failed transaction's write was kept");

            // A statement cut off mid-flight: the connection is closed.
            let slow = match ctx.kind.backend() {
                Backend::Postgres => "SELECT pg_sleep(3)",
                Backend::MySql => "SELECT SLEEP(3)",
                Backend::Sqlite => {
                    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n \
                     WHERE x < 5000000) SELECT COUNT(*) FROM n"
                }
            };
            let cut = tokio::time::timeout(Duration::from_millis(100), async {
                let mut tx = c.begin().await?;
                tx.execute_raw(slow).await?;
                tx.commit().await
            })
            .await;
            assert!(cut.is_err(), "the slow statement finished within 100 ms");
            assert_ne!(
                connection_id(c).await?,
                before,
                "the cut-off connection was reused"
            );
            probe
                .assert_clean("a transaction cut off mid-statement")
                .await;
            Ok(())
        },
    )
    .await;
}
