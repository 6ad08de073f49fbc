//! Keyset pagination walks a table in both directions without gaps or repeats.

use entkit::{Entity as _, PageRequest};
use entkit_tests::for_each_backend;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::entities::{Note, Profile};

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

fn refused<E>(result: entkit::Result<entkit::Page<E>>) {
    assert!(
        matches!(result, Err(entkit::Error::InvalidCursor { .. })),
        "{:?}",
        result.map(|page| page.items.len())
    );
}

/// The JSON array inside a cursor, changed by `edit`, as cursor text again.
fn tampered(cursor: &entkit::Cursor, edit: impl FnOnce(&mut Vec<serde_json::Value>)) -> String {
    let bytes = URL_SAFE_NO_PAD.decode(cursor.as_str()).expect("base64");
    let mut items: Vec<serde_json::Value> = serde_json::from_slice(&bytes).expect("a JSON array");
    edit(&mut items);
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&items).unwrap())
}

// Found by fuzz/fuzz_targets/cursor.rs: a cursor only named its ordering,
// so one made for notes ordered by key was taken by profiles ordered by key.
#[tokio::test]
async fn cursors_are_refused_by_other_entities_and_when_tampered() {
    for_each_backend(
        "cursors_are_refused_by_other_entities_and_when_tampered",
        |ctx| async move {
            ctx.migrate(&[Note::def(), Profile::def()]).await;
            let c = &ctx.client;
            let notes = (0..3).map(|i| Note::create().title(format!("n{i}")).score(i));
            Note::insert_many(c, notes).await?;
            let profiles = (0..3).map(|i| Profile::create().nick(format!("nick{i}")));
            Profile::insert_many(c, profiles).await?;
            let first = Note::query().paginate(c, PageRequest::first(1)).await?;
            let cursor = first.next.expect("more notes");

            refused(
                Profile::query()
                    .paginate(c, PageRequest::after(cursor.clone(), 2))
                    .await,
            );

            // The same ordering on notes, with values changed.
            let by_score = || Note::query().order_by(Note::SCORE.asc());
            let first = by_score().paginate(c, PageRequest::first(1)).await?;
            let cursor = first.next.expect("more notes");
            let after = |text: String| {
                by_score().paginate(c, PageRequest::after(entkit::Cursor::parse(text), 2))
            };
            // Untouched, it works: the other two notes.
            let page = after(tampered(&cursor, |_| {})).await?;
            assert_eq!(
                page.items.iter().map(|n| n.score).collect::<Vec<_>>(),
                [1, 2]
            );
            // NULL for a NOT NULL column would compare as unknown and match nothing.
            refused(after(tampered(&cursor, |v| v[1] = serde_json::Value::Null)).await);
            // A value of another type.
            refused(after(tampered(&cursor, |v| v[1] = serde_json::json!("0"))).await);
            refused(after(tampered(&cursor, |v| v[2] = serde_json::json!(1.5))).await);
            refused(after(tampered(&cursor, |v| v[1] = serde_json::json!(1u64 << 40))).await);
            // Too few or too many values, truncated text, not a cursor at all.
            refused(after(tampered(&cursor, |v| drop(v.pop()))).await);
            refused(after(tampered(&cursor, |v| v.push(serde_json::json!(1)))).await);
            refused(after(cursor.as_str()[..cursor.as_str().len() - 3].to_owned()).await);
            refused(after("%%%".to_owned()).await);
            Ok(())
        },
    )
    .await;
}
