// An attribute needs a key: a bare literal is refused.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity("unique")]
    pub email: String,
}

fn main() {}
