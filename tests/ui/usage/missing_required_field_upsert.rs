use entkit::{Client, Entity, OnConflict};

#[derive(Entity)]
struct Person {
    id: i64,
    #[entity(unique)]
    name: String,
    email: String,
}

async fn run(client: &Client) -> entkit::Result<()> {
    let on_name = OnConflict::on(Person::NAME).update(Person::EMAIL);
    Person::create().name("Ada").upsert(client, &on_name).await?;
    Ok(())
}

fn main() {
    let _ = run;
}
