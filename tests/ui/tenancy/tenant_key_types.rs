// The tenant key is a uuid, an integer or a string, not optional, not the key.
use entkit::Entity;

#[derive(Entity)]
pub struct ByFlag {
    pub id: i64,
    #[entity(tenant)]
    pub shared: bool,
}

#[derive(Entity)]
pub struct ByOptional {
    pub id: i64,
    #[entity(tenant)]
    pub org_id: Option<i64>,
}

#[derive(Entity)]
pub struct ByKey {
    #[entity(tenant)]
    pub id: i64,
    pub name: String,
}

fn main() {}
