// An edge starts with `name = Target`.
use entkit::Entity;

#[derive(Entity)]
#[entity(has_many(Post, inverse = author))]
pub struct User {
    pub id: i64,
}

fn main() {}
