use entkit::{Client, Entity};

#[derive(Entity)]
struct Person {
    id: i64,
    #[entity(default = entkit::now, immutable)]
    created_at: chrono::DateTime<chrono::Utc>,
}

async fn run(client: &Client, person: Person) -> entkit::Result<()> {
    person.update().set_created_at(entkit::now()).save(client).await?;
    Ok(())
}

fn main() {
    let _ = run;
}
