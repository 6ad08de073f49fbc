// An integer default must fit the column.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(default = 99999999999999999999)]
    pub logins: i64,
}

fn main() {}
