//! Row types for the hand-written sqlx code: `FromRow` by column name, the
//! way sqlx is usually written. The benchmarks decode rows without reading
//! every field back, hence `dead_code` is allowed.
#![allow(dead_code)]

/// `users` row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub hair_color: Option<String>,
}

/// `posts` row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Post {
    pub id: i64,
    pub user_id: i64,
    pub title: String,
    pub body: Option<String>,
}

/// `comments` row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Comment {
    pub id: i64,
    pub post_id: i64,
    pub text: String,
}

/// `tags` row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Tag {
    pub id: i64,
    pub name: String,
}

/// A tag row with the post it was reached from (`post_tags` joined to `tags`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostTag {
    pub post_id: i64,
    pub id: i64,
    pub name: String,
}

/// One row of the medium join: a user and its post, if any.
pub type JoinRow = (
    i64,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
);
