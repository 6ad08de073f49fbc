// A scope name must be a plain identifier.
use entkit::Entity;

#[derive(Entity)]
#[entity(scope = "identity-service")]
pub struct User {
    pub id: i64,
}

fn main() {}
