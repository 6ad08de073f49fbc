// An entity is a struct.
use entkit::Entity;

#[derive(Entity)]
pub union Bits {
    pub id: i64,
}

fn main() {}
