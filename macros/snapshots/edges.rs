//! Every edge kind: has_many / belongs_to, has_one, many_to_many with a
//! join table and its inverse, a symmetric self edge, and a through entity.

use entkit::Entity;

/// `Clone` too: the edges holder clones (its neighbours are shared `Arc`s).
#[derive(Entity, Clone)]
#[entity(many_to_many(roles = Role, table = "user_roles"))]
#[entity(has_many(posts = Post, inverse = author))]
#[entity(has_one(profile = Profile, inverse = user))]
#[entity(many_to_many(friends = Self, symmetric))]
#[entity(many_to_many(groups = Group, through = Membership))]
pub struct User {
    pub id: i64,
    pub name: String,
    #[entity(edges)]
    pub edges: UserEdges,
}

#[derive(Entity)]
#[entity(many_to_many(users = User, inverse = roles))]
pub struct Role {
    pub id: i64,
    pub name: String,
    #[entity(edges)]
    pub edges: RoleEdges,
}

#[derive(Entity)]
pub struct Post {
    pub id: i64,
    #[entity(belongs_to(User, edge = author, on_delete = set_null))]
    pub author_id: Option<i64>,
    pub title: String,
    #[entity(edges)]
    pub edges: PostEdges,
}

#[derive(Entity)]
pub struct Profile {
    pub id: i64,
    #[entity(belongs_to(User, on_delete = cascade), unique)]
    pub user_id: i64,
    #[entity(edges)]
    pub edges: ProfileEdges,
}

#[derive(Entity)]
#[entity(many_to_many(members = User, through = Membership))]
pub struct Group {
    pub id: i64,
    pub name: String,
    #[entity(edges)]
    pub edges: GroupEdges,
}

#[derive(Entity)]
pub struct Membership {
    pub id: i64,
    #[entity(belongs_to(User, on_delete = cascade))]
    pub user_id: i64,
    #[entity(belongs_to(Group, on_delete = cascade))]
    pub group_id: i64,
    #[entity(edges)]
    pub edges: MembershipEdges,
}
