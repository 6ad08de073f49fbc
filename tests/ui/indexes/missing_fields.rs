use entkit::Entity;

#[derive(Entity)]
#[entity(index(unique, name = "people_email_key"))]
struct Person {
    id: i64,
    email: String,
}

fn main() {}
