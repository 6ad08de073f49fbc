use entkit::Entity;

#[derive(Entity)]
struct Person {
    id: i64,
    nickname: Option<Option<String>>,
}

fn main() {}
