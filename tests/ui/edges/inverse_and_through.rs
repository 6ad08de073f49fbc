// An edge is either the inverse of another or goes through an entity.
use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(groups = Group, inverse = members, through = Membership))]
pub struct User {
    pub id: i64,
    #[entity(edges)]
    pub edges: UserEdges,
}

#[derive(Entity)]
pub struct Group {
    pub id: i64,
}

#[derive(Entity)]
pub struct Membership {
    pub id: i64,
}

fn main() {}
