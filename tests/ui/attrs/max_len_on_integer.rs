use entkit::Entity;

#[derive(Entity)]
struct Person {
    id: i64,
    #[entity(max_len = 3)]
    age: i32,
    #[entity(min_len = 10, max_len = 2)]
    name: String,
}

fn main() {}
