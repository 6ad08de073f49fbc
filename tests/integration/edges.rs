//! Edges on every backend: generated DDL read back from the catalog, every
//! edge kind, on-delete actions, traversal, edge predicates, and eager
//! loading with its statement count.

use entkit::{Backend, Client, ConstraintKind, Entity, RawQuery};
use entkit_tests::{Ctx, expect_constraint, for_each_backend};

use crate::seed::{self, AuditLog, Group, Membership, Permission, Post, Profile, Role, User};

/// Names of `table`'s constraints as (name, type, on-delete), normalised:
/// type is `p`rimary / `u`nique / `f`oreign, on-delete is the SQL action.
async fn constraints(ctx: &Ctx, table: &str) -> entkit::Result<Vec<(String, String, String)>> {
    let c = &ctx.client;
    let scope = ctx.scope_name().unwrap_or("main").to_owned();
    let mut rows: Vec<(String, String, String)> = match c.backend() {
        Backend::Postgres => {
            RawQuery::new(
                "SELECT c.conname::text, c.contype::text, \
                 CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' \
                 WHEN 'r' THEN 'RESTRICT' WHEN 'a' THEN 'NO ACTION' ELSE '' END \
                 FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
                 JOIN pg_namespace n ON n.oid = t.relnamespace \
                 WHERE n.nspname = $1 AND t.relname = $2",
            )
            .bind(scope)
            .bind(table.to_owned())
            .fetch_all(c)
            .await?
        }
        Backend::MySql => {
            let rows: Vec<(String, String, String)> = RawQuery::new(
                "SELECT CAST(tc.CONSTRAINT_NAME AS CHAR), CAST(tc.CONSTRAINT_TYPE AS CHAR), \
                 CAST(COALESCE(rc.DELETE_RULE, '') AS CHAR) \
                 FROM information_schema.TABLE_CONSTRAINTS tc \
                 LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc \
                 ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME \
                 WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ?",
            )
            .bind(scope)
            .bind(table.to_owned())
            .fetch_all(c)
            .await?;
            rows.into_iter()
                .map(|(name, kind, rule)| {
                    let kind = match kind.as_str() {
                        "PRIMARY KEY" => "p",
                        "UNIQUE" => "u",
                        "FOREIGN KEY" => "f",
                        _ => "?",
                    };
                    let name = if name == "PRIMARY" {
                        format!("{table}_pkey")
                    } else {
                        name
                    };
                    (name, kind.to_owned(), rule)
                })
                .collect()
        }
        Backend::Sqlite => {
            // SQLite keeps no constraint names for foreign keys: name them by column.
            let fks: Vec<(String, String)> =
                RawQuery::new("SELECT \"from\", on_delete FROM pragma_foreign_key_list(?, ?)")
                    .bind(table.to_owned())
                    .bind(scope.clone())
                    .fetch_all(c)
                    .await?;
            let pk: Vec<(String,)> =
                RawQuery::new("SELECT name FROM pragma_table_info(?, ?) WHERE pk > 0")
                    .bind(table.to_owned())
                    .bind(scope)
                    .fetch_all(c)
                    .await?;
            let mut out: Vec<(String, String, String)> = fks
                .into_iter()
                .map(|(column, rule)| (format!("{table}_{column}_fkey"), "f".to_owned(), rule))
                .collect();
            if !pk.is_empty() {
                out.push((format!("{table}_pkey"), "p".to_owned(), String::new()));
            }
            out
        }
    };
    rows.retain(|(_, kind, _)| kind != "c" && kind != "CHECK");
    rows.sort();
    Ok(rows)
}

/// Index names of `table` (primary-key indexes left out).
async fn indexes(ctx: &Ctx, table: &str) -> entkit::Result<Vec<String>> {
    let c = &ctx.client;
    let scope = ctx.scope_name().unwrap_or("main").to_owned();
    let sql = match c.backend() {
        Backend::Postgres => {
            "SELECT indexname::text FROM pg_indexes WHERE schemaname = $1 AND tablename = $2"
        }
        Backend::MySql => {
            "SELECT DISTINCT CAST(INDEX_NAME AS CHAR) FROM information_schema.STATISTICS \
             WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
        }
        Backend::Sqlite => "SELECT name FROM pragma_index_list(?2, ?1)",
    };
    let rows: Vec<(String,)> = RawQuery::new(sql)
        .bind(scope)
        .bind(table.to_owned())
        .fetch_all(c)
        .await?;
    let mut names: Vec<String> = rows
        .into_iter()
        .map(|(n,)| n)
        .filter(|n| !n.ends_with("_pkey") && n != "PRIMARY" && !n.starts_with("sqlite_autoindex"))
        .collect();
    names.sort();
    Ok(names)
}

fn triple(name: &str, kind: &str, rule: &str) -> (String, String, String) {
    (name.to_owned(), kind.to_owned(), rule.to_owned())
}

#[tokio::test]
async fn generated_ddl_matches_the_catalog() {
    for_each_backend("generated_ddl_matches_the_catalog", |ctx| async move {
        let report = ctx.migrate(&seed::all()).await;
        for table in [
            "user_roles",
            "role_permissions",
            "user_friends",
            "user_follows",
        ] {
            assert!(
                report.created_tables.contains(&ctx.reported(table)),
                "{table}: {report:?}"
            );
        }
        // Join tables: composite primary key, both foreign keys cascading.
        assert_eq!(
            constraints(&ctx, "user_roles").await?,
            [
                triple("user_roles_pkey", "p", ""),
                triple("user_roles_role_id_fkey", "f", "CASCADE"),
                triple("user_roles_user_id_fkey", "f", "CASCADE"),
            ]
        );
        // The reverse pair is indexed, so lookups from either side use an index.
        let join_indexes = indexes(&ctx, "user_roles").await?;
        assert!(
            join_indexes.contains(&"user_roles_role_id_user_id_idx".to_owned()),
            "{join_indexes:?}"
        );
        let self_ref = constraints(&ctx, "user_friends").await?;
        assert_eq!(
            self_ref,
            [
                triple("user_friends_friend_id_fkey", "f", "CASCADE"),
                triple("user_friends_pkey", "p", ""),
                triple("user_friends_user_id_fkey", "f", "CASCADE"),
            ]
        );
        // belongs_to: the foreign key with its action, and an index on it.
        let logs = constraints(&ctx, "audit_logs").await?;
        assert!(
            logs.contains(&triple("audit_logs_actor_id_fkey", "f", "CASCADE")),
            "{logs:?}"
        );
        assert!(
            indexes(&ctx, "audit_logs")
                .await?
                .contains(&"audit_logs_actor_id_idx".to_owned())
        );
        let posts = constraints(&ctx, "posts").await?;
        assert!(
            posts.contains(&triple("posts_author_id_fkey", "f", "SET NULL")),
            "{posts:?}"
        );
        let profiles = constraints(&ctx, "profiles").await?;
        assert!(
            profiles.contains(&triple("profiles_user_id_fkey", "f", "RESTRICT")),
            "{profiles:?}"
        );
        // One-to-one: the foreign key is unique.
        assert!(
            indexes(&ctx, "profiles")
                .await?
                .contains(&"profiles_user_id_key".to_owned())
        );
        // Running again changes nothing, edge tables included.
        let again = ctx.migrate(&seed::all()).await;
        assert!(again.is_empty(), "{again:?}");
        Ok(())
    })
    .await;
}

async fn user(c: &Client, name: &str) -> entkit::Result<User> {
    User::create().name(name).save(c).await
}

fn names<T>(items: &[std::sync::Arc<T>], name: impl Fn(&T) -> &str) -> Vec<String> {
    items.iter().map(|i| name(i).to_owned()).collect()
}

#[tokio::test]
async fn every_edge_kind_round_trips() {
    for_each_backend("every_edge_kind_round_trips", |ctx| async move {
        ctx.migrate(&seed::all()).await;
        let c = &ctx.client;
        let (ada, bob, cy) = (
            user(c, "ada").await?,
            user(c, "bob").await?,
            user(c, "cy").await?,
        );
        let admin = Role::create().name("admin").save(c).await?;
        let dev = Role::create().name("dev").save(c).await?;

        // many-to-many, both sides; adding twice keeps one link.
        ada.add_roles(c, [admin.id, dev.id]).await?;
        ada.add_roles(c, [admin.id]).await?;
        assert_eq!(ada.query_roles().count(c).await?, 2);
        assert_eq!(
            admin
                .query_users()
                .all(c)
                .await?
                .iter()
                .map(|u| u.id)
                .collect::<Vec<_>>(),
            [ada.id]
        );
        assert_eq!(ada.remove_roles(c, [dev.id]).await?, 1);
        admin.add_users(c, [bob.id]).await?; // from the inverse side
        assert_eq!(bob.query_roles().all(c).await?[0].name, "admin");
        ada.set_roles(c, [dev.id]).await?;
        let roles: Vec<String> = ada
            .query_roles()
            .all(c)
            .await?
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert_eq!(roles, ["dev"]);
        assert_eq!(ada.clear_roles(c).await?, 1);
        assert_eq!(ada.query_roles().count(c).await?, 0);

        // A key that does not exist is a foreign-key violation, not a silent no-op.
        expect_constraint(
            ada.add_roles(c, [987_654]).await,
            ConstraintKind::ForeignKey,
        );

        // Symmetric self-reference: A–B makes B a friend of A.
        ada.add_friends(c, [bob.id]).await?;
        assert_eq!(bob.query_friends().all(c).await?[0].id, ada.id);
        assert_eq!(ada.query_friends().all(c).await?[0].id, bob.id);
        bob.remove_friends(c, [ada.id]).await?;
        assert_eq!(ada.query_friends().count(c).await?, 0);

        // Directed self-reference: following / followers.
        ada.add_following(c, [bob.id, cy.id]).await?;
        assert_eq!(ada.query_following().count(c).await?, 2);
        assert_eq!(bob.query_followers().all(c).await?[0].id, ada.id);
        assert_eq!(bob.query_following().count(c).await?, 0);

        // One-to-many through the foreign key; add and remove move it.
        let post = Post::create().title("hello").save(c).await?;
        ada.add_posts(c, [post.id]).await?;
        assert_eq!(Post::get(c, post.id).await?.author_id, Some(ada.id));
        assert_eq!(ada.remove_posts(c, [post.id]).await?, 1);
        assert_eq!(Post::get(c, post.id).await?.author_id, None);
        AuditLog::create()
            .actor_id(ada.id)
            .action("login")
            .save(c)
            .await?;
        assert_eq!(ada.query_audit_logs().all(c).await?[0].action, "login");
        // A required foreign key cannot be cleared through the edge.
        assert!(matches!(
            ada.clear_audit_logs(c).await,
            Err(entkit::Error::InvalidEdge { .. })
        ));

        // One-to-one: a second profile for the same user violates the unique key.
        Profile::create()
            .user_id(ada.id)
            .bio("math")
            .save(c)
            .await?;
        let dup = expect_constraint(
            Profile::create().user_id(ada.id).bio("again").save(c).await,
            ConstraintKind::Unique,
        );
        assert_eq!(dup.constraint.as_deref(), Some("profiles_user_id_key"));
        assert_eq!(ada.query_profile().one(c).await?.bio, "math");

        // Through an entity that carries data.
        let ops = Group::create().name("ops").save(c).await?;
        let m = Membership::create()
            .user_id(ada.id)
            .group_id(ops.id)
            .granted_by(bob.id)
            .save(c)
            .await?;
        assert_eq!(ada.query_groups().one(c).await?.name, "ops");
        assert_eq!(ops.query_members().one(c).await?.id, ada.id);
        assert_eq!(Membership::get(c, m.id).await?.granted_by, Some(bob.id));
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn on_delete_actions() {
    for_each_backend("on_delete_actions", |ctx| async move {
        ctx.migrate(&seed::all()).await;
        let c = &ctx.client;
        let ada = user(c, "ada").await?;
        let admin = Role::create().name("admin").save(c).await?;
        ada.add_roles(c, [admin.id]).await?;
        AuditLog::create()
            .actor_id(ada.id)
            .action("a")
            .save(c)
            .await?;
        let post = Post::create().author_id(ada.id).title("t").save(c).await?;

        // restrict: a profile keeps its user alive.
        let profile = Profile::create().user_id(ada.id).bio("b").save(c).await?;
        expect_constraint(
            User::delete_by_id(c, ada.id).await,
            ConstraintKind::ForeignKey,
        );
        profile.delete(c).await?;

        User::delete_by_id(c, ada.id).await?;
        // cascade: the audit log and the join row went with the user.
        assert_eq!(AuditLog::query().count(c).await?, 0);
        assert_eq!(admin.query_users().count(c).await?, 0);
        // set null: the post stays, authorless.
        assert_eq!(Post::get(c, post.id).await?.author_id, None);
        // The role itself is untouched.
        assert!(Role::find(c, admin.id).await?.is_some());
        Ok(())
    })
    .await;
}

/// ada: admin, dev; bob: dev; cy: none. admin: users.read, users.write; dev: code.push.
async fn seed_roles(c: &Client) -> entkit::Result<(User, User, User)> {
    let (ada, bob, cy) = (
        user(c, "ada").await?,
        user(c, "bob").await?,
        user(c, "cy").await?,
    );
    let admin = Role::create().name("admin").save(c).await?;
    let dev = Role::create().name("dev").save(c).await?;
    let mut perms = Vec::new();
    for name in ["users.read", "users.write", "code.push"] {
        perms.push(Permission::create().name(name).save(c).await?.id);
    }
    admin.add_permissions(c, [perms[0], perms[1]]).await?;
    dev.add_permissions(c, [perms[2]]).await?;
    ada.add_roles(c, [admin.id, dev.id]).await?;
    bob.add_roles(c, [dev.id]).await?;
    Ok((ada, bob, cy))
}

#[tokio::test]
async fn traversal_and_edge_predicates() {
    for_each_backend("traversal_and_edge_predicates", |ctx| async move {
        ctx.migrate(&seed::all()).await;
        let c = &ctx.client;
        let (ada, _bob, _cy) = seed_roles(c).await?;
        let names = |users: Vec<User>| users.into_iter().map(|u| u.name).collect::<Vec<_>>();

        let admins = User::query()
            .filter(User::ROLES.any(Role::NAME.eq("admin")))
            .all(c)
            .await?;
        assert_eq!(names(admins), ["ada"]);
        let with_roles = User::query()
            .filter(User::ROLES.exists())
            .order_by(User::NAME.asc())
            .all(c)
            .await?;
        assert_eq!(names(with_roles), ["ada", "bob"]);
        let without = User::query()
            .filter(User::ROLES.exists().not())
            .all(c)
            .await?;
        assert_eq!(names(without), ["cy"]);
        // Two levels: users holding a role that grants users.write.
        let writers = User::query()
            .filter(User::ROLES.any(Role::PERMISSIONS.any(Permission::NAME.eq("users.write"))))
            .all(c)
            .await?;
        assert_eq!(names(writers), ["ada"]);

        // A user's roles' permissions, filtered further.
        let perms: Vec<String> = ada
            .query_roles()
            .traverse(Role::PERMISSIONS)
            .filter(Permission::NAME.ne("code.push"))
            .order_by(Permission::NAME.asc())
            .all(c)
            .await?
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(perms, ["users.read", "users.write"]);
        // From a query of users to their permissions.
        let bobs: Vec<String> = User::query()
            .filter(User::NAME.eq("bob"))
            .traverse(User::ROLES)
            .traverse(Role::PERMISSIONS)
            .all(c)
            .await?
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(bobs, ["code.push"]);
        // belongs_to predicates.
        AuditLog::create()
            .actor_id(ada.id)
            .action("x")
            .save(c)
            .await?;
        let logs = AuditLog::query()
            .filter(AuditLog::ACTOR.any(User::NAME.eq("ada")))
            .count(c)
            .await?;
        assert_eq!(logs, 1);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn eager_loading_is_one_statement_per_level() {
    for_each_backend(
        "eager_loading_is_one_statement_per_level",
        |ctx| async move {
            ctx.migrate(&seed::all()).await;
            let c = &ctx.client;
            let (ada, bob, cy) = seed_roles(c).await?;
            AuditLog::create()
                .actor_id(bob.id)
                .action("login")
                .save(c)
                .await?;

            let before = c.statement_count();
            let users = User::query()
                .order_by(User::NAME.asc())
                .with(User::ROLES, |roles| {
                    roles
                        .order_by(Role::NAME.asc())
                        .with(Role::PERMISSIONS, |p| p.order_by(Permission::NAME.asc()))
                })
                .all(c)
                .await?;
            let statements = c.statement_count() - before;
            eprintln!(
                "[{}] users -> roles -> permissions: {statements} statements",
                ctx.name()
            );
            assert_eq!(statements, 3, "one statement per level");

            assert_eq!(
                users.iter().map(|u| u.id).collect::<Vec<_>>(),
                [ada.id, bob.id, cy.id]
            );
            let ada_roles = users[0].edges.roles()?;
            assert_eq!(names(ada_roles, |r: &Role| &r.name), ["admin", "dev"]);
            assert_eq!(
                names(ada_roles[0].edges.permissions()?, |p: &Permission| &p.name),
                ["users.read", "users.write"]
            );
            assert_eq!(
                names(ada_roles[1].edges.permissions()?, |p: &Permission| &p.name),
                ["code.push"]
            );
            assert_eq!(names(users[1].edges.roles()?, |r: &Role| &r.name), ["dev"]);
            assert!(users[2].edges.roles()?.is_empty(), "loaded, and empty");
            assert!(
                users[0].edges.audit_logs().is_err(),
                "not asked for, not loaded"
            );

            // A keyset page loads its edges too.
            let page = User::query()
                .order_by(User::NAME.asc())
                .with(User::ROLES, |r| r.order_by(Role::NAME.asc()))
                .paginate(c, entkit::PageRequest::first(2))
                .await?;
            assert_eq!(page.items.len(), 2);
            assert_eq!(
                names(page.items[0].edges.roles()?, |r: &Role| &r.name),
                ["admin", "dev"]
            );
            assert_eq!(
                names(page.items[1].edges.roles()?, |r: &Role| &r.name),
                ["dev"]
            );

            // Filter, order and a per-parent limit inside a level.
            let users = User::query()
                .order_by(User::NAME.asc())
                .with(User::ROLES, |r| {
                    r.filter(Role::NAME.ne("nobody"))
                        .order_by(Role::NAME.desc())
                        .limit(1)
                })
                .with(User::AUDIT_LOGS, |l| l)
                .all(c)
                .await?;
            assert_eq!(names(users[0].edges.roles()?, |r: &Role| &r.name), ["dev"]);
            assert_eq!(names(users[1].edges.roles()?, |r: &Role| &r.name), ["dev"]);
            assert_eq!(users[1].edges.audit_logs()?.len(), 1);

            // belongs_to loads the single parent.
            let logs = AuditLog::query()
                .with(AuditLog::ACTOR, |u| u)
                .all(c)
                .await?;
            assert_eq!(logs[0].edges.actor()?.map(|u| u.name.as_str()), Some("bob"));

            // Parents sharing one neighbour (two logs of bob) each get it; a
            // per-parent limit over one hop keeps the newest log per user.
            for action in ["logout", "login again"] {
                AuditLog::create()
                    .actor_id(bob.id)
                    .action(action)
                    .save(c)
                    .await?;
            }
            let logs = AuditLog::query()
                .order_by(AuditLog::ID.asc())
                .with(AuditLog::ACTOR, |u| u)
                .all(c)
                .await?;
            assert_eq!(logs.len(), 3);
            for log in &logs {
                assert_eq!(log.edges.actor()?.map(|u| u.id), Some(bob.id));
            }
            let users = User::query()
                .order_by(User::NAME.asc())
                .with(User::AUDIT_LOGS, |l| {
                    l.order_by(AuditLog::ID.desc()).limit(1)
                })
                .all(c)
                .await?;
            let newest: Vec<Vec<String>> = users
                .iter()
                .map(|u| Ok(names(u.edges.audit_logs()?, |l: &AuditLog| &l.action)))
                .collect::<entkit::Result<_>>()?;
            assert_eq!(newest, [vec![], vec!["login again".to_owned()], vec![]]);
            Ok(())
        },
    )
    .await;
}

/// Inserts `n` users (and every tenth of them the `member` role) in one
/// statement per table, with the backend's own row generator.
async fn many_users(ctx: &Ctx, n: i64, role: i64) -> entkit::Result<()> {
    let c = &ctx.client;
    let (users, user_roles) = (ctx.table("users"), ctx.table("user_roles"));
    let insert_users = match c.backend() {
        Backend::Postgres => {
            format!("INSERT INTO {users} (name) SELECT 'u' || g FROM generate_series(1, {n}) g")
        }
        // MariaDB caps recursive CTEs (max_recursive_iterations): cross-join digits.
        Backend::MySql => {
            let digits = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL \
                          SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL \
                          SELECT 8 UNION ALL SELECT 9)";
            format!(
                "INSERT INTO {users} (name) SELECT CONCAT('u', k) FROM (SELECT a.d + 10 * b.d + 100 * c.d \
                 + 1000 * e.d + 10000 * f.d + 1 AS k FROM {digits} a, {digits} b, {digits} c, {digits} e, \
                 {digits} f) seq WHERE k <= {n}"
            )
        }
        Backend::Sqlite => format!(
            "WITH RECURSIVE seq (k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq WHERE k < {n}) \
             INSERT INTO {users} (name) SELECT 'u' || k FROM seq"
        ),
    };
    c.execute_raw(&insert_users).await?;
    c.execute_raw(&format!(
        "INSERT INTO {user_roles} (user_id, role_id) SELECT id, {role} FROM {users} WHERE id % 10 = 0"
    ))
    .await?;
    Ok(())
}

#[tokio::test]
async fn eager_loading_a_hundred_thousand_parents() {
    for_each_backend(
        "eager_loading_a_hundred_thousand_parents",
        |ctx| async move {
            ctx.migrate(&seed::all()).await;
            let c = &ctx.client;
            if c.backend() == Backend::MySql {
                // MariaDB's default recursion cap is far higher; MySQL 8's is 1000.
                c.execute_raw("SET SESSION max_recursive_iterations = 200000")
                    .await
                    .ok();
            }
            let member = Role::create().name("member").save(c).await?;
            many_users(&ctx, 100_000, member.id).await?;

            let before = c.statement_count();
            let users = User::query().with(User::ROLES, |r| r).all(c).await?;
            let statements = c.statement_count() - before;
            eprintln!("[{}] 100000 parents: {statements} statements", ctx.name());
            assert_eq!(users.len(), 100_000);
            let with_role = users
                .iter()
                .filter(|u| u.edges.roles().is_ok_and(|r| r.len() == 1))
                .count();
            assert_eq!(with_role, 10_000);
            assert!(
                users.iter().all(|u| u.edges.roles.is_some()),
                "every parent is marked loaded"
            );
            // PostgreSQL binds all keys as one array; the others chunk under their bind limits.
            let expected = match c.backend() {
                Backend::Postgres => 2,
                Backend::MySql => 1 + 100_000u64.div_ceil(32_767),
                Backend::Sqlite => 1 + 100_000u64.div_ceil(16_383),
            };
            assert_eq!(statements, expected);
            Ok(())
        },
    )
    .await;
}

/// A role hierarchy: each `RoleLink` row makes `parent` a parent of
/// `child`. Both sides of the link point at `AccessRole`, so the `through`
/// edges name which `belongs_to` edge leads from the row and which to the
/// neighbour.
#[derive(Entity)]
#[entity(many_to_many(parents = AccessRole, through = RoleLink, from = child, to = parent))]
#[entity(many_to_many(children = AccessRole, through = RoleLink, from = parent, to = child))]
#[entity(many_to_many(reviewed = Project, through = Review, from = reviewer))]
pub struct AccessRole {
    pub id: i64,
    #[entity(unique, max_len = 100)]
    pub name: String,
    #[entity(edges)]
    pub edges: AccessRoleEdges,
}

/// A link of the hierarchy, with data of its own.
#[derive(Entity)]
#[entity(index(fields = [child_id, parent_id], unique))]
pub struct RoleLink {
    pub id: i64,
    #[entity(belongs_to(AccessRole, edge = child, on_delete = cascade))]
    pub child_id: i64,
    #[entity(belongs_to(AccessRole, edge = parent, on_delete = cascade))]
    pub parent_id: i64,
    pub note: Option<String>,
    #[entity(edges)]
    pub edges: RoleLinkEdges,
}

/// A project reviewed by roles: the `through` entity has two `belongs_to`
/// edges to `AccessRole` (who reviews, who asked), so the edges name the
/// one they follow; the side to `Project` is its only edge there.
#[derive(Entity)]
#[entity(many_to_many(reviewers = AccessRole, through = Review, to = reviewer))]
pub struct Project {
    pub id: i64,
    pub name: String,
    #[entity(edges)]
    pub edges: ProjectEdges,
}

#[derive(Entity)]
pub struct Review {
    pub id: i64,
    #[entity(belongs_to(Project, on_delete = cascade))]
    pub project_id: i64,
    // The author first: the named side is not merely the first edge to `AccessRole`.
    #[entity(belongs_to(AccessRole, edge = author, on_delete = cascade))]
    pub author_id: i64,
    #[entity(belongs_to(AccessRole, edge = reviewer, on_delete = cascade))]
    pub reviewer_id: i64,
    #[entity(edges)]
    pub edges: ReviewEdges,
}

fn role_names(roles: Vec<AccessRole>) -> Vec<String> {
    roles.into_iter().map(|r| r.name).collect()
}

/// admin → editor → viewer: admin's parent is editor, editor's is viewer.
async fn hierarchy(c: &Client) -> entkit::Result<[AccessRole; 3]> {
    let mut roles = Vec::new();
    for name in ["admin", "editor", "viewer"] {
        roles.push(AccessRole::create().name(name).save(c).await?);
    }
    for (child, parent) in [(0, 1), (1, 2)] {
        RoleLink::create()
            .child_id(roles[child].id)
            .parent_id(roles[parent].id)
            .save(c)
            .await?;
    }
    Ok(roles
        .try_into()
        .unwrap_or_else(|_| unreachable!("three roles")))
}

#[tokio::test]
async fn self_referencing_through_edges_follow_their_named_sides() {
    for_each_backend(
        "self_referencing_through_edges_follow_their_named_sides",
        |ctx| async move {
            let report = ctx.migrate(&[AccessRole::def()]).await;
            // The through entity is reached from the edges and gets a foreign
            // key per side, each to the roles table.
            assert!(
                report.created_tables.contains(&ctx.reported("role_links")),
                "{report:?}"
            );
            let foreign_keys: Vec<_> = constraints(&ctx, "role_links")
                .await?
                .into_iter()
                .filter(|(_, kind, _)| kind == "f")
                .collect();
            assert_eq!(
                foreign_keys,
                [
                    triple("role_links_child_id_fkey", "f", "CASCADE"),
                    triple("role_links_parent_id_fkey", "f", "CASCADE"),
                ]
            );
            let c = &ctx.client;
            let [admin, editor, viewer] = hierarchy(c).await?;

            // Traversal, both directions: never the row itself.
            assert_eq!(role_names(admin.query_parents().all(c).await?), ["editor"]);
            assert_eq!(role_names(editor.query_parents().all(c).await?), ["viewer"]);
            assert!(viewer.query_parents().all(c).await?.is_empty());
            assert!(admin.query_children().all(c).await?.is_empty());
            assert_eq!(role_names(editor.query_children().all(c).await?), ["admin"]);
            assert_eq!(
                role_names(viewer.query_children().all(c).await?),
                ["editor"]
            );
            assert_eq!(editor.query_parents().count(c).await?, 1);
            assert_eq!(editor.query_children().count(c).await?, 1);
            // Two hops: admin's grandparent.
            let grandparents = admin
                .query_parents()
                .traverse(AccessRole::PARENTS)
                .all(c)
                .await?;
            assert_eq!(role_names(grandparents), ["viewer"]);

            // Edge predicates: roles with a parent named viewer, roles with children.
            let under_viewer = AccessRole::query()
                .filter(AccessRole::PARENTS.any(AccessRole::NAME.eq("viewer")))
                .all(c)
                .await?;
            assert_eq!(role_names(under_viewer), ["editor"]);
            let with_children = AccessRole::query()
                .filter(AccessRole::CHILDREN.exists())
                .order_by(AccessRole::NAME.asc())
                .all(c)
                .await?;
            assert_eq!(role_names(with_children), ["editor", "viewer"]);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn self_referencing_through_edges_load_eagerly() {
    for_each_backend(
        "self_referencing_through_edges_load_eagerly",
        |ctx| async move {
            ctx.migrate(&[AccessRole::def()]).await;
            let c = &ctx.client;
            hierarchy(c).await?;
            let loaded_names =
                |roles: &[std::sync::Arc<AccessRole>]| names(roles, |r: &AccessRole| &r.name);

            // Both directions in one query, one statement per edge.
            let before = c.statement_count();
            let roles = AccessRole::query()
                .order_by(AccessRole::NAME.asc())
                .with(AccessRole::PARENTS, |p| p)
                .with(AccessRole::CHILDREN, |p| p)
                .all(c)
                .await?;
            assert_eq!(c.statement_count() - before, 3);
            let by_role: Vec<(String, Vec<String>, Vec<String>)> = roles
                .iter()
                .map(|r| {
                    Ok((
                        r.name.clone(),
                        loaded_names(r.edges.parents()?),
                        loaded_names(r.edges.children()?),
                    ))
                })
                .collect::<entkit::Result<_>>()?;
            let row = |name: &str, parents: &[&str], children: &[&str]| {
                (
                    name.to_owned(),
                    parents.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                    children.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                )
            };
            assert_eq!(
                by_role,
                [
                    row("admin", &["editor"], &[]),
                    row("editor", &["viewer"], &["admin"]),
                    row("viewer", &[], &["editor"]),
                ]
            );

            // Two levels: each role's parents and their parents.
            let before = c.statement_count();
            let roles = AccessRole::query()
                .order_by(AccessRole::NAME.asc())
                .with(AccessRole::PARENTS, |p| p.with(AccessRole::PARENTS, |g| g))
                .all(c)
                .await?;
            assert_eq!(c.statement_count() - before, 3, "one statement per level");
            let admin_parents = roles[0].edges.parents()?;
            assert_eq!(loaded_names(admin_parents), ["editor"]);
            assert_eq!(loaded_names(admin_parents[0].edges.parents()?), ["viewer"]);
            let editor_parents = roles[1].edges.parents()?;
            assert_eq!(loaded_names(editor_parents), ["viewer"]);
            assert!(editor_parents[0].edges.parents()?.is_empty());
            assert!(roles[2].edges.parents()?.is_empty());

            // Two levels down from the top.
            let viewer = AccessRole::query()
                .filter(AccessRole::NAME.eq("viewer"))
                .with(AccessRole::CHILDREN, |ch| {
                    ch.with(AccessRole::CHILDREN, |g| g)
                })
                .one(c)
                .await?;
            let children = viewer.edges.children()?;
            assert_eq!(loaded_names(children), ["editor"]);
            assert_eq!(loaded_names(children[0].edges.children()?), ["admin"]);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn through_edges_follow_the_named_side_among_two_to_one_entity() {
    for_each_backend(
        "through_edges_follow_the_named_side_among_two_to_one_entity",
        |ctx| async move {
            ctx.migrate(&[Project::def()]).await;
            let c = &ctx.client;
            let [admin, editor, viewer] = hierarchy(c).await?;
            let (site, docs) = (
                Project::create().name("site").save(c).await?,
                Project::create().name("docs").save(c).await?,
            );
            // admin asks editor and viewer to review the site; editor asks viewer for the docs.
            for (project, reviewer, author) in [
                (&site, &editor, &admin),
                (&site, &viewer, &admin),
                (&docs, &viewer, &editor),
            ] {
                Review::create()
                    .project_id(project.id)
                    .reviewer_id(reviewer.id)
                    .author_id(author.id)
                    .save(c)
                    .await?;
            }
            let reviewers = |q: entkit::Query<AccessRole>| q.order_by(AccessRole::NAME.asc());
            assert_eq!(
                role_names(reviewers(site.query_reviewers()).all(c).await?),
                ["editor", "viewer"]
            );
            assert_eq!(role_names(docs.query_reviewers().all(c).await?), ["viewer"]);
            // The reviewer side, never the author side.
            assert!(admin.query_reviewed().all(c).await?.is_empty());
            assert_eq!(editor.query_reviewed().count(c).await?, 1);
            assert_eq!(viewer.query_reviewed().count(c).await?, 2);

            let projects = Project::query()
                .order_by(Project::NAME.asc())
                .with(Project::REVIEWERS, |r| r.order_by(AccessRole::NAME.asc()))
                .all(c)
                .await?;
            let loaded: Vec<Vec<String>> = projects
                .iter()
                .map(|p| Ok(names(p.edges.reviewers()?, |r: &AccessRole| &r.name)))
                .collect::<entkit::Result<_>>()?;
            assert_eq!(
                loaded,
                [
                    vec!["viewer".to_owned()],
                    vec!["editor".to_owned(), "viewer".to_owned()]
                ]
            );
            Ok(())
        },
    )
    .await;
}

/// A team of a schema made before entkit: its join table's columns have
/// names of their own.
#[derive(Entity)]
#[entity(table = "legacy_teams")]
#[entity(many_to_many(
    players = LegacyPlayer,
    table = "legacy_rosters",
    source_column = "team_ref",
    target_column = "player_ref"
))]
pub struct LegacyTeam {
    pub id: i64,
    pub name: String,
    #[entity(edges)]
    pub edges: LegacyTeamEdges,
}

#[derive(Entity)]
#[entity(table = "legacy_players")]
#[entity(many_to_many(teams = LegacyTeam, inverse = players))]
pub struct LegacyPlayer {
    pub id: i64,
    pub name: String,
    #[entity(edges)]
    pub edges: LegacyPlayerEdges,
}

#[tokio::test]
async fn join_table_columns_can_be_named() {
    for_each_backend("join_table_columns_can_be_named", |ctx| async move {
        ctx.migrate(&[LegacyTeam::def(), LegacyPlayer::def()]).await;
        let c = &ctx.client;
        let reds = LegacyTeam::create().name("reds").save(c).await?;
        let ann = LegacyPlayer::create().name("ann").save(c).await?;
        let bo = LegacyPlayer::create().name("bo").save(c).await?;
        reds.add_players(c, [ann.id, bo.id]).await?;

        // The links are in the columns the attribute names.
        let table = match ctx.scope_name() {
            Some(scope) if c.backend() != Backend::Sqlite => format!("{scope}.legacy_rosters"),
            Some(scope) => format!("\"{scope}\".legacy_rosters"),
            None => "legacy_rosters".to_owned(),
        };
        let mut links: Vec<(i64, i64)> =
            RawQuery::new(format!("SELECT team_ref, player_ref FROM {table}"))
                .fetch_all(c)
                .await?;
        links.sort();
        assert_eq!(links, [(reds.id, ann.id), (reds.id, bo.id)]);

        // Both sides traverse, load and change through them.
        assert_eq!(ann.query_teams().all(c).await?[0].name, "reds");
        let loaded = LegacyTeam::query()
            .with(LegacyTeam::PLAYERS, |players| players)
            .one(c)
            .await?;
        assert_eq!(loaded.edges.players()?.len(), 2);
        assert_eq!(bo.remove_teams(c, [reds.id]).await?, 1);
        assert_eq!(reds.query_players().count(c).await?, 1);
        Ok(())
    })
    .await;
}
