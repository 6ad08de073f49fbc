use entkit::Entity;

// `to` must lead to the target (`Role`), but `RoleLink.granter` leads to `User`.
#[derive(Entity)]
#[entity(many_to_many(parents = Role, through = RoleLink, from = child, to = granter))]
struct Role {
    id: i64,
    #[entity(edges)]
    edges: RoleEdges,
}

#[derive(Entity)]
struct User {
    id: i64,
}

#[derive(Entity)]
struct RoleLink {
    id: i64,
    #[entity(belongs_to(Role, edge = child))]
    child_id: i64,
    #[entity(belongs_to(Role, edge = parent))]
    parent_id: i64,
    #[entity(belongs_to(User, edge = granter))]
    granted_by: i64,
    #[entity(edges)]
    edges: RoleLinkEdges,
}

fn main() {}
