//! Keyset pagination walks a table in both directions without gaps or repeats.

use entkit::{Entity as _, PageRequest};
use entkit_tests::for_each_backend;

use crate::entities::Note;

#[tokio::test]
async fn keyset_pages_walk_ten_thousand_rows_both_ways() {
    for_each_backend(
        "keyset_pages_walk_ten_thousand_rows_both_ways",
        |ctx| async move {
            ctx.migrate(&[Note::def()]).await;
            let c = &ctx.client;
            const N: i64 = 10_000;
            // A non-unique ordering column: the key breaks ties.
            let rows = (0..N).map(|i| {
                Note::create()
                    .title(format!("n{i}"))
                    .score(((i * 7919) % 100) as i32)
            });
            Note::insert_many(c, rows).await?;
            let mut expected: Vec<(i32, i64)> = Note::query()
                .all(c)
                .await?
                .iter()
                .map(|n| (n.score, n.id))
                .collect();
            expected.sort();

            let query = || Note::query().order_by(Note::SCORE.asc());
            // Forward.
            let mut seen = Vec::new();
            let mut page = query().paginate(c, PageRequest::first(97)).await?;
            assert!(page.prev.is_none());
            let mut pages = 1;
            loop {
                seen.extend(page.items.iter().map(|n| (n.score, n.id)));
                let Some(next) = page.next.clone() else { break };
                page = query().paginate(c, PageRequest::after(next, 97)).await?;
                pages += 1;
            }
            assert_eq!(pages, (N as u64).div_ceil(97));
            assert_eq!(seen, expected, "forward walk: every row once, in order");

            // Backward from the last page.
            let mut back: Vec<(i32, i64)> = page.items.iter().map(|n| (n.score, n.id)).collect();
            while let Some(prev) = page.prev.clone() {
                page = query().paginate(c, PageRequest::before(prev, 97)).await?;
                let mut chunk: Vec<(i32, i64)> =
                    page.items.iter().map(|n| (n.score, n.id)).collect();
                chunk.extend(back);
                back = chunk;
            }
            assert_eq!(back, expected, "backward walk: every row once, in order");

            // Descending order works the same way.
            let desc = Note::query().order_by(Note::SCORE.desc());
            let first = desc.clone().paginate(c, PageRequest::first(3)).await?;
            let second = desc
                .paginate(c, PageRequest::after(first.next.clone().unwrap(), 3))
                .await?;
            assert!(first.items[2].score >= second.items[0].score);

            // A cursor from another ordering is refused.
            let other = Note::query().order_by(Note::TITLE.asc());
            let refused = other
                .paginate(c, PageRequest::after(first.next.unwrap(), 3))
                .await;
            assert!(
                matches!(refused, Err(entkit::Error::InvalidCursor { .. })),
                "{refused:?}"
            );
            Ok(())
        },
    )
    .await;
}
