use entkit::Entity;

#[derive(Entity)]
#[entkit::mixins(entkit::mixins::Timestamps)]
struct Post {
    id: i64,
    title: String,
}

fn main() {}
