//! The backend pool behind a client, and how it is built from a URL.

#[cfg(feature = "sqlite")]
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::url::ConnectUrl;
use crate::dialect::Backend;
use crate::error::{Error, Result};

/// The sqlx pool of the backend a URL named.
pub(crate) enum Pool {
    #[cfg(feature = "postgres")]
    Postgres(sqlx::PgPool),
    #[cfg(feature = "mysql")]
    MySql(sqlx::MySqlPool),
    #[cfg(feature = "sqlite")]
    Sqlite(sqlx::SqlitePool),
}

/// Calls `$body` with `$p` bound to whichever sqlx pool this is.
macro_rules! with_pool {
    ($pool:expr, $p:ident => $body:expr) => {
        match $pool {
            #[cfg(feature = "postgres")]
            $crate::client::pool::Pool::Postgres($p) => $body,
            #[cfg(feature = "mysql")]
            $crate::client::pool::Pool::MySql($p) => $body,
            #[cfg(feature = "sqlite")]
            $crate::client::pool::Pool::Sqlite($p) => $body,
        }
    };
}
pub(crate) use with_pool;

impl Pool {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            #[cfg(feature = "postgres")]
            Pool::Postgres(_) => Backend::Postgres,
            #[cfg(feature = "mysql")]
            Pool::MySql(_) => Backend::MySql,
            #[cfg(feature = "sqlite")]
            Pool::Sqlite(_) => Backend::Sqlite,
        }
    }
}

/// Pool settings. See [`ClientBuilder`](crate::ClientBuilder) for what each means.
#[derive(Debug, Clone)]
pub(crate) struct PoolSettings {
    pub max_connections: u32,
    pub min_connections: u32,
    pub acquire_timeout: Duration,
    pub idle_timeout: Option<Duration>,
    pub max_lifetime: Option<Duration>,
    pub test_before_acquire: bool,
    pub sqlite_row_buffer: usize,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            max_connections: 10,
            min_connections: 0,
            acquire_timeout: Duration::from_secs(30),
            idle_timeout: Some(Duration::from_secs(600)),
            max_lifetime: Some(Duration::from_secs(1800)),
            test_before_acquire: false,
            sqlite_row_buffer: 1024,
        }
    }
}

impl PoolSettings {
    fn options<DB: sqlx::Database>(&self) -> sqlx::pool::PoolOptions<DB> {
        sqlx::pool::PoolOptions::new()
            .max_connections(self.max_connections)
            .min_connections(self.min_connections)
            .acquire_timeout(self.acquire_timeout)
            .idle_timeout(self.idle_timeout)
            .max_lifetime(self.max_lifetime)
            .test_before_acquire(self.test_before_acquire)
    }
}

/// Numbers in-memory SQLite databases so each client gets its own.
#[cfg(feature = "sqlite")]
static MEMORY_SEQ: AtomicUsize = AtomicUsize::new(0);

/// Where a SQLite scope's attached database lives, derived from the main database.
#[derive(Debug)]
pub(crate) enum SqliteBase {
    /// The private database behind `sqlite::memory:`; its files are removed
    /// when the client is dropped.
    Temporary(std::path::PathBuf),
    /// A database file at this path.
    File(std::path::PathBuf),
}

impl SqliteBase {
    /// The `ATTACH` target for `scope`.
    pub(crate) fn attach_target(&self, scope: &str) -> String {
        match self {
            SqliteBase::File(path) | SqliteBase::Temporary(path) => {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                let file = match path.extension() {
                    Some(ext) => format!("{stem}.{scope}.{}", ext.to_string_lossy()),
                    None => format!("{stem}.{scope}"),
                };
                path.with_file_name(file).to_string_lossy().into_owned()
            }
        }
    }
}

/// A fresh path for an in-memory database: on tmpfs (`/dev/shm`) when the
/// machine has it, else in the temporary directory.
#[cfg(feature = "sqlite")]
fn memory_database_path() -> std::path::PathBuf {
    let shm = std::path::Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        shm.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    let n = MEMORY_SEQ.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("entkit-{}-{n}.db", std::process::id()))
}

impl Drop for SqliteBase {
    fn drop(&mut self) {
        let SqliteBase::Temporary(path) = self else {
            return;
        };
        // The main file, its scopes' files, and their -wal/-shm companions.
        let (Some(dir), Some(stem)) = (path.parent(), path.file_stem()) else {
            return;
        };
        let prefix = format!("{}.", stem.to_string_lossy());
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }
}

/// A driver error while connecting, without any password of `url`.
fn connect_error(url: &ConnectUrl, source: sqlx::Error) -> Error {
    match source {
        sqlx::Error::PoolTimedOut => Error::PoolTimeout,
        source => Error::Connect {
            url: url.redacted().to_owned(),
            source: url.scrub_driver_error(source),
        },
    }
}

/// Runs `work` (connecting and the first exchanges) within the acquire
/// timeout: a server that accepts the connection and never answers would
/// otherwise hold `connect()` forever, as sqlx sets no timeout of its own.
#[cfg(any(feature = "postgres", feature = "mysql"))]
async fn within_timeout<T>(
    url: &ConnectUrl,
    settings: &PoolSettings,
    work: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    match tokio::time::timeout(settings.acquire_timeout, work).await {
        Ok(result) => result,
        Err(_) => Err(Error::ConnectTimeout {
            url: url.redacted().to_owned(),
            timeout: settings.acquire_timeout,
        }),
    }
}

/// Opens one connection outside the pool first: sqlx pools retry refused
/// connections until the acquire timeout, but an unreachable server at
/// startup deserves an immediate, precise error.
#[cfg(any(feature = "postgres", feature = "mysql"))]
async fn probe<C>(url: &ConnectUrl, options: &C) -> Result<C::Connection>
where
    C: sqlx::ConnectOptions,
    C::Connection: Sized,
{
    options.connect().await.map_err(|e| connect_error(url, e))
}

/// Whether a MySQL-family version string is MariaDB 10.5 or later, the
/// first with `INSERT ... RETURNING` (e.g. `10.11.19-MariaDB-0+deb12u1`).
#[cfg(feature = "mysql")]
fn mariadb_with_returning(version: &str) -> bool {
    if !version.contains("MariaDB") {
        return false;
    }
    let mut parts = version
        .split(['.', '-'])
        .filter_map(|p| p.parse::<u32>().ok());
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (major, minor) >= (10, 5)
}

/// What the server can do beyond its backend's baseline.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ServerInfo {
    /// MySQL-family server with `INSERT ... RETURNING` (MariaDB).
    pub insert_returning: bool,
}

/// Opens the pool `url` names. The URL was validated by [`ConnectUrl::parse`];
/// what the driver still refuses (a parameter's value) is reported as
/// [`Error::InvalidUrl`] with every password scrubbed from its message.
pub(crate) async fn connect(
    url: &ConnectUrl,
    settings: &PoolSettings,
) -> Result<(Pool, Option<SqliteBase>, ServerInfo)> {
    #[allow(unused_variables)]
    let unsupported = |feature: &str| Error::UnsupportedUrl {
        url: url.redacted().to_owned(),
        reason: format!("entkit was built without the `{feature}` feature"),
    };
    #[allow(unused_variables)]
    let parse_error = |e: sqlx::Error| {
        let text = e.to_string();
        let mut reason = text.as_str();
        while let Some(rest) = reason.strip_prefix("error with configuration: ") {
            reason = rest;
        }
        Error::InvalidUrl {
            part: crate::UrlPart::Query,
            reason: url.scrub(reason),
        }
    };
    match url.backend() {
        Backend::Postgres => {
            #[cfg(feature = "postgres")]
            {
                let options: sqlx::postgres::PgConnectOptions =
                    url.driver_url().parse().map_err(parse_error)?;
                use sqlx::Connection as _;
                let conn = within_timeout(url, settings, probe(url, &options)).await?;
                let _ = conn.close().await;
                let pool = settings.options().connect_lazy_with(options);
                Ok((Pool::Postgres(pool), None, ServerInfo::default()))
            }
            #[cfg(not(feature = "postgres"))]
            Err(unsupported("postgres"))
        }
        Backend::MySql => {
            #[cfg(feature = "mysql")]
            {
                let options: sqlx::mysql::MySqlConnectOptions =
                    url.driver_url().parse().map_err(parse_error)?;
                use sqlx::Connection as _;
                let version = within_timeout(url, settings, async {
                    let mut conn = probe(url, &options).await?;
                    // MariaDB has INSERT ... RETURNING; MySQL has not.
                    let version: (String,) = sqlx::query_as("SELECT VERSION()")
                        .fetch_one(&mut conn)
                        .await
                        .map_err(|e| connect_error(url, e))?;
                    let _ = conn.close().await;
                    Ok(version.0)
                })
                .await?;
                let info = ServerInfo {
                    insert_returning: mariadb_with_returning(&version),
                };
                let pool = settings.options().connect_lazy_with(options);
                Ok((Pool::MySql(pool), None, info))
            }
            #[cfg(not(feature = "mysql"))]
            Err(unsupported("mysql"))
        }
        Backend::Sqlite => {
            #[cfg(feature = "sqlite")]
            {
                use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
                let parsed: SqliteConnectOptions = url.driver_url().parse().map_err(parse_error)?;
                let filename = parsed.get_filename().to_string_lossy().into_owned();
                let in_memory = filename.starts_with("file:sqlx-in-memory")
                    || url.driver_url().contains("mode=memory");
                let pool_options = settings.options::<sqlx::Sqlite>();
                let (mut options, base) = if in_memory {
                    // SQLite reads past an open write transaction only in WAL
                    // mode, which needs a file: sqlx's shared-cache memory
                    // database makes such a read wait on a table lock (a
                    // deadlock when one task holds both) and `memdb` refuses
                    // it. So `sqlite::memory:` is a private WAL database on
                    // tmpfs where there is one, deleted when the client drops.
                    let path = memory_database_path();
                    let options = SqliteConnectOptions::new()
                        .filename(&path)
                        .create_if_missing(true)
                        .journal_mode(SqliteJournalMode::Wal)
                        .synchronous(sqlx::sqlite::SqliteSynchronous::Off);
                    (options, SqliteBase::Temporary(path))
                } else {
                    let options = parsed
                        .create_if_missing(true)
                        .journal_mode(SqliteJournalMode::Wal);
                    let base = SqliteBase::File(options.get_filename().to_path_buf());
                    (options, base)
                };
                options = options
                    .foreign_keys(true)
                    .busy_timeout(std::time::Duration::from_secs(10))
                    .row_buffer_size(settings.sqlite_row_buffer);
                let pool = pool_options
                    .connect_with(options)
                    .await
                    .map_err(|e| connect_error(url, e))?;
                Ok((Pool::Sqlite(pool), Some(base), ServerInfo::default()))
            }
            #[cfg(not(feature = "sqlite"))]
            Err(unsupported("sqlite"))
        }
    }
}
