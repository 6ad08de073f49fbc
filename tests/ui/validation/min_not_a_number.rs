// `min` takes a number literal.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(min = "one")]
    pub logins: i32,
}

fn main() {}
