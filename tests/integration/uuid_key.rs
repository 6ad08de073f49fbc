//! UUID primary keys: generated (v7) unless given.

use entkit::Entity as _;
use entkit_tests::{expect_not_found, for_each_backend};
use uuid::Uuid;

use crate::entities::Document;

#[tokio::test]
async fn uuid_keys_are_generated_v7_or_kept() {
    for_each_backend("uuid_keys_are_generated_v7_or_kept", |ctx| async move {
        ctx.migrate(&[Document::def()]).await;
        let c = &ctx.client;

        let a = Document::create().title("generated").save(c).await?;
        let b = Document::create().title("generated too").save(c).await?;
        assert_eq!(a.doc_id.get_version_num(), 7, "{}", a.doc_id);
        assert_eq!(b.doc_id.get_version_num(), 7, "{}", b.doc_id);
        assert_ne!(a.doc_id, b.doc_id);
        assert!(a.doc_id < b.doc_id, "v7 keys are time-ordered");
        assert_eq!(Document::get(c, a.doc_id).await?.title, "generated");

        let explicit = Uuid::new_v4();
        let d = Document::create()
            .doc_id(explicit)
            .title("explicit")
            .save(c)
            .await?;
        assert_eq!(d.doc_id, explicit);
        let fetched = Document::get(c, explicit).await?;
        assert_eq!(
            (fetched.doc_id, fetched.title.as_str()),
            (explicit, "explicit")
        );
        assert_eq!(
            Document::query()
                .filter(Document::DOC_ID.eq(explicit))
                .count(c)
                .await?,
            1
        );
        assert_eq!(Document::query().count(c).await?, 3);

        expect_not_found(Document::get(c, Uuid::new_v4()).await);
        Document::delete_by_id(c, explicit).await?;
        expect_not_found(Document::get(c, explicit).await);
        Ok(())
    })
    .await;
}
