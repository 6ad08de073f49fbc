use entkit::Entity;

#[derive(Entity)]
struct Wrapper<T> {
    id: i64,
    value: T,
}

fn main() {}
