//! Entities whose derives name entkit by its renamed dependency (`ek`) or
//! through a re-export (`crate = ...`) compile, migrate and run queries on
//! SQLite.

use ek::{Client, Entity as _, Error};
use entkit_renamed::{Level, Member, Role, Team};

async fn client() -> ek::Result<Client> {
    let client = Client::connect("sqlite::memory:").await?;
    client.auto_migrate(&[Team::def(), Member::def()]).await?;
    Ok(client)
}

#[tokio::test(flavor = "current_thread")]
async fn renamed_and_reexported_entities_run_queries() -> ek::Result<()> {
    let client = client().await?;
    let team = Team::create()
        .name("core")
        .role(Role::Lead)
        .save(&client)
        .await?;
    let ada = Member::create()
        .name("Ada")
        .level(Level::Writer)
        .team_id(team.id)
        .save(&client)
        .await?;
    assert_eq!(ada.points, 0, "the literal default applies");
    Member::create()
        .name("Lin")
        .level(Level::Reader)
        .team_id(team.id)
        .save(&client)
        .await?;

    let writers = Member::query()
        .filter(Member::LEVEL.eq(Level::Writer))
        .all(&client)
        .await?;
    assert_eq!(writers.len(), 1);
    assert_eq!(writers[0].name, "Ada");

    let ada = ada.update().add_points(3).save(&client).await?;
    assert_eq!(ada.points, 3);

    let found = Team::query()
        .filter(Team::NAME.eq("core"))
        .with(Team::MEMBERS, |q| q)
        .one(&client)
        .await?;
    assert_eq!(found.role, Some(Role::Lead));
    assert_eq!(found.edges.members()?.len(), 2);
    assert_eq!(team.query_members().count(&client).await?, 2);

    let lin = Member::query()
        .filter(Member::NAME.eq("Lin"))
        .with(Member::TEAM, |q| q)
        .one(&client)
        .await?;
    assert_eq!(lin.edges.team()?.map(|t| t.id), Some(team.id));
    Ok(())
}

#[tokio::test(flavor = "current_thread")]
async fn checks_of_renamed_entities_still_run() -> ek::Result<()> {
    let client = client().await?;
    let team = Team::create().name("core").save(&client).await?;
    let blank = Member::create()
        .name("  ")
        .level(Level::Reader)
        .team_id(team.id)
        .save(&client)
        .await;
    assert!(matches!(blank, Err(Error::Validation { .. })), "{blank:?}");
    let long = Team::create().name("x".repeat(41)).save(&client).await;
    assert!(matches!(long, Err(Error::Validation { .. })), "{long:?}");
    Ok(())
}

#[test]
fn embedded_migrations_through_either_path() {
    let direct = entkit_renamed::migrations().unwrap();
    let facade = entkit_renamed::migrations_through_facade().unwrap();
    assert_eq!(direct.migrations.len(), 1);
    assert_eq!(direct, facade);
}
