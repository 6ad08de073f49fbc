// `min` cannot exceed `max`.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(min = 10, max = 1)]
    pub logins: i32,
}

fn main() {}
