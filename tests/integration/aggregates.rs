//! Projections, DISTINCT, aggregates and GROUP BY with typed results.

use entkit::{Entity as _, count};
use entkit_tests::for_each_backend;

use crate::entities::Note;

/// A user struct built from a projection.
#[derive(Debug, PartialEq)]
struct Summary {
    title: String,
    score: i32,
}

impl From<(String, i32)> for Summary {
    fn from((title, score): (String, i32)) -> Self {
        Summary { title, score }
    }
}

#[tokio::test]
async fn projections_and_aggregates() {
    for_each_backend("projections_and_aggregates", |ctx| async move {
        ctx.migrate(&[Note::def()]).await;
        let c = &ctx.client;
        for (title, score, priority) in [
            ("a", 1, Some(1)),
            ("b", 2, None),
            ("a", 3, Some(5)),
            ("c", 4, Some(3)),
        ] {
            let mut create = Note::create().title(title).score(score);
            if let Some(p) = priority {
                create = create.priority(p);
            }
            create.save(c).await?;
        }
        // Chosen columns as tuples, and into a user struct.
        let pairs: Vec<(String, i32)> = Note::query()
            .order_by(Note::SCORE.asc())
            .select((Note::TITLE, Note::SCORE))
            .all(c)
            .await?;
        assert_eq!(pairs[0], ("a".to_owned(), 1));
        let summaries: Vec<Summary> = Note::query()
            .filter(Note::SCORE.gt(3))
            .select((Note::TITLE, Note::SCORE))
            .all_into(c)
            .await?;
        assert_eq!(
            summaries,
            [Summary {
                title: "c".into(),
                score: 4
            }]
        );

        // DISTINCT.
        let titles: Vec<(String,)> = Note::query()
            .order_by(Note::TITLE.asc())
            .select((Note::TITLE,))
            .distinct()
            .all(c)
            .await?;
        assert_eq!(titles.len(), 3);

        // Whole-table aggregates, typed.
        let (n, sum, avg, min, max, with_priority) = Note::query()
            .select((
                count(),
                Note::SCORE.sum(),
                Note::SCORE.avg(),
                Note::PRIORITY.min(),
                Note::PRIORITY.max(),
                Note::PRIORITY.count(),
            ))
            .first(c)
            .await?
            .unwrap();
        assert_eq!(
            (n, sum, min, max, with_priority),
            (4, Some(10i64), Some(1i32), Some(5i32), 3)
        );
        assert!((avg.unwrap() - 2.5).abs() < 1e-9);
        let distinct: (i64,) = Note::query()
            .select((Note::TITLE.count_distinct(),))
            .first(c)
            .await?
            .unwrap();
        assert_eq!(distinct.0, 3);

        // GROUP BY with ordering.
        let per_title: Vec<(String, i64, Option<i64>)> = Note::query()
            .order_by(Note::TITLE.asc())
            .select((Note::TITLE, count(), Note::SCORE.sum()))
            .group_by(Note::TITLE)
            .all(c)
            .await?;
        assert_eq!(
            per_title,
            [
                ("a".to_owned(), 2, Some(4)),
                ("b".to_owned(), 1, Some(2)),
                ("c".to_owned(), 1, Some(4))
            ]
        );

        // Aggregates over no rows.
        let (n, sum, max) = Note::query()
            .filter(Note::SCORE.gt(100))
            .select((count(), Note::SCORE.sum(), Note::SCORE.max()))
            .first(c)
            .await?
            .unwrap();
        assert_eq!((n, sum, max), (0, None, None));
        Ok(())
    })
    .await;
}
