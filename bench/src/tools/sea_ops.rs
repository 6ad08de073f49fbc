//! The benchmarked operations written with SeaORM 2.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, LoaderTrait, QueryFilter,
};

use crate::harness::OpResult;
use crate::models::sea_model::{comment, post, tag, user};

pub async fn select_by_pk(db: DatabaseConnection, id: i64) -> OpResult {
    Ok(user::Entity::find_by_id(id)
        .one(&db)
        .await?
        .map_or(0, |_| 1))
}

pub async fn all_users(db: DatabaseConnection) -> OpResult {
    Ok(user::Entity::find().all(&db).await?.len())
}

/// `find_also_related`: users LEFT JOIN posts, both whole models.
pub async fn medium_join(db: DatabaseConnection) -> OpResult {
    let rows: Vec<(user::Model, Option<post::Model>)> = user::Entity::find()
        .find_also_related(post::Entity)
        .filter(user::Column::HairColor.eq("black"))
        .all(&db)
        .await?;
    Ok(rows.len())
}

/// `insert_many(..).exec_without_returning`: one multi-row INSERT.
pub async fn insert_users(db: DatabaseConnection, n: usize) -> OpResult {
    let rows = (0..n).map(|i| user::ActiveModel {
        name: Set(format!("User {i}")),
        hair_color: Set(Some("hair_color".to_owned())),
        ..Default::default()
    });
    Ok(user::Entity::insert_many(rows)
        .exec_without_returning(&db)
        .await? as usize)
}

/// A user with its posts with their comments.
type UserTree = (user::Model, Vec<(post::Model, Vec<comment::Model>)>);

/// The loader: users, `load_many` of their posts, `load_many` of those
/// posts' comments (one query per level).
pub async fn load_associations(db: DatabaseConnection) -> OpResult {
    let users = user::Entity::find().all(&db).await?;
    let posts: Vec<Vec<post::Model>> = users.load_many(post::Entity, &db).await?;
    let counts: Vec<usize> = posts.iter().map(Vec::len).collect();
    let flat: Vec<post::Model> = posts.into_iter().flatten().collect();
    let comments: Vec<Vec<comment::Model>> = flat.load_many(comment::Entity, &db).await?;
    let mut posts_with_comments = flat.into_iter().zip(comments);
    let trees: Vec<UserTree> = users
        .into_iter()
        .zip(counts)
        .map(|(u, n)| (u, posts_with_comments.by_ref().take(n).collect()))
        .collect();
    Ok(trees
        .iter()
        .map(|(_, ps)| 1 + ps.iter().map(|(_, cs)| 1 + cs.len()).sum::<usize>())
        .sum())
}

/// Posts, then `load_many` of their tags through `post_tags`.
pub async fn load_m2m(db: DatabaseConnection) -> OpResult {
    let posts = post::Entity::find().all(&db).await?;
    let tags: Vec<Vec<tag::Model>> = posts.load_many(tag::Entity, &db).await?;
    Ok(posts.len() + tags.iter().map(Vec::len).sum::<usize>())
}
