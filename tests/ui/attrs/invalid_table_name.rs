use entkit::Entity;

#[derive(Entity)]
#[entity(table = "people; DROP TABLE x")]
struct Person {
    id: i64,
}

fn main() {}
