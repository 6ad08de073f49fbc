//! A soft-deleted entity: deletes set `deleted_at`.

use entkit::Entity;

#[derive(Entity)]
#[entity(soft_delete)]
pub struct Article {
    pub id: i64,
    pub title: String,
    pub deleted_at: Option<chrono::DateTime<chrono::Utc>>,
}
