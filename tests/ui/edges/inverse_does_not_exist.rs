use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(roles = Role, table = "user_roles"))]
struct User {
    id: i64,
    #[entity(edges)]
    edges: UserEdges,
}

#[derive(Entity)]
#[entity(many_to_many(users = User, inverse = rolez))]
struct Role {
    id: i64,
    #[entity(edges)]
    edges: RoleEdges,
}

fn main() {}
