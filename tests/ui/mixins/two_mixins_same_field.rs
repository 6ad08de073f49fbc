use entkit::Entity;
use entkit::mixins::Timestamps;

/// Defines `updated_at`, as `Timestamps` does.
#[entkit::mixin]
struct Edited {
    updated_at: chrono::DateTime<chrono::Utc>,
    edited_by: String,
}

#[entkit::mixins(Timestamps, Edited)]
#[derive(Entity)]
struct Post {
    id: i64,
    title: String,
}

fn main() {
    // The entity is still complete: the first mixin's field is kept.
    let _ = Post::create().title("t").edited_by("ada");
}
