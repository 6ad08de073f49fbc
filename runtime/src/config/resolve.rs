//! From the configuration as written to one checked plan per service:
//! `defaults` applied key by key, the password put into the URL, and every
//! value checked where the error can still name its key.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::duration::DurationOrOff;
use super::model::{Config, DatabaseUrl, OnStart, PoolConfig, ServiceConfig};
use super::origin::Origin;
use crate::backend::ConnectUrl;
use crate::client::{Client, ClientBuilder};
use crate::dialect::Backend;
use crate::error::{Error, Result};

/// One service's settings with `defaults` applied, checked: what
/// [`Services`](crate::Services) opens. `Debug` shows the URL redacted.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ResolvedService {
    /// The service's name.
    pub name: String,
    /// The URL, password included (shown as `***`).
    pub url: ConnectUrl,
    /// The scope, checked.
    pub scope: Option<String>,
    /// Pool settings given by the service or by `defaults`; what neither
    /// gives keeps [`ClientBuilder`]'s default.
    pub pool: PoolConfig,
    /// What to migrate on start.
    pub migrations: ResolvedMigrations,
    /// The URL as handed to the client builder.
    connect_url: DatabaseUrl,
    /// Read replicas (PostgreSQL): each URL, password included (shown as
    /// `***`), with the text handed to the builder.
    replicas: Vec<(ConnectUrl, DatabaseUrl)>,
    /// Replicas lagging more than this are skipped (`off`: no bound).
    pub max_replica_lag: Option<DurationOrOff>,
    /// The key of the migrations section that decided `on_start`, for errors.
    pub(crate) migrations_key: String,
}

/// A service's migration settings with `defaults` applied.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResolvedMigrations {
    /// What to run on start.
    pub on_start: OnStart,
    /// The migration directory, relative paths resolved (see
    /// [`MigrationsConfig::dir`](super::MigrationsConfig::dir)); checked to exist.
    pub dir: Option<PathBuf>,
    /// How long to wait for another migrator's lock.
    pub lock_timeout: Option<Duration>,
}

impl ResolvedService {
    /// The read replicas' URLs, passwords shown as `***`.
    pub fn replicas(&self) -> impl Iterator<Item = &ConnectUrl> {
        self.replicas.iter().map(|(url, _)| url)
    }

    /// A client builder with this service's URL, scope and pool settings.
    pub fn client_builder(&self) -> ClientBuilder {
        let pool = &self.pool;
        let mut builder = Client::builder(self.connect_url.expose());
        for (_, replica) in &self.replicas {
            builder = builder.replica(replica.expose());
        }
        if let Some(lag) = self.max_replica_lag {
            builder = builder.max_replica_lag(lag.to_option());
        }
        if let Some(n) = pool.max_connections {
            builder = builder.max_connections(n);
        }
        if let Some(n) = pool.min_connections {
            builder = builder.min_connections(n);
        }
        if let Some(t) = pool.acquire_timeout {
            builder = builder.acquire_timeout(t);
        }
        if let Some(t) = pool.idle_timeout {
            builder = builder.idle_timeout(t.to_option());
        }
        if let Some(t) = pool.max_lifetime {
            builder = builder.max_lifetime(t.to_option());
        }
        if let Some(test) = pool.test_before_acquire {
            builder = builder.test_before_acquire(test);
        }
        if let Some(rows) = pool.sqlite_row_buffer {
            builder = builder.sqlite_row_buffer(rows);
        }
        if let Some(t) = pool.slow_statement_threshold {
            builder = builder.slow_statement_threshold(t.to_option());
        }
        if let Some(t) = pool.statement_timeout {
            builder = builder.statement_timeout(t.to_option());
        }
        if let Some(t) = pool.transaction_timeout {
            builder = builder.transaction_timeout(t.to_option());
        }
        if let Some(scope) = &self.scope {
            builder = builder.scope(scope.as_str());
        }
        builder
    }
}

impl Config {
    /// Names this configuration in error messages, for one that is part of
    /// an application's own file: `config.named("app.toml")`. Relative
    /// paths in it are then taken from the working directory.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.origin = Origin::named(name.into());
        self
    }

    /// Applies `defaults` and checks every service: names, URLs (with
    /// [`ConnectUrl::parse`]), passwords (reading `password_file`), scopes
    /// (with [`validate_scope`](crate::validate_scope)), pool settings and
    /// migration directories. Services come in name order.
    ///
    /// Every problem is an [`Error::Config`] naming the key (and the
    /// environment variable that set it, if one did); none shows a password.
    pub fn resolve(&self) -> Result<Vec<ResolvedService>> {
        let origin = &self.origin;
        if self.defaults.scope.is_some() {
            return Err(origin.error(
                Some("defaults.scope"),
                "each service has a scope of its own: give it under services.<name>.scope",
            ));
        }
        if self.services.is_empty() {
            return Err(origin.error(Some("services"), "no service is configured"));
        }
        self.services
            .iter()
            .map(|(name, service)| {
                Layers {
                    origin,
                    name,
                    service,
                    defaults: &self.defaults,
                }
                .resolve()
            })
            .collect()
    }
}

/// A service's section over `defaults`.
struct Layers<'a> {
    origin: &'a Origin,
    name: &'a str,
    service: &'a ServiceConfig,
    defaults: &'a ServiceConfig,
}

impl Layers<'_> {
    fn service_key(&self, path: &str) -> String {
        format!("services.{}.{path}", self.name)
    }

    /// The service's value for `path`, else the default's, with the key it
    /// was read from.
    fn pick<T>(
        &self,
        path: &str,
        get: impl Fn(&ServiceConfig) -> Option<T>,
    ) -> Option<(T, String)> {
        get(self.service)
            .map(|v| (v, self.service_key(path)))
            .or_else(|| get(self.defaults).map(|v| (v, format!("defaults.{path}"))))
    }

    fn error(&self, key: &str, reason: impl Into<String>) -> Error {
        self.origin.error(Some(key), reason)
    }

    fn resolve(&self) -> Result<ResolvedService> {
        self.check_name()?;
        let (url, connect_url) = self.url()?;
        let replicas = self.replicas()?;
        let max_replica_lag = self
            .pick("max_replica_lag", |s| s.max_replica_lag)
            .map(|(v, _)| v);
        let scope = self.scope()?;
        let pool = self.pool()?;
        let (migrations, migrations_key) = self.migrations()?;
        Ok(ResolvedService {
            name: self.name.to_owned(),
            url,
            replicas,
            max_replica_lag,
            scope,
            pool,
            migrations,
            connect_url,
            migrations_key,
        })
    }

    fn check_name(&self) -> Result<()> {
        let mut chars = self.name.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if valid {
            Ok(())
        } else {
            Err(self.error(
                &format!("services.{}", self.name),
                "a service name is lowercase ASCII letters, digits and `_`, starting with a \
                 letter (so that an environment variable can name it)",
            ))
        }
    }

    /// The URL with the password put in, parsed; and the text to connect with.
    fn url(&self) -> Result<(ConnectUrl, DatabaseUrl)> {
        let Some((url, url_key)) = self.pick("url", |s| s.url.clone()) else {
            return Err(self.error(
                &self.service_key("url"),
                "missing: give the service a url, or give one in defaults.url",
            ));
        };
        self.with_password(url, &url_key)
    }

    /// `url` (read from `url_key`), parsed, with the service's password put
    /// in when it has one; and the text to connect with.
    fn with_password(&self, url: DatabaseUrl, url_key: &str) -> Result<(ConnectUrl, DatabaseUrl)> {
        let invalid = |key: &str, e: Error| self.error(key, e.to_string());
        let url_key = url_key.to_owned();
        let parsed = ConnectUrl::parse(url.expose()).map_err(|e| invalid(&url_key, e))?;
        let Some((password, password_key)) = self.password()? else {
            return Ok((parsed, url));
        };
        if parsed.backend() == Backend::Sqlite {
            return Err(self.error(&password_key, "a SQLite URL takes no password"));
        }
        let mut with_password = ::url::Url::parse(url.expose())
            .map_err(|_| self.error(&url_key, "cannot hold a password"))?;
        with_password
            .set_password(Some(&password))
            .map_err(|()| self.error(&url_key, "cannot hold a password: it names no host"))?;
        let text = with_password.to_string();
        let parsed = ConnectUrl::parse(&text).map_err(|e| invalid(&password_key, e))?;
        Ok((parsed, DatabaseUrl::new(text)))
    }

    /// The read replicas' URLs, the service's list or the defaults', each
    /// with the service's password put in like the primary's.
    fn replicas(&self) -> Result<Vec<(ConnectUrl, DatabaseUrl)>> {
        let Some((urls, key)) = self.pick("replicas", |s| s.replicas.clone()) else {
            return Ok(Vec::new());
        };
        urls.into_iter()
            .enumerate()
            .map(|(i, url)| self.with_password(url, &format!("{key}.{i}")))
            .collect()
    }

    /// `password` or `password_file`, the service's before the defaults'.
    fn password(&self) -> Result<Option<(String, String)>> {
        for (section, prefix) in [
            (self.service, format!("services.{}", self.name)),
            (self.defaults, "defaults".to_owned()),
        ] {
            match (&section.password, &section.password_file) {
                (Some(_), Some(_)) => {
                    return Err(self.error(
                        &format!("{prefix}.password_file"),
                        "give either password or password_file, not both",
                    ));
                }
                (Some(password), None) => {
                    return Ok(Some((
                        password.expose().to_owned(),
                        format!("{prefix}.password"),
                    )));
                }
                (None, Some(file)) => {
                    let key = format!("{prefix}.password_file");
                    return self.read_password(&key, file).map(|p| Some((p, key)));
                }
                (None, None) => {}
            }
        }
        Ok(None)
    }

    fn read_password(&self, key: &str, file: &Path) -> Result<String> {
        let path = self.origin.path(key, file);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| self.error(key, format!("cannot read {}: {e}", shown(&path))))?;
        // Secrets written with `echo` end in a newline that is not part of them.
        let password = text
            .strip_suffix('\n')
            .map(|t| t.strip_suffix('\r').unwrap_or(t))
            .unwrap_or(&text);
        if password.is_empty() {
            return Err(self.error(key, format!("{} is empty", shown(&path))));
        }
        Ok(password.to_owned())
    }

    fn scope(&self) -> Result<Option<String>> {
        let Some(scope) = &self.service.scope else {
            return Ok(None);
        };
        crate::ident::validate_scope(scope).map_err(|e| {
            // The reason alone: the value may be something else typed into
            // the wrong key, a URL with its password.
            let reason = match e {
                Error::InvalidIdentifier { reason, .. } => reason,
                _ => "not a valid scope name",
            };
            self.error(
                &self.service_key("scope"),
                format!("not a valid scope name: {reason}"),
            )
        })?;
        Ok(Some(scope.clone()))
    }

    fn pool(&self) -> Result<PoolConfig> {
        let max = self.pick("pool.max_connections", |s| s.pool.max_connections);
        let min = self.pick("pool.min_connections", |s| s.pool.min_connections);
        if let Some((0, key)) = &max {
            return Err(self.error(key, "must be at least 1"));
        }
        if let (Some((min, min_key)), Some((max, _))) = (&min, &max)
            && min > max
        {
            return Err(self.error(
                min_key,
                format!("{min} is more than max_connections ({max})"),
            ));
        }
        let acquire = self.pick("pool.acquire_timeout", |s| s.pool.acquire_timeout);
        if let Some((Duration::ZERO, key)) = &acquire {
            return Err(self.error(key, "must be longer than 0s"));
        }
        let turnable = |path: &str, get: fn(&PoolConfig) -> Option<DurationOrOff>| {
            let picked = self.pick(path, |s| get(&s.pool));
            match picked {
                Some((DurationOrOff::After(Duration::ZERO), key)) => {
                    Err(self.error(&key, "must be longer than 0s (write `off` to turn it off)"))
                }
                other => Ok(other.map(|(v, _)| v)),
            }
        };
        let rows = self.pick("pool.sqlite_row_buffer", |s| s.pool.sqlite_row_buffer);
        if let Some((0, key)) = &rows {
            return Err(self.error(key, "must be at least 1"));
        }
        Ok(PoolConfig {
            max_connections: max.map(|(v, _)| v),
            min_connections: min.map(|(v, _)| v),
            acquire_timeout: acquire.map(|(v, _)| v),
            idle_timeout: turnable("pool.idle_timeout", |p| p.idle_timeout)?,
            max_lifetime: turnable("pool.max_lifetime", |p| p.max_lifetime)?,
            test_before_acquire: self
                .pick("pool.test_before_acquire", |s| s.pool.test_before_acquire)
                .map(|(v, _)| v),
            sqlite_row_buffer: rows.map(|(v, _)| v),
            // Zero is allowed here: it logs every statement, for a while.
            slow_statement_threshold: self
                .pick("pool.slow_statement_threshold", |s| {
                    s.pool.slow_statement_threshold
                })
                .map(|(v, _)| v),
            statement_timeout: turnable("pool.statement_timeout", |p| p.statement_timeout)?,
            transaction_timeout: turnable("pool.transaction_timeout", |p| p.transaction_timeout)?,
        })
    }

    fn migrations(&self) -> Result<(ResolvedMigrations, String)> {
        let on_start = self.pick("migrations.on_start", |s| s.migrations.on_start);
        let key = on_start.as_ref().map_or_else(
            || self.service_key("migrations.on_start"),
            |(_, k)| k.clone(),
        );
        let dir = match self.pick("migrations.dir", |s| s.migrations.dir.clone()) {
            None => None,
            Some((dir, dir_key)) => {
                let path = self.origin.path(&dir_key, &dir);
                if !path.is_dir() {
                    return Err(
                        self.error(&dir_key, format!("no such directory: {}", shown(&path)))
                    );
                }
                Some(path)
            }
        };
        let lock_timeout = self.pick("migrations.lock_timeout", |s| s.migrations.lock_timeout);
        if let Some((Duration::ZERO, key)) = &lock_timeout {
            return Err(self.error(key, "must be longer than 0s"));
        }
        let resolved = ResolvedMigrations {
            on_start: on_start.map(|(v, _)| v).unwrap_or_default(),
            dir,
            lock_timeout: lock_timeout.map(|(v, _)| v),
        };
        Ok((resolved, key))
    }
}

/// A path for a message; redacted if it looks like a URL (a value typed
/// into the wrong key).
fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    if text.contains("://") || text.contains('@') {
        crate::backend::url::redact(&text)
    } else {
        text
    }
}
