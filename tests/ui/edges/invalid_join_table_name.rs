// A join table name must be a plain identifier.
use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(roles = Role, table = "user roles"))]
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
