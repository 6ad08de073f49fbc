//! One client per configured service, opened together at startup and
//! closed together at shutdown.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::future::join_all;

use super::model::{Config, OnStart};
use super::resolve::ResolvedService;
use crate::client::Client;
use crate::dialect::Backend;
use crate::error::{Error, Result};
use crate::migrate::{MigrationSet, Migrator};
use crate::schema::EntityDef;

/// The clients of the configured services: each its own pool and scope.
/// Cheap to clone into application state (one `Arc` inside).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> entkit::Result<()> {
/// # let dir = std::env::temp_dir().join(format!("entkit-services-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// # let path = dir.join("default.yaml");
/// # std::fs::write(&path, "
/// # defaults:
/// #   url: 'sqlite::memory:'
/// #   pool: { max_connections: 4, acquire_timeout: 5s }
/// # services:
/// #   identity: { scope: identity }
/// #   audit: { scope: audit, pool: { max_connections: 2 } }
/// # ").unwrap();
/// use std::time::Duration;
/// use entkit::{Client, Services};
///
/// let services = Services::from_file(&path).await?;   // e.g. "config/default.yaml"
/// let identity: Client = services.client("identity")?;
/// assert_eq!(identity.scope_name(), Some("identity"));
/// assert!(matches!(services.client("billing"), Err(entkit::Error::UnknownService { .. })));
///
/// let report = services.shutdown(Duration::from_secs(10)).await;
/// assert!(report.is_clean(), "still busy: {:?}", report.timed_out);
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Services {
    inner: Arc<BTreeMap<String, Service>>,
}

struct Service {
    client: Client,
    migrator: Option<Migrator>,
}

impl fmt::Debug for Services {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.inner.iter().map(|(name, s)| (name, &s.client)))
            .finish()
    }
}

impl Services {
    /// Reads `path` with environment overrides under `ENTKIT_` (see
    /// [`ConfigLoader`](crate::config::ConfigLoader)), then opens every
    /// service and runs its migrations (see [`ServicesBuilder::connect`]).
    pub async fn from_file(path: impl AsRef<Path>) -> Result<Services> {
        Services::builder(Config::from_file(path)?).connect().await
    }

    /// A builder over an already-read configuration, for entities and
    /// migration sets that live in code.
    pub fn builder(config: Config) -> ServicesBuilder {
        ServicesBuilder {
            config,
            entities: BTreeMap::new(),
            sets: BTreeMap::new(),
            only: None,
        }
    }

    /// The client of service `name` (a clone: cheap, same pool).
    /// An unconfigured name is [`Error::UnknownService`].
    pub fn client(&self, name: &str) -> Result<Client> {
        self.service(name).map(|s| s.client.clone())
    }

    /// The versioned migrator of service `name`, when it has migrations
    /// (a `migrations.dir`, or a set given in code): for a readiness probe's
    /// [`Client::health`](crate::Client::health).
    pub fn migrator(&self, name: &str) -> Result<Option<&Migrator>> {
        self.service(name).map(|s| s.migrator.as_ref())
    }

    /// The configured services' names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.inner.keys().map(String::as_str)
    }

    fn service(&self, name: &str) -> Result<&Service> {
        self.inner.get(name).ok_or_else(|| Error::UnknownService {
            name: name.to_owned(),
            known: self.inner.keys().cloned().collect(),
        })
    }

    /// Closes every service's pool at once: nothing new starts (operations
    /// fail with [`Error::PoolClosed`]), work in flight may finish, and each
    /// pool waits for its connections to come back, up to `deadline` in all.
    ///
    /// The report names the services whose connections were still in use
    /// when the deadline passed (a transaction held open, a long query);
    /// their pools stay closed and each remaining connection closes when it
    /// is returned.
    pub async fn shutdown(&self, deadline: Duration) -> ShutdownReport {
        let started = Instant::now();
        let until = tokio::time::Instant::now() + deadline;
        let closing = self.inner.iter().map(|(name, service)| async move {
            let closed = tokio::time::timeout_at(until, service.client.close())
                .await
                .is_ok();
            (name.clone(), closed)
        });
        let mut report = ShutdownReport {
            closed: Vec::new(),
            timed_out: Vec::new(),
            elapsed: Duration::ZERO,
        };
        for (name, closed) in join_all(closing).await {
            if closed {
                report.closed.push(name);
            } else {
                report.timed_out.push(name);
            }
        }
        report.elapsed = started.elapsed();
        report
    }
}

/// What [`Services::shutdown`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ShutdownReport {
    /// Services whose pools closed in time, sorted.
    pub closed: Vec<String>,
    /// Services with connections still in use at the deadline, sorted.
    pub timed_out: Vec<String>,
    /// How long the shutdown took.
    pub elapsed: Duration,
}

impl ShutdownReport {
    /// Whether every pool closed before the deadline.
    pub fn is_clean(&self) -> bool {
        self.timed_out.is_empty()
    }
}

/// Opens [`Services`] from a [`Config`], with what only code can give: the
/// entities a service auto-migrates, or its migrations compiled into the
/// binary.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> entkit::Result<()> {
/// use entkit::Entity;
///
/// #[derive(Entity)]
/// struct Account { id: i64, email: String }
///
/// let config: entkit::Config = toml::from_str(r#"
///     [services.identity]
///     url = "sqlite::memory:"
///     scope = "identity"
///     migrations = { on_start = "auto" }
/// "#).expect("valid TOML");
/// let services = entkit::Services::builder(config.named("app.toml"))
///     .entities("identity", &[Account::def()])
///     .connect()
///     .await?;
/// let identity = services.client("identity")?;
/// assert_eq!(Account::query().count(&identity).await?, 0);  // the table exists
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct ServicesBuilder {
    config: Config,
    entities: BTreeMap<String, Vec<&'static EntityDef>>,
    sets: BTreeMap<String, SetSource>,
    /// The one service to open, when not all of them.
    only: Option<String>,
}

/// Where a service's versioned migrations given in code come from.
#[derive(Debug)]
enum SetSource {
    Given(MigrationSet),
    /// Chosen by the backend the service's URL names.
    PerBackend(fn(Backend) -> Result<MigrationSet>),
}

impl ServicesBuilder {
    /// The entities service `service` auto-migrates when its
    /// `migrations.on_start` is `auto`.
    pub fn entities(mut self, service: &str, entities: &[&'static EntityDef]) -> Self {
        self.entities
            .entry(service.to_owned())
            .or_default()
            .extend_from_slice(entities);
        self
    }

    /// Service `service`'s versioned migrations, given in code (e.g.
    /// [`embed_migrations!`](crate::embed_migrations)) instead of a
    /// `migrations.dir`.
    pub fn migrations(mut self, service: &str, set: MigrationSet) -> Self {
        self.sets.insert(service.to_owned(), SetSource::Given(set));
        self
    }

    /// Service `service`'s versioned migrations, one set per backend (a
    /// service kept in `migrations/<service>/<backend>/`): `by_backend` is
    /// called with the backend of the service's URL once the configuration
    /// is resolved, so the same binary migrates SQLite in development and
    /// PostgreSQL in production. Its error stops
    /// [`connect`](Self::connect), for example for a backend the service
    /// has no migrations for.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> entkit::Result<()> {
    /// use entkit::{Backend, MigrationSet};
    ///
    /// fn migrations(backend: Backend) -> entkit::Result<MigrationSet> {
    ///     let key = match backend {
    ///         Backend::Postgres => "BIGSERIAL PRIMARY KEY",
    ///         _ => "INTEGER PRIMARY KEY",
    ///     };
    ///     let mut set = MigrationSet::default();
    ///     set.push(1, "init", &format!("CREATE TABLE notes (id {key})"), "DROP TABLE notes");
    ///     Ok(set)
    /// }
    ///
    /// let config: entkit::Config = toml::from_str(r#"
    ///     [services.notes]
    ///     url = "sqlite::memory:"
    ///     migrations = { on_start = "versioned" }
    /// "#).expect("valid TOML");
    /// let services = entkit::Services::builder(config)
    ///     .migrations_by_backend("notes", migrations)
    ///     .connect()
    ///     .await?;
    /// let migrator = services.migrator("notes")?.expect("versioned migrations");
    /// let status = migrator.status(&services.client("notes")?).await?;
    /// assert!(matches!(status[..], [entkit::MigrationStatus { state: entkit::State::Applied { .. }, .. }]));
    /// # Ok(()) }
    /// ```
    pub fn migrations_by_backend(
        mut self,
        service: &str,
        by_backend: fn(Backend) -> Result<MigrationSet>,
    ) -> Self {
        self.sets
            .insert(service.to_owned(), SetSource::PerBackend(by_backend));
        self
    }

    /// Opens service `service` only: the other services of the file (one
    /// that describes a whole platform, read by each service's binary) are
    /// neither checked nor connected, and [`Services::client`] knows only
    /// this one. [`connect`](Self::connect) is an [`Error::Config`] when
    /// the file does not define it.
    pub fn only(mut self, service: &str) -> Self {
        self.only = Some(service.to_owned());
        self
    }

    /// Checks the configuration, opens every service's pool (all at once),
    /// then runs each one's migrations as its `migrations.on_start` says.
    ///
    /// A configuration problem is an [`Error::Config`] before any
    /// connection opens. A service that fails to connect or to migrate is
    /// an [`Error::ServiceStart`] naming it; the pools already opened are
    /// closed first.
    pub async fn connect(self) -> Result<Services> {
        let ServicesBuilder {
            mut config,
            entities,
            mut sets,
            only,
        } = self;
        // Code that names a service the file lacks is a mistake even when
        // another service is the one opened.
        for name in entities.keys().chain(sets.keys()) {
            if !config.services.contains_key(name) {
                return Err(config.origin.error(
                    Some(&format!("services.{name}")),
                    "the application gives entities or migrations for this service, but the \
                     configuration does not define it",
                ));
            }
        }
        if let Some(only) = &only {
            if !config.services.contains_key(only) {
                return Err(config.origin.error(
                    Some(&format!("services.{only}")),
                    "the application opens this service only, but the configuration does not \
                     define it",
                ));
            }
            config.services.retain(|name, _| name == only);
            sets.retain(|name, _| name == only);
        }
        let entities: BTreeMap<_, _> = entities
            .into_iter()
            .filter(|(name, _)| only.as_ref().is_none_or(|only| name == only))
            .collect();
        let origin = &config.origin;
        let plans = config.resolve()?;
        let mut starts = Vec::with_capacity(plans.len());
        for plan in plans {
            let set = match sets.remove(&plan.name) {
                None => None,
                Some(SetSource::Given(set)) => Some(set),
                Some(SetSource::PerBackend(by_backend)) => Some(by_backend(plan.url.backend())?),
            };
            let migrator = migrator_for(&config, &plan, set)?;
            let entities = entities.get(&plan.name).cloned().unwrap_or_default();
            match plan.migrations.on_start {
                OnStart::Versioned if migrator.is_none() => {
                    return Err(origin.error(
                        Some(&plan.migrations_key),
                        "`versioned` needs migrations: give migrations.dir, or the set in code \
                         (ServicesBuilder::migrations)",
                    ));
                }
                OnStart::Auto if entities.is_empty() => {
                    return Err(origin.error(
                        Some(&plan.migrations_key),
                        "`auto` needs the service's entities, given in code \
                         (ServicesBuilder::entities)",
                    ));
                }
                _ => {}
            }
            starts.push(Start {
                plan,
                migrator,
                entities,
            });
        }

        let results = join_all(starts.into_iter().map(Start::run)).await;
        let mut opened = BTreeMap::new();
        let mut failure = None;
        for result in results {
            match result {
                Ok((name, service)) => {
                    opened.insert(name, service);
                }
                Err(e) => {
                    failure.get_or_insert(e);
                }
            }
        }
        if let Some(e) = failure {
            join_all(opened.values().map(|s| s.client.close())).await;
            return Err(e);
        }
        Ok(Services {
            inner: Arc::new(opened),
        })
    }
}

/// The service's versioned migrator: the set given in code, or the files of
/// its `migrations.dir` (not both).
fn migrator_for(
    config: &Config,
    plan: &ResolvedService,
    set: Option<MigrationSet>,
) -> Result<Option<Migrator>> {
    let set = match (set, &plan.migrations.dir) {
        (Some(_), Some(_)) => {
            return Err(config.origin.error(
                Some(&format!("services.{}.migrations.dir", plan.name)),
                "the application gives this service's migrations in code; a directory as well \
                 is ambiguous",
            ));
        }
        (Some(set), None) => set,
        (None, Some(dir)) => MigrationSet::from_dir(dir).map_err(|e| Error::ServiceStart {
            service: plan.name.clone(),
            source: Box::new(e.into()),
        })?,
        (None, None) => return Ok(None),
    };
    let mut migrator = Migrator::new(set);
    if let Some(wait) = plan.migrations.lock_timeout {
        migrator = migrator.lock_timeout(wait);
    }
    Ok(Some(migrator))
}

/// What starting one service takes.
struct Start {
    plan: ResolvedService,
    migrator: Option<Migrator>,
    entities: Vec<&'static EntityDef>,
}

impl Start {
    async fn run(self) -> Result<(String, Service)> {
        let name = self.plan.name.clone();
        let failed = |e: Error| Error::ServiceStart {
            service: name.clone(),
            source: Box::new(e),
        };
        let client = self.plan.client_builder().connect().await.map_err(failed)?;
        let migrated = match self.plan.migrations.on_start {
            OnStart::Off => Ok(()),
            OnStart::Versioned => match &self.migrator {
                Some(migrator) => migrator.up(&client, None).await.map(drop),
                None => Ok(()),
            },
            OnStart::Auto => client.auto_migrate(&self.entities).await.map(drop),
        };
        if let Err(e) = migrated {
            client.close().await;
            return Err(failed(e));
        }
        Ok((
            name.clone(),
            Service {
                client,
                migrator: self.migrator,
            },
        ))
    }
}
