use entkit::Entity;

#[derive(Entity)]
struct Person {
    id: i64,
    #[entity(default = "2024-01-01")]
    created_at: chrono::DateTime<chrono::Utc>,
}

fn main() {}
