use entkit::Entity;

// `Membership` has two `belongs_to` edges to `User` (the member and who
// granted it): the `through` edge must name the one it follows.
#[derive(Entity)]
#[entity(many_to_many(groups = Group, through = Membership))]
struct User {
    id: i64,
    #[entity(edges)]
    edges: UserEdges,
}

#[derive(Entity)]
struct Group {
    id: i64,
}

#[derive(Entity)]
struct Membership {
    id: i64,
    #[entity(belongs_to(User))]
    user_id: i64,
    #[entity(belongs_to(User, edge = granter))]
    granted_by: i64,
    #[entity(belongs_to(Group))]
    group_id: i64,
    #[entity(edges)]
    edges: MembershipEdges,
}

fn main() {}
