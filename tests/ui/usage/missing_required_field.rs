use entkit::{Client, Entity};

#[derive(Entity)]
struct Person {
    id: i64,
    name: String,
    email: String,
    nickname: Option<String>,
}

async fn run(client: &Client) -> entkit::Result<()> {
    Person::create().name("Ada").nickname("ada").save(client).await?;
    Ok(())
}

fn main() {
    let _ = run;
}
