// Indexed fields are written as a list.
use entkit::Entity;

#[derive(Entity)]
#[entity(index(fields = name))]
pub struct User {
    pub id: i64,
    pub name: String,
}

fn main() {}
