#[entkit::mixins(Timestamp)]
#[derive(entkit::Entity)]
struct Post {
    id: i64,
    title: String,
}

fn main() {}
