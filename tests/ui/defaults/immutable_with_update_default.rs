// An immutable field is never updated, so it cannot have an update default.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(immutable, update_default = entkit::now)]
    pub created_at: chrono::DateTime<chrono::Utc>,
}

fn main() {}
