//! The embeddable command line on every backend, called the way a
//! service's `main` would, with the output captured.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use entkit::cli::App;
use entkit::{Backend, Client, Entity, MigrationSet, RawQuery, SeedFuture, Seeder, Seeders};
use entkit_tests::{Ctx, for_each_backend};

/// The entity the command line's schema describes.
#[derive(Entity)]
#[entity(table = "cli_notes")]
pub struct CliNote {
    pub id: i64,
    #[entity(max_len = 100)]
    pub title: String,
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(entkit_tests::unique_name("cli"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One hand-written migration creating `cli_notes`, with its entkit.sum.
fn write_migrations(dir: &Path, backend: Backend) {
    let up = match backend {
        Backend::Postgres => "CREATE TABLE cli_notes (id bigint PRIMARY KEY, title text NOT NULL)",
        Backend::MySql => {
            "CREATE TABLE cli_notes (id BIGINT PRIMARY KEY, title VARCHAR(100) NOT NULL)"
        }
        Backend::Sqlite => "CREATE TABLE cli_notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL)",
    };
    let mut set = MigrationSet::default();
    set.push(1, "create_notes", up, "DROP TABLE cli_notes");
    set.write_to(dir).unwrap();
}

/// Where the command line connects, and a client to check what it did.
/// SQLite uses a file (each `sqlite::memory:` client is private).
struct Target {
    args: Vec<String>,
    client: Client,
    dir: PathBuf,
}

impl Drop for Target {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn target(ctx: &Ctx) -> entkit::Result<Target> {
    let dir = tempdir();
    let (url, client) = match ctx.kind.backend() {
        Backend::Sqlite => {
            let url = format!("sqlite://{}/cli.db", dir.display());
            let client = Client::connect(&url).await?;
            (url, client)
        }
        _ => (ctx.url.clone(), ctx.client.clone()),
    };
    let mut args = vec!["service".to_owned(), "--database-url".to_owned(), url];
    if let Some(scope) = ctx.scope_name() {
        args.extend(["--scope".to_owned(), scope.to_owned()]);
    }
    Ok(Target { args, client, dir })
}

/// Runs `app` with the target's global options and `command`; returns the
/// output, panicking (with the output) unless the command succeeded.
async fn run(app: &App, target: &Target, command: &[&str]) -> entkit::Result<String> {
    let (code, text) = run_code(app, target, command).await?;
    assert_eq!(code, ExitCode::SUCCESS, "{command:?} failed:\n{text}");
    Ok(text)
}

async fn run_code(
    app: &App,
    target: &Target,
    command: &[&str],
) -> entkit::Result<(ExitCode, String)> {
    let args = target
        .args
        .iter()
        .map(String::as_str)
        .chain(command.iter().copied());
    let mut out = Vec::new();
    let code = app.run_to(args, &mut out).await?;
    Ok((code, String::from_utf8(out).unwrap()))
}

async fn notes_exist(client: &Client) -> bool {
    let table = client.qualified("cli_notes");
    RawQuery::new(format!("SELECT id FROM {table} WHERE 1 = 0"))
        .execute(client)
        .await
        .is_ok()
}

#[tokio::test]
async fn cli_runs_status_up_down_and_validate() {
    for_each_backend("cli_runs_status_up_down_and_validate", |ctx| async move {
        let t = target(&ctx).await?;
        write_migrations(&t.dir, ctx.kind.backend());
        let app = App::new(vec![CliNote::def()]).migrations(&t.dir);

        let status = run(&app, &t, &["migrate", "status"]).await?;
        assert!(status.contains("VERSION  NAME"), "{status}");
        assert!(
            status.contains("1        create_notes  pending"),
            "{status}"
        );
        assert!(status.ends_with("1 pending\n"), "{status}");

        let up = run(&app, &t, &["migrate", "up"]).await?;
        assert!(up.starts_with("applied 1_create_notes ("), "{up}");
        assert!(notes_exist(&t.client).await, "the table exists");
        let again = run(&app, &t, &["migrate", "up"]).await?;
        assert_eq!(again, "nothing to apply\n");

        let status = run(&app, &t, &["migrate", "status"]).await?;
        assert!(status.contains("create_notes  applied  20"), "{status}");
        assert!(status.contains(" UTC  "), "applied at: {status}");
        assert!(status.ends_with("1 applied\n"), "{status}");

        let ok = run(&app, &t, &["migrate", "validate"]).await?;
        assert!(ok.starts_with("ok: 1 migrations"), "{ok}");
        let redo = run(&app, &t, &["migrate", "redo"]).await?;
        assert_eq!(redo, "redone 1_create_notes\n");
        let down = run(&app, &t, &["migrate", "down"]).await?;
        assert_eq!(down, "reverted 1_create_notes\n");
        assert!(!notes_exist(&t.client).await, "the table is gone");
        let down = run(&app, &t, &["migrate", "down", "3"]).await?;
        assert_eq!(down, "nothing to revert\n");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn cli_prints_the_schema() {
    for_each_backend("cli_prints_the_schema", |ctx| async move {
        let t = target(&ctx).await?;
        let app = App::new(vec![CliNote::def()]);
        let own = run(&app, &t, &["schema", "print"]).await?;
        let mut table = String::new();
        ctx.kind.backend().push_ident(&mut table, "cli_notes");
        assert!(own.contains("CREATE TABLE"), "{own}");
        assert!(own.contains(&table), "{own}");
        assert_eq!(
            own,
            ctx.client
                .schema_ddl(&[CliNote::def()])
                .iter()
                .map(|s| format!("{s};\n\n"))
                .collect::<String>()
        );
        // SQLite needs no server, whatever the connection.
        let sqlite = run(&app, &t, &["schema", "print", "--dialect", "sqlite"]).await?;
        assert!(sqlite.contains("\"cli_notes\""), "{sqlite}");
        Ok(())
    })
    .await;
}

/// Writes one row, once.
struct OneNote;

impl Seeder for OneNote {
    fn name(&self) -> &'static str {
        "one_note"
    }

    fn seed<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        Box::pin(async move {
            CliNote::create().title("seeded").save(client).await?;
            Ok(())
        })
    }

    fn truncate<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        Box::pin(async move {
            CliNote::delete_many().exec(client).await?;
            Ok(())
        })
    }
}

#[tokio::test]
async fn cli_diff_writes_a_migration_then_finds_no_changes() {
    for_each_backend(
        "cli_diff_writes_a_migration_then_finds_no_changes",
        |ctx| async move {
            let t = target(&ctx).await?;
            let app = App::new(vec![CliNote::def()])
                .migrations_root(&t.dir)
                .seeders(Seeders::new().add(OneNote));
            let dir = t.dir.join(entkit::cli::dialect_dir(ctx.kind.backend()));

            let wrote = run(&app, &t, &["migrate", "diff", "init"]).await?;
            assert!(wrote.contains("_init.up.sql"), "{wrote}");
            let set = MigrationSet::from_dir(&dir)?;
            set.verify_sum()?;
            assert_eq!(set.migrations.len(), 1);
            assert_eq!(set.migrations[0].name, "init");

            run(&app, &t, &["migrate", "up"]).await?;
            let none = run(&app, &t, &["migrate", "diff", "again"]).await?;
            assert_eq!(none, "no changes\n");
            assert_eq!(MigrationSet::from_dir(&dir)?, set, "nothing written");

            let seeded = run(&app, &t, &["seed", "--env", "test"]).await?;
            assert_eq!(seeded, "seeded one_note\n");
            let again = run(&app, &t, &["seed", "--env", "test"]).await?;
            assert!(again.starts_with("nothing to seed"), "{again}");
            assert_eq!(CliNote::query().count(&t.client).await?, 1);
            let refused = run_code(&app, &t, &["seed", "--env", "production", "--truncate"]).await;
            assert!(refused.is_err(), "production needs --force");
            let truncated = run(&app, &t, &["seed", "--truncate", "--env", "test"]).await?;
            assert_eq!(truncated, "truncated one_note\n");
            assert_eq!(CliNote::query().count(&t.client).await?, 0);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn cli_fans_out_to_many_scopes() {
    for_each_backend("cli_fans_out_to_many_scopes", |ctx| async move {
        let t = target(&ctx).await?;
        write_migrations(&t.dir, ctx.kind.backend());
        let app = App::new(vec![CliNote::def()]).migrations(&t.dir);
        let scopes: Vec<Client> = (0..3)
            .map(|i| ctx.extra_scope(&format!("fan{i}")))
            .collect();
        let names: Vec<&str> = scopes.iter().filter_map(|c| c.scope_name()).collect();
        let list = names.join(",");
        let args = [
            "migrate",
            "fan-out",
            "--scopes",
            &list,
            "--concurrency",
            "2",
        ];
        let out = run(&app, &t, &args).await?;
        assert!(out.contains("scopes 1/3\n"), "{out}");
        assert!(out.contains("scopes 3/3\n"), "{out}");
        assert!(out.ends_with("all 3 scopes are up to date\n"), "{out}");
        let out = run(&app, &t, &args).await?;
        assert!(
            out.contains(&format!("ok {}: 0 applied", names[0])),
            "{out}"
        );
        if ctx.kind.backend() != Backend::Sqlite {
            // On SQLite these scopes live beside the file, not in ctx's database.
            for scoped in &scopes {
                assert!(notes_exist(scoped).await);
            }
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn cli_reports_usage_like_clap() {
    let app = App::new(vec![CliNote::def()]);
    let mut out = Vec::new();
    let code = app.run_to(["service", "--help"], &mut out).await.unwrap();
    assert_eq!(code, ExitCode::SUCCESS);
    let help = String::from_utf8(out).unwrap();
    for command in ["migrate", "schema", "seed", "--database-url", "--scope"] {
        assert!(help.contains(command), "{help}");
    }
    let mut out = Vec::new();
    let code = app
        .run_to(["service", "migrate", "resolve", "7"], &mut out)
        .await
        .unwrap();
    assert_eq!(
        code,
        ExitCode::from(2),
        "--applied or --rolled-back is required"
    );
    let code = app
        .run_to(
            [
                "service",
                "migrate",
                "resolve",
                "7",
                "--applied",
                "--rolled-back",
            ],
            &mut out,
        )
        .await
        .unwrap();
    assert_eq!(code, ExitCode::from(2), "not both");
    // Without a migration directory, migrate commands explain what is missing.
    let err = app
        .run_to(["service", "migrate", "status"], &mut out)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("App::migrations"), "{err}");
}

#[test]
fn embed_migrations_matches_the_directory() {
    let embedded = entkit::embed_migrations!("../migrations/identity/sqlite").unwrap();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/identity/sqlite");
    assert_eq!(embedded, MigrationSet::from_dir(dir).unwrap());
    embedded.verify_sum().unwrap();
    assert!(!embedded.migrations.is_empty());
}

#[tokio::test]
async fn schema_print_renders_every_dialect_without_a_server() {
    let app = App::new(vec![CliNote::def()]);
    for (dialect, marker) in [
        ("postgres", "bigint GENERATED BY DEFAULT AS IDENTITY"),
        ("mysql", "AUTO_INCREMENT"),
        ("sqlite", "AUTOINCREMENT"),
    ] {
        let mut out = Vec::new();
        // An unreachable URL: rendering needs no connection.
        let code = app
            .run_to(
                [
                    "svc",
                    "--database-url",
                    "postgres://nobody@127.0.0.1:1/x",
                    "schema",
                    "print",
                    "--dialect",
                    dialect,
                ],
                &mut out,
            )
            .await
            .expect("schema print");
        assert_eq!(code, ExitCode::SUCCESS);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(marker), "{dialect}: {text}");
    }
}

/// A service can spawn the CLI: its futures are `Send`.
#[allow(dead_code)]
fn cli_futures_are_send(app: &App) {
    fn send<T: Send>(_: &T) {}
    let mut out = Vec::new();
    send(&app.run_to(["svc", "migrate", "fan-out", "--scopes", "a,b"], &mut out));
    send(&app.run_from(["svc", "migrate", "status"]));
}
