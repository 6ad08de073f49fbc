use entkit::Entity;

#[derive(Entity)]
struct Person {
    id: i64,
    #[entity(default = "ten")]
    score: i32,
    #[entity(default = 1)]
    active: bool,
}

fn main() {}
