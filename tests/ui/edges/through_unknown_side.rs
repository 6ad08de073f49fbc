use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(parents = Role, through = RoleLink, from = chlid, to = parent))]
struct Role {
    id: i64,
    #[entity(edges)]
    edges: RoleEdges,
}

#[derive(Entity)]
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
