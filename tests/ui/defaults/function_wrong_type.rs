use entkit::Entity;

fn zero() -> i64 {
    0
}

#[derive(Entity)]
struct Person {
    id: i64,
    #[entity(default = zero)]
    name: String,
}

fn main() {}
