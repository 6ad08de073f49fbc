//! Seeders on every backend: declared order, once per scope, truncate in
//! reverse, and the production guard.

use std::sync::{Arc, Mutex};

use entkit::{Client, Entity, Error, MigrationError, SeedFuture, Seeder, Seeders};
use entkit_tests::for_each_backend;

/// Rows written by the test seeders, tagged with the seeder's name.
#[derive(Entity)]
#[entity(table = "seed_tags")]
pub struct SeedTag {
    pub id: i64,
    #[entity(max_len = 50)]
    pub name: String,
    #[entity(max_len = 50)]
    pub source: String,
}

/// What the seeders did, in order: `seed:<name>` / `truncate:<name>`.
type Log = Arc<Mutex<Vec<String>>>;

/// Inserts its tags; truncate deletes them. `fail` makes `seed` fail after
/// writing nothing.
struct Tags {
    name: &'static str,
    tags: &'static [&'static str],
    log: Log,
    fail: bool,
}

impl Tags {
    fn new(name: &'static str, tags: &'static [&'static str], log: &Log) -> Self {
        Tags {
            name,
            tags,
            log: log.clone(),
            fail: false,
        }
    }
}

impl Seeder for Tags {
    fn name(&self) -> &'static str {
        self.name
    }

    fn seed<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        Box::pin(async move {
            self.log.lock().unwrap().push(format!("seed:{}", self.name));
            if self.fail {
                return Err(Error::Rejected {
                    reason: "seeder failed on purpose".into(),
                });
            }
            for tag in self.tags {
                SeedTag::create()
                    .name(*tag)
                    .source(self.name)
                    .save(client)
                    .await?;
            }
            Ok(())
        })
    }

    fn truncate<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        Box::pin(async move {
            self.log
                .lock()
                .unwrap()
                .push(format!("truncate:{}", self.name));
            SeedTag::delete_many()
                .filter(SeedTag::SOURCE.eq(self.name))
                .exec(client)
                .await?;
            Ok(())
        })
    }
}

fn taken(log: &Log) -> Vec<String> {
    std::mem::take(&mut *log.lock().unwrap())
}

async fn tag_count(client: &Client) -> entkit::Result<u64> {
    SeedTag::query().count(client).await
}

/// Two seeders declared out of alphabetical order.
fn two(log: &Log) -> Seeders {
    Seeders::new()
        .add(Tags::new("zeta", &["z1", "z2"], log))
        .add(Tags::new("alpha", &["a1"], log))
}

fn is_refused(result: entkit::Result<Vec<&'static str>>) -> bool {
    matches!(&result, Err(Error::Migration(e)) if matches!(**e, MigrationError::Refused { .. }))
}

#[tokio::test]
async fn seeders_run_in_declared_order_and_only_once() {
    for_each_backend(
        "seeders_run_in_declared_order_and_only_once",
        |ctx| async move {
            let c = &ctx.client;
            ctx.migrate(&[SeedTag::def()]).await;
            let log = Log::default();
            let seeders = two(&log);
            assert_eq!(seeders.names(), ["zeta", "alpha"]);
            assert_eq!(
                seeders.run(c, "development", false).await?,
                ["zeta", "alpha"]
            );
            assert_eq!(taken(&log), ["seed:zeta", "seed:alpha"]);
            assert_eq!(tag_count(c).await?, 3);
            assert_eq!(seeders.seeded(c).await?, ["alpha", "zeta"]);

            // Second run: nothing runs, no rows added.
            assert!(seeders.run(c, "development", false).await?.is_empty());
            assert!(taken(&log).is_empty());
            assert_eq!(tag_count(c).await?, 3);
            assert_eq!(seeders.seeded(c).await?, ["alpha", "zeta"]);

            // A seeder added later runs alone.
            let more = two(&log).add(Tags::new("beta", &["b1"], &log));
            assert_eq!(more.run(c, "test", false).await?, ["beta"]);
            assert_eq!(taken(&log), ["seed:beta"]);
            assert_eq!(tag_count(c).await?, 4);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_failing_seeder_stops_the_run_and_is_not_recorded() {
    for_each_backend(
        "a_failing_seeder_stops_the_run_and_is_not_recorded",
        |ctx| async move {
            let c = &ctx.client;
            ctx.migrate(&[SeedTag::def()]).await;
            let log = Log::default();
            let mut broken = Tags::new("broken", &[], &log);
            broken.fail = true;
            let seeders = Seeders::new()
                .add(Tags::new("first", &["f1"], &log))
                .add(broken)
                .add(Tags::new("last", &["l1"], &log));
            let err = seeders.run(c, "development", false).await.unwrap_err();
            assert!(matches!(err, Error::Rejected { .. }), "{err:?}");
            assert_eq!(taken(&log), ["seed:first", "seed:broken"]);
            assert_eq!(seeders.seeded(c).await?, ["first"]);
            // Running again retries from the failed one.
            assert!(seeders.run(c, "development", false).await.is_err());
            assert_eq!(taken(&log), ["seed:broken"]);
            assert_eq!(tag_count(c).await?, 1);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn truncate_runs_in_reverse_and_forgets() {
    for_each_backend("truncate_runs_in_reverse_and_forgets", |ctx| async move {
        let c = &ctx.client;
        ctx.migrate(&[SeedTag::def()]).await;
        let log = Log::default();
        let seeders = two(&log);
        seeders.run(c, "development", false).await?;
        taken(&log);
        assert_eq!(
            seeders.truncate(c, "development", false).await?,
            ["alpha", "zeta"]
        );
        assert_eq!(taken(&log), ["truncate:alpha", "truncate:zeta"]);
        assert_eq!(tag_count(c).await?, 0, "their rows are gone");
        assert!(seeders.seeded(c).await?.is_empty(), "and their records");
        // Seeding again works from scratch.
        assert_eq!(
            seeders.run(c, "development", false).await?,
            ["zeta", "alpha"]
        );
        assert_eq!(tag_count(c).await?, 3);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn production_is_refused_unless_forced() {
    for_each_backend("production_is_refused_unless_forced", |ctx| async move {
        let c = &ctx.client;
        ctx.migrate(&[SeedTag::def()]).await;
        let log = Log::default();
        let seeders = two(&log);
        for env in ["production", "Production", "PRODUCTION"] {
            assert!(is_refused(seeders.run(c, env, false).await), "{env}");
            assert!(is_refused(seeders.truncate(c, env, false).await), "{env}");
        }
        assert!(taken(&log).is_empty(), "no seeder ran");
        assert_eq!(tag_count(c).await?, 0);
        assert_eq!(seeders.run(c, "production", true).await?, ["zeta", "alpha"]);
        assert_eq!(tag_count(c).await?, 3);
        assert_eq!(
            seeders.truncate(c, "production", true).await?,
            ["alpha", "zeta"]
        );
        assert_eq!(tag_count(c).await?, 0);
        // Other environments need no force.
        assert_eq!(seeders.run(c, "staging", false).await?, ["zeta", "alpha"]);
        Ok(())
    })
    .await;
}
