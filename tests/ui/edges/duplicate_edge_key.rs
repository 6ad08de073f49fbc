// A key inside an edge attribute is given once.
use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(roles = Role, table = "user_roles", table = "grants"))]
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
