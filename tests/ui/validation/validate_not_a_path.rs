// `validate` takes a function path.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(validate = "check_name")]
    pub name: String,
}

fn main() {}
