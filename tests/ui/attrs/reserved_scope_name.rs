use entkit::Entity;

#[derive(Entity)]
#[entity(scope = "MySQL")]
struct Person {
    id: i64,
}

#[derive(Entity)]
#[entity(scope = "PG_CATALOG")]
struct Pet {
    id: i64,
}

fn main() {}
