//! Transactions: closure form and explicit begin/commit/rollback.

use entkit::{Client, Entity as _, Error};
use entkit_tests::for_each_backend;

use crate::entities::Note;

async fn titled(c: &Client, title: &str) -> entkit::Result<u64> {
    Note::query().filter(Note::TITLE.eq(title)).count(c).await
}

#[tokio::test]
async fn closure_commits_on_ok_and_rolls_back_on_err_or_panic() {
    for_each_backend(
        "closure_commits_on_ok_and_rolls_back_on_err_or_panic",
        |ctx| async move {
            ctx.migrate(&[Note::def()]).await;
            let c = &ctx.client;

            // Ok: committed.
            let note = c
                .transaction(|tx| {
                    Box::pin(async move {
                        let n = Note::create()
                            .title("committed")
                            .score(1i32)
                            .save(&mut *tx)
                            .await?;
                        // The transaction sees its own write.
                        assert_eq!(Note::query().count(&mut *tx).await?, 1);
                        Ok::<_, Error>(n)
                    })
                })
                .await?;
            assert_eq!(Note::get(c, note.id).await?.title, "committed");

            // Err: rolled back, and the error comes back unchanged.
            let result = c
                .transaction(|tx| {
                    Box::pin(async move {
                        Note::create()
                            .title("errored")
                            .score(2i32)
                            .save(&mut *tx)
                            .await?;
                        assert_eq!(
                            Note::query()
                                .filter(Note::TITLE.eq("errored"))
                                .count(&mut *tx)
                                .await?,
                            1
                        );
                        Err::<(), _>(Error::NotFound {
                            entity: "deliberate",
                        })
                    })
                })
                .await;
            assert!(
                matches!(
                    result,
                    Err(Error::NotFound {
                        entity: "deliberate"
                    })
                ),
                "{result:?}"
            );
            assert_eq!(titled(c, "errored").await?, 0, "Err did not roll back");

            // Panic: rolled back, and the panic propagates.
            let client = c.clone();
            let joined = tokio::spawn(async move {
                client
                    .transaction(|tx| {
                        Box::pin(async move {
                            Note::create()
                                .title("panicked")
                                .score(3i32)
                                .save(&mut *tx)
                                .await?;
                            let explode = true;
                            if explode {
                                panic!("deliberate panic inside a transaction");
                            }
                            Ok::<(), Error>(())
                        })
                    })
                    .await
            })
            .await;
            let err = joined.expect_err("the panic should propagate out of transaction()");
            assert!(err.is_panic(), "{err:?}");
            assert_eq!(titled(c, "panicked").await?, 0, "panic did not roll back");

            // The pool is healthy afterwards.
            assert_eq!(Note::query().count(c).await?, 1);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn explicit_begin_commit_rollback_and_drop() {
    for_each_backend(
        "explicit_begin_commit_rollback_and_drop",
        |ctx| async move {
            ctx.migrate(&[Note::def()]).await;
            let c = &ctx.client;

            // begin/commit
            let mut tx = c.begin().await?;
            let n = Note::create()
                .title("commit me")
                .score(1i32)
                .save(&mut tx)
                .await?;
            assert_eq!(
                Note::get(&mut tx, n.id).await?.title,
                "commit me",
                "tx sees its own insert"
            );
            let n = Note::update_by_id(n.id)
                .set_score(5i32)
                .save(&mut tx)
                .await?;
            assert_eq!(n.score, 5);
            assert_eq!(
                Note::query()
                    .filter(Note::SCORE.eq(5i32))
                    .count(&mut tx)
                    .await?,
                1,
                "tx sees its own update"
            );
            // Another connection reads past the open transaction without seeing it
            // (on SQLite too: its in-memory database runs in WAL mode).
            assert_eq!(
                titled(c, "commit me").await?,
                0,
                "uncommitted row visible outside the tx"
            );
            tx.commit().await?;
            assert_eq!(Note::get(c, n.id).await?.score, 5, "committed");

            // begin/rollback
            let mut tx = c.begin().await?;
            Note::create()
                .title("roll me back")
                .score(2i32)
                .save(&mut tx)
                .await?;
            Note::delete_by_id(&mut tx, n.id).await?;
            assert!(
                Note::find(&mut tx, n.id).await?.is_none(),
                "tx sees its own delete"
            );
            tx.rollback().await?;
            assert_eq!(
                titled(c, "roll me back").await?,
                0,
                "rollback kept an insert"
            );
            assert_eq!(
                Note::get(c, n.id).await?.title,
                "commit me",
                "rollback kept a delete"
            );

            // drop without commit
            {
                let mut tx = c.begin().await?;
                Note::create()
                    .title("dropped")
                    .score(3i32)
                    .save(&mut tx)
                    .await?;
                assert_eq!(Note::query().count(&mut tx).await?, 2);
                drop(tx);
            }
            assert_eq!(
                titled(c, "dropped").await?,
                0,
                "dropping a tx did not roll back"
            );
            assert_eq!(Note::query().count(c).await?, 1);
            Ok(())
        },
    )
    .await;
}
