// `update_default` takes a function, not a literal.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(update_default = 0)]
    pub revision: i64,
}

fn main() {}
