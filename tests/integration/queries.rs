//! Typed queries: filters, ordering, paging, single-row fetches, bulk mutations.

use entkit::{Client, Entity as _, Error, Predicate, Query};
use entkit_tests::{expect_not_found, for_each_backend};

use crate::entities::Note;

/// Six notes: (title, score, priority).
const SEED: [(&str, i32, Option<i32>); 6] = [
    ("a", 10, Some(3)),
    ("b", 20, None),
    ("c", 30, Some(1)),
    ("d", 40, None),
    ("e", 50, Some(2)),
    ("f", 60, Some(5)),
];

async fn seed(c: &Client) -> entkit::Result<()> {
    for (title, score, priority) in SEED {
        Note::create()
            .title(title)
            .score(score)
            .priority(priority)
            .save(c)
            .await?;
    }
    Ok(())
}

/// Titles of the rows `query` returns, in order.
async fn titles(c: &Client, query: Query<Note>) -> entkit::Result<Vec<String>> {
    Ok(query.all(c).await?.into_iter().map(|n| n.title).collect())
}

/// Titles of the rows matching `pred`, in title order.
async fn matching(c: &Client, pred: Predicate<Note>) -> entkit::Result<Vec<String>> {
    titles(c, Note::query().filter(pred).order_by(Note::TITLE.asc())).await
}

#[tokio::test]
async fn filters() {
    for_each_backend("filters", |ctx| async move {
        ctx.migrate(&[Note::def()]).await;
        let c = &ctx.client;
        seed(c).await?;

        assert_eq!(matching(c, Note::SCORE.eq(30i32)).await?, ["c"]);
        assert_eq!(matching(c, Note::TITLE.eq("e")).await?, ["e"]);
        assert_eq!(
            matching(c, Note::SCORE.ne(30i32)).await?,
            ["a", "b", "d", "e", "f"]
        );
        assert_eq!(matching(c, Note::SCORE.gt(30i32)).await?, ["d", "e", "f"]);
        assert_eq!(
            matching(c, Note::SCORE.ge(30i32)).await?,
            ["c", "d", "e", "f"]
        );
        assert_eq!(matching(c, Note::SCORE.lt(30i32)).await?, ["a", "b"]);
        assert_eq!(matching(c, Note::SCORE.le(30i32)).await?, ["a", "b", "c"]);
        // Comparisons on a nullable column never match NULL.
        assert_eq!(matching(c, Note::PRIORITY.gt(1i32)).await?, ["a", "e", "f"]);
        assert_eq!(matching(c, Note::PRIORITY.ne(1i32)).await?, ["a", "e", "f"]);

        assert_eq!(
            matching(c, Note::SCORE.is_in([10i32, 50, 999])).await?,
            ["a", "e"]
        );
        assert_eq!(
            matching(c, Note::TITLE.is_in(["b", "c", "zz"])).await?,
            ["b", "c"]
        );
        assert!(
            matching(c, Note::SCORE.is_in(Vec::<i32>::new()))
                .await?
                .is_empty(),
            "empty IN matches nothing"
        );
        assert_eq!(
            Note::query()
                .filter(Note::SCORE.is_in(Vec::<i32>::new()))
                .count(c)
                .await?,
            0
        );
        // A list longer than the backend's parameter limit is one array on
        // PostgreSQL, and refused before sending anywhere else.
        let long: Vec<i32> = (0..70_000).collect();
        let before = c.statement_count();
        let result = matching(c, Note::SCORE.is_in(long)).await;
        match c.backend() {
            entkit::Backend::Postgres => assert_eq!(result?.len(), 6),
            _ => {
                assert!(
                    matches!(result, Err(Error::TooManyParameters { count: 70_000, .. })),
                    "{result:?}"
                );
                assert_eq!(c.statement_count(), before, "nothing was sent");
            }
        }
        assert_eq!(
            matching(c, Note::SCORE.not_in([10i32, 20])).await?,
            ["c", "d", "e", "f"]
        );
        assert_eq!(
            matching(c, Note::SCORE.not_in(Vec::<i32>::new()))
                .await?
                .len(),
            6,
            "empty NOT IN matches all"
        );

        assert_eq!(matching(c, Note::PRIORITY.is_null()).await?, ["b", "d"]);
        assert_eq!(
            matching(c, Note::PRIORITY.is_not_null()).await?,
            ["a", "c", "e", "f"]
        );
        // eq/ne with None mean IS NULL / IS NOT NULL.
        assert_eq!(
            matching(c, Note::PRIORITY.eq(None::<i32>)).await?,
            ["b", "d"]
        );
        assert_eq!(
            matching(c, Note::PRIORITY.ne(None::<i32>)).await?,
            ["a", "c", "e", "f"]
        );
        assert_eq!(matching(c, Note::PRIORITY.eq(Some(5i32))).await?, ["f"]);

        assert_eq!(
            matching(c, Note::SCORE.gt(10i32).and(Note::PRIORITY.is_null())).await?,
            ["b", "d"]
        );
        assert_eq!(
            matching(c, Note::SCORE.eq(10i32).or(Note::SCORE.eq(60i32))).await?,
            ["a", "f"]
        );
        assert_eq!(
            matching(c, Note::SCORE.lt(30i32).not()).await?,
            ["c", "d", "e", "f"]
        );
        assert_eq!(
            matching(
                c,
                Note::SCORE
                    .lt(20i32)
                    .or(Note::SCORE.gt(50i32))
                    .and(Note::PRIORITY.is_not_null())
                    .not()
            )
            .await?,
            ["b", "c", "d", "e"]
        );
        assert_eq!(
            matching(
                c,
                Predicate::any([
                    Note::TITLE.eq("a"),
                    Note::TITLE.eq("b"),
                    Note::SCORE.eq(60i32)
                ])
            )
            .await?,
            ["a", "b", "f"]
        );
        assert_eq!(
            matching(
                c,
                Predicate::all([Note::SCORE.ge(20i32), Note::SCORE.le(40i32)])
            )
            .await?,
            ["b", "c", "d"]
        );
        assert_eq!(
            matching(c, Predicate::all([])).await?.len(),
            6,
            "all([]) is true"
        );
        assert!(
            matching(c, Predicate::any([])).await?.is_empty(),
            "any([]) is false"
        );
        // Successive filters are ANDed.
        let q = Note::query()
            .filter(Note::SCORE.gt(10i32))
            .filter(Note::SCORE.lt(40i32))
            .order_by(Note::TITLE.asc());
        assert_eq!(titles(c, q).await?, ["b", "c"]);

        // Values are bound, never spliced into the SQL text.
        assert!(
            matching(c, Note::TITLE.eq("a' OR '1'='1"))
                .await?
                .is_empty()
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn ordering_and_paging() {
    for_each_backend("ordering_and_paging", |ctx| async move {
        ctx.migrate(&[Note::def()]).await;
        let c = &ctx.client;
        seed(c).await?;

        let q = || Note::query();
        assert_eq!(
            titles(c, q().order_by(Note::SCORE.desc())).await?,
            ["f", "e", "d", "c", "b", "a"]
        );
        assert_eq!(
            titles(c, q().order_by(Note::SCORE.asc())).await?,
            ["a", "b", "c", "d", "e", "f"]
        );
        let by_priority = |term| q().order_by(term).order_by(Note::SCORE.asc());
        assert_eq!(
            titles(c, by_priority(Note::PRIORITY.asc().nulls_first())).await?,
            ["b", "d", "c", "e", "a", "f"]
        );
        assert_eq!(
            titles(c, by_priority(Note::PRIORITY.asc().nulls_last())).await?,
            ["c", "e", "a", "f", "b", "d"]
        );
        assert_eq!(
            titles(c, by_priority(Note::PRIORITY.desc().nulls_first())).await?,
            ["b", "d", "f", "a", "e", "c"]
        );
        assert_eq!(
            titles(c, by_priority(Note::PRIORITY.desc().nulls_last())).await?,
            ["f", "a", "e", "c", "b", "d"]
        );

        let by_score = || q().order_by(Note::SCORE.asc());
        assert_eq!(titles(c, by_score().limit(2)).await?, ["a", "b"]);
        assert_eq!(titles(c, by_score().limit(2).offset(1)).await?, ["b", "c"]);
        assert_eq!(
            titles(c, by_score().offset(4)).await?,
            ["e", "f"],
            "offset without limit"
        );
        assert_eq!(titles(c, by_score().limit(10).offset(5)).await?, ["f"]);
        assert!(titles(c, by_score().offset(6)).await?.is_empty());
        assert!(titles(c, by_score().limit(0)).await?.is_empty());
        let page = by_score()
            .filter(Note::PRIORITY.is_not_null())
            .limit(2)
            .offset(1);
        assert_eq!(titles(c, page).await?, ["c", "e"]);
        // count ignores order, limit and offset.
        assert_eq!(by_score().limit(1).offset(1).count(c).await?, 6);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn single_row_fetches() {
    for_each_backend("single_row_fetches", |ctx| async move {
        ctx.migrate(&[Note::def()]).await;
        let c = &ctx.client;

        // Empty table.
        assert_eq!(Note::query().count(c).await?, 0);
        assert!(!Note::query().exists(c).await?);
        assert!(Note::query().first(c).await?.is_none());
        expect_not_found(Note::query().one(c).await);
        expect_not_found(Note::get(c, 1).await);
        assert!(Note::find(c, 1).await?.is_none());

        seed(c).await?;
        let top = Note::query()
            .order_by(Note::SCORE.desc())
            .first(c)
            .await?
            .expect("a first row");
        assert_eq!(top.title, "f");
        assert!(
            Note::query()
                .filter(Note::SCORE.gt(100i32))
                .first(c)
                .await?
                .is_none()
        );
        let only = Note::query().filter(Note::SCORE.eq(30i32)).one(c).await?;
        assert_eq!((only.title.as_str(), only.priority), ("c", Some(1)));
        expect_not_found(Note::query().filter(Note::SCORE.eq(31i32)).one(c).await);
        let several = Note::query().filter(Note::PRIORITY.is_null()).one(c).await;
        assert!(
            matches!(several, Err(Error::NotSingular { .. })),
            "{several:?}"
        );

        assert_eq!(Note::query().count(c).await?, 6);
        assert_eq!(
            Note::query()
                .filter(Note::PRIORITY.is_null())
                .count(c)
                .await?,
            2
        );
        assert!(Note::query().filter(Note::TITLE.eq("d")).exists(c).await?);
        assert!(!Note::query().filter(Note::TITLE.eq("zz")).exists(c).await?);

        assert_eq!(Note::get(c, only.id).await?.title, "c");
        assert_eq!(
            Note::find(c, only.id).await?.map(|n| n.title).as_deref(),
            Some("c")
        );
        expect_not_found(Note::get(c, only.id + 1000).await);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn bulk_updates_and_deletes() {
    for_each_backend("bulk_updates_and_deletes", |ctx| async move {
        ctx.migrate(&[Note::def()]).await;
        let c = &ctx.client;
        seed(c).await?;

        // d (NULL), e (2) and f (5, unchanged by the update) match: all three count.
        let n = Note::update_many()
            .filter(Note::SCORE.ge(40i32))
            .set_priority(5i32)
            .exec(c)
            .await?;
        assert_eq!(n, 3, "update_many returns the rows matched");
        assert_eq!(matching(c, Note::PRIORITY.eq(5i32)).await?, ["d", "e", "f"]);
        assert_eq!(
            Note::query()
                .filter(Note::TITLE.eq("a"))
                .one(c)
                .await?
                .priority,
            Some(3),
            "unmatched row untouched"
        );

        let n = Note::update_many()
            .filter(Note::TITLE.is_in(["a", "b"]))
            .clear_priority()
            .set_score(0i32)
            .exec(c)
            .await?;
        assert_eq!(n, 2);
        assert_eq!(
            matching(c, Note::PRIORITY.is_null().and(Note::SCORE.eq(0i32))).await?,
            ["a", "b"]
        );
        assert_eq!(
            Note::update_many()
                .filter(Note::SCORE.gt(1000i32))
                .set_score(1i32)
                .exec(c)
                .await?,
            0
        );

        // Update one through the entity, and by a key that does not exist.
        let c_row = Note::query().filter(Note::TITLE.eq("c")).one(c).await?;
        let c_id = c_row.id;
        let renamed = c_row.update().set_title("c2").save(c).await?;
        assert_eq!(
            (renamed.id, renamed.title.as_str(), renamed.score),
            (c_id, "c2", 30)
        );
        expect_not_found(
            Note::update_by_id(c_id + 1000)
                .set_score(1i32)
                .save(c)
                .await,
        );

        let n = Note::delete_many()
            .filter(Note::SCORE.eq(0i32))
            .exec(c)
            .await?;
        assert_eq!(n, 2);
        assert_eq!(Note::query().count(c).await?, 4);
        assert_eq!(
            Note::delete_many()
                .filter(Note::SCORE.eq(0i32))
                .exec(c)
                .await?,
            0
        );

        Note::delete_by_id(c, c_id).await?;
        expect_not_found(Note::get(c, c_id).await);
        expect_not_found(Note::delete_by_id(c, c_id).await);
        let d = Note::query().filter(Note::TITLE.eq("d")).one(c).await?;
        d.delete(c).await?;
        assert_eq!(matching(c, Predicate::all([])).await?, ["e", "f"]);

        assert_eq!(
            Note::delete_many().exec(c).await?,
            2,
            "delete_many without a filter deletes all"
        );
        assert_eq!(Note::query().count(c).await?, 0);
        Ok(())
    })
    .await;
}
