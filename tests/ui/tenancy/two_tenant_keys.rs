// An entity has at most one tenant key.
use entkit::Entity;

#[derive(Entity)]
pub struct Invoice {
    pub id: i64,
    #[entity(tenant)]
    pub org_id: i64,
    #[entity(tenant)]
    pub team_id: i64,
}

fn main() {}
