//! The benchmarked operations written with Diesel 2 (synchronous).

use diesel::prelude::*;

use super::{DieselConn, DieselPool};
use crate::harness::{BoxError, OpResult};
use crate::models::diesel_schema::{
    Comment, NewUser, Post, PostTag, Tag, User, posts, tags, users,
};
use crate::models::sqlx_model::JoinRow;

/// Runs `$body` with `$c` bound to the connection, whatever its backend.
macro_rules! on_conn {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            #[cfg(feature = "diesel-postgres")]
            DieselConn::Pg($c) => $body,
            DieselConn::Sqlite($c) => $body,
        }
    };
}

pub fn select_by_pk(conn: &mut DieselConn, id: i64) -> OpResult {
    let found: Option<User> = on_conn!(conn, c => users::table
        .find(id)
        .select(User::as_select())
        .first(c)
        .optional()?);
    Ok(found.map_or(0, |_| 1))
}

/// `select_by_pk` on a connection from the r2d2 pool.
pub fn select_by_pk_pooled(pool: &DieselPool, id: i64) -> OpResult {
    let found: Option<User> = match pool {
        #[cfg(feature = "diesel-postgres")]
        DieselPool::Pg(p) => users::table
            .find(id)
            .select(User::as_select())
            .first(&mut p.get()?)
            .optional()?,
        DieselPool::Sqlite(p) => users::table
            .find(id)
            .select(User::as_select())
            .first(&mut p.get()?)
            .optional()?,
    };
    Ok(found.map_or(0, |_| 1))
}

pub fn all_users(conn: &mut DieselConn) -> OpResult {
    let rows: Vec<User> = on_conn!(conn, c => users::table.select(User::as_select()).load(c)?);
    Ok(rows.len())
}

pub fn medium_join(conn: &mut DieselConn) -> OpResult {
    let rows: Vec<JoinRow> = on_conn!(conn, c => users::table
        .left_join(posts::table)
        .filter(users::hair_color.eq("black"))
        .select((
            users::id,
            users::name,
            users::hair_color,
            posts::id.nullable(),
            posts::title.nullable(),
            posts::body.nullable(),
        ))
        .load(c)?);
    Ok(rows.len())
}

/// One multi-row INSERT.
pub fn insert_users(conn: &mut DieselConn, n: usize) -> OpResult {
    let rows: Vec<NewUser> = (0..n)
        .map(|i| NewUser {
            name: format!("User {i}"),
            hair_color: Some("hair_color".to_owned()),
        })
        .collect();
    Ok(on_conn!(conn, c => diesel::insert_into(users::table).values(&rows).execute(c)?))
}

/// A user with its posts with their comments.
type UserTree = (User, Vec<(Post, Vec<Comment>)>);

/// `belonging_to` per level, then `grouped_by`.
pub fn load_associations(conn: &mut DieselConn) -> OpResult {
    let trees: Vec<UserTree> = on_conn!(conn, c => {
        let all_users = users::table.select(User::as_select()).load(c)?;
        let all_posts = Post::belonging_to(&all_users)
            .select(Post::as_select())
            .load(c)?;
        let all_comments = Comment::belonging_to(&all_posts)
            .select(Comment::as_select())
            .load(c)?;
        let grouped_comments = all_comments.grouped_by(&all_posts);
        let posts_with_comments = all_posts
            .into_iter()
            .zip(grouped_comments)
            .collect::<Vec<_>>()
            .grouped_by(&all_users);
        all_users.into_iter().zip(posts_with_comments).collect()
    });
    Ok(trees
        .iter()
        .map(|(_, ps)| 1 + ps.iter().map(|(_, cs)| 1 + cs.len()).sum::<usize>())
        .sum())
}

/// Posts, then their tags through `post_tags` (`belonging_to` + join).
pub fn load_m2m(conn: &mut DieselConn) -> OpResult {
    let loaded: Vec<(Post, Vec<Tag>)> = on_conn!(conn, c => {
        let all_posts = posts::table.select(Post::as_select()).load(c)?;
        let links: Vec<(PostTag, Tag)> = PostTag::belonging_to(&all_posts)
            .inner_join(tags::table)
            .select((PostTag::as_select(), Tag::as_select()))
            .load(c)?;
        let grouped = links.grouped_by(&all_posts);
        all_posts
            .into_iter()
            .zip(grouped)
            .map(|(p, ls)| (p, ls.into_iter().map(|(_, t)| t).collect()))
            .collect()
    });
    Ok(loaded.iter().map(|(_, ts)| 1 + ts.len()).sum())
}

/// Locks the shared connection and runs `f` on it.
pub fn with_conn(
    conn: &std::sync::Mutex<DieselConn>,
    f: impl FnOnce(&mut DieselConn) -> OpResult,
) -> OpResult {
    let mut guard = conn
        .lock()
        .map_err(|e| -> BoxError { e.to_string().into() })?;
    f(&mut guard)
}
