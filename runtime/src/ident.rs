//! Validation of identifiers that come from users at run time.

use crate::dialect::MAX_IDENTIFIER_LEN;
use crate::error::{Error, Result};

/// Checks that `name` is a plain identifier: ASCII letters, digits and `_`,
/// not starting with a digit, 1 to 63 characters. Such names need no
/// escaping on any backend, and are still quoted when rendered.
///
/// ```
/// assert!(entkit::validate_identifier("scope", "tenant_42").is_ok());
/// assert!(entkit::validate_identifier("scope", "x; DROP TABLE users").is_err());
/// ```
pub fn validate_identifier(kind: &'static str, name: &str) -> Result<()> {
    let refuse = |reason| {
        Err(Error::InvalidIdentifier {
            kind,
            name: name.to_owned(),
            reason,
        })
    };
    let Some(first) = name.chars().next() else {
        return refuse("it is empty");
    };
    if name.len() > MAX_IDENTIFIER_LEN {
        return refuse("it is longer than 63 characters");
    }
    if !(first.is_ascii_alphabetic() || first == '_') {
        return refuse("it must start with an ASCII letter or '_'");
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return refuse("only ASCII letters, digits and '_' are allowed");
    }
    Ok(())
}

/// Namespaces the database systems keep for themselves, refused as scopes
/// on every backend (compared case-insensitively: MySQL database names
/// may be, and SQLite schema names are): MySQL/MariaDB's `mysql`, `sys`,
/// `performance_schema`, `information_schema` and MySQL Cluster's
/// `ndbinfo`; PostgreSQL's `information_schema` (its `pg_*` schemas are
/// refused by prefix); SQLite's `main` and `temp`.
///
/// The union is refused whatever the backend, so portable code that takes a
/// scope name from its users is safe on every backend it may run on.
pub const RESERVED_SCOPES: &[&str] = &[
    "information_schema",
    "mysql",
    "performance_schema",
    "sys",
    "ndbinfo",
    "main",
    "temp",
];

/// Name prefixes reserved for system namespaces, refused as scopes on every
/// backend (case-insensitively): PostgreSQL's `pg_` (`pg_catalog`,
/// `pg_toast`, `pg_temp_3`, ...) and SQLite's `sqlite_`, which SQLite keeps
/// for its own objects.
pub const RESERVED_SCOPE_PREFIXES: &[&str] = &["pg_", "sqlite_"];

/// Checks that `name` may be used as a scope: a plain identifier (see
/// [`validate_identifier`]) that names no system namespace of any backend
/// ([`RESERVED_SCOPES`], or a name starting with one of
/// [`RESERVED_SCOPE_PREFIXES`]). Every place a scope enters entkit
/// (`Client::scope`, `ClientBuilder::scope`, entities' default scopes,
/// migrators, fan-out, seeders, the command line's `--scope`,
/// `drop_scope`) applies it before any SQL runs.
///
/// ```
/// assert!(entkit::validate_scope("tenant_42").is_ok());
/// assert!(entkit::validate_scope("mysql").is_err());
/// assert!(entkit::validate_scope("PG_CATALOG").is_err());
/// assert!(entkit::validate_scope("main").is_err());
/// ```
pub fn validate_scope(name: &str) -> Result<()> {
    validate_identifier("scope", name)?;
    let lower = name.to_ascii_lowercase();
    let refuse = |reason| {
        Err(Error::InvalidIdentifier {
            kind: "scope",
            name: name.to_owned(),
            reason,
        })
    };
    if RESERVED_SCOPES.contains(&lower.as_str()) {
        return refuse("it names a system namespace of a database backend");
    }
    if RESERVED_SCOPE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return refuse("names starting with `pg_` or `sqlite_` are reserved for system namespaces");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{validate_identifier, validate_scope};

    #[test]
    fn refuses_everything_but_plain_identifiers() {
        for bad in [
            "",
            "a b",
            "a\"b",
            "a;b",
            "a`b",
            "1abc",
            "ab-c",
            "é",
            &"x".repeat(64),
        ] {
            assert!(
                validate_identifier("scope", bad).is_err(),
                "{bad:?} accepted"
            );
        }
        for good in ["a", "_", "tenant_42", "T1", &"x".repeat(63)] {
            assert!(
                validate_identifier("scope", good).is_ok(),
                "{good:?} refused"
            );
        }
    }

    #[test]
    fn refuses_system_namespaces_of_every_backend_in_any_case() {
        for reserved in [
            "mysql",
            "MySQL",
            "sys",
            "SYS",
            "performance_schema",
            "information_schema",
            "Information_Schema",
            "ndbinfo",
            "pg_catalog",
            "PG_CATALOG",
            "pg_toast",
            "pg_temp_3",
            "Pg_anything",
            "main",
            "MAIN",
            "temp",
            "Temp",
            "sqlite_master",
        ] {
            match validate_scope(reserved) {
                Err(crate::Error::InvalidIdentifier { kind, name, reason }) => {
                    assert_eq!(kind, "scope");
                    assert_eq!(name, reserved);
                    assert!(
                        reason.contains("reserved") || reason.contains("system"),
                        "{reason}"
                    );
                }
                other => panic!("{reserved:?} accepted as a scope: {other:?}"),
            }
            // Still a plain identifier: only scopes are restricted.
            assert!(validate_identifier("table", reserved).is_ok());
        }
        // Near misses and default namespaces are ordinary scopes.
        for fine in [
            "public",
            "mysql2",
            "my_sql",
            "system",
            "maintenance",
            "temporary",
            "pg",
            "pgx_1",
            "tenant_42",
        ] {
            assert!(validate_scope(fine).is_ok(), "{fine:?} refused");
        }
        // The plain-identifier rules still apply first.
        assert!(validate_scope("a;b").is_err());
        assert!(validate_scope("").is_err());
    }
}
