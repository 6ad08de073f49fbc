//! Versioned migrations on every backend.

use std::sync::Arc;

use entkit::{Backend, Client, MigrationError, MigrationSet, Migrator, RawQuery, State};
use entkit_tests::{Ctx, for_each_backend};

/// `CREATE TABLE accounts` in the backend's dialect.
fn create_accounts(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => "CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL)",
        Backend::MySql => {
            "CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)"
        }
        Backend::Sqlite => "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
    }
}

fn email_type(backend: Backend) -> &'static str {
    match backend {
        Backend::MySql => "VARCHAR(200)",
        _ => "TEXT",
    }
}

/// Two migrations: the table, then a column.
fn two(backend: Backend) -> MigrationSet {
    let mut set = MigrationSet::default();
    set.push(
        1,
        "create_accounts",
        create_accounts(backend),
        "DROP TABLE accounts",
    );
    set.push(
        2,
        "add_email",
        &format!(
            "ALTER TABLE accounts ADD COLUMN email {}",
            email_type(backend)
        ),
        "ALTER TABLE accounts DROP COLUMN email",
    );
    set
}

fn states(status: &[entkit::MigrationStatus]) -> Vec<(i64, &'static str)> {
    status
        .iter()
        .map(|s| {
            let state = match s.state {
                State::Pending => "pending",
                State::Applied { .. } => "applied",
                State::Dirty => "dirty",
                State::Modified => "modified",
                State::Missing => "missing",
            };
            (s.version, state)
        })
        .collect()
}

async fn has_column(ctx: &Ctx, client: &Client, column: &str) -> entkit::Result<bool> {
    let table = client.qualified("accounts");
    let _ = ctx;
    let sql = format!("SELECT {column} FROM {table} WHERE 1 = 0");
    Ok(RawQuery::new(sql).execute(client).await.is_ok())
}

#[tokio::test]
async fn up_down_and_redo_round_trip() {
    for_each_backend("up_down_and_redo_round_trip", |ctx| async move {
        let c = &ctx.client;
        let migrator = Migrator::new(two(c.backend()));
        assert_eq!(
            states(&migrator.status(c).await?),
            [(1, "pending"), (2, "pending")]
        );
        assert_eq!(migrator.up(c, Some(1)).await?, [1]);
        assert_eq!(
            states(&migrator.status(c).await?),
            [(1, "applied"), (2, "pending")]
        );
        assert_eq!(migrator.up(c, None).await?, [2]);
        assert!(migrator.up(c, None).await?.is_empty(), "nothing left to do");
        assert!(has_column(&ctx, c, "email").await?);
        assert_eq!(migrator.down(c, 1).await?, [2]);
        assert!(!has_column(&ctx, c, "email").await?);
        assert_eq!(migrator.up(c, None).await?, [2]);
        assert_eq!(migrator.redo(c).await?, [2]);
        assert!(has_column(&ctx, c, "email").await?);
        migrator.validate(c).await?;
        assert_eq!(migrator.down(c, 5).await?, [2, 1]);
        assert!(!has_column(&ctx, c, "name").await?, "table dropped");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn eight_concurrent_migrators_apply_each_version_once() {
    for_each_backend(
        "eight_concurrent_migrators_apply_each_version_once",
        |ctx| async move {
            let backend = ctx.client.backend();
            // Separate pools, as separate processes would have.
            let dir = tempdir();
            let url = match backend {
                Backend::Sqlite => format!("sqlite://{}/shared.db", dir.display()),
                _ => ctx.url.clone(),
            };
            let scope = ctx.scope_name().map(str::to_owned);
            let migrator = Arc::new(Migrator::new(two(backend)));
            let mut tasks = Vec::new();
            for _ in 0..8 {
                let (url, scope, migrator) = (url.clone(), scope.clone(), migrator.clone());
                tasks.push(tokio::spawn(async move {
                    let client = Client::builder(url).max_connections(2).connect().await?;
                    let client = match &scope {
                        Some(s) => client.scope(s)?,
                        None => client,
                    };
                    let applied = migrator.up(&client, None).await;
                    client.close().await;
                    applied
                }));
            }
            let mut applied = Vec::new();
            for task in tasks {
                applied.extend(task.await.expect("migrator panicked")?);
            }
            applied.sort_unstable();
            eprintln!(
                "[{}] 8 concurrent migrators applied {applied:?}",
                ctx.name()
            );
            assert_eq!(applied, [1, 2], "each version applied exactly once in all");
            if backend == Backend::Sqlite {
                let client = Client::connect(&url).await?;
                assert_eq!(
                    states(&migrator.status(&client).await?),
                    [(1, "applied"), (2, "applied")]
                );
                client.close().await;
                let _ = std::fs::remove_dir_all(&dir);
            } else {
                assert_eq!(
                    states(&migrator.status(&ctx.client).await?),
                    [(1, "applied"), (2, "applied")]
                );
            }
            Ok(())
        },
    )
    .await;
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(entkit_tests::unique_name("mig"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn a_failing_migration_is_rolled_back_or_marked_dirty() {
    for_each_backend(
        "a_failing_migration_is_rolled_back_or_marked_dirty",
        |ctx| async move {
            let c = &ctx.client;
            let backend = c.backend();
            let mut set = two(backend);
            // Its first statement works; the second does not.
            set.push(
                3,
                "broken",
                &format!(
                    "{};\nINSERT INTO no_such_table VALUES (1)",
                    create_accounts(backend).replace("accounts", "audit")
                ),
                "DROP TABLE audit",
            );
            let migrator = Migrator::new(set);
            let err = migrator.up(c, None).await.expect_err("migration 3 fails");
            let entkit::Error::Migration(inner) = &err else {
                panic!("{err:?}")
            };
            match inner.as_ref() {
                MigrationError::Failed {
                    file,
                    index,
                    statement,
                    ..
                } => {
                    assert_eq!(file, "3_broken.up.sql");
                    assert_eq!(*index, 2);
                    assert!(statement.contains("no_such_table"));
                }
                other => panic!("{other:?}"),
            }
            let audit_exists = RawQuery::new(format!(
                "SELECT 1 FROM {} WHERE 1 = 0",
                c.qualified("audit")
            ))
            .execute(c)
            .await
            .is_ok();
            if backend == Backend::MySql {
                // No transactional DDL: the scope is dirty and blocked until resolved.
                assert_eq!(
                    states(&migrator.status(c).await?),
                    [(1, "applied"), (2, "applied"), (3, "dirty")]
                );
                let blocked = migrator.up(c, None).await.expect_err("dirty scope");
                assert!(blocked.to_string().contains("dirty"), "{blocked}");
                assert!(audit_exists, "MySQL committed the first statement");
                migrator.resolve(c, 3, false).await?;
                assert_eq!(
                    states(&migrator.status(c).await?),
                    [(1, "applied"), (2, "applied"), (3, "pending")]
                );
            } else {
                assert!(!audit_exists, "the whole migration was rolled back");
                assert_eq!(
                    states(&migrator.status(c).await?),
                    [(1, "applied"), (2, "applied"), (3, "pending")]
                );
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn changed_or_missing_files_are_refused_before_anything_runs() {
    for_each_backend(
        "changed_or_missing_files_are_refused_before_anything_runs",
        |ctx| async move {
            let c = &ctx.client;
            let backend = c.backend();
            Migrator::new(two(backend)).up(c, Some(1)).await?;

            // Migration 1 edited after it was applied (sum regenerated to match).
            let mut tampered = MigrationSet::default();
            tampered.push(
                1,
                "create_accounts",
                &format!("{} -- edited", create_accounts(backend)),
                "DROP TABLE accounts",
            );
            tampered.push(
                2,
                "add_email",
                &format!(
                    "ALTER TABLE accounts ADD COLUMN email {}",
                    email_type(backend)
                ),
                "",
            );
            let err = Migrator::new(tampered)
                .up(c, None)
                .await
                .expect_err("checksum mismatch");
            assert!(err.to_string().contains("checksum mismatch"), "{err}");
            assert!(!has_column(&ctx, c, "email").await?, "nothing ran");

            // A file changed on disk without its sum.
            let dir = tempdir();
            two(backend).write_to(&dir).map_err(entkit::Error::from)?;
            std::fs::write(dir.join("2_add_email.up.sql"), "SELECT 1").unwrap();
            let from_disk = MigrationSet::from_dir(&dir)?;
            let err = Migrator::new(from_disk)
                .up(c, None)
                .await
                .expect_err("integrity");
            assert!(
                err.to_string()
                    .contains("integrity check failed for 2_add_email.up.sql"),
                "{err}"
            );
            assert!(!has_column(&ctx, c, "email").await?, "nothing ran");
            let _ = std::fs::remove_dir_all(&dir);

            // An applied migration whose file is gone.
            let mut missing = MigrationSet::default();
            missing.push(2, "add_email", "SELECT 1", "");
            let err = Migrator::new(missing)
                .validate(c)
                .await
                .expect_err("missing file");
            assert!(err.to_string().contains("file is missing"), "{err}");
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn rolling_back_keeps_every_row() {
    for_each_backend("rolling_back_keeps_every_row", |ctx| async move {
        let c = &ctx.client;
        let migrator = Migrator::new(two(c.backend()));
        migrator.up(c, None).await?;
        let table = c.qualified("accounts");
        let insert = match c.backend() {
            Backend::Postgres => format!("INSERT INTO {table} (id, name, email) SELECT g, 'n' || g, 'e' FROM generate_series(1, 10500) g"),
            Backend::MySql => format!(
                "INSERT INTO {table} (id, name, email) SELECT k, CONCAT('n', k), 'e' FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 1 AS k \
                 FROM (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) a, \
                 (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) b, \
                 (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) c, \
                 (SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10) e) seq"
            ),
            Backend::Sqlite => format!(
                "WITH RECURSIVE seq (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq WHERE k < 10500) \
                 INSERT INTO {table} (id, name, email) SELECT k, 'n' || k, 'e' FROM seq"
            ),
        };
        c.execute_raw(&insert).await?;
        let count = || async {
            let n: Vec<(i64,)> = RawQuery::new(format!("SELECT COUNT(*) FROM {table}")).fetch_all(c).await?;
            Ok::<_, entkit::Error>(n[0].0)
        };
        let before = count().await?;
        assert!(before > 10_000, "{before}");
        assert_eq!(migrator.down(c, 1).await?, [2]);
        assert_eq!(count().await?, before, "dropping a column keeps every row");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn fan_out_to_fifty_scopes_reports_the_failure_and_resumes() {
    for_each_backend(
        "fan_out_to_fifty_scopes_reports_the_failure_and_resumes",
        |ctx| async move {
            let backend = ctx.client.backend();
            let scopes: Vec<Client> = (0..50).map(|i| ctx.extra_scope(&format!("f{i}"))).collect();
            let names: Vec<&str> = scopes.iter().map(|s| s.scope_name().unwrap()).collect();
            // One scope already has a conflicting `accounts`: migration 1 fails there.
            let broken = &scopes[17];
            let conflict = Migrator::new({
                let mut set = MigrationSet::default();
                set.push(
                    99,
                    "squatter",
                    "CREATE TABLE accounts (other INTEGER)",
                    "DROP TABLE accounts",
                );
                set
            });
            conflict.up(broken, None).await?;

            let migrator = Migrator::new(two(backend));
            let progress = std::sync::Mutex::new(Vec::new());
            let report = migrator
                .up_many(&ctx.root, &names, 8, |done, total| {
                    progress.lock().unwrap().push((done, total))
                })
                .await;
            let failed: Vec<&str> = report.failed().map(|o| o.scope.as_str()).collect();
            let errors: Vec<String> = report
                .failed()
                .map(|o| format!("{:?}", o.result))
                .take(3)
                .collect();
            assert_eq!(
                failed,
                [names[17]],
                "exactly the broken scope failed: {errors:?}"
            );
            assert_eq!(progress.lock().unwrap().last(), Some(&(50, 50)));
            assert!(
                report
                    .outcomes
                    .iter()
                    .filter(|o| o.result.is_ok())
                    .all(|o| o.result.as_ref().unwrap() == &[1, 2])
            );

            // Repair the broken scope, run again: it catches up, the rest have nothing to do.
            broken
                .execute_raw(&format!("DROP TABLE {}", broken.qualified("accounts")))
                .await?;
            let mut set = two(backend);
            set.push(
                99,
                "squatter",
                "CREATE TABLE accounts (other INTEGER)",
                "DROP TABLE accounts",
            );
            let _ = set;
            let report = Migrator::new(two(backend))
                .up_many(&ctx.root, &names, 8, |_, _| {})
                .await;
            // The broken scope's history holds version 99, unknown to this set.
            let still: Vec<&str> = report.failed().map(|o| o.scope.as_str()).collect();
            assert_eq!(still, [names[17]]);
            Migrator::new({
                let mut set = MigrationSet::default();
                set.push(99, "squatter", "SELECT 1", "SELECT 1");
                set
            })
            .resolve(broken, 99, false)
            .await?;
            let report = Migrator::new(two(backend))
                .up_many(&ctx.root, &names, 8, |_, _| {})
                .await;
            assert!(
                report.all_succeeded(),
                "{:?}",
                report.failed().collect::<Vec<_>>()
            );
            for outcome in &report.outcomes {
                let expected: &[i64] = if outcome.scope == names[17] {
                    &[1, 2]
                } else {
                    &[]
                };
                assert_eq!(
                    outcome.result.as_ref().unwrap(),
                    expected,
                    "{}",
                    outcome.scope
                );
            }
            Ok(())
        },
    )
    .await;
}
