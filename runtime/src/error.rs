//! The one error type of entkit.

use std::fmt;

/// `Result<T, entkit::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The part of a connection URL that is wrong, in [`Error::InvalidUrl`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UrlPart {
    /// The scheme: missing, or not `postgres`, `postgresql`, `mysql`,
    /// `mariadb` or `sqlite`.
    Scheme,
    /// What follows the scheme: `//` missing, or a user-and-host part where
    /// none belongs (SQLite).
    Authority,
    /// The user name or password (e.g. a percent-escape that is not UTF-8).
    UserInfo,
    /// The host (empty, or a malformed IPv6 literal).
    Host,
    /// The port (not a number from 1 to 65535).
    Port,
    /// The path: the database name, or the SQLite file.
    Path,
    /// A query parameter (unknown to the driver, or a bad value).
    Query,
}

impl fmt::Display for UrlPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlPart::Scheme => "scheme",
            UrlPart::Authority => "authority",
            UrlPart::UserInfo => "user info",
            UrlPart::Host => "host",
            UrlPart::Port => "port",
            UrlPart::Path => "path",
            UrlPart::Query => "query parameter",
        })
    }
}

/// The kind of constraint a statement violated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConstraintKind {
    /// A unique constraint or unique index (including the primary key).
    Unique,
    /// A foreign key.
    ForeignKey,
    /// A NOT NULL column.
    NotNull,
    /// A CHECK constraint.
    Check,
}

impl fmt::Display for ConstraintKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConstraintKind::Unique => "unique",
            ConstraintKind::ForeignKey => "foreign key",
            ConstraintKind::NotNull => "not null",
            ConstraintKind::Check => "check",
        })
    }
}

/// A constraint violation reported by the database, normalised across backends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintViolation {
    /// What kind of constraint failed.
    pub kind: ConstraintKind,
    /// The constraint (or index) name, when the backend or the schema tells it.
    /// For `NotNull`, the backends name a column instead (see `column`).
    pub constraint: Option<String>,
    /// The table, when known.
    pub table: Option<String>,
    /// The column, when known (always for `NotNull`).
    pub column: Option<String>,
    /// The database's own message.
    pub message: String,
}

impl fmt::Display for ConstraintViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} constraint violated", self.kind)?;
        if let Some(c) = &self.constraint {
            write!(f, " ({c})")?;
        } else if let Some(c) = &self.column {
            write!(f, " (column {c})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything that can go wrong in entkit.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A lookup by key, or `one()`, found no row.
    #[error("{entity} not found")]
    NotFound {
        /// The entity name.
        entity: &'static str,
    },
    /// `one()` found more than one row.
    #[error("expected one {entity}, found several")]
    NotSingular {
        /// The entity name.
        entity: &'static str,
    },
    /// A value failed validation before any SQL ran; nothing was written.
    #[error("invalid {entity}.{field}: {reason}")]
    Validation {
        /// The entity name.
        entity: &'static str,
        /// The field name.
        field: &'static str,
        /// Why it is invalid.
        reason: String,
    },
    /// A value this backend cannot store exactly (NaN on SQLite, a year
    /// outside 1000–9999 on MySQL, a NUL character on PostgreSQL, ...).
    /// Refused before anything was sent; nothing was written.
    #[error(
        "{backend} cannot store the value{}: {reason}; nothing was sent",
        value_place(*entity, *column)
    )]
    UnsupportedValue {
        /// The entity, when the statement belongs to one.
        entity: Option<&'static str>,
        /// The column, when known.
        column: Option<&'static str>,
        /// The backend.
        backend: &'static str,
        /// Why the value cannot be stored.
        reason: &'static str,
    },
    /// The database rejected a statement because of a constraint.
    #[error("{0}")]
    Constraint(ConstraintViolation),
    /// No pooled connection became free within the acquire timeout.
    #[error("timed out waiting for a pooled connection")]
    PoolTimeout,
    /// The pool was closed with [`Client::close`](crate::Client::close).
    #[error("the connection pool is closed")]
    PoolClosed,
    /// An identifier (scope, table, ...) is not a plain identifier; no SQL ran.
    #[error("invalid {kind} name {name:?}: {reason}")]
    InvalidIdentifier {
        /// What the identifier names ("scope", ...).
        kind: &'static str,
        /// The refused name.
        name: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// The database could not be reached or refused the connection.
    #[error("cannot connect to {url}: {}", describe_database(source))]
    Connect {
        /// The connection URL with any password replaced by `***`.
        url: String,
        /// The driver error.
        #[source]
        source: sqlx::Error,
    },
    /// A well-formed URL whose backend this build lacks (its cargo feature
    /// is off). A malformed URL is [`InvalidUrl`](Self::InvalidUrl).
    #[error("unsupported database URL {url}: {reason}")]
    UnsupportedUrl {
        /// The connection URL with any password replaced by `***`.
        url: String,
        /// Why.
        reason: String,
    },
    /// A string that is not a valid connection URL for any backend; nothing
    /// was sent. The message names the part at fault and never repeats the
    /// input (a malformed URL may hold a password anywhere).
    #[error("invalid database URL: {part}: {reason}")]
    InvalidUrl {
        /// The part that is wrong.
        part: UrlPart,
        /// What is wrong with it.
        reason: String,
    },
    /// Opening a connection took longer than the acquire timeout: the server
    /// accepted the connection but did not answer (or did not accept it) in time.
    #[error("timed out after {timeout:?} connecting to {url}")]
    ConnectTimeout {
        /// The connection URL with any password replaced by `***`.
        url: String,
        /// The timeout that ran out.
        timeout: std::time::Duration,
    },
    /// A column could not be decoded into its field type.
    #[error("cannot decode column {column}: {message}")]
    Decode {
        /// The column name.
        column: String,
        /// What went wrong.
        message: String,
    },
    /// A value could not be encoded (e.g. JSON serialization failed).
    #[error("cannot encode a value: {0}")]
    Encode(String),
    /// The backend does not support an operation.
    #[error("{operation} is not supported on {backend}")]
    Unsupported {
        /// The operation.
        operation: &'static str,
        /// The backend.
        backend: &'static str,
    },
    /// A statement needs more bound parameters than the backend accepts
    /// (e.g. an `is_in` list of 40,000 values on SQLite). Nothing was sent.
    #[error(
        "a statement needs {count} bound parameters, more than {backend} accepts ({limit}); \
         use fewer values per statement"
    )]
    TooManyParameters {
        /// Parameters the statement needs.
        count: usize,
        /// The backend's limit.
        limit: usize,
        /// The backend.
        backend: &'static str,
    },
    /// An edge's declaration does not resolve (e.g. its inverse is missing).
    #[error("edge {entity}.{edge}: {reason}")]
    InvalidEdge {
        /// The entity declaring the edge.
        entity: &'static str,
        /// The edge name.
        edge: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Loaded neighbours were read from an edge that was not eager-loaded.
    #[error("edge {edge} was not loaded; add `.with({edge}, ..)` to the query")]
    EdgeNotLoaded {
        /// The edge name.
        edge: &'static str,
    },
    /// A hook rejected the mutation; nothing was written.
    #[error("rejected: {reason}")]
    Rejected {
        /// Why.
        reason: String,
    },
    /// A pagination cursor could not be used with this query.
    #[error("invalid cursor: {reason}")]
    InvalidCursor {
        /// Why.
        reason: String,
    },
    /// An operation on a tenant entity (one with an `#[entity(tenant)]`
    /// key) ran on a client without a tenant; nothing was sent. Bind the
    /// client with [`Client::for_tenant`](crate::Client::for_tenant), or
    /// work across tenants on purpose with
    /// [`Client::all_tenants`](crate::Client::all_tenants) (which reads and
    /// changes, but cannot create, tenant rows).
    #[error(
        "{entity} is a tenant entity: bind the client to a tenant with `for_tenant`; nothing was sent"
    )]
    TenantRequired {
        /// The entity name.
        entity: &'static str,
    },
    /// The client's tenant is of another type than the entity's tenant key
    /// (e.g. a string tenant for a uuid key); nothing was sent.
    #[error(
        "the tenant of the client is a {found:?}, but {entity}.{column} holds {expected:?}; nothing was sent"
    )]
    TenantType {
        /// The entity name.
        entity: &'static str,
        /// The tenant key column.
        column: &'static str,
        /// The tenant key's type.
        expected: crate::ColumnType,
        /// The type of the client's tenant value.
        found: crate::ColumnType,
    },
    /// A statement ran longer than the client's statement timeout
    /// ([`ClientBuilder::statement_timeout`](crate::ClientBuilder::statement_timeout))
    /// and was cancelled. Within a transaction, the transaction is over:
    /// its later statements fail the same way, and it is rolled back.
    #[error("the statement ran longer than the statement timeout ({timeout:?}) and was cancelled")]
    StatementTimeout {
        /// The client's statement timeout.
        timeout: std::time::Duration,
    },
    /// A transaction ran longer than the client's transaction timeout
    /// ([`ClientBuilder::transaction_timeout`](crate::ClientBuilder::transaction_timeout)):
    /// its statement in flight was cancelled or the next one refused, and
    /// it is rolled back, never committed.
    #[error(
        "the transaction ran longer than the transaction timeout ({timeout:?}); it is rolled back"
    )]
    TransactionTimeout {
        /// The client's transaction timeout.
        timeout: std::time::Duration,
    },
    /// A hand-written statement would change the session's tenant settings
    /// (it names `entkit.tenant` or `entkit.all_tenants`, or resets every
    /// setting), which entkit alone sets so that no statement runs under
    /// another client's tenant; nothing was sent.
    #[error(
        "hand-written SQL may not {reason}: entkit sets the tenant settings itself; nothing was sent"
    )]
    TenantSettingReserved {
        /// What the statement would have done.
        reason: &'static str,
    },
    /// A versioned-migration problem (files, checksums, a failed statement).
    #[error("{0}")]
    Migration(Box<crate::migrate::MigrationError>),
    /// Any other database error. Its message is the server's, with the
    /// SQLSTATE code, e.g. `database error: relation "users" does not exist
    /// (SQLSTATE 42P01)`; the driver's own detail (the server's source line)
    /// is left out of the message and kept in the source error.
    #[error("database error: {}", describe_database(.0))]
    Database(#[source] sqlx::Error),
    /// The database refused the statement for lack of a privilege: reading,
    /// writing or creating a table in a schema the connected role has no
    /// rights on (PostgreSQL SQLSTATE 42501; MySQL/MariaDB errors 1044,
    /// 1142, 1143 and 1227). Nothing was changed by that statement.
    #[error("permission denied: {message}")]
    PermissionDenied {
        /// The database's own message (it names the object, e.g.
        /// `permission denied for schema billing`).
        message: String,
    },
    /// Configuration that cannot be used, found when it was loaded, before
    /// any connection opened. The message names the file and the key, and
    /// the environment variable when the value came from one; it never
    /// repeats a value (a misplaced URL may hold a password).
    #[error(
        "invalid configuration in {file}{}{}: {reason}",
        key.as_deref().map(|k| format!(" at {k}")).unwrap_or_default(),
        env.as_deref().map(|v| format!(" (set by environment variable {v})")).unwrap_or_default()
    )]
    Config {
        /// The configuration file as it was named, or the name an
        /// application gave its own configuration.
        file: String,
        /// The key, dotted from the top of entkit's section
        /// (`services.audit.pool.max_connections`); `None` when the file
        /// does not parse at all.
        key: Option<String>,
        /// The environment variable that set the value, if one did.
        env: Option<String>,
        /// What is wrong and what was expected.
        reason: String,
    },
    /// A configuration file (or a file it names, such as a password file)
    /// could not be read.
    #[error("cannot read {file}: {source}")]
    ConfigFile {
        /// The file as it was named.
        file: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// `Services::client` (the `config` feature) was asked for a service
    /// the configuration does not define.
    #[error(
        "no service named {name:?} is configured (configured: {})",
        if known.is_empty() { "none".to_owned() } else { known.join(", ") }
    )]
    UnknownService {
        /// The name asked for.
        name: String,
        /// The configured services, sorted.
        known: Vec<String>,
    },
    /// A configured service could not be started: its pool did not open or
    /// its migrations failed. The services opened before it were closed.
    #[error("service {service}: {source}")]
    ServiceStart {
        /// The service's name in the configuration.
        service: String,
        /// What failed.
        #[source]
        source: Box<Error>,
    },
}

/// ` in users.email`, ` in users`, or nothing, for [`Error::UnsupportedValue`].
fn value_place(entity: Option<&str>, column: Option<&str>) -> String {
    match (entity, column) {
        (Some(e), Some(c)) => format!(" in {e}.{c}"),
        (Some(e), None) => format!(" in {e}"),
        (None, Some(c)) => format!(" in column {c}"),
        (None, None) => String::new(),
    }
}

impl Error {
    pub(crate) fn decode(column: String, err: impl fmt::Display) -> Self {
        Error::Decode {
            column,
            message: err.to_string(),
        }
    }

    /// The constraint violation, if this is one.
    pub fn constraint(&self) -> Option<&ConstraintViolation> {
        match self {
            Error::Constraint(c) => Some(c),
            _ => None,
        }
    }

    /// Whether this is a unique-constraint violation.
    pub fn is_unique_violation(&self) -> bool {
        self.constraint()
            .is_some_and(|c| c.kind == ConstraintKind::Unique)
    }

    /// Whether running the transaction again may succeed: a serialization
    /// failure or deadlock (SQLSTATE 40001 / 40P01, which is how MySQL
    /// reports deadlocks too), a MySQL lock-wait timeout, or SQLite's
    /// busy/locked database.
    pub fn is_retryable(&self) -> bool {
        let Error::Database(sqlx::Error::Database(db)) = self else {
            return false;
        };
        let code = db.code();
        let code = code.as_deref().unwrap_or_default();
        matches!(code, "40001" | "40P01")
            || db.message().starts_with("Lock wait timeout exceeded")
            || matches!(code, "5" | "6" | "261" | "262" | "517")
    }

    /// Whether this is a not-found error.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::NotFound { .. })
    }
}

/// The server's message and SQLSTATE for an error the server returned;
/// the driver's own text otherwise.
fn describe_database(err: &sqlx::Error) -> String {
    match err {
        sqlx::Error::Database(db) => match db.code() {
            Some(code) => format!("{} (SQLSTATE {code})", db.message()),
            None => db.message().to_owned(),
        },
        other => other.to_string(),
    }
}
