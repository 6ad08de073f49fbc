//! What can go wrong starting or stopping a private server.

use std::path::PathBuf;

/// A private server could not be set up, started or stopped. Messages
/// carry the tool's output or the server log, so a failing test shows why.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// No server binaries were found where they were looked for.
    #[error(
        "no PostgreSQL server binaries (initdb, pg_ctl) in {searched}; install the PostgreSQL server package or set ENTKIT_TEST_PG_BIN"
    )]
    NoBinaries {
        /// Where they were looked for.
        searched: String,
    },
    /// A file or directory operation failed.
    #[error("{what} {path}: {source}")]
    Io {
        /// What was being done.
        what: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// A tool exited with a failure status (or could not be run).
    #[error("`{command}` failed ({status}):\n{output}")]
    Command {
        /// The command line (no secrets: private servers trust loopback).
        command: String,
        /// The exit status, or why it could not run.
        status: String,
        /// What it printed on stdout and stderr.
        output: String,
    },
    /// No `pgbouncer` binary was found where it was looked for.
    #[error(
        "no pgbouncer binary in {searched}; install the pgbouncer package (.ci/run does) or set ENTKIT_TEST_PGBOUNCER"
    )]
    NoPgBouncer {
        /// Where it was looked for.
        searched: String,
    },
    /// The server did not come up (or answer) in time.
    #[error("private {server} on port {port} did not start: {reason}\n--- server log ---\n{log}")]
    NotReady {
        /// Which kind of server: "PostgreSQL", "PostgreSQL replica", "PgBouncer".
        server: &'static str,
        /// The port it was to listen on.
        port: u16,
        /// What failed.
        reason: String,
        /// The end of the server log.
        log: String,
    },
    /// A replica did not reach the state waited for (its primary's WAL
    /// position replayed or received, replay paused) in time.
    #[error("replica on port {port}: {reason}\n--- replica log ---\n{log}")]
    Replication {
        /// The replica's port.
        port: u16,
        /// What was waited for, and where it stood.
        reason: String,
        /// The end of the replica's server log.
        log: String,
    },
    /// The certificates for a TLS server could not be made.
    #[error("cannot make test certificates: {0}")]
    Certificate(#[from] rcgen::Error),
}
