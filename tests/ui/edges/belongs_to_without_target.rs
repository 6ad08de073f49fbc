// `belongs_to` names its target entity first.
use entkit::Entity;

#[derive(Entity)]
pub struct Post {
    pub id: i64,
    #[entity(belongs_to(on_delete = cascade))]
    pub author_id: i64,
}

fn main() {}
