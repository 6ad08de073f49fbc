//! The configuration as written: every key optional, so that `defaults`
//! and a service can each give some keys and the rest falls through.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

use super::duration::{self, DurationOrOff};
use super::origin::Origin;

/// entkit's section of a configuration: settings shared by every service,
/// and one entry per service.
///
/// Read it from a file with [`Config::from_file`] (YAML or TOML, with
/// environment overrides), or embed it in an application's own
/// configuration struct — it is `Deserialize` — and hand it to
/// [`Services::builder`](crate::Services::builder). Unknown keys are errors.
///
/// ```
/// # fn main() -> entkit::Result<()> {
/// #[derive(serde::Deserialize)]
/// struct AppConfig {
///     listen: String,
///     database: entkit::Config,
/// }
///
/// let app: AppConfig = toml::from_str(r#"
///     listen = "0.0.0.0:8080"
///     [database.defaults]
///     url = "postgres://platform@db.internal/platform"
///     pool = { max_connections = 16, acquire_timeout = "5s" }
///     [database.services.identity]
///     scope = "identity"
/// "#).expect("valid TOML");
/// let config = app.database.named("app.toml");  // errors then name this file
/// let identity = &config.resolve()?[0];
/// assert_eq!(identity.name, "identity");
/// assert_eq!(identity.pool.max_connections, Some(16));
/// # Ok(()) }
/// ```
#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Config {
    /// Applied to every service, key by key, unless the service gives the
    /// key itself. Everything but `scope` may be given here.
    #[serde(default)]
    pub defaults: ServiceConfig,
    /// The services, by name: lowercase ASCII letters, digits and `_`,
    /// starting with a letter (so an environment variable can name them).
    pub services: BTreeMap<String, ServiceConfig>,
    /// Where the values came from, for error messages.
    #[serde(skip)]
    pub(crate) origin: Origin,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("file", &self.origin.file)
            .field("defaults", &self.defaults)
            .field("services", &self.services)
            .finish()
    }
}

/// One service's settings (or the `defaults` every service starts from).
///
/// TLS is set in the URL (`sslmode`, `sslrootcert`); a `tls` key is refused
/// like any unknown key.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ServiceConfig {
    /// The connection URL (see [`ConnectUrl`](crate::ConnectUrl) for what
    /// is accepted). It may leave the password out: see `password`.
    pub url: Option<DatabaseUrl>,
    /// The password, put into the URL in place of any it holds. Meant to
    /// come from the environment (`ENTKIT_SERVICES__<NAME>__PASSWORD`)
    /// rather than the file.
    pub password: Option<Password>,
    /// A file holding the password (a mounted secret), read at startup;
    /// one trailing newline is ignored. Not together with `password`.
    pub password_file: Option<PathBuf>,
    /// The service's scope: a PostgreSQL schema, a MySQL/MariaDB database,
    /// a SQLite attached database. Without one the service works in the
    /// database's default namespace.
    pub scope: Option<String>,
    /// Pool settings.
    #[serde(default)]
    pub pool: PoolConfig,
    /// What to migrate when the service starts.
    #[serde(default)]
    pub migrations: MigrationsConfig,
    /// Read replicas of the service's PostgreSQL server (see
    /// [`ClientBuilder::replica`](crate::ClientBuilder::replica)); each gets
    /// the service's password like the primary URL.
    pub replicas: Option<Vec<DatabaseUrl>>,
    /// Replicas lagging more than this are skipped (default `off`: lag never
    /// skips a replica).
    pub max_replica_lag: Option<DurationOrOff>,
}

/// Pool settings; each one is described on
/// [`ClientBuilder`](crate::ClientBuilder), whose defaults apply to what is
/// not given.
///
/// Durations are written as people write them: `500ms`, `30s`, `10m`,
/// `1h 30m`. `idle_timeout`, `max_lifetime`, `slow_statement_threshold`,
/// `statement_timeout` and `transaction_timeout` also take `off`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PoolConfig {
    /// Most connections the pool opens (default 10).
    pub max_connections: Option<u32>,
    /// Connections kept open even when idle (default 0).
    pub min_connections: Option<u32>,
    /// How long an operation waits for a connection (default 30s).
    #[serde(default, deserialize_with = "duration::optional")]
    pub acquire_timeout: Option<Duration>,
    /// Idle connections above the minimum close after this long (default 10m).
    pub idle_timeout: Option<DurationOrOff>,
    /// Connections are replaced after this age (default 30m).
    pub max_lifetime: Option<DurationOrOff>,
    /// Whether to ping a connection before handing it out (default false).
    pub test_before_acquire: Option<bool>,
    /// Rows a SQLite connection buffers ahead of the reader (default 1024);
    /// ignored by other backends.
    pub sqlite_row_buffer: Option<usize>,
    /// Statements slower than this log a warning (default 1s).
    pub slow_statement_threshold: Option<DurationOrOff>,
    /// Statements running longer are cancelled (default `off`).
    pub statement_timeout: Option<DurationOrOff>,
    /// Transactions lasting longer are rolled back (default `off`).
    pub transaction_timeout: Option<DurationOrOff>,
}

/// What a service migrates when it starts.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MigrationsConfig {
    /// `off` (the default), `versioned` or `auto`.
    pub on_start: Option<OnStart>,
    /// The directory of one dialect's versioned migrations
    /// (`<version>_<name>.up.sql` files and `entkit.sum`). A relative path
    /// in a file is relative to that file's directory. The application may
    /// give the migrations in code instead
    /// ([`ServicesBuilder::migrations`](crate::ServicesBuilder::migrations)).
    pub dir: Option<PathBuf>,
    /// How long a versioned migrator waits for another one holding the
    /// scope's migration lock (see
    /// [`Migrator::lock_timeout`](crate::Migrator::lock_timeout)).
    #[serde(default, deserialize_with = "duration::optional")]
    pub lock_timeout: Option<Duration>,
}

/// What a service migrates when it starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnStart {
    /// Nothing.
    #[default]
    Off,
    /// Applies the pending versioned migrations
    /// ([`Migrator::up`](crate::Migrator::up)).
    Versioned,
    /// Creates what the entities the application registered for the
    /// service describe ([`Client::auto_migrate`](crate::Client::auto_migrate)).
    Auto,
}

/// A connection URL as written. `Debug` shows it with its password as
/// `***`; it is checked with [`ConnectUrl::parse`](crate::ConnectUrl::parse)
/// when the configuration is resolved.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// Wraps a URL.
    pub fn new(url: impl Into<String>) -> Self {
        DatabaseUrl(url.into())
    }

    /// The URL as written, password included. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DatabaseUrl")
            .field(&crate::backend::url::redact(&self.0))
            .finish()
    }
}

/// A password. `Debug` shows `***`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Password(String);

impl Password {
    /// Wraps a password.
    pub fn new(password: impl Into<String>) -> Self {
        Password(password.into())
    }

    /// The password. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}
