// A default is a literal or a function path, not an expression.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(default = 1 + 2)]
    pub logins: i32,
}

fn main() {}
