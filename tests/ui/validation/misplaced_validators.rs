use entkit::Entity;

#[derive(Entity)]
struct Rule {
    id: i64,
    #[entity(pattern = "[a-z]+")]
    weight: i32,
    #[entity(min = 1)]
    name: String,
    #[entity(pattern = "[a-z")]
    code: String,
    #[entity(min = 10, max = 1)]
    score: i64,
}

fn main() {}
