//! The databases benchmarked and each tool's connection to them.
//!
//! Fairness rules:
//!
//! - sqlx and SeaORM get a pool with entkit's own default settings (10
//!   connections, none kept open, no `test_before_acquire`, same timeouts);
//!   SeaORM is built on such a sqlx pool.
//! - Diesel is synchronous and uses one connection (as in Diesel's own
//!   suite), and an r2d2 pool of 10 for the concurrency benchmark.
//! - entkit's `sqlite::memory:` is a private WAL database file on
//!   `/dev/shm` with `synchronous = OFF`, foreign keys on and a 1,024-row
//!   buffer. The other tools get a file of their own on `/dev/shm` opened
//!   with exactly those settings, seeded with the same rows.

pub mod diesel_ops;
pub mod entkit_ops;
pub mod sea_ops;
pub mod sqlx_ops;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::Connection as _;
use sqlx::Connection as _;

use crate::harness::BoxError;
use crate::models::entkit_model;

/// PostgreSQL and MariaDB servers and the database the benchmark owns.
pub const PG_TCP: &str = "postgres://postgres@127.0.0.1:5432";
pub const PG_SOCKET: &str = "postgres://postgres@%2Fvar%2Frun%2Fpostgresql";
pub const MYSQL: &str = "mysql://root@127.0.0.1:3306";
pub const BENCH_DB: &str = "entkit_bench";
/// The database used to create `BENCH_DB`.
pub const ADMIN_DB: &str = "test";

/// A database the benchmarks run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Db {
    PgTcp,
    PgSocket,
    Sqlite,
    MySql,
}

impl Db {
    pub const ALL: [Db; 4] = [Db::PgTcp, Db::PgSocket, Db::Sqlite, Db::MySql];

    /// Short name, used on the command line and in result files.
    pub fn key(self) -> &'static str {
        match self {
            Db::PgTcp => "pg-tcp",
            Db::PgSocket => "pg-socket",
            Db::Sqlite => "sqlite",
            Db::MySql => "mysql",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Db::PgTcp => "PostgreSQL 15, TCP (127.0.0.1)",
            Db::PgSocket => "PostgreSQL 15, Unix socket",
            Db::Sqlite => "SQLite, WAL file on /dev/shm",
            Db::MySql => "MariaDB 10.11, TCP (127.0.0.1)",
        }
    }

    pub fn from_key(key: &str) -> Option<Db> {
        Db::ALL.into_iter().find(|d| d.key() == key)
    }

    pub fn is_postgres(self) -> bool {
        matches!(self, Db::PgTcp | Db::PgSocket)
    }

    /// Diesel runs on SQLite, and on PostgreSQL when built with libpq (the
    /// `diesel-postgres` feature); never on MariaDB (no MySQL client library).
    pub fn has_diesel(self) -> bool {
        match self {
            Db::Sqlite => true,
            Db::PgTcp | Db::PgSocket => cfg!(feature = "diesel-postgres"),
            Db::MySql => false,
        }
    }

    /// The URL of the benchmark database on a server backend. PostgreSQL
    /// sessions run with `synchronous_commit = off`, for every tool alike, so
    /// that write timings measure the tools rather than WAL flushes to a disk
    /// shared with everything else on the machine.
    fn server_url(self) -> Option<String> {
        const PG_OPTIONS: &str = "options=-c%20synchronous_commit%3Doff";
        match self {
            Db::PgTcp => Some(format!("{PG_TCP}/{BENCH_DB}?{PG_OPTIONS}")),
            Db::PgSocket => Some(format!("{PG_SOCKET}/{BENCH_DB}?{PG_OPTIONS}")),
            Db::MySql => Some(format!("{MYSQL}/{BENCH_DB}")),
            Db::Sqlite => None,
        }
    }
}

/// Pool settings shared by every pooled tool: entkit's defaults.
pub const MAX_CONNECTIONS: u32 = 10;

/// A sqlx pool with those settings (not yet connected).
pub fn pool_options<DB: sqlx::Database>() -> sqlx::pool::PoolOptions<DB> {
    sqlx::pool::PoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .min_connections(0)
        .acquire_timeout(Duration::from_secs(30))
        .idle_timeout(Some(Duration::from_secs(600)))
        .max_lifetime(Some(Duration::from_secs(1800)))
        .test_before_acquire(false)
}

/// A hand-written-sqlx pool of whichever backend.
#[derive(Clone)]
pub enum SqlxPool {
    Pg(sqlx::PgPool),
    MySql(sqlx::MySqlPool),
    Sqlite(sqlx::SqlitePool),
}

/// A Diesel connection of whichever backend.
pub enum DieselConn {
    #[cfg(feature = "diesel-postgres")]
    Pg(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

/// SQLite settings matching entkit's `sqlite::memory:` database.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; \
     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";

/// Everything connected to one database.
pub struct Stack {
    pub db: Db,
    /// The entkit client under test.
    pub entkit: entkit::Client,
    /// On SQLite, an entkit client on the other tools' database file, used
    /// only to create and seed it; elsewhere the tools share one database.
    pub mirror: Option<entkit::Client>,
    pub sqlx: SqlxPool,
    pub sea: sea_orm::DatabaseConnection,
    pub diesel: Option<Arc<Mutex<DieselConn>>>,
    /// How Diesel connects (URL or file path), for its r2d2 pool.
    pub diesel_target: Option<String>,
    sqlite_file: Option<PathBuf>,
}

impl Drop for Stack {
    fn drop(&mut self) {
        if let Some(path) = &self.sqlite_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
    }
}

/// Creates `BENCH_DB` on a server if it is missing.
pub async fn ensure_database(db: Db) -> Result<(), BoxError> {
    match db {
        Db::PgTcp | Db::PgSocket => {
            let mut conn = sqlx::PgConnection::connect(&format!("{PG_TCP}/{ADMIN_DB}")).await?;
            let exists: Option<(i32,)> =
                sqlx::query_as("SELECT 1 FROM pg_database WHERE datname = $1")
                    .bind(BENCH_DB)
                    .fetch_optional(&mut conn)
                    .await?;
            if exists.is_none() {
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {BENCH_DB}")))
                    .execute(&mut conn)
                    .await?;
            }
            conn.close().await?;
        }
        Db::MySql => {
            let mut conn = sqlx::MySqlConnection::connect(&format!("{MYSQL}/{ADMIN_DB}")).await?;
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "CREATE DATABASE IF NOT EXISTS {BENCH_DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
            )))
            .execute(&mut conn)
            .await?;
            conn.close().await?;
        }
        Db::Sqlite => {}
    }
    Ok(())
}

/// Drops the benchmark tables, so they are created from the current entities.
async fn drop_tables(client: &entkit::Client, db: Db) -> Result<(), BoxError> {
    for table in ["post_tags", "comments", "posts", "tags", "users"] {
        let sql = match db {
            Db::PgTcp | Db::PgSocket => format!("DROP TABLE IF EXISTS {table} CASCADE"),
            _ => format!("DROP TABLE IF EXISTS {table}"),
        };
        client.execute_raw(&sql).await?;
    }
    Ok(())
}

impl Stack {
    /// Connects every tool to `db` and creates the tables (empty).
    pub async fn connect(db: Db) -> Result<Stack, BoxError> {
        ensure_database(db).await?;
        let stack = match db.server_url() {
            Some(url) => Self::connect_server(db, &url).await?,
            None => Self::connect_sqlite().await?,
        };
        for client in stack.seed_clients() {
            if db != Db::Sqlite {
                drop_tables(client, db).await?;
            }
            client.auto_migrate(&entkit_model::all_defs()).await?;
        }
        Ok(stack)
    }

    async fn connect_server(db: Db, url: &str) -> Result<Stack, BoxError> {
        let entkit = entkit::Client::builder(url).connect().await?;
        // sqlx and SeaORM get a pool each, with the same settings: no tool
        // runs on connections another has just warmed.
        let (sqlx, sea) = if db == Db::MySql {
            let pool = pool_options().connect_lazy_with(url.parse()?);
            let own = pool_options().connect_lazy_with(url.parse()?);
            let sea = sea_orm::SqlxMySqlConnector::from_sqlx_mysql_pool(own);
            (SqlxPool::MySql(pool), sea)
        } else {
            let pool = pool_options().connect_lazy_with(url.parse()?);
            let own = pool_options().connect_lazy_with(url.parse()?);
            let sea = sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(own);
            (SqlxPool::Pg(pool), sea)
        };
        #[cfg(feature = "diesel-postgres")]
        let (diesel, diesel_target) = if db.has_diesel() {
            let conn = diesel::PgConnection::establish(url)?;
            (
                Some(Arc::new(Mutex::new(DieselConn::Pg(conn)))),
                Some(url.to_owned()),
            )
        } else {
            (None, None)
        };
        #[cfg(not(feature = "diesel-postgres"))]
        let (diesel, diesel_target) = (None, None);
        Ok(Stack {
            db,
            entkit,
            mirror: None,
            sqlx,
            sea,
            diesel,
            diesel_target,
            sqlite_file: None,
        })
    }

    async fn connect_sqlite() -> Result<Stack, BoxError> {
        use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};

        let entkit = entkit::Client::connect("sqlite::memory:").await?;
        let path = PathBuf::from(format!(
            "/dev/shm/entkit-bench-others-{}.db",
            std::process::id()
        ));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let mirror = entkit::Client::connect(&format!("sqlite://{}", path.display())).await?;
        let options = SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Off)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .row_buffer_size(1024);
        let pool = pool_options().connect_with(options.clone()).await?;
        // A pool of its own for SeaORM, as on the servers.
        let own = pool_options().connect_with(options).await?;
        let sea = sea_orm::SqlxSqliteConnector::from_sqlx_sqlite_pool(own);
        let target = path.display().to_string();
        let diesel = open_diesel_sqlite(&target)?;
        Ok(Stack {
            db: Db::Sqlite,
            entkit,
            mirror: Some(mirror),
            sqlx: SqlxPool::Sqlite(pool),
            sea,
            diesel: Some(Arc::new(Mutex::new(DieselConn::Sqlite(diesel)))),
            diesel_target: Some(target),
            sqlite_file: Some(path),
        })
    }

    /// The entkit clients whose databases must hold the benchmark data: the
    /// one under test and, on SQLite, the other tools' file.
    pub fn seed_clients(&self) -> Vec<&entkit::Client> {
        let mut clients = vec![&self.entkit];
        clients.extend(self.mirror.as_ref());
        clients
    }

    /// An r2d2 pool of Diesel connections, for the concurrency benchmark.
    pub fn diesel_pool(&self) -> Result<Option<DieselPool>, BoxError> {
        use diesel::r2d2::{ConnectionManager, Pool};
        let Some(target) = &self.diesel_target else {
            return Ok(None);
        };
        if self.db == Db::Sqlite {
            return Ok(Some(DieselPool::Sqlite(
                Pool::builder()
                    .max_size(MAX_CONNECTIONS)
                    .connection_customizer(Box::new(SqlitePragmas))
                    .build(ConnectionManager::new(target))?,
            )));
        }
        #[cfg(feature = "diesel-postgres")]
        return Ok(Some(DieselPool::Pg(
            Pool::builder()
                .max_size(MAX_CONNECTIONS)
                .build(ConnectionManager::new(target))?,
        )));
        #[cfg(not(feature = "diesel-postgres"))]
        Ok(None)
    }
}

/// Opens a Diesel SQLite connection with entkit's settings.
fn open_diesel_sqlite(path: &str) -> Result<diesel::SqliteConnection, BoxError> {
    let mut conn = diesel::SqliteConnection::establish(path)?;
    diesel::connection::SimpleConnection::batch_execute(&mut conn, SQLITE_PRAGMAS)?;
    Ok(conn)
}

/// Applies entkit's SQLite settings to r2d2 connections.
#[derive(Debug)]
struct SqlitePragmas;

impl diesel::r2d2::CustomizeConnection<diesel::SqliteConnection, diesel::r2d2::Error>
    for SqlitePragmas
{
    fn on_acquire(&self, conn: &mut diesel::SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        diesel::connection::SimpleConnection::batch_execute(conn, SQLITE_PRAGMAS)
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// A pool of Diesel connections.
#[derive(Clone)]
pub enum DieselPool {
    #[cfg(feature = "diesel-postgres")]
    Pg(diesel::r2d2::Pool<diesel::r2d2::ConnectionManager<diesel::PgConnection>>),
    Sqlite(diesel::r2d2::Pool<diesel::r2d2::ConnectionManager<diesel::SqliteConnection>>),
}
