// A query over one entity does not take another entity's predicate.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    pub name: String,
}

#[derive(Entity)]
pub struct Role {
    pub id: i64,
    pub name: String,
}

fn main() {
    let _ = User::query().filter(Role::NAME.eq("admin"));
}
