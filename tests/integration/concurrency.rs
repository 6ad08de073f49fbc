//! Savepoints, isolation levels, the deadlock-retry helper, row locks and
//! streaming.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use entkit::{Backend, Entity as _, Isolation, RawQuery, RetryPolicy};
use entkit_tests::for_each_backend;
use futures_util::TryStreamExt as _;

use crate::entities::Note;

async fn titled(c: &entkit::Client, title: &str) -> entkit::Result<u64> {
    Note::query().filter(Note::TITLE.eq(title)).count(c).await
}

#[tokio::test]
async fn savepoints_roll_back_alone() {
    for_each_backend("savepoints_roll_back_alone", |ctx| async move {
        ctx.migrate(&[Note::def()]).await;
        let c = &ctx.client;
        let mut tx = c.begin().await?;
        Note::create().title("outer").score(1).save(&mut tx).await?;
        let failed = tx
            .savepoint(|tx| {
                Box::pin(async move {
                    Note::create()
                        .title("inner-undone")
                        .score(2)
                        .save(&mut *tx)
                        .await?;
                    Err::<(), _>(entkit::Error::NotFound { entity: "Note" })
                })
            })
            .await;
        assert!(failed.is_err());
        tx.savepoint(|tx| {
            Box::pin(async move {
                Note::create()
                    .title("inner-kept")
                    .score(3)
                    .save(&mut *tx)
                    .await
            })
        })
        .await?;
        tx.commit().await?;
        assert_eq!(titled(c, "outer").await?, 1);
        assert_eq!(titled(c, "inner-undone").await?, 0);
        assert_eq!(titled(c, "inner-kept").await?, 1);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn isolation_levels_apply() {
    for_each_backend("isolation_levels_apply", |ctx| async move {
        ctx.migrate(&[Note::def()]).await;
        let c = &ctx.client;
        let mut tx = c.begin_with(Isolation::Serializable).await?;
        Note::create().title("s").score(1).save(&mut tx).await?;
        if c.backend() == Backend::Postgres {
            let level: Vec<(String,)> = RawQuery::new("SHOW transaction_isolation")
                .fetch_all(&mut tx)
                .await?;
            assert_eq!(level[0].0, "serializable");
        }
        tx.commit().await?;
        let mut tx = c.begin_with(Isolation::ReadCommitted).await?;
        if c.backend() == Backend::Postgres {
            let level: Vec<(String,)> = RawQuery::new("SHOW transaction_isolation")
                .fetch_all(&mut tx)
                .await?;
            assert_eq!(level[0].0, "read committed");
        }
        tx.rollback().await?;
        assert_eq!(titled(c, "s").await?, 1);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn retry_recovers_from_a_deadlock() {
    for_each_backend("retry_recovers_from_a_deadlock", |ctx| async move {
        ctx.migrate(&[Note::def()]).await;
        let c = &ctx.client;
        if c.backend() == Backend::Sqlite {
            // One writer at a time: SQLite cannot deadlock on rows.
            return Ok(());
        }
        let a = Note::create().title("a").score(0).save(c).await?.id;
        let b = Note::create().title("b").score(0).save(c).await?.id;
        let attempts = Arc::new(AtomicU32::new(0));
        let barrier = Arc::new(tokio::sync::Barrier::new(2));
        let mut tasks = Vec::new();
        for (first, second) in [(a, b), (b, a)] {
            let (c, attempts, barrier) = (c.clone(), attempts.clone(), barrier.clone());
            tasks.push(tokio::spawn(async move {
                let policy = RetryPolicy::default();
                c.transaction_with_retry(policy, |tx| {
                    let (attempts, barrier) = (attempts.clone(), barrier.clone());
                    Box::pin(async move {
                        let n = attempts.fetch_add(1, Ordering::SeqCst);
                        Note::update_by_id(first)
                            .add_score(1)
                            .save(&mut *tx)
                            .await?;
                        if n < 2 {
                            // Both first attempts hold one row and reach for the other.
                            barrier.wait().await;
                        }
                        Note::update_by_id(second)
                            .add_score(1)
                            .save(&mut *tx)
                            .await?;
                        Ok(())
                    })
                })
                .await
            }));
        }
        for task in tasks {
            task.await.expect("task panicked")?;
        }
        let total = attempts.load(Ordering::SeqCst);
        eprintln!(
            "[{}] deadlock: {total} attempts for 2 transactions",
            ctx.name()
        );
        assert!(total >= 3, "one transaction was retried ({total} attempts)");
        // Both transactions applied exactly once in the end.
        assert_eq!(Note::get(c, a).await?.score, 2);
        assert_eq!(Note::get(c, b).await?.score, 2);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn skip_locked_leaves_out_locked_rows() {
    for_each_backend("skip_locked_leaves_out_locked_rows", |ctx| async move {
        ctx.migrate(&[Note::def()]).await;
        let c = &ctx.client;
        for i in 0..3 {
            Note::create()
                .title(format!("job{i}"))
                .score(i)
                .save(c)
                .await?;
        }
        // Ordered by the key: InnoDB locks every row a locking read scans, so
        // a queue must be read along an index.
        let mut worker1 = c.begin().await?;
        let taken = Note::query()
            .order_by(Note::ID.asc())
            .limit(1)
            .for_update()
            .skip_locked()
            .all(&mut worker1)
            .await?;
        assert_eq!(taken[0].title, "job0");
        if c.backend() == Backend::Sqlite {
            // No row locks on SQLite: the clause is left out (documented).
            worker1.commit().await?;
            return Ok(());
        }
        let mut worker2 = c.begin().await?;
        let next = Note::query()
            .order_by(Note::ID.asc())
            .limit(1)
            .for_update()
            .skip_locked()
            .all(&mut worker2)
            .await?;
        assert_eq!(next[0].title, "job1", "the locked row is skipped");
        worker2.commit().await?;
        worker1.commit().await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn streaming_reads_every_row() {
    for_each_backend("streaming_reads_every_row", |ctx| async move {
        let scoped = ctx.extra_scope("stream");
        for c in [&ctx.client, &scoped] {
            c.auto_migrate(&[Note::def()]).await?;
            let rows = (0..10_000).map(|i| Note::create().title(format!("s{i}")).score(i));
            Note::insert_many(c, rows).await?;
            let mut stream = Note::query().order_by(Note::SCORE.asc()).stream(c);
            let (mut n, mut sum, mut last) = (0u64, 0i64, -1);
            while let Some(note) = stream.try_next().await? {
                assert!(note.score > last, "in order");
                last = note.score;
                n += 1;
                sum += i64::from(note.score);
            }
            assert_eq!((n, sum), (10_000, (0..10_000i64).sum()));
        }
        Ok(())
    })
    .await;
}
