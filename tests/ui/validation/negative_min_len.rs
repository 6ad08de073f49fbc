// A length is a non-negative integer.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(min_len = -1)]
    pub name: String,
}

fn main() {}
