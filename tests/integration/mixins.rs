//! Entities built from mixins: the built-in `BaseModel` and `Timestamps`,
//! and mixins of this crate declared in another module, one named through
//! `use`, one by its path.

use std::time::Duration;

use entkit::Entity;
use entkit::mixins::{BaseModel, TenantScoped, Timestamps};
use entkit::schema::KeyStrategy;
use entkit_tests::{expect_not_found, for_each_backend};
use uuid::Uuid;

mod shared {
    /// Crate-visible: named below through `use`.
    #[entkit::mixin]
    pub(crate) struct Owned {
        /// Who owns the row.
        #[entity(max_len = 32, index)]
        pub owner: String,
        #[entity(default = 0)]
        pub revision: i32,
    }

    /// Public: named below by its path. Its default is a function of this
    /// crate, written `crate::..` so it resolves wherever the entity is.
    #[entkit::mixin]
    pub struct Labelled {
        #[entity(default = crate::mixins::shared::unlabelled)]
        pub label: String,
    }

    pub fn unlabelled() -> String {
        "none".to_owned()
    }
}

use shared::Owned;

#[entkit::mixins(BaseModel, Timestamps, Owned, shared::Labelled)]
#[derive(Entity)]
#[entity(table = "mixin_articles")]
pub struct Article {
    pub title: String,
    pub body: Option<String>,
}

/// The same mixin in a second entity: its fields are copied, not shared.
#[entkit::mixins(Timestamps)]
#[derive(Entity)]
#[entity(table = "mixin_tags")]
pub struct Tag {
    pub id: i64,
    pub name: String,
}

/// The seeds' base entity: a v7 key, a tenant, timestamps.
#[entkit::mixins(BaseModel, TenantScoped, Timestamps)]
#[derive(Entity)]
#[entity(table = "mixin_invoices")]
pub struct Invoice {
    pub number: String,
}

#[tokio::test]
async fn the_tenant_scoped_mixin_makes_a_tenant_entity() {
    let def = Invoice::def();
    assert_eq!(def.tenant_field().map(|f| f.column), Some("tenant_id"));
    assert!(
        def.indexes.iter().any(|i| i.columns == ["tenant_id"]),
        "the tenant key is indexed"
    );
    for_each_backend(
        "the_tenant_scoped_mixin_makes_a_tenant_entity",
        |ctx| async move {
            ctx.migrate(&[Invoice::def()]).await;
            let (t1, t2) = (Uuid::now_v7(), Uuid::now_v7());
            let one = ctx.client.for_tenant(t1);
            let made = Invoice::create().number("A-1").save(&one).await?;
            assert_eq!(made.tenant_id, t1, "the create took the client's tenant");
            Invoice::create()
                .number("B-1")
                .save(&ctx.client.for_tenant(t2))
                .await?;
            let seen = Invoice::query().all(&one).await?;
            assert_eq!(seen.len(), 1);
            assert_eq!(seen[0].number, "A-1");
            assert!(matches!(
                Invoice::query().all(&ctx.client).await,
                Err(entkit::Error::TenantRequired { .. })
            ));
            Ok(())
        },
    )
    .await;
}

#[test]
fn mixin_fields_come_first_with_their_options() {
    let def = Article::def();
    let columns: Vec<&str> = def.fields.iter().map(|f| f.column).collect();
    assert_eq!(
        columns,
        [
            "id",
            "created_at",
            "updated_at",
            "owner",
            "revision",
            "label",
            "title",
            "body"
        ]
    );
    let key = def.key();
    assert_eq!(key.column, "id");
    assert_eq!(key.key_strategy, Some(KeyStrategy::Generated));
    let index: Vec<&str> = def.indexes.iter().map(|i| i.name).collect();
    assert_eq!(index, ["mixin_articles_owner_idx"]);

    let tag: Vec<&str> = Tag::def().fields.iter().map(|f| f.column).collect();
    assert_eq!(tag, ["created_at", "updated_at", "id", "name"]);
    assert_eq!(Tag::def().key().column, "id");
}

#[tokio::test]
async fn mixin_defaults_apply_on_create() {
    for_each_backend("mixin_defaults_apply_on_create", |ctx| async move {
        ctx.migrate(&[Article::def(), Tag::def()]).await;
        let c = &ctx.client;

        let before = entkit::now();
        let a = Article::create()
            .owner("ada")
            .title("first")
            .save(c)
            .await?;
        let after = entkit::now();
        assert_eq!(a.id.get_version_num(), 7, "{}", a.id);
        assert!(
            before <= a.created_at && a.created_at <= after,
            "created_at {} not in [{before}, {after}]",
            a.created_at
        );
        assert_eq!(a.updated_at, a.created_at, "one instant per insert");
        assert_eq!((a.revision, a.label.as_str()), (0, "none"));

        let stored = Article::get(c, a.id).await?;
        assert_eq!(
            (
                stored.owner.as_str(),
                stored.revision,
                stored.label.as_str(),
                stored.title.as_str(),
                stored.body
            ),
            ("ada", 0, "none", "first", None)
        );
        assert_eq!(
            (stored.created_at, stored.updated_at),
            (a.created_at, a.updated_at)
        );

        // Set values win over the mixins' defaults, the key included.
        let id = Uuid::now_v7();
        let b = Article::create()
            .id(id)
            .owner("grace")
            .revision(3)
            .label("draft")
            .title("second")
            .save(c)
            .await?;
        assert_eq!((b.id, b.revision, b.label.as_str()), (id, 3, "draft"));
        let found = Article::query()
            .filter(Article::OWNER.eq("grace"))
            .one(c)
            .await?;
        assert_eq!(found.id, id);

        // A mixin's validation comes with it.
        let long = "x".repeat(33);
        let refused = Article::create()
            .owner(long.as_str())
            .title("t")
            .save(c)
            .await;
        assert!(
            matches!(refused, Err(entkit::Error::Validation { .. })),
            "{refused:?}"
        );

        let tag = Tag::create().name("rust").save(c).await?;
        assert_eq!(tag.created_at, tag.updated_at);
        assert_eq!(Tag::get(c, tag.id).await?.created_at, tag.created_at);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn mixin_update_defaults_refresh_and_immutable_fields_stay() {
    for_each_backend(
        "mixin_update_defaults_refresh_and_immutable_fields_stay",
        |ctx| async move {
            ctx.migrate(&[Article::def()]).await;
            let c = &ctx.client;
            let a = Article::create().owner("ada").title("a").save(c).await?;
            let other = Article::create().owner("bob").title("b").save(c).await?;

            tokio::time::sleep(Duration::from_millis(5)).await;
            let u = a.update().set_title("a2").add_revision(1).save(c).await?;
            assert_eq!((u.title.as_str(), u.revision), ("a2", 1));
            assert!(
                u.updated_at > a.updated_at,
                "updated_at {} not after {}",
                u.updated_at,
                a.updated_at
            );
            assert_eq!(u.created_at, a.created_at, "created_at changed");
            let stored = Article::get(c, a.id).await?;
            assert_eq!(
                (stored.created_at, stored.updated_at),
                (a.created_at, u.updated_at)
            );
            let untouched = Article::get(c, other.id).await?;
            assert_eq!(untouched.updated_at, other.updated_at);

            // Updating many rows refreshes each one's updated_at.
            tokio::time::sleep(Duration::from_millis(5)).await;
            let n = Article::update_many()
                .filter(Article::OWNER.is_in(["ada", "bob"]))
                .set_label("seen")
                .exec(c)
                .await?;
            assert_eq!(n, 2);
            for (row, was) in [(&stored, u.updated_at), (&untouched, other.updated_at)] {
                let now = Article::get(c, row.id).await?;
                assert_eq!(now.label, "seen");
                assert!(now.updated_at > was, "{} not after {was}", now.updated_at);
                assert_eq!(now.created_at, row.created_at);
            }

            Article::delete_by_id(c, a.id).await?;
            expect_not_found(Article::get(c, a.id).await);
            Ok(())
        },
    )
    .await;
}
