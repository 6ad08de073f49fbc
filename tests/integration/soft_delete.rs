//! Soft delete: deletes mark rows, queries (and edges) leave them out.

use entkit::Entity as _;
use entkit_tests::{expect_not_found, for_each_backend};

use crate::entities::{Article, ArticleComment};

#[tokio::test]
async fn soft_deleted_rows_are_hidden_until_asked_for() {
    for_each_backend(
        "soft_deleted_rows_are_hidden_until_asked_for",
        |ctx| async move {
            ctx.migrate(&[Article::def(), ArticleComment::def()]).await;
            let c = &ctx.client;
            let a = Article::create().title("a").save(c).await?;
            let b = Article::create().title("b").save(c).await?;
            Article::create().title("c").save(c).await?;
            ArticleComment::create()
                .article_id(a.id)
                .body("on a")
                .save(c)
                .await?;

            Article::delete_by_id(c, a.id).await?;
            assert_eq!(Article::query().count(c).await?, 2);
            expect_not_found(Article::get(c, a.id).await);
            assert!(Article::find(c, a.id).await?.is_none());
            assert_eq!(Article::query().with_deleted().count(c).await?, 3);
            let deleted = Article::query().only_deleted().one(c).await?;
            assert_eq!(deleted.id, a.id);
            assert!(deleted.deleted_at.is_some(), "the delete stamped the row");
            // A deleted row is not there to delete again or to update.
            expect_not_found(Article::delete_by_id(c, a.id).await);
            expect_not_found(Article::update_by_id(a.id).set_title("x").save(c).await);
            assert_eq!(Article::update_many().set_title("live").exec(c).await?, 2);

            // Edges do not see it either; its comment stays (a soft delete cascades nothing).
            assert_eq!(
                ArticleComment::query()
                    .filter(ArticleComment::ARTICLE.exists())
                    .count(c)
                    .await?,
                0
            );
            assert_eq!(ArticleComment::query().count(c).await?, 1);
            let with_comments = Article::query()
                .with(Article::COMMENTS, |q| q)
                .all(c)
                .await?;
            assert_eq!(with_comments.len(), 2);

            // Restore, then delete for good.
            Article::restore_by_id(c, a.id).await?;
            assert_eq!(Article::get(c, a.id).await?.title, "a");
            Article::hard_delete_by_id(c, b.id).await?;
            assert_eq!(Article::query().with_deleted().count(c).await?, 2);
            // delete_many is soft too, unless hard.
            assert_eq!(
                Article::delete_many()
                    .filter(Article::TITLE.eq("live"))
                    .exec(c)
                    .await?,
                1
            );
            assert_eq!(Article::query().with_deleted().count(c).await?, 2);
            assert_eq!(Article::delete_many().hard().exec(c).await?, 2);
            assert_eq!(Article::query().with_deleted().count(c).await?, 0);
            Ok(())
        },
    )
    .await;
}
