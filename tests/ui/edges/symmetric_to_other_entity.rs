// `symmetric` is for an entity's edges to itself.
use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(roles = Role, symmetric))]
pub struct User {
    pub id: i64,
    #[entity(edges)]
    pub edges: UserEdges,
}

#[derive(Entity)]
pub struct Role {
    pub id: i64,
}

fn main() {}
