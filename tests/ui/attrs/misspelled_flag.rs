// A misspelled flag gets a did-you-mean.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(uniqe)]
    pub email: String,
}

fn main() {}
