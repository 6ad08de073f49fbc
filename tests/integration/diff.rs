//! `diff` writes the next migration from the entities, and nothing when
//! nothing changed.

use entkit::{Backend, DiffOptions, Entity, MigrationSet, Migrator, diff};
use entkit_tests::for_each_backend;

mod v1 {
    use entkit::Entity;
    #[derive(Entity)]
    #[entity(table = "diff_users")]
    pub struct User {
        pub id: i64,
        pub name: String,
        pub age: i32,
    }
}

mod v2 {
    use entkit::Entity;
    /// + a column
    #[derive(Entity)]
    #[entity(table = "diff_users")]
    pub struct User {
        pub id: i64,
        pub name: String,
        pub age: i32,
        pub email: Option<String>,
    }
}

mod v3 {
    use entkit::Entity;
    /// + an index
    #[derive(Entity)]
    #[entity(table = "diff_users", index(fields = [email]))]
    pub struct User {
        pub id: i64,
        pub name: String,
        pub age: i32,
        pub email: Option<String>,
    }
}

mod v4 {
    use entkit::Entity;
    /// + an entity and an edge table
    #[derive(Entity)]
    #[entity(table = "diff_users", index(fields = [email]))]
    #[entity(many_to_many(groups = Group, table = "diff_user_groups"))]
    pub struct User {
        pub id: i64,
        pub name: String,
        pub age: i32,
        pub email: Option<String>,
        #[entity(edges)]
        pub edges: UserEdges,
    }

    #[derive(Entity)]
    #[entity(table = "diff_groups")]
    pub struct Group {
        pub id: i64,
        pub label: String,
    }
}

mod v5 {
    use entkit::Entity;
    /// age widened from i32 to i64
    #[derive(Entity)]
    #[entity(table = "diff_users", index(fields = [email]))]
    #[entity(many_to_many(groups = Group, table = "diff_user_groups"))]
    pub struct User {
        pub id: i64,
        pub name: String,
        pub age: i64,
        pub email: Option<String>,
        #[entity(edges)]
        pub edges: UserEdges,
    }

    #[derive(Entity)]
    #[entity(table = "diff_groups")]
    pub struct Group {
        pub id: i64,
        pub label: String,
    }
}

mod v6 {
    use entkit::Entity;
    /// `name` renamed to `full_name`, declared on the field.
    #[derive(Entity)]
    #[entity(table = "diff_users")]
    pub struct User {
        pub id: i64,
        #[entity(renamed_from = "name")]
        pub full_name: String,
        pub age: i32,
    }
}

#[tokio::test]
async fn declared_renames_become_rename_column() {
    for_each_backend("declared_renames_become_rename_column", |ctx| async move {
        let c = &ctx.client;
        let mut set = MigrationSet::default();
        let d = diff(c, &set, &[v1::User::def()], DiffOptions::default())
            .await?
            .expect("create");
        set.push(1, "create", &d.up, &d.down);
        let d = diff(c, &set, &[v6::User::def()], DiffOptions::default())
            .await?
            .expect("rename");
        assert!(
            d.up.contains("RENAME COLUMN") && d.up.contains("full_name"),
            "{}",
            d.up
        );
        assert!(
            !d.up.contains("DROP COLUMN") && d.skipped.is_empty(),
            "{} {:?}",
            d.up,
            d.skipped
        );
        set.push(2, "rename", &d.up, &d.down);
        let migrator = Migrator::new(set.clone());
        migrator.up(c, None).await?;
        assert!(
            diff(c, &set, &[v6::User::def()], DiffOptions::default())
                .await?
                .is_none()
        );
        migrator.down(c, 2).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn diff_writes_each_change_and_nothing_when_unchanged() {
    for_each_backend(
        "diff_writes_each_change_and_nothing_when_unchanged",
        |ctx| async move {
            let c = &ctx.client;
            let backend = c.backend();
            let options = DiffOptions::default();
            let mut set = MigrationSet::default();
            let step = |set: &mut MigrationSet, name: &str, d: entkit::Diff| {
                let version = set.migrations.len() as i64 + 1;
                set.push(version, name, &d.up, &d.down);
                d
            };

            let d = diff(c, &set, &[v1::User::def()], options)
                .await?
                .expect("add-table");
            assert!(
                d.up.contains("CREATE TABLE") && d.up.contains("diff_users"),
                "{}",
                d.up
            );
            assert!(d.down.contains("DROP TABLE"), "{}", d.down);
            step(&mut set, "create_users", d);
            assert!(
                diff(c, &set, &[v1::User::def()], options).await?.is_none(),
                "unchanged: no file"
            );

            let d = diff(c, &set, &[v2::User::def()], options)
                .await?
                .expect("add-column");
            assert!(
                d.up.contains("ADD COLUMN") && d.up.contains("email"),
                "{}",
                d.up
            );
            assert!(d.down.contains("DROP COLUMN"), "{}", d.down);
            step(&mut set, "add_email", d);

            let mut d = diff(c, &set, &[v3::User::def()], options)
                .await?
                .expect("add-index");
            if backend == Backend::MySql {
                // MySQL indexes strings as VARCHAR: LONGTEXT -> VARCHAR(255) narrows,
                // so it is reported, and written only when asked for.
                assert!(
                    d.skipped
                        .iter()
                        .any(|s| s.contains("longtext -> varchar(255)")),
                    "{:?}",
                    d.skipped
                );
                d = diff(
                    c,
                    &set,
                    &[v3::User::def()],
                    DiffOptions { destructive: true },
                )
                .await?
                .expect("add-index");
                assert!(d.up.contains("MODIFY COLUMN"), "{}", d.up);
            }
            assert!(
                d.up.contains("CREATE INDEX") && d.up.contains("diff_users_email_idx"),
                "{}",
                d.up
            );
            step(&mut set, "index_email", d);

            let d = diff(c, &set, &[v4::User::def()], options)
                .await?
                .expect("add-edge-table");
            assert!(
                d.up.contains("diff_groups") && d.up.contains("diff_user_groups"),
                "{}",
                d.up
            );
            assert!(
                d.up.contains("diff_user_groups_group_id_user_id_idx"),
                "{}",
                d.up
            );
            step(&mut set, "groups", d);

            let d = diff(c, &set, &[v5::User::def()], options)
                .await?
                .expect("type change");
            match backend {
                Backend::Sqlite => {
                    // SQLite cannot change a column type in place: reported, not written.
                    assert!(d.up.is_empty(), "{}", d.up);
                    assert!(
                        d.skipped.iter().any(|s| s.contains("diff_users.age")),
                        "{:?}",
                        d.skipped
                    );
                }
                _ => {
                    assert!(
                        d.up.contains("age") && d.up.contains("ALTER TABLE"),
                        "{}",
                        d.up
                    );
                    assert!(
                        d.skipped.is_empty(),
                        "widening is not destructive: {:?}",
                        d.skipped
                    );
                    step(&mut set, "widen_age", d);
                }
            }

            // The generated files apply, and the scope then matches the entities.
            let migrator = Migrator::new(set.clone());
            let applied = migrator.up(c, None).await?;
            assert_eq!(applied.len(), set.migrations.len());
            if backend != Backend::Sqlite {
                assert!(
                    diff(c, &set, &[v5::User::def()], options).await?.is_none(),
                    "no drift"
                );
            }
            // Down scripts revert cleanly.
            migrator.down(c, set.migrations.len()).await?;
            Ok(())
        },
    )
    .await;
}

/// Tables created by migration files written before entkit's MySQL text
/// compared exactly (`utf8mb4_bin`, PAD SPACE) get a conversion step, after
/// which trailing spaces count. Other backends have nothing to convert.
#[tokio::test]
async fn pad_space_tables_are_converted_to_exact_text() {
    for_each_backend(
        "pad_space_tables_are_converted_to_exact_text",
        |ctx| async move {
            let c = &ctx.client;
            let options = DiffOptions::default();
            let init = diff(c, &MigrationSet::default(), &[v1::User::def()], options)
                .await?
                .expect("create");
            // The DDL an earlier entkit wrote on MySQL.
            let old_up = init.up.replace(
                " /*!80000 COLLATE utf8mb4_0900_bin*/ /*M!100202 COLLATE utf8mb4_nopad_bin*/",
                " COLLATE=utf8mb4_bin",
            );
            assert_eq!(
                old_up != init.up,
                c.backend() == Backend::MySql,
                "{}",
                init.up
            );
            let mut set = MigrationSet::default();
            set.push(1, "create", &old_up, &init.down);
            let next = diff(c, &set, &[v1::User::def()], options).await?;
            if c.backend() != Backend::MySql {
                assert!(next.is_none(), "{next:?}");
                return Ok(());
            }
            let next = next.expect("a conversion step");
            assert!(
                next.up.contains("CONVERT TO CHARACTER SET utf8mb4"),
                "{}",
                next.up
            );
            assert!(next.down.contains("COLLATE utf8mb4_bin"), "{}", next.down);
            set.push(2, "exact_text", &next.up, &next.down);
            Migrator::new(set.clone()).up(c, None).await?;
            assert!(diff(c, &set, &[v1::User::def()], options).await?.is_none());

            v1::User::create().name("pad").age(1).save(c).await?;
            v1::User::create().name("pad  ").age(2).save(c).await?;
            let found = v1::User::query()
                .filter(v1::User::NAME.eq("pad"))
                .all(c)
                .await?;
            assert_eq!(found.iter().map(|u| u.age).collect::<Vec<_>>(), [1]);
            Ok(())
        },
    )
    .await;
}

mod tenant_v1 {
    use entkit::Entity;
    /// A tenant entity: on PostgreSQL its table gets row-level security.
    #[derive(Entity)]
    #[entity(table = "diff_accounts")]
    pub struct Account {
        pub id: i64,
        #[entity(tenant)]
        pub org: i64,
        pub name: String,
    }
}

mod tenant_v0 {
    use entkit::Entity;
    /// The same table before it had a tenant key.
    #[derive(Entity)]
    #[entity(table = "diff_accounts")]
    pub struct Account {
        pub id: i64,
        pub org: i64,
        pub name: String,
    }
}

#[tokio::test]
async fn tenant_tables_get_row_level_security_from_diff() {
    for_each_backend(
        "tenant_tables_get_row_level_security_from_diff",
        |ctx| async move {
            let c = &ctx.client;
            let options = DiffOptions::default();
            let postgres = c.backend() == Backend::Postgres;
            let mut set = MigrationSet::default();
            // Created as a tenant table: the create step and the security.
            let d = diff(c, &set, &[tenant_v1::Account::def()], options)
                .await?
                .expect("create");
            assert_eq!(
                d.up.contains("FORCE ROW LEVEL SECURITY"),
                postgres,
                "{}",
                d.up
            );
            assert_eq!(d.up.contains("CREATE POLICY"), postgres, "{}", d.up);
            assert_eq!(d.down.contains("DROP POLICY"), postgres, "{}", d.down);
            set.push(1, "accounts", &d.up, &d.down);
            assert!(
                diff(c, &set, &[tenant_v1::Account::def()], options)
                    .await?
                    .is_none(),
                "secured and unchanged: no file"
            );

            // A table that became a tenant table later gets only the security.
            let mut old = MigrationSet::default();
            let d = diff(c, &old, &[tenant_v0::Account::def()], options)
                .await?
                .expect("create");
            old.push(1, "accounts", &d.up, &d.down);
            let d = diff(c, &old, &[tenant_v1::Account::def()], options).await?;
            if postgres {
                let d = d.expect("the security step");
                assert!(!d.up.contains("CREATE TABLE"), "{}", d.up);
                assert!(d.up.contains("ENABLE ROW LEVEL SECURITY"), "{}", d.up);
                old.push(2, "secure_accounts", &d.up, &d.down);
                let migrator = Migrator::new(old.clone());
                let scope = ctx.extra_scope("diff_rls");
                migrator.up(&scope, None).await?;
                assert!(
                    diff(c, &old, &[tenant_v1::Account::def()], options)
                        .await?
                        .is_none()
                );
                migrator.down(&scope, 1).await?;
            } else {
                assert!(d.is_none(), "{d:?}");
            }
            Ok(())
        },
    )
    .await;
}
