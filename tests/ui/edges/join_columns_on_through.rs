// A `through` edge's links are the fields of its entity: there is no join
// table whose columns could be named.
use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(groups = Group, through = Membership, target_column = "group_ref"))]
pub struct User {
    pub id: i64,
    #[entity(edges)]
    pub edges: UserEdges,
}

#[derive(Entity)]
pub struct Group {
    pub id: i64,
}

#[derive(Entity)]
pub struct Membership {
    pub id: i64,
    #[entity(belongs_to(User))]
    pub user_id: i64,
    #[entity(belongs_to(Group))]
    pub group_id: i64,
    #[entity(edges)]
    pub edges: MembershipEdges,
}

fn main() {}
