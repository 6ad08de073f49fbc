use entkit::Entity;

#[derive(Entity)]
struct Person {
    id: i64,
    name: String,
}

fn main() {
    let _ = Person::query().filter(Person::NAME.eq(42));
}
