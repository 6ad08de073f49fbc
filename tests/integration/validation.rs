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
