//! The generic `Repository`: reads and writes of any entity through one
//! client, its scope included.

use chrono::{DateTime, Utc};
use entkit::{ConstraintKind, Entity, Repository};
use entkit_tests::{expect_constraint, expect_not_found, for_each_backend};
use uuid::Uuid;

#[derive(Entity)]
#[entity(table = "repo_books")]
pub struct Book {
    pub id: i64,
    #[entity(unique)]
    pub isbn: String,
    pub title: String,
    #[entity(default = 0)]
    pub stock: i32,
}

/// A UUID key and soft delete: what the repository reads must skip
/// deleted rows, as the generated API does.
#[derive(Entity)]
#[entity(table = "repo_shelves", soft_delete)]
pub struct Shelf {
    pub id: Uuid,
    pub name: String,
    pub deleted_at: Option<DateTime<Utc>>,
}

#[tokio::test]
async fn repository_saves_reads_and_deletes() {
    for_each_backend("repository_saves_reads_and_deletes", |ctx| async move {
        ctx.migrate(&[Book::def()]).await;
        let books = Repository::<Book>::new(ctx.client.clone());
        assert_eq!(books.count().await?, 0);

        let a = books.save(Book::create().isbn("1").title("Dune")).await?;
        assert_eq!((a.title.as_str(), a.stock), ("Dune", 0), "defaults applied");
        let b = books
            .save(Book::create().isbn("2").title("Emma").stock(4))
            .await?;
        assert_ne!(a.id, b.id);

        // An update builder saves through the same method.
        let a2 = books.save(a.update().set_stock(7)).await?;
        assert_eq!((a2.id, a2.stock), (a.id, 7));
        let by_key = books
            .save(Book::update_by_id(b.id).set_title("Emma (2nd)"))
            .await?;
        assert_eq!(by_key.title, "Emma (2nd)");

        assert_eq!(books.find_by_id(a.id).await?.map(|x| x.stock), Some(7));
        assert_eq!(books.get(b.id).await?.title, "Emma (2nd)");
        assert!(books.find_by_id(a.id + b.id + 100).await?.is_none());
        expect_not_found(books.get(a.id + b.id + 100).await);
        assert!(books.exists(a.id).await?);
        assert!(!books.exists(a.id + b.id + 100).await?);
        assert_eq!(books.count().await?, 2);

        // Errors are the generated API's: a duplicate is a typed violation.
        expect_constraint(
            books.save(Book::create().isbn("1").title("again")).await,
            ConstraintKind::Unique,
        );
        assert_eq!(books.count().await?, 2);

        books.delete(a.id).await?;
        assert!(books.find_by_id(a.id).await?.is_none());
        assert!(!books.exists(a.id).await?);
        assert_eq!(books.count().await?, 1);
        expect_not_found(books.delete(a.id).await);

        // What the repository wrote is what the generated API reads.
        assert_eq!(Book::query().count(&ctx.client).await?, 1);
        assert_eq!(Book::get(&ctx.client, b.id).await?.stock, 4);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn repository_finds_many_keys_in_their_order() {
    for_each_backend(
        "repository_finds_many_keys_in_their_order",
        |ctx| async move {
            ctx.migrate(&[Book::def()]).await;
            let books = Repository::<Book>::new(ctx.client.clone());
            let rows = (0..300).map(|i| {
                Book::create()
                    .isbn(format!("isbn-{i}"))
                    .title(format!("t{i}"))
            });
            let created = Book::create_many(books.client(), rows).await?;
            let ids: Vec<i64> = created.iter().map(|b| b.id).collect();
            let missing = ids.iter().max().unwrap() + 1;

            assert!(books.find_by_ids([]).await?.is_empty());

            // The order asked for, each row once, absent keys left out.
            let asked = [ids[5], ids[2], missing, ids[5], ids[0]];
            let found = books.find_by_ids(asked).await?;
            let got: Vec<i64> = found.iter().map(|b| b.id).collect();
            assert_eq!(got, [ids[5], ids[2], ids[0]]);
            assert_eq!(found[1].title, "t2");

            // Every row, asked for in reverse.
            let reversed: Vec<i64> = ids.iter().rev().copied().collect();
            let all = books.find_by_ids(reversed.clone()).await?;
            assert_eq!(all.iter().map(|b| b.id).collect::<Vec<_>>(), reversed);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn repository_skips_soft_deleted_rows() {
    for_each_backend("repository_skips_soft_deleted_rows", |ctx| async move {
        ctx.migrate(&[Shelf::def()]).await;
        let shelves = Repository::<Shelf>::new(ctx.client.clone());
        let kept = shelves.save(Shelf::create().name("kept")).await?;
        let gone = shelves.save(Shelf::create().name("gone")).await?;
        assert_eq!(kept.id.get_version_num(), 7);

        shelves.delete(gone.id).await?;
        assert!(shelves.find_by_id(gone.id).await?.is_none());
        assert!(!shelves.exists(gone.id).await?);
        assert_eq!(shelves.count().await?, 1);
        let found = shelves.find_by_ids([gone.id, kept.id]).await?;
        assert_eq!(found.iter().map(|s| s.id).collect::<Vec<_>>(), [kept.id]);

        // Marked deleted, not removed.
        let all = Shelf::query().with_deleted().count(&ctx.client).await?;
        assert_eq!(all, 2);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn repository_stays_in_its_clients_scope() {
    for_each_backend("repository_stays_in_its_clients_scope", |ctx| async move {
        let other = ctx.extra_scope("repo_other");
        ctx.migrate(&[Book::def()]).await;
        entkit_tests::migrate_on(&other, &[Book::def()]).await;
        let here = Repository::<Book>::new(ctx.client.clone());
        let there = Repository::<Book>::new(other.clone());

        let mine = here.save(Book::create().isbn("1").title("here")).await?;
        // The same unique value is free in the other scope.
        let theirs = there.save(Book::create().isbn("1").title("there")).await?;
        there
            .save(Book::create().isbn("2").title("there too"))
            .await?;

        assert_eq!(here.count().await?, 1);
        assert_eq!(there.count().await?, 2);
        assert_eq!(here.get(mine.id).await?.title, "here");
        assert_eq!(there.get(theirs.id).await?.title, "there");
        let both = here.find_by_ids([mine.id, theirs.id]).await?;
        assert!(both.iter().all(|b| b.title == "here"), "{both:?}");
        Ok(())
    })
    .await;
}
