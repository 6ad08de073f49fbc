use entkit::Entity;

#[derive(Entity)]
#[entity(soft_delete)]
struct Article {
    id: i64,
    title: String,
}

#[derive(Entity)]
#[entity(soft_delete)]
struct Page {
    id: i64,
    deleted_at: bool,
}

fn main() {}
