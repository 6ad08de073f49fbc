//! Scopes: isolation between scopes on one pool, and refusal of bad names.

use entkit::{Client, Entity as _, Error};
use entkit_tests::{expect_not_found, for_each_backend, migrate_on};

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
