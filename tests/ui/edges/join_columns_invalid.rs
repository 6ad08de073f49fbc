// A join table column name must be a plain identifier.
use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(roles = Role, table = "user_roles", source_column = "user ref"))]
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
