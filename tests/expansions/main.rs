//! The representative entities whose expansions are pinned in
//! `macros/snapshots/` compile as user code, and work: each is created in
//! a fresh SQLite database and a row goes through it.

#[path = "../../macros/snapshots/edges.rs"]
mod edges;
#[path = "../../macros/snapshots/enum_column.rs"]
mod enum_column;
#[path = "../../macros/snapshots/field_options.rs"]
mod field_options;
#[path = "../../macros/snapshots/mixins.rs"]
mod mixins;
#[path = "../../macros/snapshots/plain.rs"]
mod plain;
#[path = "../../macros/snapshots/soft_delete.rs"]
mod soft_delete;
#[path = "../../macros/snapshots/tenant.rs"]
mod tenant;

use entkit::{Client, Entity};

#[tokio::test]
async fn the_snapshot_entities_migrate_and_store_rows() -> entkit::Result<()> {
    let client = Client::connect("sqlite::memory:").await?;
    client
        .auto_migrate(&[
            plain::Note::def(),
            field_options::Account::def(),
            field_options::Token::def(),
            edges::User::def(),
            soft_delete::Article::def(),
            tenant::Invoice::def(),
            mixins::Receipt::def(),
        ])
        .await?;

    let note = plain::Note::create()
        .title("n")
        .score(1)
        .save(&client)
        .await?;
    assert_eq!(plain::Note::get(&client, note.id).await?.title, "n");

    let account = field_options::Account::create()
        .email("ada@example.com")
        .org("o")
        .handle("ada")
        .password_hash("h")
        .small(1)
        .settings(serde_json::json!({"theme": "dark"}))
        .status(field_options::Status::Active)
        .save(&client)
        .await?;
    assert_eq!(account.logins, 0);
    assert_eq!(account.locale, "en");
    assert_eq!(account.password_hash, "h");
    assert!(
        !format!("{account:?}").contains("\"h\""),
        "sensitive fields are redacted"
    );

    let ada = edges::User::create().name("ada").save(&client).await?;
    let group = edges::Group::create().name("g").save(&client).await?;
    edges::Membership::create()
        .user_id(ada.id)
        .group_id(group.id)
        .save(&client)
        .await?;
    assert_eq!(ada.query_groups().count(&client).await?, 1);
    // An entity with edges can derive `Clone`: the clone keeps what was
    // loaded, and what was not.
    let loaded = edges::User::query()
        .with(edges::User::POSTS, |posts| posts)
        .one(&client)
        .await?;
    assert_eq!(loaded.clone().edges.posts()?.len(), 0);
    assert!(ada.clone().edges.posts().is_err());

    let article = soft_delete::Article::create()
        .title("a")
        .save(&client)
        .await?;
    soft_delete::Article::delete_by_id(&client, article.id).await?;
    assert!(
        soft_delete::Article::find(&client, article.id)
            .await?
            .is_none()
    );

    let org = uuid::Uuid::now_v7();
    let acme = client.for_tenant(org);
    let invoice = tenant::Invoice::create().total(5).save(&acme).await?;
    assert_eq!(invoice.org_id, org);
    assert!(
        tenant::Invoice::find(&client.for_tenant(uuid::Uuid::now_v7()), invoice.id)
            .await?
            .is_none()
    );

    // The mixins' fields come first and keep their options: a generated key
    // and a length limit.
    let receipt = mixins::Receipt::create()
        .changed_by("ada")
        .number("2026-001")
        .total_cents(1_200)
        .save(&client)
        .await?;
    assert_eq!(receipt.id.get_version_num(), 7);
    let columns: Vec<&str> = mixins::Receipt::def()
        .fields
        .iter()
        .map(|f| f.column)
        .collect();
    assert_eq!(columns, ["id", "changed_by", "number", "total_cents"]);
    assert!(
        mixins::Receipt::create()
            .changed_by("x".repeat(65))
            .number("2026-002")
            .total_cents(1)
            .save(&client)
            .await
            .is_err()
    );

    assert_eq!(enum_column::Status::Deleted.as_str(), "gone");
    Ok(())
}
