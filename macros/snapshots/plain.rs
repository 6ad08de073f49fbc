//! The smallest entity: a database-assigned key and two columns.

use entkit::Entity;

#[derive(Entity)]
pub struct Note {
    pub id: i64,
    pub title: String,
    pub score: i32,
}
