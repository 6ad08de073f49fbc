//! The schema as entkit entities, with the edges the loading benchmarks use.

use entkit::Entity;

/// A user: `users(id, name, hair_color)`.
#[derive(Entity)]
#[entity(has_many(posts = Post, inverse = user))]
pub struct User {
    pub id: i64,
    pub name: String,
    pub hair_color: Option<String>,
    #[entity(edges)]
    pub edges: UserEdges,
}

/// A post: `posts(id, user_id, title, body)`, with its comments and tags.
#[derive(Entity)]
#[entity(has_many(comments = Comment, inverse = post))]
#[entity(many_to_many(tags = Tag, table = "post_tags"))]
pub struct Post {
    pub id: i64,
    #[entity(belongs_to(User, on_delete = cascade))]
    pub user_id: i64,
    pub title: String,
    pub body: Option<String>,
    #[entity(edges)]
    pub edges: PostEdges,
}

/// A comment: `comments(id, post_id, text)`.
#[derive(Entity)]
pub struct Comment {
    pub id: i64,
    #[entity(belongs_to(Post, on_delete = cascade))]
    pub post_id: i64,
    pub text: String,
    #[entity(edges)]
    pub edges: CommentEdges,
}

/// A tag: `tags(id, name)`, linked to posts through `post_tags`.
#[derive(Entity)]
pub struct Tag {
    pub id: i64,
    pub name: String,
}

/// Every entity, in the order auto-migration needs.
pub fn all_defs() -> Vec<&'static entkit::EntityDef> {
    vec![User::def(), Post::def(), Comment::def(), Tag::def()]
}
