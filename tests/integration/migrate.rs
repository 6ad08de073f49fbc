//! Auto-migration creates what is missing once, then nothing.

use entkit::{ConstraintKind, Entity as _};
use entkit_tests::{expect_constraint, for_each_backend, migrate_on};

use crate::entities::{Member, Note, save_member};

#[tokio::test]
async fn auto_migrate_is_idempotent() {
    for_each_backend("auto_migrate_is_idempotent", |ctx| async move {
        let c = &ctx.client;
        let first = ctx.migrate(&[Member::def(), Note::def()]).await;
        let mut tables = first.created_tables.clone();
        tables.sort();
        assert_eq!(
            tables,
            [ctx.reported("members"), ctx.reported("notes")],
            "{first:?}"
        );
        let mut indexes = first.created_indexes.clone();
        indexes.sort();
        assert_eq!(
            indexes,
            [
                ctx.reported("members_email_key"),
                ctx.reported("members_org_handle_key")
            ],
            "{first:?}"
        );
        assert!(first.added_columns.is_empty(), "{first:?}");
        assert!(!first.is_empty());

        let second = ctx.migrate(&[Member::def(), Note::def()]).await;
        assert!(
            second.is_empty(),
            "second run changed something: {second:?}"
        );
        let third = ctx.migrate(&[Note::def()]).await;
        assert!(third.is_empty(), "{third:?}");

        // The unique index really exists.
        save_member(c, "dup@x.io", "o", "h1").await?;
        let err = expect_constraint(
            save_member(c, "dup@x.io", "o", "h2").await,
            ConstraintKind::Unique,
        );
        assert_eq!(
            err.constraint.as_deref(),
            Some("members_email_key"),
            "{err:?}"
        );

        // Same in a second scope (on SQLite: an attached database).
        let other = ctx.extra_scope("other");
        let name = other.scope_name().unwrap().to_owned();
        let report = migrate_on(&other, &[Member::def()]).await;
        assert_eq!(
            report.created_tables,
            [format!("{name}.members")],
            "{report:?}"
        );
        assert_eq!(report.created_indexes.len(), 2, "{report:?}");
        assert!(migrate_on(&other, &[Member::def()]).await.is_empty());
        save_member(&other, "dup@x.io", "o", "h1").await?;
        let err = expect_constraint(
            save_member(&other, "dup@x.io", "p", "h9").await,
            ConstraintKind::Unique,
        );
        assert_eq!(
            err.constraint.as_deref(),
            Some("members_email_key"),
            "{err:?}"
        );
        Ok(())
    })
    .await;
}
