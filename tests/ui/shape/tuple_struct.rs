use entkit::Entity;

#[derive(Entity)]
struct Pair(i64, String);

fn main() {}
