//! Database servers of a test's own, for cases the shared servers cannot
//! host: restarting the server, TLS, server settings. Each one runs on a
//! free local port in a temporary directory and is stopped and removed
//! when its handle drops, also when the test panics.
//!
//! - [`PrivateCluster`]: a PostgreSQL cluster (`initdb` + `pg_ctl`), with
//!   trust authentication on loopback and the settings a test adds
//!   ([`ClusterConfig`]).
//! - [`Replica`]: a streaming hot standby of a `PrivateCluster`
//!   ([`PrivateCluster::replica`]), with waits for replay and a switch to
//!   pause it.
//! - [`PgBouncer`]: PgBouncer in transaction pooling mode in front of a
//!   `PrivateCluster` ([`PgBouncerConfig`]).
//! - [`TestCa`]: a certificate authority of the test's own, to issue
//!   server certificates ([`ServerCert`]) for TLS cases.
//!
//! Private servers never use the shared server's port or files: their
//! sockets live in their own directory, and the `PG*` environment
//! variables are not passed to the server tools.
//!
//! Starting blocks the calling thread (about a second for `initdb`, less
//! for `pg_ctl start`); that is acceptable inside a test's runtime.

mod certs;
mod error;
mod os_user;
mod pgbouncer;
mod ports;
mod postgres;
mod psql;
mod replica;

pub use certs::{ServerCert, TestCa};
pub use error::ServerError;
pub use pgbouncer::{PgBouncer, PgBouncerConfig};
pub use postgres::{ClusterConfig, PrivateCluster};
pub use replica::Replica;

/// Whether cases on a private PostgreSQL server (or a replica or
/// PgBouncer in front of one) run: they do unless
/// `ENTKIT_TEST_BACKENDS` leaves PostgreSQL out, the way
/// [`for_each_backend`](crate::for_each_backend) runs only the selected
/// backends. When selected, a server that cannot start fails the test.
pub fn postgres_selected() -> bool {
    crate::selected_backends().contains(&crate::Kind::Postgres)
}
