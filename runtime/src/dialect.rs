//! The one place that knows how each backend spells things.

use crate::schema::{ColumnType, FieldDef, KeyStrategy};

/// A database backend. Statements are rendered for one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// PostgreSQL.
    Postgres,
    /// MySQL or MariaDB.
    MySql,
    /// SQLite.
    Sqlite,
}

/// Longest identifier accepted: PostgreSQL's limit (MySQL allows 64).
pub const MAX_IDENTIFIER_LEN: usize = 63;

impl Backend {
    /// A human-readable name.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Postgres => "PostgreSQL",
            Backend::MySql => "MySQL/MariaDB",
            Backend::Sqlite => "SQLite",
        }
    }

    /// Appends a quoted identifier. Identifiers come from the derive or from
    /// validated scope names; quoting still doubles any quote character so a
    /// name can never end the quoted section.
    pub fn push_ident(self, out: &mut String, ident: &str) {
        let q = match self {
            Backend::MySql => '`',
            Backend::Postgres | Backend::Sqlite => '"',
        };
        out.push(q);
        for ch in ident.chars() {
            if ch == q {
                out.push(q);
            }
            out.push(ch);
        }
        out.push(q);
    }

    /// Appends the placeholder for the `n`-th (1-based) bind parameter.
    pub fn push_placeholder(self, out: &mut String, n: usize) {
        match self {
            Backend::Postgres => {
                use std::fmt::Write as _;
                let _ = write!(out, "${n}");
            }
            Backend::MySql | Backend::Sqlite => out.push('?'),
        }
    }

    /// Whether `INSERT/UPDATE/DELETE ... RETURNING` is available.
    /// (MariaDB has it for INSERT and DELETE; MySQL has not: entkit reads back instead.)
    pub fn supports_returning(self) -> bool {
        !matches!(self, Backend::MySql)
    }

    /// Most bind parameters one statement may carry.
    pub fn max_binds(self) -> usize {
        match self {
            Backend::Postgres | Backend::MySql => 65_535,
            Backend::Sqlite => 32_766,
        }
    }

    /// The native column type for a field.
    pub fn column_type(self, field: &FieldDef) -> String {
        let ty = field.ty;
        let auto = field.key_strategy == Some(KeyStrategy::AutoIncrement);
        match self {
            Backend::Postgres => match ty {
                ColumnType::Bool => "boolean".into(),
                ColumnType::I16 => "smallint".into(),
                ColumnType::I32 => "integer".into(),
                ColumnType::I64 => "bigint".into(),
                ColumnType::F32 => "real".into(),
                ColumnType::F64 => "double precision".into(),
                ColumnType::Text => match field.max_len {
                    Some(n) => format!("varchar({n})"),
                    None => "text".into(),
                },
                ColumnType::Bytes => "bytea".into(),
                ColumnType::Uuid => "uuid".into(),
                ColumnType::Timestamp => "timestamptz".into(),
                ColumnType::Date => "date".into(),
                ColumnType::Json => "jsonb".into(),
            },
            Backend::MySql => match ty {
                ColumnType::Bool => "BOOLEAN".into(),
                ColumnType::I16 => "SMALLINT".into(),
                ColumnType::I32 => "INT".into(),
                ColumnType::I64 => "BIGINT".into(),
                ColumnType::F32 => "FLOAT".into(),
                ColumnType::F64 => "DOUBLE".into(),
                // MySQL cannot index TEXT without a prefix length, so indexed
                // strings are VARCHAR (255 unless a max length says otherwise).
                ColumnType::Text => match (field.max_len, field.indexed || field.primary_key) {
                    (Some(n), _) if n <= 16_383 => format!("VARCHAR({n})"),
                    (None, true) => "VARCHAR(255)".into(),
                    _ => "LONGTEXT".into(),
                },
                ColumnType::Bytes => {
                    if field.indexed || field.primary_key {
                        "VARBINARY(255)".into()
                    } else {
                        "LONGBLOB".into()
                    }
                }
                ColumnType::Uuid => "BINARY(16)".into(),
                ColumnType::Timestamp => "DATETIME(6)".into(),
                ColumnType::Date => "DATE".into(),
                ColumnType::Json => "JSON".into(),
            },
            Backend::Sqlite => match ty {
                ColumnType::Bool => "BOOLEAN".into(),
                // A ROWID alias must be declared exactly INTEGER.
                ColumnType::I16 | ColumnType::I32 | ColumnType::I64 if auto => "INTEGER".into(),
                ColumnType::I16 => "SMALLINT".into(),
                ColumnType::I32 => "INTEGER".into(),
                ColumnType::I64 => "BIGINT".into(),
                ColumnType::F32 | ColumnType::F64 => "REAL".into(),
                ColumnType::Text => "TEXT".into(),
                ColumnType::Bytes | ColumnType::Uuid => "BLOB".into(),
                ColumnType::Timestamp | ColumnType::Date | ColumnType::Json => "TEXT".into(),
            },
        }
    }

    /// Whether the backend accepts a literal DEFAULT for this column type.
    pub(crate) fn accepts_literal_default(self, field: &FieldDef) -> bool {
        match self {
            // MySQL rejects literal defaults on TEXT/BLOB/JSON columns.
            Backend::MySql => {
                !(self.column_type(field).starts_with("LONG") || field.ty == ColumnType::Json)
            }
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_doubles_the_quote_character() {
        let mut s = String::new();
        Backend::Postgres.push_ident(&mut s, "we\"ird");
        assert_eq!(s, "\"we\"\"ird\"");
        let mut s = String::new();
        Backend::MySql.push_ident(&mut s, "a`b");
        assert_eq!(s, "`a``b`");
    }

    #[test]
    fn placeholders() {
        let mut s = String::new();
        Backend::Postgres.push_placeholder(&mut s, 12);
        Backend::MySql.push_placeholder(&mut s, 3);
        assert_eq!(s, "$12?");
    }
}
