// A pattern is checked at compile time.
use entkit::Entity;

#[derive(Entity)]
pub struct Permission {
    pub id: i64,
    #[entity(pattern = "[a-z+")]
    pub name: String,
}

fn main() {}
