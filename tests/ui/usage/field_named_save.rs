// A field named after a create-builder method is refused, with the way out.
use entkit::Entity;

#[derive(Entity)]
pub struct Snapshot {
    pub id: i64,
    pub save: bool,
}

fn main() {}
