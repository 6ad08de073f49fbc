// Loaded neighbours live in one field.
use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(friends = Self, symmetric))]
pub struct User {
    pub id: i64,
    #[entity(edges)]
    pub edges: UserEdges,
    #[entity(edges)]
    pub more: UserEdges,
}

fn main() {}
