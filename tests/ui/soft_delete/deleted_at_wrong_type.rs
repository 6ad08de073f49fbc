// `deleted_at` of a soft-delete entity is an optional UTC timestamp.
use entkit::Entity;

#[derive(Entity)]
#[entity(soft_delete)]
pub struct Article {
    pub id: i64,
    pub deleted_at: Option<i64>,
}

fn main() {}
