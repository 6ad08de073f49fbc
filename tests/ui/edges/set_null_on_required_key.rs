use entkit::Entity;

#[derive(Entity)]
struct User {
    id: i64,
}

#[derive(Entity)]
struct Post {
    id: i64,
    #[entity(belongs_to(User, on_delete = set_null))]
    author_id: i64,
    #[entity(belongs_to(User, edge = editor, on_delete = explode))]
    editor_id: Option<i64>,
    #[entity(edges)]
    edges: PostEdges,
}

fn main() {}
