use entkit::Entity;

#[derive(Entity)]
#[entity(unique)]
struct Person {
    id: i64,
    #[entity(table = "x")]
    email: String,
}

fn main() {}
