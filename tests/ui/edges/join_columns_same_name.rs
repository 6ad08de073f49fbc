// The join table's two columns need different names: here the target
// column is given the source column's default name.
use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(roles = Role, target_column = "user_id"))]
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
