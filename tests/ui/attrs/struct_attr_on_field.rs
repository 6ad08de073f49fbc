// A struct-level option on a field says where it belongs.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(table = "people")]
    pub name: String,
}

fn main() {}
