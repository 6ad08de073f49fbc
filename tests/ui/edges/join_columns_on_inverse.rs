// The inverse side of a many_to_many uses the owner's join table columns.
use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(roles = Role, table = "user_roles"))]
pub struct User {
    pub id: i64,
    #[entity(edges)]
    pub edges: UserEdges,
}

#[derive(Entity)]
#[entity(many_to_many(users = User, inverse = roles, source_column = "role_ref"))]
pub struct Role {
    pub id: i64,
    #[entity(edges)]
    pub edges: RoleEdges,
}

fn main() {}
