// Two fields cannot map to one column.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(column = "label")]
    pub name: String,
    #[entity(column = "label")]
    pub title: String,
}

fn main() {}
