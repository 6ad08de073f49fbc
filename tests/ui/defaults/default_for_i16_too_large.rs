// An integer default must fit the field's own type.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(default = 70000)]
    pub level: i16,
}

fn main() {}
