//! String predicates, bulk insert, upsert and in-database increments.

use entkit::{Backend, ConstraintKind, Error, OnConflict};
use entkit_tests::{expect_constraint, for_each_backend};

use crate::entities::{Member, Note};

fn titles(notes: Vec<Note>) -> Vec<String> {
    let mut t: Vec<String> = notes.into_iter().map(|n| n.title).collect();
    t.sort();
    t
}

#[tokio::test]
async fn string_predicates_are_exact_on_every_backend() {
    for_each_backend(
        "string_predicates_are_exact_on_every_backend",
        |ctx| async move {
            ctx.migrate(&[<Note as entkit::Entity>::def()]).await;
            let c = &ctx.client;
            for (i, title) in ["Alpha", "alphabet", "beta_1", "betax1", "100%", "gamma"]
                .iter()
                .enumerate()
            {
                Note::create().title(*title).score(i as i32).save(c).await?;
            }
            let q = |p| async move { Note::query().filter(p).all(c).await.map(titles) };
            assert_eq!(q(Note::TITLE.contains("pha")).await?, ["Alpha", "alphabet"]);
            assert_eq!(
                q(Note::TITLE.contains("PHA")).await?,
                Vec::<String>::new(),
                "case-sensitive"
            );
            assert_eq!(
                q(Note::TITLE.contains_fold("PHA")).await?,
                ["Alpha", "alphabet"]
            );
            assert_eq!(q(Note::TITLE.has_prefix("al")).await?, ["alphabet"]);
            assert_eq!(
                q(Note::TITLE.has_prefix("beta_")).await?,
                ["beta_1"],
                "`_` is literal"
            );
            assert_eq!(
                q(Note::TITLE.has_suffix("%")).await?,
                ["100%"],
                "`%` is literal"
            );
            assert_eq!(q(Note::TITLE.has_suffix("ma")).await?, ["gamma"]);
            assert_eq!(q(Note::TITLE.eq_fold("ALPHA")).await?, ["Alpha"]);
            assert_eq!(q(Note::TITLE.like("beta%")).await?, ["beta_1", "betax1"]);
            assert_eq!(
                q(Note::SCORE.between(1, 3)).await?,
                ["alphabet", "beta_1", "betax1"]
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn bulk_insert_of_a_hundred_thousand_rows() {
    for_each_backend("bulk_insert_of_a_hundred_thousand_rows", |ctx| async move {
        ctx.migrate(&[<Note as entkit::Entity>::def()]).await;
        let c = &ctx.client;
        const N: usize = 100_000;
        let rows = (0..N).map(|i| {
            Note::create()
                .title(format!("n{i}"))
                .score(i as i32)
                .priority(i as i32 % 7)
        });
        let before = c.statement_count();
        let stored = Note::create_many(c, rows).await?;
        let statements = c.statement_count() - before;
        eprintln!(
            "[{}] 100000-row insert: {statements} statement(s)",
            ctx.name()
        );
        assert_eq!(stored.len(), N);
        // Keys came back, distinct, with the values in order.
        let mut ids: Vec<i64> = stored.iter().map(|n| n.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), N);
        assert_eq!(
            (stored[12_345].title.as_str(), stored[12_345].score),
            ("n12345", 12_345)
        );
        assert_eq!(Note::query().count(c).await?, N as u64);
        let expected = match c.backend() {
            Backend::Postgres => 1,
            Backend::MySql => N.div_ceil(65_535 / 3) as u64,
            Backend::Sqlite => N.div_ceil(32_766 / 3) as u64,
        };
        assert_eq!(statements, expected);
        // The counting form.
        let more = (0..10).map(|i| Note::create().title(format!("m{i}")).score(0));
        assert_eq!(Note::insert_many(c, more).await?, 10);
        // A few rows (a VALUES list rather than arrays on PostgreSQL) come
        // back in order, in one statement.
        let before = c.statement_count();
        let few = (0..3).map(|i| Note::create().title(format!("f{i}")).score(i));
        let stored = Note::create_many(c, few).await?;
        assert_eq!(c.statement_count() - before, 1);
        let got: Vec<(&str, i32)> = stored.iter().map(|n| (n.title.as_str(), n.score)).collect();
        assert_eq!(got, [("f0", 0), ("f1", 1), ("f2", 2)]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn upsert_conflict_paths() {
    for_each_backend("upsert_conflict_paths", |ctx| async move {
        ctx.migrate(&[<Member as entkit::Entity>::def()]).await;
        let c = &ctx.client;
        let ada = Member::create()
            .email("ada@x.io")
            .org("a")
            .handle("ada")
            .save(c)
            .await?;

        // Update chosen columns: same row, new org.
        let on_email = OnConflict::on(Member::EMAIL).update(Member::ORG);
        let up = Member::create()
            .email("ada@x.io")
            .org("b")
            .handle("other")
            .upsert(c, &on_email)
            .await?;
        let up = up.expect("updated row returned");
        assert_eq!(
            (up.id, up.org.as_str(), up.handle.as_str()),
            (ada.id, "b", "ada")
        );

        // Do nothing: the row stays as it was.
        let keep = OnConflict::on(Member::EMAIL).do_nothing();
        Member::create()
            .email("ada@x.io")
            .org("z")
            .handle("z")
            .upsert(c, &keep)
            .await?;
        let now = Member::get(c, ada.id).await?;
        assert_eq!((now.org.as_str(), now.handle.as_str()), ("b", "ada"));

        // Update everything but the key and the target.
        let all = OnConflict::on(Member::EMAIL).update_all();
        let up = Member::create()
            .email("ada@x.io")
            .org("c")
            .handle("lovelace")
            .upsert(c, &all)
            .await?;
        let up = up.expect("updated row returned");
        assert_eq!(
            (up.id, up.org.as_str(), up.handle.as_str()),
            (ada.id, "c", "lovelace")
        );

        // No conflict: an insert.
        let new = Member::create()
            .email("bob@x.io")
            .org("c")
            .handle("bob")
            .upsert(c, &all)
            .await?;
        assert_ne!(new.expect("inserted row returned").id, ada.id);

        // Bulk: one existing, one new.
        let rows = [("ada@x.io", "d", "ada2"), ("cy@x.io", "d", "cy")]
            .map(|(e, o, h)| Member::create().email(e).org(o).handle(h));
        let stored = Member::upsert_many(c, rows, &all).await?;
        assert_eq!(stored.len(), 2);
        assert_eq!(Member::query().count(c).await?, 3);
        assert_eq!(Member::get(c, ada.id).await?.handle, "ada2");

        // A conflict on a unique key not covered by the target still fails
        // on PostgreSQL and SQLite (MySQL's ON DUPLICATE KEY covers any key).
        if c.backend() != Backend::MySql {
            expect_constraint(
                Member::create()
                    .email("new@x.io")
                    .org("d")
                    .handle("cy")
                    .upsert(c, &on_email)
                    .await,
                ConstraintKind::Unique,
            );
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn increments_and_update_returning() {
    for_each_backend("increments_and_update_returning", |ctx| async move {
        ctx.migrate(&[<Note as entkit::Entity>::def()]).await;
        let c = &ctx.client;
        let a = Note::create().title("a").score(10).save(c).await?;
        Note::create().title("b").score(20).save(c).await?;

        let a = Note::update_by_id(a.id).add_score(5).save(c).await?;
        assert_eq!(a.score, 15);
        let n = Note::update_many()
            .filter(Note::SCORE.ge(15))
            .add_score(-1)
            .exec(c)
            .await?;
        assert_eq!(n, 2);
        assert_eq!(Note::get(c, a.id).await?.score, 14);

        let returned = Note::update_many()
            .filter(Note::TITLE.eq("b"))
            .add_score(100)
            .clear_priority()
            .exec_returning(c)
            .await;
        match c.backend() {
            Backend::MySql => assert!(matches!(returned, Err(Error::Unsupported { .. }))),
            _ => {
                let rows = returned?;
                assert_eq!((rows.len(), rows[0].score), (1, 119));
            }
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn bulk_statement_texts_are_cached_per_scope() {
    for_each_backend(
        "bulk_statement_texts_are_cached_per_scope",
        |ctx| async move {
            ctx.migrate(&[<Note as entkit::Entity>::def()]).await;
            let other = ctx.extra_scope("other");
            entkit_tests::migrate_on(&other, &[<Note as entkit::Entity>::def()]).await;
            // The same batch shapes, twice, on two scopes: the cached text of one
            // scope must not send rows to the other.
            for round in 0..2 {
                for (client, tag) in [(&ctx.client, "main"), (&other, "other")] {
                    for rows in [3, 40] {
                        let batch = (0..rows)
                            .map(|i| Note::create().title(format!("{tag}-{round}-{i}")).score(i));
                        assert_eq!(Note::insert_many(client, batch).await?, rows as u64);
                    }
                }
            }
            for client in [&ctx.client, &other] {
                assert_eq!(Note::query().count(client).await?, 2 * (3 + 40));
            }
            let mine = Note::query()
                .filter(Note::TITLE.has_prefix("other-"))
                .count(&other)
                .await?;
            assert_eq!(mine, 86);
            Ok(())
        },
    )
    .await;
}
