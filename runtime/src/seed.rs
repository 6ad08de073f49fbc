//! Seeding: named, idempotent data loaders (reference rows such as roles
//! and permissions, or fixtures for development), recorded per scope so
//! each runs once.

use std::future::Future;
use std::pin::Pin;

use crate::client::Client;
use crate::dialect::Backend;
use crate::error::Result;
use crate::migrate::MigrationError;
use crate::raw::RawQuery;

/// The history table of seeders that ran, one per scope.
pub const SEEDS_TABLE: &str = "entkit_seeds";

/// A future returned by a [`Seeder`].
pub type SeedFuture<'a> = Pin<Box<dyn Future<Output = Result<()>> + Send + 'a>>;

/// A named data loader. `seed` runs once per scope (see [`Seeders`]);
/// `truncate` removes what it wrote and defaults to doing nothing.
///
/// ```
/// use entkit::{Client, Entity, SeedFuture, Seeder, Seeders};
///
/// #[derive(Entity)]
/// struct Role {
///     id: i64,
///     #[entity(unique)]
///     name: String,
/// }
///
/// /// The roles every deployment needs.
/// struct Roles;
///
/// impl Seeder for Roles {
///     fn name(&self) -> &'static str {
///         "roles"
///     }
///
///     fn seed<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
///         Box::pin(async move {
///             for name in ["admin", "member"] {
///                 Role::create().name(name).save(client).await?;
///             }
///             Ok(())
///         })
///     }
///
///     fn truncate<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
///         Box::pin(async move { Role::delete_many().exec(client).await.map(drop) })
///     }
/// }
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
/// let client = Client::connect("sqlite::memory:").await?;
/// client.auto_migrate(&[Role::def()]).await?;
/// let seeders = Seeders::new().add(Roles);
/// assert_eq!(seeders.run(&client, "development", false).await?, ["roles"]);
/// assert!(seeders.run(&client, "development", false).await?.is_empty()); // once only
/// assert_eq!(Role::query().count(&client).await?, 2);
/// assert!(seeders.run(&client, "production", false).await.is_err()); // needs force
/// # Ok(()) }
/// ```
pub trait Seeder: Send + Sync {
    /// The name recorded in the history table; unique among the seeders.
    fn name(&self) -> &'static str;

    /// Writes the seeder's rows.
    fn seed<'a>(&'a self, client: &'a Client) -> SeedFuture<'a>;

    /// Removes the seeder's rows (by default, nothing).
    fn truncate<'a>(&'a self, client: &'a Client) -> SeedFuture<'a> {
        let _ = client;
        Box::pin(async { Ok(()) })
    }
}

/// Seeders in their declared order, run against a client's scope.
///
/// [`run`](Self::run) runs each seeder the scope's `entkit_seeds` table
/// does not list yet and records it once it succeeded, so running again
/// runs nothing. Both `run` and [`truncate`](Self::truncate) refuse the
/// environment `production` unless forced. See [`Seeder`] for an example.
///
/// The history outlives the seeded rows' tables: after reverting the
/// migrations that created them, `truncate` (or delete the rows of
/// `entkit_seeds`) before seeding again.
#[derive(Default)]
pub struct Seeders {
    seeders: Vec<Box<dyn Seeder>>,
}

impl std::fmt::Debug for Seeders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.seeders.iter().map(|s| s.name()))
            .finish()
    }
}

fn placeholder(backend: Backend, n: usize) -> String {
    let mut out = String::new();
    backend.push_placeholder(&mut out, n);
    out
}

impl Seeders {
    /// No seeders.
    pub fn new() -> Self {
        Seeders::default()
    }

    /// Appends a seeder; seeders run in the order they are added.
    ///
    /// # Panics
    /// When a seeder of the same name was added already.
    #[allow(clippy::should_implement_trait)]
    pub fn add(mut self, seeder: impl Seeder + 'static) -> Self {
        let name = seeder.name();
        assert!(
            self.seeders.iter().all(|s| s.name() != name),
            "two seeders are named {name:?}"
        );
        self.seeders.push(Box::new(seeder));
        self
    }

    /// The seeders' names, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.seeders.iter().map(|s| s.name()).collect()
    }

    /// Whether there are no seeders.
    pub fn is_empty(&self) -> bool {
        self.seeders.is_empty()
    }

    /// The environment from `ENTKIT_ENV`, else `APP_ENV`, else `development`.
    pub fn env_from_process() -> String {
        ["ENTKIT_ENV", "APP_ENV"]
            .iter()
            .filter_map(|var| std::env::var(var).ok())
            .map(|v| v.trim().to_owned())
            .find(|v| !v.is_empty())
            .unwrap_or_else(|| "development".to_owned())
    }

    fn guard(env: &str, force: bool, what: &str) -> Result<()> {
        if env.trim().eq_ignore_ascii_case("production") && !force {
            return Err(MigrationError::Refused {
                reason: format!("{what} in the production environment needs --force"),
            }
            .into());
        }
        Ok(())
    }

    /// Creates the scope (when missing) and its history table.
    async fn history_table(client: &Client) -> Result<String> {
        let backend = client.backend();
        if let Some(scope) = client.scope_name() {
            crate::provision::ensure_scope(client, scope).await?;
        }
        let table = client.qualified(SEEDS_TABLE);
        let columns = match backend {
            Backend::Postgres => "(name text PRIMARY KEY, seeded_at timestamptz NOT NULL)",
            Backend::MySql => concat!(
                "(name VARCHAR(255) PRIMARY KEY, seeded_at DATETIME(6) NOT NULL) \
                 ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
                crate::migrate::ddl::mysql_collation!()
            ),
            Backend::Sqlite => "(name TEXT PRIMARY KEY, seeded_at TEXT NOT NULL)",
        };
        client
            .execute_raw(&format!("CREATE TABLE IF NOT EXISTS {table} {columns}"))
            .await?;
        Ok(table)
    }

    /// The names the client's scope has recorded as seeded.
    pub async fn seeded(&self, client: &Client) -> Result<Vec<String>> {
        let table = Self::history_table(client).await?;
        let rows: Vec<(String,)> = RawQuery::new(format!("SELECT name FROM {table} ORDER BY name"))
            .fetch_all(client)
            .await?;
        Ok(rows.into_iter().map(|(name,)| name).collect())
    }

    /// Runs, in order, every seeder the client's scope has not recorded yet,
    /// recording each after it succeeds; returns the names run. The first
    /// failure stops the run (the seeders before it stay recorded).
    /// Refuses `env` `production` (any case) unless `force`.
    pub async fn run(&self, client: &Client, env: &str, force: bool) -> Result<Vec<&'static str>> {
        Self::guard(env, force, "seeding")?;
        let done = self.seeded(client).await?;
        let table = client.qualified(SEEDS_TABLE);
        let backend = client.backend();
        let (p1, p2) = (placeholder(backend, 1), placeholder(backend, 2));
        let insert = match backend {
            Backend::MySql => {
                format!("INSERT IGNORE INTO {table} (name, seeded_at) VALUES ({p1}, {p2})")
            }
            Backend::Postgres | Backend::Sqlite => format!(
                "INSERT INTO {table} (name, seeded_at) VALUES ({p1}, {p2}) ON CONFLICT (name) DO NOTHING"
            ),
        };
        let mut ran = Vec::new();
        for seeder in &self.seeders {
            let name = seeder.name();
            if done.iter().any(|d| d == name) {
                continue;
            }
            tracing::info!(seeder = name, "seeding");
            seeder.seed(client).await?;
            RawQuery::new(insert.clone())
                .bind(name)
                .bind(crate::now())
                .execute(client)
                .await?;
            ran.push(name);
        }
        Ok(ran)
    }

    /// Calls every seeder's `truncate` in reverse order and forgets that it
    /// ran; returns the names, in the order truncated. Refuses `env`
    /// `production` (any case) unless `force`.
    pub async fn truncate(
        &self,
        client: &Client,
        env: &str,
        force: bool,
    ) -> Result<Vec<&'static str>> {
        Self::guard(env, force, "truncating seeded data")?;
        let table = Self::history_table(client).await?;
        let delete = format!(
            "DELETE FROM {table} WHERE name = {}",
            placeholder(client.backend(), 1)
        );
        let mut truncated = Vec::new();
        for seeder in self.seeders.iter().rev() {
            let name = seeder.name();
            tracing::info!(seeder = name, "truncating");
            seeder.truncate(client).await?;
            RawQuery::new(delete.clone())
                .bind(name)
                .execute(client)
                .await?;
            truncated.push(name);
        }
        Ok(truncated)
    }
}
