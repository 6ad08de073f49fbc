//! Constraint violations surface as typed `Error::Constraint`s.

use entkit::{ConstraintKind, Entity as _};
use entkit_tests::{Kind, expect_constraint, for_each_backend};

use crate::entities::{Member, Tag, save_member};

#[tokio::test]
async fn unique_field_violation_names_its_index() {
    for_each_backend("unique_field_violation_names_its_index", |ctx| async move {
        ctx.migrate(&[Member::def()]).await;
        let c = &ctx.client;
        let first = save_member(c, "a@x.io", "o1", "h1").await?;

        let err = expect_constraint(
            save_member(c, "a@x.io", "o2", "h2").await,
            ConstraintKind::Unique,
        );
        assert_eq!(
            err.constraint.as_deref(),
            Some("members_email_key"),
            "{err:?}"
        );
        assert_eq!(err.table.as_deref(), Some("members"), "{err:?}");
        assert!(!err.message.is_empty());
        assert_eq!(
            Member::query().count(c).await?,
            1,
            "the duplicate was not written"
        );

        // The same through an update.
        let second = save_member(c, "b@x.io", "o2", "h2").await?;
        let err = expect_constraint(
            Member::update_by_id(second.id)
                .set_email("a@x.io")
                .save(c)
                .await,
            ConstraintKind::Unique,
        );
        assert_eq!(
            err.constraint.as_deref(),
            Some("members_email_key"),
            "{err:?}"
        );
        assert_eq!(Member::get(c, second.id).await?.email, "b@x.io");
        assert_eq!(Member::get(c, first.id).await?.email, "a@x.io");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn composite_unique_index_violation_names_the_index() {
    for_each_backend(
        "composite_unique_index_violation_names_the_index",
        |ctx| async move {
            ctx.migrate(&[Member::def()]).await;
            let c = &ctx.client;
            save_member(c, "a@x.io", "acme", "root").await?;
            // Same org, other handle and vice versa: fine.
            save_member(c, "b@x.io", "acme", "ops").await?;
            save_member(c, "c@x.io", "other", "root").await?;

            let err = expect_constraint(
                save_member(c, "d@x.io", "acme", "root").await,
                ConstraintKind::Unique,
            );
            assert_eq!(
                err.constraint.as_deref(),
                Some("members_org_handle_key"),
                "{err:?}"
            );
            assert_eq!(Member::query().count(c).await?, 3);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn duplicate_provided_primary_key() {
    for_each_backend("duplicate_provided_primary_key", |ctx| async move {
        ctx.migrate(&[Tag::def()]).await;
        let c = &ctx.client;
        let t = Tag::create().id("rust").label("Rust").save(c).await?;
        assert_eq!(t.id, "rust");
        assert_eq!(Tag::get(c, "rust".to_owned()).await?.label, "Rust");

        let err = expect_constraint(
            Tag::create().id("rust").label("again").save(c).await,
            ConstraintKind::Unique,
        );
        match ctx.kind {
            // MySQL/MariaDB always call the primary key PRIMARY.
            Kind::MySql => assert!(err.constraint.is_some(), "{err:?}"),
            Kind::Postgres | Kind::Sqlite => {
                assert_eq!(err.constraint.as_deref(), Some("tags_pkey"), "{err:?}")
            }
        }
        assert_eq!(
            Tag::get(c, "rust".to_owned()).await?.label,
            "Rust",
            "original row untouched"
        );
        assert_eq!(Tag::query().count(c).await?, 1);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn not_null_violation_names_the_column() {
    for_each_backend("not_null_violation_names_the_column", |ctx| async move {
        ctx.migrate(&[Member::def()]).await;
        let sql = format!(
            "INSERT INTO {} (email, org, handle) VALUES (NULL, 'o', 'h')",
            ctx.table("members")
        );
        let err = expect_constraint(ctx.client.execute_raw(&sql).await, ConstraintKind::NotNull);
        assert_eq!(err.column.as_deref(), Some("email"), "{err:?}");
        assert_eq!(Member::query().count(&ctx.client).await?, 0);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn check_violation_names_the_constraint() {
    for_each_backend("check_violation_names_the_constraint", |ctx| async move {
        ctx.create_scope().await?;
        let c = &ctx.client;
        let t = ctx.table("chk_items");
        c.execute_raw(&format!(
            "CREATE TABLE {t} (id INTEGER PRIMARY KEY, qty INTEGER NOT NULL, \
             CONSTRAINT chk_items_qty_positive CHECK (qty > 0))"
        ))
        .await?;
        assert_eq!(
            c.execute_raw(&format!("INSERT INTO {t} (id, qty) VALUES (1, 5)"))
                .await?,
            1
        );

        let err = expect_constraint(
            c.execute_raw(&format!("INSERT INTO {t} (id, qty) VALUES (2, -1)"))
                .await,
            ConstraintKind::Check,
        );
        // PostgreSQL and MariaDB report the name; SQLite puts it in the message.
        assert_eq!(
            err.constraint.as_deref(),
            Some("chk_items_qty_positive"),
            "{err:?}"
        );
        assert!(err.message.contains("chk_items_qty_positive"), "{err:?}");

        let err = expect_constraint(
            c.execute_raw(&format!("UPDATE {t} SET qty = 0 WHERE id = 1"))
                .await,
            ConstraintKind::Check,
        );
        assert_eq!(
            err.constraint.as_deref(),
            Some("chk_items_qty_positive"),
            "{err:?}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn foreign_key_violation() {
    for_each_backend("foreign_key_violation", |ctx| async move {
        ctx.create_scope().await?;
        let c = &ctx.client;
        let parent = ctx.table("fk_parent");
        let child = ctx.table("fk_child");
        c.execute_raw(&format!("CREATE TABLE {parent} (id INTEGER PRIMARY KEY)"))
            .await?;
        c.execute_raw(&format!(
            "CREATE TABLE {child} (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL, \
             CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES {parent} (id))"
        ))
        .await?;
        c.execute_raw(&format!("INSERT INTO {parent} (id) VALUES (1)"))
            .await?;
        c.execute_raw(&format!(
            "INSERT INTO {child} (id, parent_id) VALUES (1, 1)"
        ))
        .await?;

        let named = matches!(ctx.kind, Kind::Postgres | Kind::MySql);
        // A child pointing nowhere.
        let err = expect_constraint(
            c.execute_raw(&format!(
                "INSERT INTO {child} (id, parent_id) VALUES (2, 99)"
            ))
            .await,
            ConstraintKind::ForeignKey,
        );
        if named {
            assert_eq!(
                err.constraint.as_deref(),
                Some("fk_child_parent"),
                "{err:?}"
            );
        }
        // A parent still referenced.
        let err = expect_constraint(
            c.execute_raw(&format!("DELETE FROM {parent} WHERE id = 1"))
                .await,
            ConstraintKind::ForeignKey,
        );
        if named {
            assert_eq!(
                err.constraint.as_deref(),
                Some("fk_child_parent"),
                "{err:?}"
            );
        }
        Ok(())
    })
    .await;
}

/// The constraint name must come from the server's report of the key, not
/// from the duplicated value, which the message quotes verbatim.
#[tokio::test]
async fn duplicate_value_cannot_spoof_the_constraint_name() {
    for_each_backend(
        "duplicate_value_cannot_spoof_the_constraint_name",
        |ctx| async move {
            ctx.migrate(&[Member::def()]).await;
            let c = &ctx.client;
            let email = "a for key 'evil'@x.io";
            save_member(c, email, "o1", "h1").await?;
            let err = expect_constraint(
                save_member(c, email, "o2", "h2").await,
                ConstraintKind::Unique,
            );
            assert_eq!(
                err.constraint.as_deref(),
                Some("members_email_key"),
                "{err:?}"
            );
            Ok(())
        },
    )
    .await;
}
