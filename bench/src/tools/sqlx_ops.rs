//! The benchmarked operations written by hand with sqlx: plain SQL,
//! `FromRow` structs, one query per level for associations (`= ANY($1)` on
//! PostgreSQL, `IN (?, ...)` elsewhere).

use std::collections::HashMap;
use std::sync::Arc;

use sqlx::AssertSqlSafe;

use super::{Db, SqlxPool};
use crate::harness::OpResult;
use crate::models::sqlx_model::{Comment, JoinRow, Post, PostTag, Tag, User};

/// Runs `$body` with `$p` bound to the pool, whatever its backend.
macro_rules! on_pool {
    ($pool:expr, $p:ident => $body:expr) => {
        match &$pool {
            SqlxPool::Pg($p) => $body,
            SqlxPool::MySql($p) => $body,
            SqlxPool::Sqlite($p) => $body,
        }
    };
}

/// `$1` on PostgreSQL, `?` elsewhere.
fn placeholder(db: Db, n: usize) -> String {
    if db.is_postgres() {
        format!("${n}")
    } else {
        "?".to_owned()
    }
}

/// `SELECT ... FROM users WHERE id = ?`.
pub fn select_by_pk_sql(db: Db) -> &'static str {
    if db.is_postgres() {
        "SELECT id, name, hair_color FROM users WHERE id = $1"
    } else {
        "SELECT id, name, hair_color FROM users WHERE id = ?"
    }
}

pub async fn select_by_pk(pool: SqlxPool, sql: &'static str, id: i64) -> OpResult {
    let found = on_pool!(pool, p => sqlx::query_as::<_, User>(sql)
        .bind(id)
        .fetch_optional(p)
        .await?);
    Ok(found.map_or(0, |_| 1))
}

pub async fn all_users(pool: SqlxPool) -> OpResult {
    const SQL: &str = "SELECT id, name, hair_color FROM users";
    Ok(on_pool!(pool, p => sqlx::query_as::<_, User>(SQL).fetch_all(p).await?.len()))
}

/// The medium join's SQL (also used by entkit's raw query).
pub fn medium_join_sql(db: Db) -> &'static str {
    if db.is_postgres() {
        "SELECT u.id, u.name, u.hair_color, p.id, p.title, p.body \
         FROM users u LEFT JOIN posts p ON p.user_id = u.id WHERE u.hair_color = $1"
    } else {
        "SELECT u.id, u.name, u.hair_color, p.id, p.title, p.body \
         FROM users u LEFT JOIN posts p ON p.user_id = u.id WHERE u.hair_color = ?"
    }
}

pub async fn medium_join(pool: SqlxPool, sql: &'static str) -> OpResult {
    Ok(on_pool!(pool, p => sqlx::query_as::<_, JoinRow>(sql)
        .bind("black")
        .fetch_all(p)
        .await?
        .len()))
}

/// `INSERT INTO users (name, hair_color) VALUES (..), (..), ...` for `n` rows.
pub fn values_sql(db: Db, n: usize) -> Arc<str> {
    let mut sql = String::from("INSERT INTO users (name, hair_color) VALUES ");
    for i in 0..n {
        if i > 0 {
            sql.push_str(", ");
        }
        let (a, b) = (placeholder(db, 2 * i + 1), placeholder(db, 2 * i + 2));
        sql.push_str(&format!("({a}, {b})"));
    }
    Arc::from(sql)
}

/// Multi-row VALUES, the statement text built once per size.
pub async fn insert_values(pool: SqlxPool, sql: Arc<str>, n: usize) -> OpResult {
    let done = on_pool!(pool, p => {
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for i in 0..n {
            q = q.bind(format!("User {i}")).bind(Some("hair_color"));
        }
        q.execute(p).await?.rows_affected()
    });
    Ok(done as usize)
}

/// PostgreSQL only: one array per column through `UNNEST`.
pub async fn insert_unnest(pool: SqlxPool, n: usize) -> OpResult {
    let SqlxPool::Pg(p) = &pool else {
        return Err("UNNEST is PostgreSQL only".into());
    };
    let names: Vec<String> = (0..n).map(|i| format!("User {i}")).collect();
    let hair: Vec<Option<String>> = (0..n).map(|_| Some("hair_color".to_owned())).collect();
    let done = sqlx::query(
        "INSERT INTO users (name, hair_color) SELECT * FROM UNNEST($1::text[], $2::text[])",
    )
    .bind(names)
    .bind(hair)
    .execute(p)
    .await?;
    Ok(done.rows_affected() as usize)
}

/// One INSERT per row inside one transaction.
pub async fn insert_one_by_one(pool: SqlxPool, db: Db, n: usize) -> OpResult {
    let sql = if db.is_postgres() {
        "INSERT INTO users (name, hair_color) VALUES ($1, $2)"
    } else {
        "INSERT INTO users (name, hair_color) VALUES (?, ?)"
    };
    let mut written = 0;
    on_pool!(pool, p => {
        let mut tx = p.begin().await?;
        for i in 0..n {
            written += sqlx::query(sql)
                .bind(format!("User {i}"))
                .bind(Some("hair_color"))
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
    });
    Ok(written as usize)
}

/// `SELECT <columns> FROM <table> WHERE <column> IN (?, ?, ...)`, or
/// `= ANY($1)` on PostgreSQL.
fn in_list_sql(db: Db, head: &str, column: &str, n: usize) -> String {
    if db.is_postgres() {
        return format!("{head} WHERE {column} = ANY($1)");
    }
    let mut sql = format!("{head} WHERE {column} IN (");
    for i in 0..n {
        sql.push_str(if i == 0 { "?" } else { ", ?" });
    }
    sql.push(')');
    sql
}

/// Fetches `head WHERE column IN keys` as `T` rows.
async fn fetch_in<T>(
    pool: &SqlxPool,
    db: Db,
    head: &str,
    column: &str,
    keys: Vec<i64>,
) -> Result<Vec<T>, sqlx::Error>
where
    T: Send
        + Unpin
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + for<'r> sqlx::FromRow<'r, sqlx::mysql::MySqlRow>
        + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>,
{
    let sql = AssertSqlSafe(in_list_sql(db, head, column, keys.len()));
    match pool {
        SqlxPool::Pg(p) => sqlx::query_as(sql).bind(keys).fetch_all(p).await,
        SqlxPool::MySql(p) => {
            let mut q = sqlx::query_as(sql);
            for k in keys {
                q = q.bind(k);
            }
            q.fetch_all(p).await
        }
        SqlxPool::Sqlite(p) => {
            let mut q = sqlx::query_as(sql);
            for k in keys {
                q = q.bind(k);
            }
            q.fetch_all(p).await
        }
    }
}

/// A user with its posts with their comments.
pub type UserTree = (User, Vec<(Post, Vec<Comment>)>);

/// Users, then their posts, then those posts' comments: three queries,
/// assembled into trees.
pub async fn load_associations(pool: SqlxPool, db: Db) -> OpResult {
    let users: Vec<User> = on_pool!(pool, p => sqlx::query_as("SELECT id, name, hair_color FROM users")
        .fetch_all(p)
        .await?);
    let user_ids = users.iter().map(|u| u.id).collect();
    let posts: Vec<Post> = fetch_in(
        &pool,
        db,
        "SELECT id, user_id, title, body FROM posts",
        "user_id",
        user_ids,
    )
    .await?;
    let post_ids = posts.iter().map(|p| p.id).collect();
    let comments: Vec<Comment> = fetch_in(
        &pool,
        db,
        "SELECT id, post_id, text FROM comments",
        "post_id",
        post_ids,
    )
    .await?;

    let mut comments_of: HashMap<i64, Vec<Comment>> = HashMap::new();
    for c in comments {
        comments_of.entry(c.post_id).or_default().push(c);
    }
    let mut posts_of: HashMap<i64, Vec<(Post, Vec<Comment>)>> = HashMap::new();
    for p in posts {
        let cs = comments_of.remove(&p.id).unwrap_or_default();
        posts_of.entry(p.user_id).or_default().push((p, cs));
    }
    let trees: Vec<UserTree> = users
        .into_iter()
        .map(|u| {
            let ps = posts_of.remove(&u.id).unwrap_or_default();
            (u, ps)
        })
        .collect();
    Ok(trees
        .iter()
        .map(|(_, ps)| 1 + ps.iter().map(|(_, cs)| 1 + cs.len()).sum::<usize>())
        .sum())
}

/// Posts, then the tags of all of them through `post_tags` in one join;
/// each tag decoded once and shared (`Arc`), as entkit does.
pub async fn load_m2m(pool: SqlxPool, db: Db) -> OpResult {
    let posts: Vec<Post> = on_pool!(pool, p => sqlx::query_as("SELECT id, user_id, title, body FROM posts")
        .fetch_all(p)
        .await?);
    let post_ids = posts.iter().map(|p| p.id).collect();
    let links: Vec<PostTag> = fetch_in(
        &pool,
        db,
        "SELECT pt.post_id, t.id, t.name FROM tags t JOIN post_tags pt ON pt.tag_id = t.id",
        "pt.post_id",
        post_ids,
    )
    .await?;
    let mut tags: HashMap<i64, Arc<Tag>> = HashMap::new();
    let mut tags_of: HashMap<i64, Vec<Arc<Tag>>> = HashMap::new();
    for link in links {
        let tag = tags
            .entry(link.id)
            .or_insert_with(|| {
                Arc::new(Tag {
                    id: link.id,
                    name: link.name,
                })
            })
            .clone();
        tags_of.entry(link.post_id).or_default().push(tag);
    }
    let loaded: Vec<(Post, Vec<Arc<Tag>>)> = posts
        .into_iter()
        .map(|p| {
            let ts = tags_of.remove(&p.id).unwrap_or_default();
            (p, ts)
        })
        .collect();
    Ok(loaded.iter().map(|(_, ts)| 1 + ts.len()).sum())
}
