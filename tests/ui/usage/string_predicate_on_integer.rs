// Text predicates exist on String columns only.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    pub logins: i32,
}

fn main() {
    let _ = User::LOGINS.contains("1");
}
