//! Resetting and seeding the benchmark tables, through entkit (the same rows
//! in every database a stack uses).

use entkit::RawQuery;

use crate::harness::BoxError;
use crate::models::entkit_model::{Comment, Post, Tag, User};
use crate::tools::{Db, Stack};

/// Rows per seeding statement.
const CHUNK: usize = 10_000;

/// Users, posts per user and comments per post of the associations data set
/// (Diesel's `loading_associations_sequentially`).
pub const ASSOC_USERS: usize = 100;
pub const ASSOC_POSTS_PER_USER: usize = 10;
pub const ASSOC_COMMENTS_PER_POST: usize = 10;
/// Tags, and tags per post, of the many-to-many data set.
pub const TAGS: usize = 50;
pub const TAGS_PER_POST: usize = 5;

/// Empties every table; keys restart at 1 (except on MariaDB).
pub async fn reset(stack: &Stack) -> Result<(), BoxError> {
    for client in stack.seed_clients() {
        if stack.db.is_postgres() {
            client
                .execute_raw(
                    "TRUNCATE post_tags, comments, posts, tags, users RESTART IDENTITY CASCADE",
                )
                .await?;
            continue;
        }
        for table in ["post_tags", "comments", "posts", "tags", "users"] {
            client.execute_raw(&format!("DELETE FROM {table}")).await?;
        }
        if stack.db == Db::Sqlite {
            client.execute_raw("DELETE FROM sqlite_sequence").await?;
        }
    }
    Ok(())
}

/// Refreshes the planner's statistics after seeding (PostgreSQL, MariaDB).
///
/// Not on SQLite: a connection reads the statistics when it loads the
/// schema, so statements it prepared and cached before (at a smaller size)
/// would keep a plan made for a one-row table — a full scan per joined row.
/// Without statistics SQLite plans by its heuristics, the same at every size.
pub async fn analyze(stack: &Stack) -> Result<(), BoxError> {
    let sql = match stack.db {
        Db::MySql => "ANALYZE TABLE users, posts, comments, tags, post_tags",
        Db::Sqlite => return Ok(()),
        _ => "ANALYZE",
    };
    for client in stack.seed_clients() {
        if stack.db == Db::MySql {
            // ANALYZE TABLE returns a result set; read it as rows.
            let _: Vec<(String, String, String, String)> =
                RawQuery::new(sql).fetch_all(client).await?;
        } else {
            client.execute_raw(sql).await?;
        }
    }
    Ok(())
}

async fn ids(client: &entkit::Client, table: &str) -> Result<Vec<i64>, BoxError> {
    let rows: Vec<(i64,)> = RawQuery::new(format!("SELECT id FROM {table} ORDER BY id"))
        .fetch_all(client)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Inserts `n` users, hair colour alternating black and brown (Diesel's
/// medium-complex data), and one post per user; returns the user keys.
pub async fn seed_users_with_posts(stack: &Stack, n: usize) -> Result<Vec<i64>, BoxError> {
    let mut keys = Vec::new();
    for client in stack.seed_clients() {
        for start in (0..n).step_by(CHUNK) {
            let rows = (start..n.min(start + CHUNK)).map(|i| {
                User::create()
                    .name(format!("User {i}"))
                    .hair_color(if i % 2 == 0 { "black" } else { "brown" })
            });
            User::insert_many(client, rows).await?;
        }
        let users = ids(client, "users").await?;
        for chunk in users.chunks(CHUNK) {
            let rows = chunk.iter().map(|&id| {
                Post::create()
                    .user_id(id)
                    .title(format!("Post by user {id}"))
            });
            Post::insert_many(client, rows).await?;
        }
        keys = users;
    }
    analyze(stack).await?;
    Ok(keys)
}

/// 100 users × 10 posts × 10 comments, and 50 tags with 5 per post.
pub async fn seed_associations(stack: &Stack) -> Result<(), BoxError> {
    for client in stack.seed_clients() {
        let rows = (0..ASSOC_USERS).map(|i| {
            User::create()
                .name(format!("User {i}"))
                .hair_color(if i % 2 == 0 { "black" } else { "brown" })
        });
        User::insert_many(client, rows).await?;
        let users = ids(client, "users").await?;
        let rows = users.iter().flat_map(|&user| {
            (0..ASSOC_POSTS_PER_USER).map(move |i| {
                Post::create()
                    .user_id(user)
                    .title(format!("Post {i} by user {user}"))
            })
        });
        Post::insert_many(client, rows).await?;
        let posts = ids(client, "posts").await?;
        let rows = posts.iter().flat_map(|&post| {
            (0..ASSOC_COMMENTS_PER_POST).map(move |i| {
                Comment::create()
                    .post_id(post)
                    .text(format!("Comment {i} on post {post}"))
            })
        });
        Comment::insert_many(client, rows).await?;
        let rows = (0..TAGS).map(|i| Tag::create().name(format!("tag {i}")));
        Tag::insert_many(client, rows).await?;
        let tags = ids(client, "tags").await?;
        for (n, &post) in posts.iter().enumerate() {
            let linked = (0..TAGS_PER_POST).map(|k| tags[(n + k * 7) % TAGS]);
            Post::TAGS.add(client, post, linked).await?;
        }
    }
    analyze(stack).await
}

/// Inserts `n` users in chunks (the streaming data set); no posts.
pub async fn seed_many_users(client: &entkit::Client, n: usize) -> Result<(), BoxError> {
    for start in (0..n).step_by(100_000) {
        let rows = (start..n.min(start + 100_000)).map(|i| {
            User::create()
                .name(format!("Streamed user number {i}"))
                .hair_color(if i % 2 == 0 { "black" } else { "brown" })
        });
        User::insert_many(client, rows).await?;
    }
    Ok(())
}
