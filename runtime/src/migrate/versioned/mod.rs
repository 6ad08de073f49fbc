//! Versioned migrations: files with checksums, a history table per scope,
//! a lock against concurrent migrators, and fan-out to many scopes.

mod applied;
mod diff;
mod fanout;
mod files;
mod runner;
mod session;
pub(crate) mod split;

pub use applied::MigrationSummary;
pub use diff::{Diff, DiffOptions, diff};
pub use fanout::{FanOutReport, ScopeOutcome};
pub use files::{Migration, MigrationSet, SUM_FILE, sha256_hex};
pub use runner::{MigrationHooks, MigrationStatus, Migrator, State};

/// What went wrong with versioned migrations.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MigrationError {
    /// A `.sql` file whose name is not `<version>_<name>.(up|down).sql`
    /// (the version in ASCII digits, no control characters in the name).
    #[error("{file}: expected <version>_<name>.up.sql or .down.sql")]
    BadFileName {
        /// The file.
        file: String,
    },
    /// Two migrations share a version, or one version is spelled two ways
    /// (`1_init` and `01_init`).
    #[error("two migrations have version {version}")]
    DuplicateVersion {
        /// The version.
        version: i64,
    },
    /// A version has a down script but no up script.
    #[error("version {version} has no .up.sql")]
    MissingUp {
        /// The version.
        version: i64,
    },
    /// Reading or writing migration files failed.
    #[error("{path}: {message}")]
    Io {
        /// The path.
        path: String,
        /// What failed.
        message: String,
    },
    /// A file does not match `entkit.sum`.
    #[error("integrity check failed for {file}: {reason}")]
    Integrity {
        /// The file (`*` for the directory as a whole).
        file: String,
        /// What differs.
        reason: String,
    },
    /// An applied migration's file changed since it was applied.
    #[error("migration {version} ({file}) was changed after it was applied: checksum mismatch")]
    ChecksumMismatch {
        /// The version.
        version: i64,
        /// Its up file.
        file: String,
    },
    /// An applied migration has no file any more.
    #[error("migration {version} is applied but its file is missing")]
    MissingFile {
        /// The version.
        version: i64,
    },
    /// A statement of a migration failed.
    #[error("{file}: statement {index} failed: {source}\n  statement: {statement}")]
    Failed {
        /// The file.
        file: String,
        /// 1-based statement number in the file.
        index: usize,
        /// The statement.
        statement: String,
        /// The database error.
        #[source]
        source: Box<crate::Error>,
    },
    /// A MySQL/MariaDB migration failed half-way; nothing runs until resolved.
    #[error(
        "scope is dirty at migration {version}: repair the schema by hand, then `migrate resolve {version} --applied` or `--rolled-back`"
    )]
    Dirty {
        /// The version that failed.
        version: i64,
    },
    /// Another migrator held the scope's migration lock for longer than
    /// the wait allowed (see [`Migrator::lock_timeout`]); nothing ran.
    #[error(
        "gave up after {waited:?} waiting for the migration lock of {}: another migrator holds it",
        .scope.as_deref().map_or_else(|| "the default scope".to_owned(), |s| format!("scope {s}"))
    )]
    LockTimeout {
        /// The scope (`None`: the client's default scope).
        scope: Option<String>,
        /// How long it waited.
        waited: std::time::Duration,
    },
    /// A migration has no down script.
    #[error("migration {version} has no .down.sql")]
    NoDown {
        /// The version.
        version: i64,
    },
    /// An operation was refused (e.g. seeding production without --force).
    #[error("refused: {reason}")]
    Refused {
        /// Why.
        reason: String,
    },
}

impl From<MigrationError> for crate::Error {
    fn from(e: MigrationError) -> Self {
        crate::Error::Migration(Box::new(e))
    }
}
