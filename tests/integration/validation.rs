//! Length validation runs before any SQL: nothing is written.

use entkit::Entity as _;
use entkit_tests::{expect_validation, for_each_backend};

use crate::entities::Profile;

#[tokio::test]
async fn length_limits_reject_before_writing() {
    for_each_backend("length_limits_reject_before_writing", |ctx| async move {
        ctx.migrate(&[Profile::def()]).await;
        let c = &ctx.client;

        let statements = c.statement_count();
        expect_validation(Profile::create().nick("ab").save(c).await, "nick"); // below min_len 3
        expect_validation(Profile::create().nick("ninechars").save(c).await, "nick"); // above max_len 8
        expect_validation(
            Profile::create().nick("fine").bio("sixsix").save(c).await,
            "bio",
        ); // above 5
        assert_eq!(c.statement_count(), statements, "a refused create ran SQL");
        assert_eq!(
            Profile::query().count(c).await?,
            0,
            "a refused create wrote a row"
        );

        // Lengths count characters, not bytes; the limits are inclusive.
        let ok = Profile::create().nick("abc").bio("ééééé").save(c).await?;
        assert_eq!(ok.bio.as_deref(), Some("ééééé"));
        let ok8 = Profile::create().nick("eightchr").save(c).await?;
        assert_eq!(ok8.nick, "eightchr");
        assert_eq!(Profile::query().count(c).await?, 2);

        // Updates are validated too, and leave the row as it was.
        let statements = c.statement_count();
        expect_validation(
            Profile::update_by_id(ok.id).set_nick("x").save(c).await,
            "nick",
        );
        expect_validation(
            Profile::update_by_id(ok.id)
                .set_bio("toolong")
                .save(c)
                .await,
            "bio",
        );
        expect_validation(
            Profile::update_many().set_nick("waytoolong").exec(c).await,
            "nick",
        );
        assert_eq!(c.statement_count(), statements, "a refused update ran SQL");
        let row = Profile::get(c, ok.id).await?;
        assert_eq!(
            (row.nick.as_str(), row.bio.as_deref()),
            ("abc", Some("ééééé"))
        );
        assert_eq!(
            Profile::query()
                .filter(Profile::NICK.eq("waytoolong"))
                .count(c)
                .await?,
            0
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn pattern_range_and_custom_validators_reject_before_writing() {
    use crate::entities::Rule;
    for_each_backend(
        "pattern_range_and_custom_validators_reject_before_writing",
        |ctx| async move {
            ctx.migrate(&[<Rule as entkit::Entity>::def()]).await;
            let c = &ctx.client;
            let before = c.statement_count();
            expect_validation(
                Rule::create()
                    .name("users.read")
                    .weight(1)
                    .slug("a")
                    .save(c)
                    .await,
                "name",
            );
            expect_validation(
                Rule::create()
                    .name("Users.Read.All")
                    .weight(1)
                    .slug("a")
                    .save(c)
                    .await,
                "name",
            );
            expect_validation(
                Rule::create()
                    .name("users.read.all")
                    .weight(101)
                    .slug("a")
                    .save(c)
                    .await,
                "weight",
            );
            expect_validation(
                Rule::create()
                    .name("users.read.all")
                    .weight(-1)
                    .slug("a")
                    .save(c)
                    .await,
                "weight",
            );
            expect_validation(
                Rule::create()
                    .name("users.read.all")
                    .weight(1)
                    .slug("a b")
                    .save(c)
                    .await,
                "slug",
            );
            expect_validation(
                Rule::create()
                    .name("users.read.all")
                    .weight(1)
                    .slug("a")
                    .ratio(-0.5)
                    .save(c)
                    .await,
                "ratio",
            );
            expect_validation(
                Rule::create()
                    .name("users.read.all")
                    .weight(1)
                    .slug("a")
                    .quota(9_007_199_254_740_994i64)
                    .save(c)
                    .await,
                "quota",
            );
            assert_eq!(c.statement_count(), before, "no SQL ran for invalid values");
            // The largest allowed value, one past what an f64 holds exactly.
            let edge = Rule::create()
                .name("users.read.all")
                .weight(0)
                .slug("edge")
                .quota(9_007_199_254_740_993i64)
                .save(c)
                .await?;
            assert_eq!(edge.quota, Some(9_007_199_254_740_993));
            Rule::delete_by_id(c, edge.id).await?;
            let ok = Rule::create()
                .name("users.read.all")
                .weight(100)
                .slug("ok")
                .save(c)
                .await?;
            // Updates are validated too.
            expect_validation(
                Rule::update_by_id(ok.id).set_weight(1000).save(c).await,
                "weight",
            );
            expect_validation(Rule::update_many().set_name("nope").exec(c).await, "name");
            assert_eq!(Rule::get(c, ok.id).await?.weight, 100);
            assert_eq!(Rule::query().count(c).await?, 1);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn ranges_hold_for_increments_made_in_the_database() {
    use crate::entities::Rule;
    for_each_backend("ranges_hold_for_increments_made_in_the_database", |ctx| async move {
        ctx.migrate(&[<Rule as entkit::Entity>::def()]).await;
        let c = &ctx.client;
        let rule = Rule::create().name("a.b.c").weight(95).slug("s").save(c).await?;
        // `weight + 10` is computed by the database: its CHECK refuses 105.
        let over = Rule::update_by_id(rule.id).add_weight(10).save(c).await;
        let violation = over.expect_err("CHECK refuses 105");
        assert!(
            matches!(&violation, entkit::Error::Constraint(v) if v.kind == entkit::ConstraintKind::Check),
            "{violation:?}"
        );
        assert_eq!(Rule::get(c, rule.id).await?.weight, 95);
        // NaN is in no range.
        expect_validation(Rule::create().name("a.b.c").weight(1).slug("s").ratio(f64::NAN).save(c).await, "ratio");
        Ok(())
    })
    .await;
}
