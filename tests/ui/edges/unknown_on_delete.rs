// `on_delete` is one of cascade, set_null or restrict.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
}

#[derive(Entity)]
pub struct Post {
    pub id: i64,
    #[entity(belongs_to(User, on_delete = destroy))]
    pub author_id: i64,
    #[entity(edges)]
    pub edges: PostEdges,
}

fn main() {}
