use entkit::Entity;

#[derive(Entity)]
struct Person {
    id: i64,
    visits: u64,
}

fn main() {}
