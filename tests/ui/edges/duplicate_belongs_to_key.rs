// A key inside `belongs_to(...)` is given once.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
}

#[derive(Entity)]
pub struct Post {
    pub id: i64,
    #[entity(belongs_to(User, on_delete = cascade, on_delete = restrict))]
    pub author_id: i64,
    #[entity(edges)]
    pub edges: PostEdges,
}

fn main() {}
