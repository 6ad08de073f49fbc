use entkit::Entity;

#[derive(Entity)]
#[entity(tabel = "people")]
struct Person {
    id: i64,
}

fn main() {}
