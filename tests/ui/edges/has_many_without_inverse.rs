// A has_many edge names the belongs_to edge that holds the foreign key.
use entkit::Entity;

#[derive(Entity)]
#[entity(has_many(posts = Post))]
pub struct User {
    pub id: i64,
    #[entity(edges)]
    pub edges: UserEdges,
}

#[derive(Entity)]
pub struct Post {
    pub id: i64,
    #[entity(belongs_to(User))]
    pub user_id: i64,
    #[entity(edges)]
    pub edges: PostEdges,
}

fn main() {}
