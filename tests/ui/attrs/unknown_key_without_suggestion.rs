// A key far from every known one lists the keys that exist.
use entkit::Entity;

#[derive(Entity)]
#[entity(frobnicate = 1)]
pub struct User {
    pub id: i64,
}

fn main() {}
