use entkit::Entity;

#[derive(Entity)]
struct User {
    id: i64,
}

#[derive(Entity)]
#[entity(many_to_many(tags = User, table = "post-tags"))]
struct Post {
    id: i64,
    #[entity(belongs_to(User))]
    author: i64,
    #[entity(edges)]
    edges: PostEdges,
}

#[derive(Entity)]
struct Note {
    id: i64,
    #[entity(edges)]
    edges: NoteEdges,
}

fn main() {}
