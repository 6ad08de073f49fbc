//! Reading a scope's live schema from the database catalog: tables with
//! their columns (type as the server spells it, nullability), index names,
//! and on MySQL/MariaDB each table's default collation. Auto-migration reads
//! one table at a time (to see what is missing), `diff` a whole scope (to
//! compare two scopes); both read through here, so they see the same schema.
//!
//! The reader reports what the catalog holds, primary-key indexes and
//! bookkeeping tables included: what to ignore is the caller's decision.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::backend::RowRef;
use crate::dialect::Backend;
use crate::error::Result;
use crate::exec::Target;
use crate::sql::Statement;
use crate::value::{ScalarValue, Value};

/// One column as the catalog describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Column {
    /// The column name.
    pub name: String,
    /// The type as the server spells it (`character varying(100)`,
    /// `varchar(100)`, `TEXT`): compared as text, so both sides of a
    /// comparison must come from the same server.
    pub ty: String,
    /// Whether the column refuses NULL.
    pub not_null: bool,
}

impl Column {
    /// A column (for catalogs built in memory).
    #[cfg(test)]
    pub(crate) fn new(name: &str, ty: &str, not_null: bool) -> Self {
        Column {
            name: name.to_owned(),
            ty: ty.to_owned(),
            not_null,
        }
    }
}

/// A scope's schema as the database catalog reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Catalog {
    /// table → its columns, in column order. Every table is a key.
    pub columns: BTreeMap<String, Vec<Column>>,
    /// table → its index names (tables without indexes are absent).
    pub indexes: BTreeMap<String, BTreeSet<String>>,
    /// table → default collation (MySQL/MariaDB only).
    pub collations: BTreeMap<String, String>,
    /// Tables with entkit's tenant row-level security in place: turned on,
    /// forced, and the tenant policy present (PostgreSQL only).
    pub row_secured: BTreeSet<String>,
}

/// Which tables a catalog query reads.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Tables<'a> {
    /// Every table of the scope.
    All,
    /// One table.
    Named(&'a str),
}

impl<'a> Tables<'a> {
    fn name(self) -> Option<&'a str> {
        match self {
            Tables::All => None,
            Tables::Named(table) => Some(table),
        }
    }
}

/// The whole catalog of `scope` (`None`: the connection's default
/// namespace, SQLite's `main`).
pub(crate) async fn read(mut target: Target<'_>, scope: Option<&str>) -> Result<Catalog> {
    let backend = target.state().backend();
    let mut catalog = Catalog::default();
    for (table, column) in columns(target.reborrow(), scope, Tables::All).await? {
        catalog.columns.entry(table).or_default().push(column);
    }
    for (table, index) in indexes(target.reborrow(), scope, Tables::All).await? {
        catalog.indexes.entry(table).or_default().insert(index);
    }
    match backend {
        Backend::MySql => {
            catalog.collations = collations(target, scope).await?.into_iter().collect();
        }
        Backend::Postgres => {
            catalog.row_secured = row_secured(target, scope, Tables::All)
                .await?
                .into_iter()
                .collect();
        }
        Backend::Sqlite => {}
    }
    Ok(catalog)
}

/// The tables asked for that have entkit's tenant row-level security in
/// place (see [`Catalog::row_secured`]); none on other backends.
pub(crate) async fn row_secured(
    target: Target<'_>,
    scope: Option<&str>,
    tables: Tables<'_>,
) -> Result<Vec<String>> {
    if target.state().backend() != Backend::Postgres {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = COALESCE($1, current_schema()){} \
         AND c.relrowsecurity AND c.relforcerowsecurity AND EXISTS \
         (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = '{}')",
        if tables.name().is_some() {
            " AND c.relname = $2"
        } else {
            ""
        },
        crate::migrate::ddl::TENANT_POLICY,
    );
    let stmt = statement(sql, Some(scope_value(Backend::Postgres, scope)), tables);
    target.fetch_all(stmt, |row: RowRef<'_>| text(row, 0)).await
}

/// `(table, column)` for every column of the tables asked for, in table
/// then column order. A table that does not exist has no rows.
pub(crate) async fn columns(
    target: Target<'_>,
    scope: Option<&str>,
    tables: Tables<'_>,
) -> Result<Vec<(String, Column)>> {
    let backend = target.state().backend();
    let sql = columns_sql(backend, scope, tables);
    let stmt = statement(sql, Some(scope_value(backend, scope)), tables);
    target
        .fetch_all(stmt, |row: RowRef<'_>| {
            let table = text(row, 0)?;
            let name = text(row, 1)?;
            let ty = text(row, 2)?;
            // MySQL spells nullability as text; the others give a boolean.
            let not_null = match backend {
                Backend::MySql => text(row, 3)? == "NO",
                _ => <bool as ScalarValue>::decode(row, 3)?,
            };
            Ok((table, Column { name, ty, not_null }))
        })
        .await
}

/// `(table, index)` for every index of the tables asked for.
pub(crate) async fn indexes(
    target: Target<'_>,
    scope: Option<&str>,
    tables: Tables<'_>,
) -> Result<Vec<(String, String)>> {
    let backend = target.state().backend();
    let sql = indexes_sql(backend, scope, tables);
    // SQLite's index query names its scope in the text.
    let scope = (backend != Backend::Sqlite).then(|| scope_value(backend, scope));
    let stmt = statement(sql, scope, tables);
    target
        .fetch_all(stmt, |row: RowRef<'_>| Ok((text(row, 0)?, text(row, 1)?)))
        .await
}

/// `(table, collation)` for every table of a MySQL/MariaDB scope that has one.
async fn collations(target: Target<'_>, scope: Option<&str>) -> Result<Vec<(String, String)>> {
    let sql = "SELECT CAST(TABLE_NAME AS CHAR), CAST(TABLE_COLLATION AS CHAR) \
               FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE())";
    let stmt = statement(
        sql.to_owned(),
        Some(scope_value(Backend::MySql, scope)),
        Tables::All,
    );
    let rows = target
        .fetch_all(stmt, |row: RowRef<'_>| {
            Ok((
                text(row, 0)?,
                <String as ScalarValue>::decode_optional(row, 1)?,
            ))
        })
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(table, collation)| Some((table, collation?)))
        .collect())
}

fn text(row: RowRef<'_>, index: usize) -> Result<String> {
    <String as ScalarValue>::decode(row, index)
}

/// SQLite names the scope in the statement (`"tenant".sqlite_master`):
/// the attached database whose schema table is read.
fn sqlite_master(scope: Option<&str>) -> String {
    let mut s = String::new();
    Backend::Sqlite.push_ident(&mut s, scope.unwrap_or("main"));
    s.push_str(".sqlite_master");
    s
}

/// The catalog query for columns. Binds: the scope, then the table when
/// one is named.
fn columns_sql(backend: Backend, scope: Option<&str>, tables: Tables<'_>) -> String {
    let named = tables.name().is_some();
    match backend {
        // pg_attribute rather than information_schema: format_type spells
        // the type with its length (`character varying(100)`), which a
        // comparison of column types needs. Ordinary and partitioned tables.
        Backend::Postgres => format!(
            "SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull \
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = COALESCE($1, current_schema()){} AND c.relkind IN ('r', 'p') \
             AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum",
            if named { " AND c.relname = $2" } else { "" }
        ),
        Backend::MySql => format!(
            "SELECT CAST(TABLE_NAME AS CHAR), CAST(COLUMN_NAME AS CHAR), CAST(COLUMN_TYPE AS CHAR), CAST(IS_NULLABLE AS CHAR) \
             FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()){} \
             ORDER BY TABLE_NAME, ORDINAL_POSITION",
            if named { " AND TABLE_NAME = ?" } else { "" }
        ),
        Backend::Sqlite => format!(
            "SELECT m.name, p.name, p.type, p.\"notnull\" <> 0 FROM {} m \
             JOIN pragma_table_info(m.name, ?) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'{} \
             ORDER BY m.name, p.cid",
            sqlite_master(scope),
            if named { " AND m.name = ?" } else { "" }
        ),
    }
}

/// The catalog query for index names. Binds as for [`columns_sql`]; on
/// SQLite the scope is in the text and only the table is bound.
fn indexes_sql(backend: Backend, scope: Option<&str>, tables: Tables<'_>) -> String {
    let named = tables.name().is_some();
    match backend {
        Backend::Postgres => format!(
            "SELECT tablename::text, indexname::text FROM pg_indexes \
             WHERE schemaname = COALESCE($1, current_schema()){}",
            if named { " AND tablename = $2" } else { "" }
        ),
        Backend::MySql => format!(
            "SELECT DISTINCT CAST(TABLE_NAME AS CHAR), CAST(INDEX_NAME AS CHAR) FROM information_schema.STATISTICS \
             WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()){}",
            if named { " AND TABLE_NAME = ?" } else { "" }
        ),
        Backend::Sqlite => format!(
            "SELECT tbl_name, name FROM {} WHERE type = 'index'{}",
            sqlite_master(scope),
            if named { " AND tbl_name = ?" } else { "" }
        ),
    }
}

/// The bind standing for `scope`: NULL for the default namespace on
/// PostgreSQL and MySQL (the SQL resolves it), `main` on SQLite.
fn scope_value(backend: Backend, scope: Option<&str>) -> Value {
    match (scope, backend) {
        (Some(s), _) => Value::Text(s.to_owned()),
        (None, Backend::Sqlite) => Value::Text("main".to_owned()),
        (None, _) => Value::Null(crate::ColumnType::Text),
    }
}

/// A statement with its binds: the scope when the SQL binds it, then the
/// table when one is named.
fn statement(sql: String, scope: Option<Value>, tables: Tables<'_>) -> Statement {
    let table = tables.name().map(|t| Value::Text(t.to_owned()));
    Statement {
        sql: Arc::from(sql),
        binds: scope.into_iter().chain(table).collect(),
        entity: None,
        read: false,
    }
}
