//! Statement and transaction timeouts: a statement or transaction that runs
//! too long ends in the typed error of its timeout, a timed-out transaction
//! never commits, and the client goes on working.

use std::time::{Duration, Instant};

use entkit::{Client, Entity as _, Error};
use entkit_tests::{Ctx, Kind, for_each_backend};

use crate::entities::Note;

/// A statement that runs for a few seconds on each backend.
fn slow_sql(kind: Kind) -> &'static str {
    match kind {
        Kind::Postgres => "SELECT pg_sleep(3)",
        Kind::MySql => "SELECT SLEEP(3)",
        // No sleep function: a long recursive count.
        Kind::Sqlite => {
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 30000000) \
             SELECT COUNT(*) FROM c"
        }
    }
}

/// A client of the case's database and scope with the given timeouts, its
/// tables migrated.
async fn client_with(
    ctx: &Ctx,
    statement: Option<Duration>,
    transaction: Option<Duration>,
) -> entkit::Result<Client> {
    let mut builder = Client::builder(ctx.url.clone())
        .statement_timeout(statement)
        .transaction_timeout(transaction);
    if let Some(scope) = ctx.scope_name() {
        builder = builder.scope(scope);
    }
    let client = builder.connect().await?;
    client.auto_migrate(&[Note::def()]).await?;
    Ok(client)
}

#[track_caller]
fn expect_statement_timeout<T: std::fmt::Debug>(result: entkit::Result<T>, timeout: Duration) {
    match result {
        Err(Error::StatementTimeout { timeout: t }) => assert_eq!(t, timeout),
        other => panic!("expected StatementTimeout, got {other:?}"),
    }
}

#[track_caller]
fn expect_transaction_timeout<T: std::fmt::Debug>(result: entkit::Result<T>, timeout: Duration) {
    match result {
        Err(Error::TransactionTimeout { timeout: t }) => assert_eq!(t, timeout),
        other => panic!("expected TransactionTimeout, got {other:?}"),
    }
}

#[tokio::test]
async fn a_slow_statement_ends_in_a_statement_timeout() {
    for_each_backend(
        "a_slow_statement_ends_in_a_statement_timeout",
        |ctx| async move {
            let timeout = Duration::from_millis(300);
            let client = client_with(&ctx, Some(timeout), None).await?;
            let started = Instant::now();
            expect_statement_timeout(client.execute_raw(slow_sql(ctx.kind)).await, timeout);
            let took = started.elapsed();
            assert!(
                took < Duration::from_millis(2500),
                "[{}] {took:?}",
                ctx.name()
            );
            assert_eq!(client.statement_counters().timeout, 1);
            // The client goes on: fast statements are untouched.
            Note::create().title("fast").score(1).save(&client).await?;
            assert_eq!(Note::query().count(&client).await?, 1);
            client.close().await;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_statement_timeout_ends_its_transaction() {
    for_each_backend(
        "a_statement_timeout_ends_its_transaction",
        |ctx| async move {
            let timeout = Duration::from_millis(300);
            let client = client_with(&ctx, Some(timeout), None).await?;
            let mut tx = client.begin().await?;
            Note::create()
                .title("in the transaction")
                .score(1)
                .save(&mut tx)
                .await?;
            expect_statement_timeout(tx.execute_raw(slow_sql(ctx.kind)).await, timeout);
            // Later statements are refused without being sent.
            let before = client.statement_count();
            expect_statement_timeout(Note::query().count(&mut tx).await, timeout);
            expect_statement_timeout(tx.execute_raw("SELECT 1").await, timeout);
            assert_eq!(client.statement_count(), before);
            // Committing is refused too; the transaction is rolled back.
            expect_statement_timeout(tx.commit().await, timeout);
            assert_eq!(Note::query().count(&client).await?, 0);
            client.close().await;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_transaction_that_runs_too_long_is_rolled_back() {
    for_each_backend(
        "a_transaction_that_runs_too_long_is_rolled_back",
        |ctx| async move {
            let timeout = Duration::from_millis(400);
            let client = client_with(&ctx, None, Some(timeout)).await?;

            // Idle too long between statements: the next one, and COMMIT,
            // are refused.
            let mut tx = client.begin().await?;
            Note::create().title("late").score(1).save(&mut tx).await?;
            tokio::time::sleep(timeout + Duration::from_millis(100)).await;
            expect_transaction_timeout(Note::query().count(&mut tx).await, timeout);
            expect_transaction_timeout(tx.commit().await, timeout);
            assert_eq!(Note::query().count(&client).await?, 0, "never committed");

            // A statement that would run past the transaction's end is cut
            // at that end.
            let mut tx = client.begin().await?;
            let started = Instant::now();
            expect_transaction_timeout(tx.execute_raw(slow_sql(ctx.kind)).await, timeout);
            assert!(
                started.elapsed() < Duration::from_secs(2),
                "{:?}",
                started.elapsed()
            );
            tx.rollback().await?;

            // A transaction within its time commits as usual.
            let mut tx = client.begin().await?;
            Note::create()
                .title("on time")
                .score(2)
                .save(&mut tx)
                .await?;
            tx.commit().await?;
            assert_eq!(Note::query().count(&client).await?, 1);
            client.close().await;
            Ok(())
        },
    )
    .await;
}
