use entkit::Entity;

#[derive(Entity)]
struct User {
    id: i64,
}

#[derive(Entity)]
struct AuditLog {
    id: i64,
    #[entity(belongs_to(User))]
    actor_id: i64,
}

fn main() {}
