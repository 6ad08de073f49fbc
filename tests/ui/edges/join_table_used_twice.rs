use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(roles = Role, table = "memberships"))]
struct User {
    id: i64,
    #[entity(edges)]
    edges: UserEdges,
}

#[derive(Entity)]
#[entity(many_to_many(groups = Group, table = "memberships"))]
struct Role {
    id: i64,
    #[entity(edges)]
    edges: RoleEdges,
}

#[derive(Entity)]
struct Group {
    id: i64,
}

fn main() {}
