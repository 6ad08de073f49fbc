//! Provisioning: tenant scopes on every backend, and PostgreSQL service
//! roles walled off from each other's schemas (the cross-service
//! permission errors), which migrate their own schema without any
//! privilege on the database.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use entkit::cli::App;
use entkit::{
    Backend, Client, Entity as _, Error, MigrationSet, Migrator, Provision, RawQuery, SeedFuture,
    Seeder, Seeders, ServiceRole,
};
use entkit_tests::{Ctx, Kind, for_each_backend, unique_name};
use futures_util::FutureExt as _;

use crate::entities::Note;

/// Runs `body`, then `cleanup` whatever happened (a failed assertion
/// included), then reports the body's outcome.
async fn with_cleanup<B, C>(body: B, cleanup: C) -> entkit::Result<()>
where
    B: Future<Output = entkit::Result<()>>,
    C: Future<Output = ()>,
{
    let outcome = AssertUnwindSafe(body).catch_unwind().await;
    cleanup.await;
    match outcome {
        Ok(result) => result,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// Seeds one note into the tenant's scope.
struct WelcomeNote;

impl Seeder for WelcomeNote {
    fn name(&self) -> &'static str {
        "welcome_note"
    }

    fn seed<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        Box::pin(async move {
            Note::create()
                .title("welcome")
                .score(1i32)
                .save(client)
                .await
                .map(drop)
        })
    }
}

/// One migration creating `tenant_items`, in the backend's dialect.
fn items_migrator(backend: Backend) -> Migrator {
    let up = match backend {
        Backend::Postgres | Backend::MySql => "CREATE TABLE tenant_items (id BIGINT PRIMARY KEY)",
        Backend::Sqlite => "CREATE TABLE tenant_items (id INTEGER PRIMARY KEY)",
    };
    let mut set = MigrationSet::default();
    set.push(1, "items", up, "DROP TABLE tenant_items");
    Migrator::new(set)
}

#[tokio::test]
async fn tenant_scopes_are_provisioned_listed_and_dropped() {
    for_each_backend(
        "tenant_scopes_are_provisioned_listed_and_dropped",
        |ctx| async move {
            let prefix = format!("{}_", unique_name("tn"));
            let tenants = ctx.root.tenant_scopes(&prefix)?;
            let cleanup = async {
                for tenant in ["acme", "b2"] {
                    let _ = tenants.drop(tenant).await;
                }
            };
            with_cleanup(tenant_case(&ctx, &prefix), cleanup).await
        },
    )
    .await;
}

async fn tenant_case(ctx: &Ctx, prefix: &str) -> entkit::Result<()> {
    let root = &ctx.root;
    let tenants = root.tenant_scopes(prefix)?;
    let (acme, b2) = (format!("{prefix}acme"), format!("{prefix}b2"));

    // Ids that do not make a valid scope name are refused before any SQL.
    assert_eq!(tenants.scope_for("acme")?, acme);
    let before = root.statement_count();
    let too_long = "x".repeat(64);
    for bad in ["", "Acme", "a-b", "a b", "x;DROP TABLE y", "é"] {
        match tenants.scope_for(bad) {
            Err(Error::InvalidIdentifier { kind, name, .. }) => {
                assert_eq!((kind, name.as_str()), ("tenant id", bad));
            }
            other => panic!("scope_for({bad:?}) = {other:?}"),
        }
        assert!(tenants.drop(bad).await.is_err());
    }
    assert!(matches!(
        tenants.scope_for(&too_long),
        Err(Error::InvalidIdentifier { kind: "scope", .. })
    ));
    assert_eq!(root.statement_count(), before, "refusals ran SQL");
    for bad in ["", "pg_", "bad prefix"] {
        assert!(
            matches!(
                root.tenant_scopes(bad),
                Err(Error::InvalidIdentifier { .. })
            ),
            "prefix {bad:?}"
        );
    }
    assert!(tenants.list().await?.is_empty());

    // One tenant by auto-migration with a seeder, one by versioned migrations.
    let entities = [Note::def()];
    let seeders = Seeders::new().add(WelcomeNote);
    let plan = Provision::auto_migrate(&entities).seeders(&seeders);
    let first = tenants.provision("acme", &plan).await?;
    assert_eq!(first.scope, acme);
    assert_eq!(first.client.scope_name(), Some(acme.as_str()));
    assert_eq!(first.created.created_tables, [format!("{acme}.notes")]);
    assert_eq!(first.seeded, ["welcome_note"]);
    let migrator = items_migrator(ctx.kind.backend());
    let second = tenants
        .provision("b2", &Provision::migrations(&migrator))
        .await?;
    assert_eq!(second.applied, [1]);

    // Idempotent: running again changes nothing.
    let again = tenants.provision("acme", &plan).await?;
    assert!(again.created.is_empty(), "{:?}", again.created);
    assert!(again.seeded.is_empty());
    let again = tenants
        .provision("b2", &Provision::migrations(&migrator))
        .await?;
    assert!(again.applied.is_empty());

    // Each tenant has its own tables, all through the root's one pool.
    let acme_client = tenants.client_for("acme")?;
    let before = root.statement_count();
    assert_eq!(Note::query().count(&acme_client).await?, 1);
    assert_eq!(
        root.statement_count(),
        before + 1,
        "the tenant's statement went through the root client's pool"
    );
    let items: Vec<(i64,)> = RawQuery::new(format!(
        "SELECT COUNT(*) FROM {}",
        second.client.qualified("tenant_items")
    ))
    .fetch_all(&second.client)
    .await?;
    assert_eq!(items, [(0,)]);
    assert!(
        Note::query().count(&second.client).await.is_err(),
        "tenant b2 has no notes table"
    );

    assert_eq!(tenants.list().await?, [acme.clone(), b2.clone()]);
    // Another prefix sees none of them.
    let other = root.tenant_scopes(&format!("{prefix}b"))?;
    assert_eq!(other.list().await?, std::slice::from_ref(&b2));

    tenants.drop("acme").await?;
    assert_eq!(tenants.list().await?, std::slice::from_ref(&b2));
    tenants.drop("acme").await?; // already gone: still fine
    tenants.drop("b2").await?;
    assert!(tenants.list().await?.is_empty());

    // Dropped, then provisioned again from scratch.
    let back = tenants.provision("acme", &plan).await?;
    assert_eq!(back.created.created_tables, [format!("{acme}.notes")]);
    assert_eq!(tenants.list().await?, [acme]);
    Ok(())
}

/// `url` (the administrator's) with `role:password` as its user.
fn url_as(url: &str, role: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a URL with ://");
    let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    format!("{scheme}://{role}:{password}@{host}")
}

/// A client logged in as `role`, bound to `scope`.
async fn connect_as(ctx: &Ctx, role: &ServiceRole, password: &str) -> entkit::Result<Client> {
    Client::builder(url_as(&ctx.url, role.role(), password))
        .max_connections(2)
        .scope(role.service())
        .connect()
        .await
}

/// The error must be the typed permission error, naming `object`.
#[track_caller]
fn expect_denied<T: std::fmt::Debug>(result: entkit::Result<T>, what: &str, object: &str) {
    match result {
        Err(Error::PermissionDenied { message }) => {
            assert!(message.contains(object), "{what}: {message}");
        }
        other => panic!("{what}: expected PermissionDenied, got {other:?}"),
    }
}

async fn one_bool(client: &Client, sql: &str, binds: &[&str]) -> entkit::Result<bool> {
    let mut query = RawQuery::new(sql);
    for bind in binds {
        query = query.bind(*bind);
    }
    let rows: Vec<(bool,)> = query.fetch_all(client).await?;
    Ok(rows[0].0)
}

async fn stored_password(admin: &Client, role: &str) -> entkit::Result<String> {
    let rows: Vec<(String,)> =
        RawQuery::new("SELECT rolpassword FROM pg_authid WHERE rolname = $1")
            .bind(role)
            .fetch_all(admin)
            .await?;
    Ok(rows[0].0.clone())
}

#[tokio::test]
async fn service_roles_get_permission_denied_in_other_services_schemas() {
    for_each_backend(
        "service_roles_get_permission_denied_in_other_services_schemas",
        |ctx| async move {
            let a_name = unique_name("svc_a");
            let b_name = unique_name("svc_b");
            let a = ServiceRole::new(&a_name, &format!("{a_name}_r"), "pw_a_1")?;
            let b = ServiceRole::new(&b_name, &format!("{b_name}_r"), "pw_b")?;
            if ctx.kind != Kind::Postgres {
                let before = ctx.root.statement_count();
                assert!(matches!(
                    a.provision(&ctx.root).await,
                    Err(Error::Unsupported {
                        operation: "service roles",
                        ..
                    })
                ));
                assert_eq!(ctx.root.statement_count(), before);
                return Ok(());
            }
            let cleanup = async {
                for role in [&a, &b] {
                    role.remove(&ctx.root)
                        .await
                        .unwrap_or_else(|e| panic!("remove {role:?}: {e}"));
                }
            };
            with_cleanup(roles_case(&ctx, &a, &b), cleanup).await
        },
    )
    .await;
}

async fn roles_case(ctx: &Ctx, a: &ServiceRole, b: &ServiceRole) -> entkit::Result<()> {
    let admin = &ctx.root;
    let report = a.provision(admin).await?;
    assert!(report.role_created && report.schema_created, "{report:?}");
    let report = b.provision(admin).await?;
    assert!(report.role_created && report.schema_created, "{report:?}");

    // The roles may not create schemas, so what follows proves that
    // migrating needs no privilege on the database.
    for role in [a, b] {
        let may_create = one_bool(
            admin,
            "SELECT has_database_privilege($1::name, current_database(), 'CREATE')",
            &[role.role()],
        )
        .await?;
        assert!(!may_create, "{} may create schemas", role.role());
    }

    // Idempotent, and rotates the password (stored only as a verifier).
    let stored = stored_password(admin, a.role()).await?;
    assert!(stored.starts_with("SCRAM-SHA-256$4096:"), "{stored}");
    let rotated = ServiceRole::new(a.service(), a.role(), "pw_a_2")?;
    let report = rotated.provision(admin).await?;
    assert!(!report.role_created && !report.schema_created && !report.schema_reassigned);
    assert!(report.revoked_on.is_empty(), "{report:?}");
    let after = stored_password(admin, a.role()).await?;
    assert!(after.starts_with("SCRAM-SHA-256$") && after != stored);
    assert!(!after.contains("pw_a_2"));

    let as_a = connect_as(ctx, a, "pw_a_2").await?;
    let as_b = connect_as(ctx, b, "pw_b").await?;

    // Creating the schema anew is refused to the role: the migrator must not try.
    let mut create_schema = String::from("CREATE SCHEMA IF NOT EXISTS ");
    Backend::Postgres.push_ident(&mut create_schema, a.service());
    expect_denied(
        as_a.execute_raw(&create_schema).await,
        "CREATE SCHEMA IF NOT EXISTS as the service role",
        "database",
    );

    // Each service migrates and auto-migrates its own schema.
    let report = as_a.auto_migrate(&[Note::def()]).await?;
    assert_eq!(report.created_tables, [format!("{}.notes", a.service())]);
    assert!(as_a.auto_migrate(&[Note::def()]).await?.is_empty());
    let migrator = items_migrator(Backend::Postgres);
    assert_eq!(migrator.up(&as_a, None).await?, [1]);
    assert!(migrator.up(&as_a, None).await?.is_empty());
    migrator.validate(&as_a).await?;
    as_b.auto_migrate(&[Note::def()]).await?;
    Note::create().title("b's").score(1i32).save(&as_b).await?;
    Note::create().title("a's").score(2i32).save(&as_a).await?;
    assert_eq!(Note::query().count(&as_a).await?, 1);

    // Service A in service B's schema: read, write, create are all denied.
    let a_in_b = as_a.scope(b.service())?;
    let schema_b = b.service();
    expect_denied(Note::query().count(&a_in_b).await, "read", schema_b);
    expect_denied(
        Note::create()
            .title("intruder")
            .score(3i32)
            .save(&a_in_b)
            .await,
        "write",
        schema_b,
    );
    expect_denied(
        Note::update_many().set_score(9i32).exec(&a_in_b).await,
        "update",
        schema_b,
    );
    let create = format!("CREATE TABLE {} (id bigint)", a_in_b.qualified("intruders"));
    expect_denied(a_in_b.execute_raw(&create).await, "create table", schema_b);
    expect_denied(
        a_in_b.auto_migrate(&[crate::entities::Tag::def()]).await,
        "auto-migrate",
        schema_b,
    );
    // The migrator's history table has nowhere to go: PostgreSQL leaves a
    // schema without USAGE out of the search path.
    assert!(migrator.up(&a_in_b, None).await.is_err());
    // Nothing of A's reached B.
    assert_eq!(Note::query().count(&as_b).await?, 1);
    let intruders = one_bool(
        admin,
        "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename IN ('intruders', 'tags', 'tenant_items', 'entkit_migrations'))",
        &[schema_b],
    )
    .await?;
    assert!(!intruders, "service A created a table in B's schema");

    // A grant to A on B's schema is taken back by provisioning A again.
    let mut grant = String::from("GRANT USAGE ON SCHEMA ");
    Backend::Postgres.push_ident(&mut grant, schema_b);
    grant.push_str(" TO ");
    Backend::Postgres.push_ident(&mut grant, a.role());
    admin.execute_raw(&grant).await?;
    let report = rotated.provision(admin).await?;
    assert_eq!(report.revoked_on, [schema_b.to_owned()]);
    let usage = one_bool(
        admin,
        "SELECT has_schema_privilege($1::name, $2::text, 'USAGE')",
        &[a.role(), schema_b],
    )
    .await?;
    assert!(!usage, "A keeps USAGE on B's schema");

    as_a.close().await;
    as_b.close().await;
    Ok(())
}

#[tokio::test]
async fn a_service_role_with_tenant_schemas_creates_and_keeps_them() {
    for_each_backend(
        "a_service_role_with_tenant_schemas_creates_and_keeps_them",
        |ctx| async move {
            if ctx.kind != Kind::Postgres {
                return Ok(());
            }
            let name = unique_name("svc_t");
            let role =
                ServiceRole::new(&name, &format!("{name}_r"), "pw_t_1")?.with_tenant_schemas(true);
            let cleanup = async {
                role.remove(&ctx.root)
                    .await
                    .unwrap_or_else(|e| panic!("remove {role:?}: {e}"));
            };
            with_cleanup(tenant_schemas_case(&ctx, &role), cleanup).await
        },
    )
    .await;
}

async fn tenant_schemas_case(ctx: &Ctx, role: &ServiceRole) -> entkit::Result<()> {
    let admin = &ctx.root;
    let may_create = |role: &ServiceRole| {
        let name = role.role().to_owned();
        async move {
            one_bool(
                admin,
                "SELECT has_database_privilege($1::name, current_database(), 'CREATE')",
                &[&name],
            )
            .await
        }
    };
    role.provision(admin).await?;
    assert!(
        may_create(role).await?,
        "the role may create its tenants' schemas"
    );

    // The service provisions a tenant's schema as itself.
    let service = connect_as(ctx, role, "pw_t_1").await?;
    let tenants = service.tenant_scopes(&format!("{}_t_", role.service()))?;
    let entities = [Note::def()];
    let acme = tenants
        .provision("acme", &Provision::auto_migrate(&entities))
        .await?;
    Note::create()
        .title("acme's")
        .score(1i32)
        .save(&acme.client)
        .await?;
    // An explicit grant makes the schema's privileges a list that names the
    // owner: provisioning again must not take the owner's rights away.
    let mut grant = String::from("GRANT USAGE ON SCHEMA ");
    Backend::Postgres.push_ident(&mut grant, &acme.scope);
    grant.push_str(" TO PUBLIC");
    service.execute_raw(&grant).await?;

    let rotated =
        ServiceRole::new(role.service(), role.role(), "pw_t_2")?.with_tenant_schemas(true);
    let report = rotated.provision(admin).await?;
    assert!(report.revoked_on.is_empty(), "{report:?}");
    assert_eq!(Note::query().count(&acme.client).await?, 1);

    // Without tenant schemas the role loses CREATE, keeps its own schemas.
    let narrowed = ServiceRole::new(role.service(), role.role(), "pw_t_2")?;
    let report = narrowed.provision(admin).await?;
    assert!(report.revoked_on.is_empty(), "{report:?}");
    assert!(
        !may_create(role).await?,
        "CREATE on the database stays granted"
    );
    assert_eq!(Note::query().count(&acme.client).await?, 1);
    service.close().await;

    // Removing the role removes the tenants' schemas it owns.
    role.remove(admin).await?;
    let left = one_bool(
        admin,
        "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)",
        &[&acme.scope],
    )
    .await?;
    assert!(!left, "the tenant's schema outlived its role");
    Ok(())
}

#[tokio::test]
async fn cli_provisions_a_service_role() {
    for_each_backend("cli_provisions_a_service_role", |ctx| async move {
        let service = unique_name("svc_cli");
        let role = format!("{service}_r");
        let dir = std::env::temp_dir().join(unique_name("roles"));
        std::fs::create_dir_all(&dir).unwrap();
        let secret = dir.join("password");
        std::fs::write(&secret, "pw_cli\n").unwrap();
        let handle = ServiceRole::new(&service, &role, "unused")?;
        let cleanup = async {
            if ctx.kind == Kind::Postgres {
                let _ = handle.remove(&ctx.root).await;
            }
            let _ = std::fs::remove_dir_all(&dir);
        };
        let case = async {
            let app = App::new(vec![]);
            let provision = |password: Vec<String>| {
                let mut args: Vec<String> = [
                    "service",
                    "--database-url",
                    ctx.url.as_str(),
                    "roles",
                    "provision",
                    "--service",
                    service.as_str(),
                    "--role",
                    role.as_str(),
                ]
                .map(String::from)
                .to_vec();
                args.extend(password);
                args
            };
            let file = vec!["--password-file".to_owned(), secret.display().to_string()];
            let mut out = Vec::new();
            let run = app.run_to(provision(file.clone()), &mut out).await;
            if ctx.kind != Kind::Postgres {
                assert!(matches!(run, Err(Error::Unsupported { .. })), "{run:?}");
                return Ok::<(), Error>(());
            }
            run?;
            let text = String::from_utf8(out).unwrap();
            assert_eq!(
                text,
                format!("created role {role}\ncreated schema {service}, owned by {role}\n")
            );
            let mut out = Vec::new();
            app.run_to(provision(file.clone()), &mut out).await?;
            let text = String::from_utf8(out).unwrap();
            assert_eq!(
                text,
                format!(
                    "role {role} exists: password set\nschema {service} already owned by {role}\n"
                )
            );
            assert!(!text.contains("pw_cli"));
            let stored = stored_password(&ctx.root, &role).await?;
            assert!(stored.starts_with("SCRAM-SHA-256$"), "{stored}");

            // A schema-per-tenant service's role may create schemas.
            let mut tenants = file.clone();
            tenants.push("--tenant-schemas".to_owned());
            let mut out = Vec::new();
            app.run_to(provision(tenants), &mut out).await?;
            let text = String::from_utf8(out).unwrap();
            assert!(
                text.ends_with(&format!("{role} may create schemas (one per tenant)\n")),
                "{text}"
            );
            let may_create = one_bool(
                &ctx.root,
                "SELECT has_database_privilege($1::name, current_database(), 'CREATE')",
                &[&role],
            )
            .await?;
            assert!(may_create, "--tenant-schemas grants CREATE on the database");

            let missing = vec![
                "--password-env".to_owned(),
                unique_name("NO_SUCH_PASSWORD_VAR").to_uppercase(),
            ];
            let err = app
                .run_to(provision(missing), &mut Vec::<u8>::new())
                .await
                .expect_err("an unset password variable is refused");
            assert!(err.to_string().contains("is not set"), "{err}");
            Ok(())
        };
        with_cleanup(case, cleanup).await
    })
    .await;
}
