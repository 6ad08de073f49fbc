//! The benchmarked operations written with entkit.

use entkit::{Client, RawQuery};

use crate::harness::OpResult;
use crate::models::entkit_model::{Post, User};
use crate::models::sqlx_model::JoinRow;

/// `User::find` by key.
pub async fn select_by_pk(client: Client, id: i64) -> OpResult {
    Ok(User::find(&client, id).await?.map_or(0, |_| 1))
}

/// Every user.
pub async fn all_users(client: Client) -> OpResult {
    Ok(User::query().all(&client).await?.len())
}

/// The medium join, as a raw query decoded into tuples (entkit's query
/// builder has no joins; `RawQuery::fetch_all` is its tool for this).
pub async fn medium_join(client: Client, sql: &'static str) -> OpResult {
    let rows: Vec<JoinRow> = RawQuery::new(sql).bind("black").fetch_all(&client).await?;
    Ok(rows.len())
}

/// `User::insert_many` of `n` new users.
pub async fn insert_users(client: Client, n: usize) -> OpResult {
    let rows = (0..n).map(|i| {
        User::create()
            .name(format!("User {i}"))
            .hair_color("hair_color")
    });
    Ok(User::insert_many(&client, rows).await? as usize)
}

/// Users with their posts with their comments, by eager loading; asserts
/// that it took exactly one statement per level.
pub async fn load_associations(client: Client) -> OpResult {
    let before = client.statement_count();
    let users = User::query()
        .with(User::POSTS, |p| p.with(Post::COMMENTS, |c| c))
        .all(&client)
        .await?;
    let statements = client.statement_count() - before;
    if statements != 3 {
        return Err(format!("load_associations ran {statements} statements, not 3").into());
    }
    let mut size = users.len();
    for user in &users {
        for post in user.edges.posts()? {
            size += 1 + post.edges.comments()?.len();
        }
    }
    Ok(size)
}

/// Posts with their tags over the `post_tags` join table; asserts two
/// statements whatever the number of posts.
pub async fn load_m2m(client: Client) -> OpResult {
    let before = client.statement_count();
    let posts = Post::query().with(Post::TAGS, |t| t).all(&client).await?;
    let statements = client.statement_count() - before;
    if statements != 2 {
        return Err(format!("load_m2m ran {statements} statements, not 2").into());
    }
    let mut size = posts.len();
    for post in &posts {
        size += post.edges.tags()?.len();
    }
    Ok(size)
}
