// The key is printed and returned everywhere: it cannot be sensitive.
use entkit::Entity;

#[derive(Entity)]
pub struct ApiKey {
    #[entity(id, sensitive)]
    pub token: String,
}

fn main() {}
