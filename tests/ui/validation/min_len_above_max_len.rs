// `min_len` cannot exceed `max_len`.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(min_len = 10, max_len = 5)]
    pub name: String,
}

fn main() {}
