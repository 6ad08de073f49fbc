// Columns are constants of the entity: a typo does not compile.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    pub name: String,
}

fn main() {
    let _ = User::query().filter(User::NAEM.eq("ada"));
}
