// No API changes a row's tenant: creates take it from the client, and
// neither builder has a setter for it.
use entkit::{Client, Entity};

#[derive(Entity)]
pub struct Invoice {
    pub id: i64,
    #[entity(tenant)]
    pub org_id: i64,
    pub total: i64,
}

async fn run(client: &Client, invoice: Invoice) -> entkit::Result<()> {
    Invoice::create().org_id(7).total(1).save(client).await?;
    invoice.update().set_org_id(7).save(client).await?;
    Ok(())
}

fn main() {
    let _ = run;
}
