use entkit::Entity;

#[derive(Entity)]
#[entity(index(fields = [email], name = "people_lookup"))]
#[entity(index(fields = [name], name = "people_lookup"))]
struct Person {
    id: i64,
    email: String,
    name: String,
}

fn main() {}
