use entkit::Entity;

#[derive(Entity)]
#[entity(index(fields = [emial, name], unique))]
struct Person {
    id: i64,
    email: String,
    name: String,
}

fn main() {}
