// An edges field on an entity that declares no edge.
use entkit::Entity;

#[derive(Entity)]
pub struct User {
    pub id: i64,
    #[entity(edges)]
    pub edges: UserEdges,
}

fn main() {}
