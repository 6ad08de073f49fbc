//! Scopes: isolation between scopes on one pool, and refusal of bad names.

use entkit::{Client, Entity as _, Error};
use entkit_tests::{Kind, expect_not_found, for_each_backend, migrate_on};

use crate::entities::Note;

#[tokio::test]
async fn scopes_are_isolated() {
    for_each_backend("scopes_are_isolated", |ctx| async move {
        let a = ctx.extra_scope("a");
        let b = ctx.extra_scope("b");
        assert_ne!(a.scope_name(), b.scope_name());
        migrate_on(&a, &[Note::def()]).await;
        migrate_on(&b, &[Note::def()]).await;

        let in_a = Note::create()
            .title("only in a")
            .score(1i32)
            .save(&a)
            .await?;
        assert_eq!(Note::query().count(&a).await?, 1);
        assert_eq!(
            Note::query().count(&b).await?,
            0,
            "row of scope a visible in scope b"
        );
        assert!(Note::find(&b, in_a.id).await?.is_none());
        expect_not_found(Note::get(&b, in_a.id).await);
        assert!(
            !Note::query()
                .filter(Note::TITLE.eq("only in a"))
                .exists(&b)
                .await?
        );

        let in_b = Note::create()
            .title("only in b")
            .score(2i32)
            .save(&b)
            .await?;
        assert_eq!(Note::get(&a, in_a.id).await?.title, "only in a");
        assert_eq!(Note::get(&b, in_b.id).await?.title, "only in b");

        // Mutations stay in their scope too.
        assert_eq!(Note::update_many().set_score(9i32).exec(&b).await?, 1);
        assert_eq!(Note::get(&a, in_a.id).await?.score, 1);
        assert_eq!(Note::delete_many().exec(&a).await?, 1);
        assert_eq!(Note::query().count(&b).await?, 1);
        assert_eq!(Note::query().count(&a).await?, 0);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn invalid_scope_names_are_refused_without_sql() {
    for_each_backend(
        "invalid_scope_names_are_refused_without_sql",
        |ctx| async move {
            let root = &ctx.root;
            let too_long = "s".repeat(64);
            let before = root.statement_count();
            for bad in [
                "bad name",
                "a;b",
                "x\"y",
                "a`b",
                "",
                "1abc",
                "drop table x; --",
                too_long.as_str(),
            ] {
                match root.scope(bad) {
                    Err(Error::InvalidIdentifier { name, .. }) => assert_eq!(name, bad),
                    other => panic!("scope({bad:?}) = {other:?}, expected InvalidIdentifier"),
                }
                // Scoped clients refuse nested bad names the same way.
                assert!(matches!(
                    ctx.client.scope(bad),
                    Err(Error::InvalidIdentifier { .. })
                ));
            }
            assert_eq!(
                root.statement_count(),
                before,
                "refusing a scope name ran SQL"
            );

            // The counter does move when SQL runs, so the check above can fail.
            root.ping().await?;
            assert_eq!(root.statement_count(), before + 1, "ping is one statement");

            // The longest legal name is accepted.
            let longest = "s".repeat(63);
            assert_eq!(root.scope(&longest)?.scope_name(), Some(longest.as_str()));

            // The builder validates before connecting: even an unreachable URL
            // reports the bad name, not a connection error.
            let refused = Client::builder("postgres://u:pw@127.0.0.1:1/x")
                .scope("a;b")
                .connect()
                .await;
            assert!(
                matches!(refused, Err(Error::InvalidIdentifier { .. })),
                "{refused:?}"
            );
            Ok(())
        },
    )
    .await;
}

/// An entity whose table no other test creates, so its absence proves that
/// nothing was created in a system namespace.
#[derive(entkit::Entity)]
#[entity(table = "reserved_probe")]
pub struct ReservedProbe {
    pub id: i64,
}

/// System namespaces of every backend, in several cases: refused on all.
const RESERVED: &[&str] = &[
    "mysql",
    "MySQL",
    "sys",
    "SYS",
    "performance_schema",
    "information_schema",
    "INFORMATION_SCHEMA",
    "ndbinfo",
    "pg_catalog",
    "PG_CATALOG",
    "pg_toast",
    "pg_temp_1",
    "main",
    "MAIN",
    "temp",
    "Temp",
    "sqlite_master",
];

#[track_caller]
fn expect_refused<T: std::fmt::Debug>(what: &str, name: &str, result: entkit::Result<T>) {
    match result {
        Err(Error::InvalidIdentifier {
            kind: "scope",
            name: refused,
            ..
        }) => assert_eq!(refused, name, "{what}"),
        other => panic!("{what}({name:?}) = {other:?}, expected InvalidIdentifier"),
    }
}

/// One number from a raw query.
async fn count(client: &Client, sql: &str) -> entkit::Result<i64> {
    let rows: Vec<(i64,)> = entkit::RawQuery::new(sql).fetch_all(client).await?;
    Ok(rows[0].0)
}

#[tokio::test]
async fn system_namespaces_are_refused_as_scopes_everywhere() {
    for_each_backend(
        "system_namespaces_are_refused_as_scopes_everywhere",
        |ctx| async move {
            let root = &ctx.root;
            let mut set = entkit::MigrationSet::default();
            set.push(
                1,
                "probe",
                "CREATE TABLE reserved_probe (id BIGINT PRIMARY KEY)",
                "DROP TABLE reserved_probe",
            );
            let migrator = entkit::Migrator::new(set);
            let app = entkit::cli::App::new(vec![ReservedProbe::def()]);
            let before = root.statement_count();
            for &name in RESERVED {
                expect_refused("Client::scope", name, root.scope(name));
                expect_refused("scoped Client::scope", name, ctx.client.scope(name));
                let built = Client::builder(ctx.url.clone()).scope(name).connect().await;
                expect_refused("ClientBuilder::scope", name, built);

                // An entity whose default scope is a system namespace (the
                // derive refuses one at compile time; a hand-built def here).
                let def: &'static entkit::EntityDef =
                    Box::leak(Box::new(ReservedProbe::def().with_scope(name)));
                expect_refused("auto_migrate", name, root.auto_migrate(&[def]).await);

                let report = migrator.up_many(root, &[name], 1, |_, _| {}).await;
                assert_eq!(report.failed().count(), 1, "fan-out to {name:?} did not fail");
                let outcome = &report.outcomes[0];
                assert_eq!(outcome.scope, name);
                match &outcome.result {
                    Err(Error::InvalidIdentifier { .. }) => {}
                    other => panic!("fan-out to {name:?}: {other:?}"),
                }

                for command in [&["schema", "print"][..], &["migrate", "status"], &["seed"]] {
                    let args = ["svc", "--database-url", &ctx.url, "--scope", name]
                        .into_iter()
                        .chain(command.iter().copied());
                    let mut out = Vec::new();
                    let result = app.run_to(args, &mut out).await;
                    expect_refused("cli --scope", name, result);
                    assert!(out.is_empty(), "{command:?} printed {:?}", String::from_utf8_lossy(&out));
                }
            }
            assert_eq!(root.statement_count(), before, "refusing a reserved scope ran SQL");

            // Nothing was created anywhere, and the system namespaces are intact.
            let (probe, intact) = match ctx.kind {
                Kind::Postgres => (
                    "SELECT COUNT(*) FROM pg_catalog.pg_class WHERE relname = 'reserved_probe'",
                    "SELECT COUNT(*) - 3 FROM pg_catalog.pg_namespace \
                     WHERE nspname IN ('pg_catalog', 'information_schema', 'public')",
                ),
                Kind::MySql => (
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'reserved_probe'",
                    "SELECT COUNT(*) - 4 FROM information_schema.schemata WHERE schema_name \
                     IN ('mysql', 'sys', 'performance_schema', 'information_schema')",
                ),
                Kind::Sqlite => (
                    "SELECT (SELECT COUNT(*) FROM main.sqlite_master WHERE name = 'reserved_probe') \
                     + (SELECT COUNT(*) FROM temp.sqlite_master WHERE name = 'reserved_probe')",
                    "SELECT COUNT(*) - 1 FROM pragma_database_list WHERE name = 'main'",
                ),
            };
            assert_eq!(count(root, probe).await?, 0, "a probe table was created");
            assert_eq!(count(root, intact).await?, 0, "a system namespace is missing");
            Ok(())
        },
    )
    .await;
}

/// `url` with its database (the path) replaced by `database`.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let (authority, _) = base.rsplit_once('/').expect("a server URL with a path");
    format!("{authority}/{database}{query}")
}

#[tokio::test]
async fn drop_scope_leaves_the_default_namespace_alone() {
    for_each_backend(
        "drop_scope_leaves_the_default_namespace_alone",
        |ctx| async move {
            let root = &ctx.root;
            let refused_default = |result: entkit::Result<()>, name: &str| match result {
                Err(Error::InvalidIdentifier { name: n, reason, .. }) => {
                    assert_eq!(n, name);
                    assert!(reason.contains("default namespace"), "{reason}");
                }
                other => panic!("drop_scope on {name:?} = {other:?}"),
            };
            // No scope: nothing to drop.
            assert!(matches!(root.drop_scope().await, Err(Error::InvalidIdentifier { .. })));
            let before = root.statement_count();
            // The database the harness URL names (`test` by default).
            let url_db = entkit::ConnectUrl::parse(&ctx.url)?
                .database()
                .unwrap_or_default()
                .to_owned();
            let defaults = match ctx.kind {
                Kind::Postgres => vec!["public".to_owned(), "PUBLIC".to_owned()],
                Kind::MySql => vec![url_db.clone(), url_db.to_uppercase()],
                Kind::Sqlite => vec![],
            };
            for name in &defaults {
                refused_default(root.scope(name)?.drop_scope().await, name);
            }
            assert_eq!(root.statement_count(), before, "a refused drop ran SQL");
            let still_there = match ctx.kind {
                Kind::Postgres => "SELECT COUNT(*) FROM pg_namespace WHERE nspname = 'public'".to_owned(),
                Kind::MySql => format!(
                    "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '{url_db}'"
                ),
                Kind::Sqlite => "SELECT COUNT(*) FROM pragma_database_list WHERE name = 'main'".to_owned(),
            };
            assert_eq!(count(root, &still_there).await?, 1);

            // The explicit opt-in drops the default namespace, on a database
            // of the test's own.
            match ctx.kind {
                Kind::Sqlite => {
                    root.execute_raw("CREATE TABLE keep_me (id INTEGER PRIMARY KEY)").await?;
                    root.drop_scope().await.unwrap_err();
                    assert_eq!(count(root, "SELECT COUNT(*) FROM keep_me").await?, 0);
                    root.drop_default_namespace().await?;
                    assert!(root.execute_raw("SELECT * FROM keep_me").await.is_err());
                }
                Kind::MySql => {
                    ctx.create_scope().await?;
                    let own = ctx.scope_name().unwrap().to_owned();
                    let other = Client::connect(&with_database(&ctx.url, &own)).await?;
                    refused_default(other.scope(&own)?.drop_scope().await, &own);
                    other.execute_raw("CREATE TABLE keep_me (id INT PRIMARY KEY)").await?;
                    other.drop_default_namespace().await?;
                    other.close().await;
                    let gone = format!(
                        "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '{own}'"
                    );
                    assert_eq!(count(root, &gone).await?, 0);
                }
                Kind::Postgres => {
                    let db = entkit_tests::unique_name("dropdefault");
                    root.execute_raw(&format!("CREATE DATABASE \"{db}\"")).await?;
                    let outcome: entkit::Result<i64> = async {
                        let other = Client::connect(&with_database(&ctx.url, &db)).await?;
                        other.execute_raw("CREATE TABLE public.keep_me (id int)").await?;
                        refused_default(other.scope("public")?.drop_scope().await, "public");
                        other.drop_default_namespace().await?;
                        let left = count(
                            &other,
                            "SELECT COUNT(*) FROM pg_namespace WHERE nspname = 'public'",
                        )
                        .await?;
                        other.close().await;
                        Ok(left)
                    }
                    .await;
                    root.execute_raw(&format!("DROP DATABASE \"{db}\" WITH (FORCE)")).await?;
                    assert_eq!(outcome?, 0, "public survived drop_default_namespace");
                }
            }
            Ok(())
        },
    )
    .await;
}
