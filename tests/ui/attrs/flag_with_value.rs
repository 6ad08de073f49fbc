use entkit::Entity;

#[derive(Entity)]
struct Person {
    id: i64,
    #[entity(unique = true)]
    email: String,
}

fn main() {}
