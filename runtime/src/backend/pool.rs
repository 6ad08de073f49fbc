//! The pool behind a client, and how it is opened from a URL.

use super::conn::Conn;
use super::connections::{AcquireError, Connections, Usage};
use super::pinned::Pinned;
use super::settings::PoolSettings;
#[cfg(feature = "sqlite")]
use super::sqlite::{SqliteBase, memory_database_path};
use super::url::{ConnectUrl, UrlPart};
use crate::dialect::Backend;
use crate::error::{Error, Result};

/// The pool of connections of the backend a URL named.
pub(crate) enum Pools {
    #[cfg(feature = "postgres")]
    Postgres(Connections<sqlx::PgConnection>),
    #[cfg(feature = "mysql")]
    MySql(Connections<sqlx::MySqlConnection>),
    #[cfg(feature = "sqlite")]
    Sqlite(Connections<sqlx::SqliteConnection>),
}

/// Calls `$body` with `$p` bound to whichever pool this is.
macro_rules! with_pool {
    ($pool:expr, $p:ident => $body:expr) => {
        match $pool {
            #[cfg(feature = "postgres")]
            $crate::backend::pool::Pools::Postgres($p) => $body,
            #[cfg(feature = "mysql")]
            $crate::backend::pool::Pools::MySql($p) => $body,
            #[cfg(feature = "sqlite")]
            $crate::backend::pool::Pools::Sqlite($p) => $body,
        }
    };
}

/// A client's pool: the driver's pool, what the server can do, and where
/// SQLite scopes' files live.
pub(crate) struct Pool {
    pub(crate) pools: Pools,
    /// Where SQLite scopes' databases live.
    #[cfg(feature = "sqlite")]
    sqlite_base: Option<SqliteBase>,
    /// What the server can do beyond its backend's baseline.
    pub(crate) server: ServerInfo,
    /// The URL, password redacted, for errors.
    pub(crate) url: String,
    /// The URL as parsed, to scrub its password from driver errors.
    connect_url: ConnectUrl,
    pub(crate) settings: PoolSettings,
}

impl Pool {
    pub(crate) fn backend(&self) -> Backend {
        match &self.pools {
            #[cfg(feature = "postgres")]
            Pools::Postgres(_) => Backend::Postgres,
            #[cfg(feature = "mysql")]
            Pools::MySql(_) => Backend::MySql,
            #[cfg(feature = "sqlite")]
            Pools::Sqlite(_) => Backend::Sqlite,
        }
    }

    /// Takes a connection, pinned from the moment it is handed out: a
    /// cancellation at any later await drops it as a [`Pinned`].
    pub(crate) async fn acquire(&self) -> Result<Conn> {
        macro_rules! take {
            ($p:expr, $variant:ident) => {
                $p.acquire()
                    .await
                    .map(|c| {
                        let mut conn = Conn::from(super::conn::Link::$variant(Pinned::new(c)));
                        conn.pooled_sessions = self.settings.transaction_pooler;
                        conn
                    })
                    .map_err(|e| self.acquire_error(e))
            };
        }
        match &self.pools {
            #[cfg(feature = "postgres")]
            Pools::Postgres(p) => take!(p, Postgres),
            #[cfg(feature = "mysql")]
            Pools::MySql(p) => take!(p, MySql),
            #[cfg(feature = "sqlite")]
            Pools::Sqlite(p) => take!(p, Sqlite),
        }
    }

    /// What a failed acquire reports: the cause of a failed connect (the
    /// server refused, the password was wrong), a timeout that says whether
    /// it was spent waiting for a busy pool or opening a connection.
    fn acquire_error(&self, err: AcquireError) -> Error {
        match err {
            AcquireError::Timeout { connecting: false } => Error::PoolTimeout,
            AcquireError::Timeout { connecting: true } => Error::ConnectTimeout {
                url: self.url.clone(),
                timeout: self.settings.acquire_timeout,
            },
            AcquireError::Closed => Error::PoolClosed,
            AcquireError::Connect(source) => connect_error(&self.connect_url, source),
        }
    }

    /// Closes every idle connection (see `Connections::discard_idle`).
    pub(crate) fn discard_idle(&self) {
        with_pool!(&self.pools, p => p.discard_idle())
    }

    /// What the pool holds now.
    pub(crate) fn usage(&self) -> Usage {
        with_pool!(&self.pools, p => p.usage())
    }

    /// What the pool holds now, as the public figures.
    pub(crate) fn stats(&self) -> PoolStats {
        let usage = self.usage();
        PoolStats {
            size: usage.size,
            idle: usage.idle,
            in_use: usage.size.saturating_sub(usage.idle),
            max: usage.max,
            waiting: usage.waiting,
        }
    }

    /// Closes the pool: waits for connections in use, then closes them.
    pub(crate) async fn close(&self) {
        with_pool!(&self.pools, p => p.close().await)
    }

    pub(crate) fn is_closed(&self) -> bool {
        with_pool!(&self.pools, p => p.is_closed())
    }

    /// Whether scopes are databases attached per connection (SQLite), so a
    /// scoped statement may have to attach its scope first.
    pub(crate) fn attaches_scopes(&self) -> bool {
        #[cfg(feature = "sqlite")]
        {
            self.sqlite_base.is_some()
        }
        #[cfg(not(feature = "sqlite"))]
        false
    }

    /// Attaches SQLite scope `scope`'s database to `conn` unless it is
    /// attached already; returns whether it attached. A no-op elsewhere.
    pub(crate) async fn attach(&self, conn: &mut Conn, scope: &str) -> Result<bool> {
        #[cfg(feature = "sqlite")]
        if let Some(base) = &self.sqlite_base {
            return conn.attach(base, scope).await;
        }
        let _ = (conn, scope);
        Ok(false)
    }

    /// A connection of its own to SQLite scope `scope`'s database file, as
    /// its main database (migration scripts name no scope), with the same
    /// options as the pool's connections. `None` on other backends and for
    /// a SQLite client without a file base.
    #[cfg(feature = "sqlite")]
    pub(crate) async fn open_sqlite_scope(&self, scope: &str) -> Result<Option<Conn>> {
        use sqlx::ConnectOptions as _;
        let Some(base) = &self.sqlite_base else {
            return Ok(None);
        };
        let options = sqlite_options(
            sqlx::sqlite::SqliteConnectOptions::new().filename(base.attach_target(scope)),
            &self.settings,
        );
        let conn = options
            .connect()
            .await
            .map_err(|e| super::driver::map_error::<sqlx::Sqlite>(e, None))?;
        Ok(Some(Conn::from(super::conn::Link::SqliteFile(Box::new(
            conn,
        )))))
    }

    #[cfg(not(feature = "sqlite"))]
    pub(crate) async fn open_sqlite_scope(&self, _: &str) -> Result<Option<Conn>> {
        Ok(None)
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

/// The options every SQLite connection of a client gets, pooled or not.
#[cfg(feature = "sqlite")]
fn sqlite_options(
    options: sqlx::sqlite::SqliteConnectOptions,
    settings: &PoolSettings,
) -> sqlx::sqlite::SqliteConnectOptions {
    options
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(SQLITE_BUSY_TIMEOUT)
        .row_buffer_size(settings.sqlite_row_buffer)
}

/// How long a SQLite statement waits behind another writer.
#[cfg(feature = "sqlite")]
pub(crate) const SQLITE_BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Opens the pool `url` names. The URL was validated by [`ConnectUrl::parse`];
/// what the driver still refuses (a parameter's value) is reported as
/// [`Error::InvalidUrl`] with every password scrubbed from its message.
pub(crate) async fn connect(url: &ConnectUrl, settings: &PoolSettings) -> Result<Pool> {
    let (pools, sqlite_base, server) = connect_pools(url, settings).await?;
    #[cfg(not(feature = "sqlite"))]
    let _: Option<()> = sqlite_base;
    Ok(Pool {
        pools,
        #[cfg(feature = "sqlite")]
        sqlite_base,
        server,
        url: url.redacted().to_owned(),
        connect_url: url.clone(),
        settings: settings.clone(),
    })
}

/// What SQLite's scopes need besides the pool: where their files live.
#[cfg(feature = "sqlite")]
type ScopeFiles = Option<SqliteBase>;
#[cfg(not(feature = "sqlite"))]
type ScopeFiles = Option<()>;

async fn connect_pools(
    url: &ConnectUrl,
    settings: &PoolSettings,
) -> Result<(Pools, ScopeFiles, ServerInfo)> {
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
            part: UrlPart::Query,
            reason: url.scrub(reason),
        }
    };
    match url.backend() {
        Backend::Postgres => {
            #[cfg(feature = "postgres")]
            {
                let options: sqlx::postgres::PgConnectOptions =
                    url.driver_url().parse().map_err(parse_error)?;
                // A transaction pooler refuses startup parameters it does
                // not know, and would not keep them per client anyway.
                let options = if settings.transaction_pooler {
                    options
                } else {
                    super::postgres::session_options(options, settings)
                };
                use sqlx::Connection as _;
                let conn = within_timeout(url, settings, probe(url, &options)).await?;
                let _ = conn.close().await;
                let pool = Connections::new(options, settings.clone());
                Ok((Pools::Postgres(pool), None, ServerInfo::default()))
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
                let pool = Connections::new(options, settings.clone());
                Ok((Pools::MySql(pool), None, info))
            }
            #[cfg(not(feature = "mysql"))]
            Err(unsupported("mysql"))
        }
        Backend::Sqlite => {
            #[cfg(feature = "sqlite")]
            {
                use sqlx::sqlite::SqliteConnectOptions;
                let parsed: SqliteConnectOptions = url.driver_url().parse().map_err(parse_error)?;
                let filename = parsed.get_filename().to_string_lossy().into_owned();
                let in_memory = filename.starts_with("file:sqlx-in-memory")
                    || url.driver_url().contains("mode=memory");
                let (options, base) = if in_memory {
                    // SQLite reads past an open write transaction only in WAL
                    // mode, which needs a file: sqlx's shared-cache memory
                    // database makes such a read wait on a table lock (a
                    // deadlock when one task holds both) and `memdb` refuses
                    // it. So `sqlite::memory:` is a private WAL database on
                    // tmpfs where there is one, deleted when the client drops.
                    let path = memory_database_path();
                    let options = SqliteConnectOptions::new()
                        .filename(&path)
                        .synchronous(sqlx::sqlite::SqliteSynchronous::Off);
                    (options, SqliteBase::Temporary(path))
                } else {
                    let base = SqliteBase::File(parsed.get_filename().to_path_buf());
                    (parsed, base)
                };
                let pool = Connections::new(sqlite_options(options, settings), settings.clone());
                // Opened now, as a server would be probed: a path that cannot
                // be opened fails here, and the file exists from here on.
                // Clients opening one new file together contend for the
                // switch to WAL, which SQLite refuses as busy without waiting
                // on the busy handler: retried, for as long as a statement
                // would wait behind a writer.
                let started = std::time::Instant::now();
                loop {
                    match pool.acquire().await {
                        Ok(conn) => break drop(conn),
                        Err(AcquireError::Connect(source))
                            if super::sqlite::is_busy(&source)
                                && started.elapsed() < SQLITE_BUSY_TIMEOUT =>
                        {
                            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                        }
                        Err(AcquireError::Connect(source)) => {
                            return Err(connect_error(url, source));
                        }
                        Err(_) => return Err(Error::PoolTimeout),
                    }
                }
                Ok((Pools::Sqlite(pool), Some(base), ServerInfo::default()))
            }
            #[cfg(not(feature = "sqlite"))]
            Err(unsupported("sqlite"))
        }
    }
}

/// A snapshot of pool usage. A saturated pool shows `in_use == max` and
/// tasks `waiting`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PoolStats {
    /// Open connections.
    pub size: u32,
    /// Open connections not in use.
    pub idle: u32,
    /// Connections handed out.
    pub in_use: u32,
    /// The configured maximum.
    pub max: u32,
    /// Tasks waiting for a connection.
    pub waiting: u32,
}
