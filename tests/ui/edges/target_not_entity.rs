use entkit::Entity;

#[derive(Entity)]
#[entity(many_to_many(tags = String, table = "post_tags"))]
struct Post {
    id: i64,
    #[entity(edges)]
    edges: PostEdges,
}

fn main() {}
