// `pattern` is for strings.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(pattern = "[0-9]+")]
    pub logins: i32,
}

fn main() {}
