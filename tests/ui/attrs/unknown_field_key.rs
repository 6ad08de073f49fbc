use entkit::Entity;

#[derive(Entity)]
struct Person {
    id: i64,
    #[entity(uniqe)]
    email: String,
}

fn main() {}
