//! Configuration files and the service clients they describe.
//!
//! A backend service (identity, authz, audit, ...) owns a scope on a shared
//! database server. Its database settings live in a file, YAML or TOML:
//!
//! ```yaml
//! defaults:                      # every service's, unless it gives its own
//!   url: postgres://platform@db.internal:5432/platform
//!   pool: { max_connections: 16, acquire_timeout: 5s, idle_timeout: 10m }
//! services:
//!   identity:
//!     url: postgres://identity_svc@db.internal:5432/platform
//!     scope: identity
//!     migrations: { on_start: versioned, dir: ../migrations/identity/postgres }
//!   audit:
//!     scope: audit
//!     pool: { max_connections: 4 }
//! ```
//!
//! with passwords from the environment
//! (`ENTKIT_SERVICES__IDENTITY__PASSWORD=...`, see [`ConfigLoader`]).
//! [`Services`] opens one client per service:
//!
//! ```no_run
//! # async fn f() -> entkit::Result<()> {
//! let services = entkit::Services::from_file("config/default.yaml").await?;
//! let identity: entkit::Client = services.client("identity")?;
//! // ...
//! let report = services.shutdown(std::time::Duration::from_secs(10)).await;
//! # Ok(()) }
//! ```
//!
//! Every problem is found at startup and is an
//! [`Error::Config`](crate::Error::Config) naming the file and the key, e.g.
//! `invalid configuration in config/default.yaml at
//! services.audit.pool.max_connections: expected a whole number (0 or more),
//! found text`. No message and no `Debug` output shows a password.

mod describe;
mod duration;
mod load;
mod model;
mod origin;
mod resolve;
mod services;

use std::path::Path;

pub use duration::DurationOrOff;
pub use load::{ConfigLoader, DEFAULT_ENV_PREFIX};
pub use model::{
    Config, DatabaseUrl, MigrationsConfig, OnStart, Password, PoolConfig, ServiceConfig,
};
pub use resolve::{ResolvedMigrations, ResolvedService};
pub use services::{Services, ServicesBuilder, ShutdownReport};

use crate::error::Result;

impl Config {
    /// Reads `path` (`.yaml`, `.yml` or `.toml`) with overrides from
    /// `ENTKIT_*` environment variables, and checks it (see
    /// [`ConfigLoader`] for a prefix of the application's own, and
    /// [`Config::resolve`] for what is checked).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Config> {
        ConfigLoader::new(path.as_ref()).load()
    }
}
