// A column name must be a plain identifier.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(column = "display name")]
    pub name: String,
}

fn main() {}
