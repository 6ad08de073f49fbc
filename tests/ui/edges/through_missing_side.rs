use entkit::Entity;

// `Membership` has no `belongs_to` edge to `Group`.
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
    group_id: i64,
    #[entity(edges)]
    edges: MembershipEdges,
}

fn main() {}
