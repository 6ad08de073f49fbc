//! Auto-migration: create what the entities describe and the database lacks.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::catalog::{self, Tables};
use super::ddl;
use crate::client::Client;
use crate::dialect::Backend;
use crate::error::Result;
use crate::exec::{Executor, Target};
use crate::schema::EntityDef;
use crate::sql::Statement;
use crate::value::ScalarValue;

/// What [`Client::auto_migrate`] changed. Empty when the schema was already current.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MigrationReport {
    /// Tables created, as `scope.table` (or `table`).
    pub created_tables: Vec<String>,
    /// Columns added to existing tables, as `table.column`.
    pub added_columns: Vec<String>,
    /// Indexes created.
    pub created_indexes: Vec<String>,
    /// Tenant tables whose row-level security was put in place
    /// (PostgreSQL), as `scope.table` (or `table`).
    pub row_secured_tables: Vec<String>,
}

impl MigrationReport {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.created_tables.is_empty()
            && self.added_columns.is_empty()
            && self.created_indexes.is_empty()
            && self.row_secured_tables.is_empty()
    }
}

fn decode_text(row: crate::RowRef<'_>) -> Result<String> {
    <String as ScalarValue>::decode(row, 0)
}

fn raw(sql: String) -> Statement {
    Statement {
        sql: Arc::from(sql),
        binds: Vec::new(),
        entity: None,
        read: false,
    }
}

/// The column names of `table` (empty when it does not exist).
async fn column_names(
    target: Target<'_>,
    scope: Option<&str>,
    table: &str,
) -> Result<BTreeSet<String>> {
    let columns = catalog::columns(target, scope, Tables::Named(table)).await?;
    Ok(columns.into_iter().map(|(_, column)| column.name).collect())
}

/// The index names of `table`.
async fn index_names(
    target: Target<'_>,
    scope: Option<&str>,
    table: &str,
) -> Result<BTreeSet<String>> {
    let indexes = catalog::indexes(target, scope, Tables::Named(table)).await?;
    Ok(indexes.into_iter().map(|(_, index)| index).collect())
}

/// Brings one entity's table up to date.
async fn migrate_entity(
    mut target: Target<'_>,
    def: &EntityDef,
    report: &mut MigrationReport,
) -> Result<()> {
    let backend = target.state().backend();
    let client_scope = target.state().scope.clone();
    let client_scope = client_scope.as_deref();
    let scope = client_scope.or(def.default_scope);
    let qualified = |name: &str| match scope {
        Some(s) => format!("{s}.{name}"),
        None => name.to_owned(),
    };

    let existing = column_names(target.reborrow(), scope, def.table).await?;
    if existing.is_empty() {
        target
            .reborrow()
            .execute(raw(ddl::create_table(backend, client_scope, def)))
            .await?;
        for sql in ddl::comments(backend, client_scope, def) {
            target.reborrow().execute(raw(sql)).await?;
        }
        report.created_tables.push(qualified(def.table));
    } else {
        for field in def.fields.iter().filter(|f| !existing.contains(f.column)) {
            target
                .reborrow()
                .execute(raw(ddl::add_column(backend, client_scope, def, field)))
                .await?;
            report
                .added_columns
                .push(format!("{}.{}", qualified(def.table), field.column));
        }
    }

    let existing = index_names(target.reborrow(), scope, def.table).await?;
    for index in def.indexes.iter().filter(|i| !existing.contains(i.name)) {
        target
            .reborrow()
            .execute(raw(ddl::create_index(backend, client_scope, def, index)))
            .await?;
        report.created_indexes.push(qualified(index.name));
    }

    let row_security = ddl::row_security(backend, client_scope, def);
    if !row_security.is_empty() {
        let tables = catalog::Tables::Named(def.table);
        if catalog::row_secured(target.reborrow(), scope, tables)
            .await?
            .is_empty()
        {
            for sql in row_security {
                target.reborrow().execute(raw(sql)).await?;
            }
            report.row_secured_tables.push(qualified(def.table));
        }
    }
    Ok(())
}

/// Creates one join table and its reverse index when missing.
async fn migrate_join_table(
    mut target: Target<'_>,
    join: &ddl::JoinTable,
    report: &mut MigrationReport,
) -> Result<()> {
    let backend = target.state().backend();
    let client_scope = target.state().scope.clone();
    let client_scope = client_scope.as_deref();
    let scope = client_scope.or(join.owner.default_scope);
    let qualified = |name: &str| match scope {
        Some(s) => format!("{s}.{name}"),
        None => name.to_owned(),
    };
    let existing = column_names(target.reborrow(), scope, join.table).await?;
    if existing.is_empty() {
        target
            .reborrow()
            .execute(raw(join.create(backend, client_scope)))
            .await?;
        report.created_tables.push(qualified(join.table));
    }
    let existing = index_names(target.reborrow(), scope, join.table).await?;
    let index = join.reverse_index();
    if !existing.contains(&index) {
        target
            .execute(raw(join.create_reverse_index(backend, client_scope)))
            .await?;
        report.created_indexes.push(qualified(&index));
    }
    Ok(())
}

/// The entities and every entity reachable from them through edges:
/// foreign keys and join tables need their targets' tables.
pub(crate) fn with_edge_targets(entities: &[&'static EntityDef]) -> Vec<&'static EntityDef> {
    let mut out: Vec<&'static EntityDef> = Vec::new();
    let mut pending: Vec<&'static EntityDef> = entities.to_vec();
    while let Some(def) = pending.pop() {
        if out.iter().any(|d| std::ptr::eq(*d, def)) {
            continue;
        }
        out.push(def);
        for edge in def.edges {
            pending.push((edge.target)());
            if let crate::schema::EdgeKind::Through { through, .. } = edge.kind {
                pending.push(through());
            }
        }
    }
    // Keep the caller's order first, then what was reached.
    let mut ordered: Vec<&'static EntityDef> = Vec::with_capacity(out.len());
    for def in entities.iter().copied().chain(out.iter().copied()) {
        if !ordered.iter().any(|d| std::ptr::eq(*d, def)) {
            ordered.push(def);
        }
    }
    ordered
}

/// The DDL `entities` describe for `backend` (no connection needed).
pub(crate) fn schema_ddl_for(
    backend: Backend,
    scope: Option<&str>,
    entities: &[&'static EntityDef],
) -> Vec<String> {
    let mut out = Vec::new();
    let entities = dependency_order(&with_edge_targets(entities));
    for def in &entities {
        out.push(ddl::create_table(backend, scope, def));
        out.extend(ddl::comments(backend, scope, def));
        out.extend(
            def.indexes
                .iter()
                .map(|i| ddl::create_index(backend, scope, def, i)),
        );
        out.extend(ddl::row_security(backend, scope, def));
    }
    for join in entities.iter().flat_map(|d| ddl::JoinTable::of(d)) {
        out.push(join.create(backend, scope));
        out.push(join.create_reverse_index(backend, scope));
    }
    out
}

/// The entities with those reached through edges, referenced ones first.
pub(crate) fn auto_ordered(entities: &[&'static EntityDef]) -> Vec<&'static EntityDef> {
    dependency_order(&with_edge_targets(entities))
}

/// Entities ordered so that every `belongs_to` target comes before the
/// entities referencing it (foreign keys need the referenced table).
/// Cycles keep their declaration order.
pub(crate) fn dependency_order(entities: &[&'static EntityDef]) -> Vec<&'static EntityDef> {
    fn visit(
        def: &'static EntityDef,
        set: &[&'static EntityDef],
        state: &mut Vec<(*const EntityDef, bool)>,
        out: &mut Vec<&'static EntityDef>,
    ) {
        let ptr = def as *const EntityDef;
        if state.iter().any(|(p, _)| *p == ptr) {
            return;
        }
        state.push((ptr, false));
        for edge in def.edges {
            if let crate::schema::EdgeKind::BelongsTo { .. } = edge.kind {
                let target = (edge.target)();
                if !std::ptr::eq(target, def) && set.iter().any(|d| std::ptr::eq(*d, target)) {
                    visit(target, set, state, out);
                }
            }
        }
        out.push(def);
    }
    let mut out = Vec::with_capacity(entities.len());
    let mut state = Vec::new();
    for def in entities {
        visit(def, entities, &mut state, &mut out);
    }
    out
}

impl Client {
    /// Creates the scope, tables, columns and indexes the entities describe
    /// and the database lacks, like Ent's `Schema.Create`. Entities reached
    /// through edges are included: their tables hold the keys the edges use. Never drops or
    /// alters anything; running it twice changes nothing the second time.
    ///
    /// On PostgreSQL and SQLite it runs in one transaction (their DDL is
    /// transactional); on PostgreSQL an advisory lock serialises concurrent
    /// callers. Versioned migrations are the tool for production changes.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
    /// # use entkit::Entity;
    /// #[derive(Entity)]
    /// struct Note { id: i64, text: String }
    ///
    /// let client = entkit::Client::connect("sqlite::memory:").await?;
    /// let report = client.auto_migrate(&[Note::def()]).await?;
    /// assert_eq!(report.created_tables, ["notes"]);
    /// assert!(client.auto_migrate(&[Note::def()]).await?.is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn auto_migrate(&self, entities: &[&'static EntityDef]) -> Result<MigrationReport> {
        let backend = self.backend();
        let entities = dependency_order(&with_edge_targets(entities));
        let scopes: BTreeSet<&str> = entities
            .iter()
            .filter_map(|d| self.scope_name().or(d.default_scope))
            .collect();
        for scope in &scopes {
            // Only when missing, so a role that owns its schema but may not
            // create schemas can auto-migrate it.
            crate::provision::ensure_scope(self, scope).await?;
        }
        let joins: Vec<ddl::JoinTable> = entities
            .iter()
            .flat_map(|d| ddl::JoinTable::of(d))
            .collect();
        let mut report = MigrationReport::default();
        if backend == Backend::MySql {
            // MySQL commits DDL implicitly; a transaction would be a fiction.
            for def in &entities {
                migrate_entity(self.target(), def, &mut report).await?;
            }
            for join in &joins {
                migrate_join_table(self.target(), join, &mut report).await?;
            }
            return Ok(report);
        }
        let scopes: Vec<&str> = scopes.into_iter().collect();
        let mut tx = self.begin_attached(&scopes).await?;
        if backend == Backend::Postgres {
            tx.execute_raw("SELECT pg_advisory_xact_lock(7432019561)")
                .await?;
        }
        for def in &entities {
            migrate_entity((&mut tx).into_target(), def, &mut report).await?;
        }
        for join in &joins {
            migrate_join_table((&mut tx).into_target(), join, &mut report).await?;
        }
        tx.commit().await?;
        Ok(report)
    }

    /// The DDL the entities describe, for this client's backend and scope,
    /// in the order it runs on an empty database: tables (referenced ones
    /// first) with their indexes, then join tables.
    pub fn schema_ddl(&self, entities: &[&'static EntityDef]) -> Vec<String> {
        schema_ddl_for(self.backend(), self.scope_name(), entities)
    }

    /// Drops the client's scope and everything in it (PostgreSQL schema,
    /// MySQL database; on SQLite, every table of the attached database).
    ///
    /// Refused with [`Error::InvalidIdentifier`](crate::Error::InvalidIdentifier),
    /// before any SQL runs, on a client without a scope, for a system
    /// namespace (see [`validate_scope`](crate::validate_scope)), and for the
    /// database's default namespace: PostgreSQL's `public`, the MySQL
    /// database the URL names, SQLite's main database (compared
    /// case-insensitively). Dropping the default namespace takes the
    /// explicit [`drop_default_namespace`](Self::drop_default_namespace).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
    /// let client = entkit::Client::connect("sqlite::memory:").await?;
    /// client.scope("tenant_42")?.drop_scope().await?;
    /// assert!(client.drop_scope().await.is_err()); // no scope
    /// # Ok(()) }
    /// ```
    pub async fn drop_scope(&self) -> Result<()> {
        let refuse = |name: &str, reason| crate::Error::InvalidIdentifier {
            kind: "scope",
            name: name.to_owned(),
            reason,
        };
        let Some(scope) = self.scope_name() else {
            return Err(refuse("", "drop_scope needs a client bound to a scope"));
        };
        let statement = ddl::drop_scope(self.backend(), scope)?;
        if self.is_default_namespace(scope) {
            return Err(refuse(
                scope,
                "it is the database's default namespace; drop it with drop_default_namespace",
            ));
        }
        self.drop_namespace(scope, statement).await
    }

    /// Drops the database's default namespace and everything in it,
    /// whatever the client's scope: on PostgreSQL the `public` schema, on
    /// MySQL/MariaDB the database the connection URL names (an error when it
    /// names none), on SQLite every table of the main database. This is the
    /// explicit opt-in that [`drop_scope`](Self::drop_scope) refuses to
    /// assume. System namespaces stay out of reach.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
    /// let client = entkit::Client::connect("sqlite::memory:").await?;
    /// client.execute_raw("CREATE TABLE t (id INTEGER PRIMARY KEY)").await?;
    /// client.drop_default_namespace().await?;
    /// assert!(client.execute_raw("SELECT * FROM t").await.is_err());
    /// # Ok(()) }
    /// ```
    pub async fn drop_default_namespace(&self) -> Result<()> {
        let Some(name) = self.state.shared.default_namespace.clone() else {
            return Err(crate::Error::InvalidIdentifier {
                kind: "scope",
                name: String::new(),
                reason: "the connection URL names no database, so there is no default namespace",
            });
        };
        let statement = ddl::drop_namespace(self.backend(), &name);
        self.drop_namespace(&name, statement).await
    }

    /// Runs `statement`, or on SQLite drops every table of `scope`.
    async fn drop_namespace(&self, scope: &str, statement: Option<String>) -> Result<()> {
        if let Some(sql) = statement {
            self.execute_raw(&sql).await?;
            return Ok(());
        }
        // Newest first: tables referencing others were created after them.
        let mut tx = self.begin().await?;
        let mut list = String::from("SELECT name FROM ");
        Backend::Sqlite.push_ident(&mut list, scope);
        list.push_str(
            ".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid DESC",
        );
        let tables = (&mut tx)
            .into_target()
            .fetch_all(raw(list), decode_text)
            .await?;
        for table in tables {
            let mut w = crate::sql::SqlWriter::new(Backend::Sqlite, None);
            w.push("DROP TABLE ").ident(scope).push(".").ident(&table);
            tx.execute_raw(&w.sql).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
