// A key typed through an alias of an integer would silently stop being
// assigned by the database: the derive refuses it.
use entkit::Entity;

pub type UserId = i64;

#[derive(Entity)]
pub struct User {
    pub id: UserId,
    pub name: String,
}

fn main() {}
