//! Schema per tenant: a scope per tenant, all on the client's one pool.

use crate::client::Client;
use crate::dialect::Backend;
use crate::error::{Error, Result};
use crate::ident::validate_scope;
use crate::migrate::{MigrationError, MigrationReport, Migrator};
use crate::raw::RawQuery;
use crate::schema::EntityDef;
use crate::seed::Seeders;

/// The scopes of tenants: `<prefix><tenant id>`, each a scope of its own
/// (a PostgreSQL schema, a MySQL/MariaDB database, an attached SQLite
/// file), all used through the one pool of the client they come from.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
/// # use entkit::Entity;
/// #[derive(Entity)]
/// struct Note { id: i64, text: String }
///
/// let client = entkit::Client::connect("sqlite::memory:").await?;
/// let tenants = client.tenant_scopes("tenant_")?;
/// assert_eq!(tenants.scope_for("42")?, "tenant_42");
/// assert!(tenants.scope_for("42; DROP TABLE x").is_err());
///
/// let entities = [Note::def()];
/// let done = tenants.provision("42", &entkit::Provision::auto_migrate(&entities)).await?;
/// assert_eq!(Note::query().count(&done.client).await?, 0);
/// assert_eq!(tenants.list().await?, ["tenant_42"]);
/// tenants.drop("42").await?;
/// assert!(tenants.list().await?.is_empty());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct TenantScopes {
    client: Client,
    prefix: String,
}

/// How a tenant's scope gets its tables.
#[derive(Debug, Clone, Copy)]
pub enum TenantSchema<'a> {
    /// Apply the pending versioned migrations.
    Migrations(&'a Migrator),
    /// Create what these entities describe ([`Client::auto_migrate`]).
    AutoMigrate(&'a [&'static EntityDef]),
}

/// What [`TenantScopes::provision`] does to a tenant's scope: its tables,
/// then, optionally, its seeders.
#[derive(Debug, Clone)]
pub struct Provision<'a> {
    schema: TenantSchema<'a>,
    seeders: Option<&'a Seeders>,
    env: Option<String>,
    force: bool,
}

impl<'a> Provision<'a> {
    /// Tables from the versioned migrations of `migrator`.
    pub fn migrations(migrator: &'a Migrator) -> Self {
        Provision::new(TenantSchema::Migrations(migrator))
    }

    /// Tables from auto-migrating `entities`.
    pub fn auto_migrate(entities: &'a [&'static EntityDef]) -> Self {
        Provision::new(TenantSchema::AutoMigrate(entities))
    }

    fn new(schema: TenantSchema<'a>) -> Self {
        Provision {
            schema,
            seeders: None,
            env: None,
            force: false,
        }
    }

    /// Runs `seeders` in the tenant's scope once its tables exist (each
    /// seeder once per tenant, as [`Seeders::run`] does).
    pub fn seeders(mut self, seeders: &'a Seeders) -> Self {
        self.seeders = Some(seeders);
        self
    }

    /// The environment the seeders run in (default:
    /// [`Seeders::env_from_process`]); `force` lets them run in
    /// `production`, which is refused otherwise.
    pub fn seed_env(mut self, env: impl Into<String>, force: bool) -> Self {
        self.env = Some(env.into());
        self.force = force;
        self
    }
}

/// What provisioning a tenant did.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Provisioned {
    /// The tenant's scope.
    pub scope: String,
    /// A client bound to it, over the same pool.
    pub client: Client,
    /// Versions the migrator applied (empty for auto-migration, or when
    /// every migration was applied before).
    pub applied: Vec<i64>,
    /// What auto-migration created (empty for versioned migrations).
    pub created: MigrationReport,
    /// Seeders that ran now (those that ran before are skipped).
    pub seeded: Vec<&'static str>,
}

impl Client {
    /// The tenants' scopes named `<prefix><tenant id>`, over this client's
    /// pool. The prefix must itself be a valid scope name (so `tenant_`,
    /// not `pg_` or an empty string); otherwise
    /// [`Error::InvalidIdentifier`].
    pub fn tenant_scopes(&self, prefix: &str) -> Result<TenantScopes> {
        validate_scope(prefix)?;
        Ok(TenantScopes {
            client: self.clone(),
            prefix: prefix.to_owned(),
        })
    }
}

impl TenantScopes {
    /// The prefix of every tenant scope.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The scope of tenant `tenant`: the prefix followed by the id.
    ///
    /// A tenant id is lowercase ASCII letters, digits and `_` (a UUID in its
    /// simple form, `Uuid::simple()`, fits), so that two ids never share a
    /// scope, even where a backend ignores case (MySQL on some file systems,
    /// SQLite's files); the whole name must be a valid scope name (at most
    /// 63 characters, see [`validate_scope`]). Anything else is
    /// [`Error::InvalidIdentifier`], before any SQL runs.
    pub fn scope_for(&self, tenant: &str) -> Result<String> {
        let refuse = |reason| Error::InvalidIdentifier {
            kind: "tenant id",
            name: tenant.to_owned(),
            reason,
        };
        if tenant.is_empty() {
            return Err(refuse("it is empty"));
        }
        if !tenant
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            return Err(refuse(
                "only lowercase ASCII letters, digits and '_' are allowed",
            ));
        }
        let scope = format!("{}{tenant}", self.prefix);
        validate_scope(&scope)?;
        Ok(scope)
    }

    /// A client bound to tenant `tenant`'s scope, over the same pool.
    pub fn client_for(&self, tenant: &str) -> Result<Client> {
        self.client.scope(&self.scope_for(tenant)?)
    }

    /// Makes tenant `tenant`'s scope ready: creates it, gives it its tables
    /// (pending migrations, or auto-migration), then runs the seeders it
    /// has not run. Running it again changes nothing, so it is also how a
    /// tenant is brought up to date.
    pub async fn provision(&self, tenant: &str, plan: &Provision<'_>) -> Result<Provisioned> {
        let scope = self.scope_for(tenant)?;
        let client = self.client.scope(&scope)?;
        super::ensure_scope(&client, &scope).await?;
        let (applied, created) = match plan.schema {
            TenantSchema::Migrations(migrator) => (
                migrator.up(&client, None).await?,
                MigrationReport::default(),
            ),
            TenantSchema::AutoMigrate(entities) => {
                (Vec::new(), client.auto_migrate(entities).await?)
            }
        };
        let seeded = match plan.seeders {
            Some(seeders) => {
                let env = plan.env.clone().unwrap_or_else(Seeders::env_from_process);
                seeders.run(&client, &env, plan.force).await?
            }
            None => Vec::new(),
        };
        Ok(Provisioned {
            scope,
            client,
            applied,
            created,
            seeded,
        })
    }

    /// The tenant scopes that exist, sorted: scopes whose name is the
    /// prefix followed by a valid tenant id, read from the catalog
    /// (`pg_namespace`, `information_schema.SCHEMATA`). On SQLite, the scope
    /// files beside the main database (`app.<scope>.db` for `app.db`) that
    /// hold at least one table: a dropped SQLite scope keeps its (empty)
    /// file, since other pooled connections may still have it attached.
    pub async fn list(&self) -> Result<Vec<String>> {
        let names: Vec<String> = match self.client.backend() {
            Backend::Postgres => {
                column(&self.client, "SELECT nspname::text FROM pg_namespace").await?
            }
            Backend::MySql => {
                column(
                    &self.client,
                    "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA",
                )
                .await?
            }
            Backend::Sqlite => self.sqlite_scopes().await?,
        };
        let mut scopes: Vec<String> = names
            .into_iter()
            .filter(|name| self.is_tenant_scope(name))
            .collect();
        scopes.sort();
        scopes.dedup();
        Ok(scopes)
    }

    /// Drops tenant `tenant`'s scope and everything in it (see
    /// [`Client::drop_scope`]). Dropping a tenant that does not exist
    /// succeeds.
    pub async fn drop(&self, tenant: &str) -> Result<()> {
        self.client_for(tenant)?.drop_scope().await
    }

    /// Whether `name` is `<prefix><valid tenant id>`.
    fn is_tenant_scope(&self, name: &str) -> bool {
        name.strip_prefix(self.prefix.as_str())
            .is_some_and(|tenant| self.scope_for(tenant).is_ok())
    }

    /// SQLite: the tenant scopes whose files lie beside the main database
    /// and hold a table.
    async fn sqlite_scopes(&self) -> Result<Vec<String>> {
        let main = column(
            &self.client,
            "SELECT file FROM pragma_database_list WHERE name = 'main'",
        )
        .await?;
        let Some(path) = main.first().filter(|p| !p.is_empty()) else {
            // A database with no file has no scope files either.
            return Ok(Vec::new());
        };
        let path = std::path::Path::new(path);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ext = path
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()));
        let dir = path.parent().unwrap_or_else(|| std::path::Path::new("."));
        let entries = std::fs::read_dir(dir).map_err(|e| MigrationError::Io {
            path: dir.display().to_string(),
            message: e.to_string(),
        })?;
        let mut found = Vec::new();
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            // `<stem>.<scope><ext>`, the name `ATTACH` gives a scope's file.
            let Some(rest) = file.strip_prefix(&format!("{stem}.")) else {
                continue;
            };
            let scope = match &ext {
                Some(ext) => rest.strip_suffix(ext.as_str()),
                None => Some(rest),
            };
            let Some(scope) = scope.filter(|s| self.is_tenant_scope(s)) else {
                continue;
            };
            let scoped = self.client.scope(scope)?;
            let mut count = String::from("SELECT COUNT(*) FROM ");
            Backend::Sqlite.push_ident(&mut count, scope);
            // SQLite's own tables (sqlite_sequence) outlive a drop.
            count.push_str(".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
            let tables: Vec<(i64,)> = RawQuery::new(count).fetch_all(&scoped).await?;
            if tables.first().is_some_and(|(n,)| *n > 0) {
                found.push(scope.to_owned());
            }
        }
        Ok(found)
    }
}

/// The first column of every row of `sql`, as text.
async fn column(client: &Client, sql: &str) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = RawQuery::new(sql).fetch_all(client).await?;
    Ok(rows.into_iter().map(|(name,)| name).collect())
}
