// A key inside `index(...)` is given once.
use entkit::Entity;

#[derive(Entity)]
#[entity(index(fields = [name], unique, unique))]
pub struct User {
    pub id: i64,
    pub name: String,
}

fn main() {}
