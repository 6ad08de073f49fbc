//! The backend layer: the only code that names sqlx's connection, row
//! and transaction types (over its own pool), and the home of every
//! per-backend behaviour.
//!
//! - [`pool`]: opening a pool from a URL (connect options, the startup
//!   probe, SQLite's private in-memory files), pool statistics and closing.
//! - `connections`: the pool itself, entkit's own, whose connections carry
//!   what entkit knows of their sessions (the tenant setting).
//! - [`conn`]: one connection taken from the pool (or, for a SQLite scope's
//!   migration, opened on the scope's own file) and pinned to one
//!   operation. It runs statements (extended protocol, with the statement
//!   cache except after MySQL's `USE`), transaction control and session
//!   commands (simple protocol), streams rows, attaches SQLite scopes, and
//!   is handed back clean or closed ([`pinned`]).
//! - [`driver`]: binding [`Value`](crate::Value)s, borrowing rows as
//!   [`RowRef`], and turning driver errors into typed
//!   [`Error`](crate::Error)s, once per sqlx database.
//! - [`url`]: the one parser of connection URLs, and their redaction.
//! - [`limits`]: what each backend would store differently, refused before
//!   anything is sent.
//!
//! Nothing above this module writes `#[cfg(feature = ...)]`: the statement
//! path (`crate::exec`) calls [`Pool`] and [`Conn`] the same way whichever
//! backends are compiled in.

pub(crate) mod conn;
mod connections;
mod driver;
pub(crate) mod limits;
#[cfg(feature = "mysql")]
mod mysql;
pub(crate) mod pinned;
pub(crate) mod pool;
#[cfg(feature = "postgres")]
mod postgres;
mod row;
mod settings;
#[cfg(feature = "sqlite")]
mod sqlite;
pub(crate) mod url;

pub(crate) use conn::{Conn, CutShort, Done, RowSink, RowStream, connection_lost};
pub(crate) use connections::{ALL_TENANTS_SETTING, TENANT_SETTING, TenantSetting};
pub(crate) use pinned::Held;
pub(crate) use pool::Pool;
pub use pool::PoolStats;
pub use row::RowRef;
pub(crate) use settings::PoolSettings;
pub use url::{ConnectUrl, UrlPart};
