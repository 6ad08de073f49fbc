use entkit::Entity;
use entkit::mixins::BaseModel;

#[entkit::mixins(BaseModel)]
#[derive(Entity)]
struct Post {
    id: i64,
    title: String,
}

fn main() {
    // The struct's own field is kept: the key is still an `i64`.
    let _ = Post::update_by_id(1_i64);
}
