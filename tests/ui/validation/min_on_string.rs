// `min` and `max` are for numbers.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(min = 1)]
    pub name: String,
}

fn main() {}
