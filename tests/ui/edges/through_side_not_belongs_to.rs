use entkit::Entity;

// `RoleLink.roles` is a join-table edge of its own, not a foreign key of
// `RoleLink`: it cannot be a side of the `through` edge.
#[derive(Entity)]
#[entity(many_to_many(parents = Role, through = RoleLink, from = child, to = roles))]
struct Role {
    id: i64,
    #[entity(edges)]
    edges: RoleEdges,
}

#[derive(Entity)]
#[entity(many_to_many(roles = Role))]
struct RoleLink {
    id: i64,
    #[entity(belongs_to(Role, edge = child))]
    child_id: i64,
    #[entity(belongs_to(Role, edge = parent))]
    parent_id: i64,
    #[entity(edges)]
    edges: RoleLinkEdges,
}

fn main() {}
