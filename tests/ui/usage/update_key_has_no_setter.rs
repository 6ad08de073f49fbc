use entkit::Entity;

#[derive(Entity)]
struct Person {
    id: i64,
    name: String,
}

fn main() {
    let _ = Person::update_by_id(1).set_id(2);
}
