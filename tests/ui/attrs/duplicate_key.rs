use entkit::Entity;

#[derive(Entity)]
#[entity(table = "people", table = "persons")]
struct Person {
    id: i64,
    #[entity(max_len = 10, max_len = 20)]
    name: String,
}

fn main() {}
