use entkit::Entity;

#[derive(Entity)]
struct Person {
    id: Option<i64>,
    name: String,
}

fn main() {}
