use entkit::Entity;

// `RoleLink` has two `belongs_to` edges to `Role`: which leads from the row
// and which to its parent cannot be guessed.
#[derive(Entity)]
#[entity(many_to_many(parents = Role, through = RoleLink))]
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
