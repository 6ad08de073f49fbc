//! The one error type of entkit.

use std::fmt;

/// `Result<T, entkit::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

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
    #[error("cannot connect to {url}: {source}")]
    Connect {
        /// The connection URL with any password replaced by `***`.
        url: String,
        /// The driver error.
        #[source]
        source: sqlx::Error,
    },
    /// The URL's scheme names no backend this build has.
    #[error("unsupported database URL {url}: {reason}")]
    UnsupportedUrl {
        /// The connection URL with any password replaced by `***`.
        url: String,
        /// Why.
        reason: String,
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
    /// A versioned-migration problem (files, checksums, a failed statement).
    #[error("{0}")]
    Migration(Box<crate::migrate::MigrationError>),
    /// Any other database error.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
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

/// Replaces the password of a connection URL with `***`, for errors and logs.
///
/// ```
/// assert_eq!(
///     entkit::redact_url("postgres://app:s3cret@db:5432/app"),
///     "postgres://app:***@db:5432/app"
/// );
/// ```
pub fn redact_url(url: &str) -> String {
    let mut out = url.to_owned();
    for range in password_ranges(url).into_iter().rev() {
        out.replace_range(range, "***");
    }
    out
}

/// Where `url` holds a password, in order and not overlapping: the
/// userinfo after its ':' and every `password=` query value.
fn password_ranges(url: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    if let Some(scheme_end) = url.find("://") {
        let rest = scheme_end + 3;
        // The userinfo ends at the last '@', even past a '/', '?' or '#':
        // a password pasted without percent-encoding may hold any of them,
        // and hiding a little too much beats showing part of a password.
        if let Some(at) = url[rest..].rfind('@')
            && let Some(colon) = url[rest..rest + at].find(':')
        {
            ranges.push(rest + colon + 1..rest + at);
        }
    }
    // Passwords may also travel as query parameters; found wherever they
    // are, since a '?' in an unencoded password moves where the query starts.
    let lower = url.to_ascii_lowercase();
    for (i, _) in lower.match_indices("password=") {
        if i > 0 && matches!(url.as_bytes()[i - 1], b'?' | b'&') {
            let start = i + "password=".len();
            let end = url[start..].find('&').map_or(url.len(), |e| start + e);
            ranges.push(start..end);
        }
    }
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// A driver's message about `url`, unless it may quote part of the
/// password (sqlx echoes unknown query parameters, and an unencoded '?' in
/// a password starts one): then a message that says only that.
pub fn url_error_reason(url: &str, message: String) -> String {
    let quotes_password = password_ranges(url).into_iter().any(|range| {
        let secret = &url[range];
        [secret.to_owned(), percent_decoded(secret)]
            .iter()
            .any(|s| shares_a_window(s, &message))
    });
    if quotes_password {
        "the URL could not be parsed (the driver's message is withheld: it quotes the password)"
            .to_owned()
    } else {
        message
    }
}

/// Whether `text` holds any 4 consecutive characters of `secret` (all of
/// it, if shorter).
fn shares_a_window(secret: &str, text: &str) -> bool {
    let chars: Vec<char> = secret.chars().collect();
    if chars.is_empty() {
        return false;
    }
    chars
        .windows(chars.len().min(4))
        .any(|w| text.contains(&w.iter().collect::<String>()))
}

/// `%XX` escapes decoded (lossily, as drivers do before quoting a value).
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{redact_url, url_error_reason};

    // Found by fuzz/fuzz_targets/url.rs: sqlx quotes an unknown query
    // parameter, and a '?' in an unencoded password makes the rest of it one.
    #[test]
    fn driver_messages_that_quote_the_password_are_withheld() {
        let url = "sqlite://:\ng\u{15}?Pw7secretMARK@";
        let message = "error with configuration: unknown query parameter `Pw7secretMARK@`";
        let reason = url_error_reason(url, message.to_owned());
        assert!(!reason.contains("Pw7s"), "{reason}");
        let url = "postgres://u:p%40ssw0rd@h:x/db";
        let reason = url_error_reason(url, "bad value p@ssw0rd".to_owned());
        assert!(!reason.contains("ssw0"), "{reason}");
        // Messages that quote no part of it pass through.
        let url = "postgres://u:secret@h:port/db";
        let message = "invalid port number".to_owned();
        assert_eq!(url_error_reason(url, message.clone()), message);
    }

    #[test]
    fn redacts_userinfo_and_query_passwords() {
        assert_eq!(
            redact_url("mysql://root@localhost/test"),
            "mysql://root@localhost/test"
        );
        assert_eq!(redact_url("mysql://u:p%40ss@h/db"), "mysql://u:***@h/db");
        assert_eq!(
            redact_url("postgres://h/db?user=a&password=secret&sslmode=disable"),
            "postgres://h/db?user=a&password=***&sslmode=disable"
        );
        assert_eq!(redact_url("sqlite::memory:"), "sqlite::memory:");
    }

    // Found by fuzz/fuzz_targets/url.rs: a password pasted without
    // percent-encoding ended the authority at its '/', '?' or '#' and was
    // shown whole.
    #[test]
    fn redacts_passwords_holding_unencoded_delimiters() {
        assert_eq!(redact_url("sqlite://:`Pw7secretMARK/@"), "sqlite://:***@");
        assert_eq!(
            redact_url("postgres://u:pa/ss@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(
            redact_url("mysql://u:p?w#x@h:3306/db"),
            "mysql://u:***@h:3306/db"
        );
        assert_eq!(
            redact_url("postgres://u:12/34@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(
            redact_url("postgres://h:5432/db?user=a@b&password=x&sslmode=disable"),
            "postgres://h:***@b&password=***&sslmode=disable"
        );
        // Without a user-info '@' nothing is hidden.
        assert_eq!(redact_url("postgres://h:5432/db"), "postgres://h:5432/db");
    }
}
