use entkit::Entity;

#[derive(Entity)]
struct Person {
    name: String,
    email: String,
}

fn main() {}
