//! Rust enums as columns: stored by name, checked by the database.

use entkit::{Entity as _, RawQuery};
use entkit_tests::for_each_backend;

use crate::entities::{Status, Subscription};

#[tokio::test]
async fn enum_columns_round_trip_and_filter() {
    for_each_backend("enum_columns_round_trip_and_filter", |ctx| async move {
        ctx.migrate(&[Subscription::def()]).await;
        let c = &ctx.client;
        let a = Subscription::create().status(Status::Active).save(c).await?;
        Subscription::create().status(Status::Deleted).previous(Status::Suspended).save(c).await?;
        assert_eq!(Subscription::get(c, a.id).await?.status, Status::Active);
        let gone = Subscription::query().filter(Subscription::STATUS.eq(Status::Deleted)).one(c).await?;
        assert_eq!(gone.previous, Some(Status::Suspended));
        let n = Subscription::query()
            .filter(Subscription::STATUS.is_in([Status::Active, Status::Suspended]))
            .count(c)
            .await?;
        assert_eq!(n, 1);
        // Stored by name: "gone" for the renamed variant.
        let table = ctx.table("accounts_status");
        let names: Vec<(String,)> = RawQuery::new(format!("SELECT status FROM {table} ORDER BY id")).fetch_all(c).await?;
        assert_eq!(names, [("active".to_owned(),), ("gone".to_owned(),)]);
        // The database refuses names that are no variant.
        let bad = c.execute_raw(&format!("INSERT INTO {table} (status) VALUES ('bogus')")).await;
        let violation = bad.expect_err("CHECK constraint");
        assert!(
            matches!(&violation, entkit::Error::Constraint(v) if v.kind == entkit::ConstraintKind::Check),
            "{violation:?}"
        );
        Ok(())
    })
    .await;
}
