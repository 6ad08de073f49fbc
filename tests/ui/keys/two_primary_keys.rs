use entkit::Entity;

#[derive(Entity)]
struct Person {
    #[entity(id)]
    person_id: i64,
    #[entity(id)]
    email: String,
}

fn main() {}
