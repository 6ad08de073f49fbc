// An unknown key inside `index(...)` gets a did-you-mean.
use entkit::Entity;

#[derive(Entity)]
#[entity(index(fields = [name], uniq))]
pub struct User {
    pub id: i64,
    pub name: String,
}

fn main() {}
