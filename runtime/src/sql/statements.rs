//! Rendering of the statements entkit runs.

use super::{Expr, NullsOrder, Ordering, SqlWriter, Statement};
use crate::dialect::Backend;
use crate::schema::EntityDef;
use crate::value::Value;

/// The parts of a SELECT built by a query.
pub(crate) struct SelectParts<'a> {
    pub filter: Option<Expr>,
    pub order: &'a [Ordering],
    pub limit: Option<u64>,
    pub offset: Option<u64>,
    pub lock: Option<RowLock>,
}

/// A row lock taken by a SELECT inside a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowLock {
    /// Exclusive (`FOR UPDATE`) or shared (`FOR SHARE`).
    pub exclusive: bool,
    /// What to do about rows another transaction has locked.
    pub wait: LockWait,
}

/// How a locking SELECT treats rows locked by others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockWait {
    /// Wait for the lock (the default).
    Wait,
    /// Leave locked rows out of the result (`SKIP LOCKED`): work queues.
    SkipLocked,
    /// Fail at once (`NOWAIT`).
    NoWait,
}

/// `FOR UPDATE` / `FOR SHARE` with `SKIP LOCKED` / `NOWAIT`. SQLite has no
/// row locks (a write transaction locks the database), so nothing is written.
fn row_lock(w: &mut SqlWriter<'_>, lock: Option<RowLock>) {
    let Some(lock) = lock else { return };
    if w.backend == Backend::Sqlite {
        return;
    }
    w.push(match (lock.exclusive, w.backend) {
        (true, _) => " FOR UPDATE",
        (false, Backend::MySql) => " LOCK IN SHARE MODE",
        (false, _) => " FOR SHARE",
    });
    match lock.wait {
        LockWait::Wait => {}
        LockWait::SkipLocked => {
            w.push(" SKIP LOCKED");
        }
        LockWait::NoWait => {
            w.push(" NOWAIT");
        }
    }
}

/// `SELECT <all columns> FROM <table>`.
fn select_all_from(w: &mut SqlWriter<'_>, def: &EntityDef) {
    w.push("SELECT ")
        .columns(def.fields.iter().map(|f| f.column))
        .push(" FROM ")
        .table(def);
}

fn where_clause(w: &mut SqlWriter<'_>, filter: Option<Expr>) {
    if let Some(f) = filter {
        w.push(" WHERE ").expr(f);
    }
}

pub(crate) fn order_by(w: &mut SqlWriter<'_>, order: &[Ordering]) {
    for (i, term) in order.iter().enumerate() {
        w.push(if i == 0 { " ORDER BY " } else { ", " });
        let dir = if term.descending { " DESC" } else { " ASC" };
        match (term.nulls, w.backend) {
            // MySQL has no NULLS FIRST/LAST: sort on `col IS NULL` first.
            (Some(nulls), Backend::MySql) => {
                w.ident(term.column).push(" IS NULL");
                w.push(if nulls == NullsOrder::First {
                    " DESC, "
                } else {
                    " ASC, "
                });
                w.ident(term.column).push(dir);
            }
            (nulls, _) => {
                w.column(term.column).push(dir);
                match nulls {
                    Some(NullsOrder::First) => w.push(" NULLS FIRST"),
                    Some(NullsOrder::Last) => w.push(" NULLS LAST"),
                    None => w,
                };
            }
        }
    }
}

/// LIMIT/OFFSET as bind parameters, so the text stays the same for any page.
pub(crate) fn limit_offset(w: &mut SqlWriter<'_>, limit: Option<u64>, offset: Option<u64>) {
    let as_i64 = |n: u64| Value::I64(i64::try_from(n).unwrap_or(i64::MAX));
    match (limit, offset, w.backend) {
        (Some(l), _, _) => {
            w.push(" LIMIT ").bind(as_i64(l));
        }
        (None, Some(_), Backend::MySql) => {
            w.push(" LIMIT 18446744073709551615");
        }
        (None, Some(_), Backend::Sqlite) => {
            w.push(" LIMIT -1");
        }
        _ => {}
    }
    if let Some(o) = offset {
        w.push(" OFFSET ").bind(as_i64(o));
    }
}

pub(crate) fn render_select(
    backend: Backend,
    scope: Option<&str>,
    def: &'static EntityDef,
    parts: SelectParts<'_>,
) -> Statement {
    let mut w = SqlWriter::new(backend, scope);
    select_all_from(&mut w, def);
    where_clause(&mut w, parts.filter);
    order_by(&mut w, parts.order);
    limit_offset(&mut w, parts.limit, parts.offset);
    let locks = parts.lock.is_some();
    row_lock(&mut w, parts.lock);
    // A locking read takes locks on the primary: never a replica's to run.
    if locks {
        w.finish(Some(def))
    } else {
        w.finish_read(Some(def))
    }
}

pub(crate) fn render_count(
    backend: Backend,
    scope: Option<&str>,
    def: &'static EntityDef,
    filter: Option<Expr>,
) -> Statement {
    let mut w = SqlWriter::new(backend, scope);
    w.push("SELECT COUNT(*) FROM ").table(def);
    where_clause(&mut w, filter);
    w.finish_read(Some(def))
}

pub(crate) fn render_exists(
    backend: Backend,
    scope: Option<&str>,
    def: &'static EntityDef,
    filter: Option<Expr>,
) -> Statement {
    let mut w = SqlWriter::new(backend, scope);
    w.push("SELECT 1 FROM ").table(def);
    where_clause(&mut w, filter);
    w.push(" LIMIT 1");
    w.finish_read(Some(def))
}

/// `INSERT INTO t (cols) VALUES (...) [RETURNING cols]`: rendered once per
/// (entity, backend, scope) and cached.
pub(crate) fn insert_sql(
    backend: Backend,
    scope: Option<&str>,
    def: &EntityDef,
    returning: bool,
) -> String {
    let mut w = SqlWriter::new(backend, scope);
    w.push("INSERT INTO ").table(def).push(" (");
    w.columns(def.insert_fields().map(|(_, f)| f.column));
    w.push(") VALUES (");
    for n in 1..=def.insert_fields().count() {
        if n > 1 {
            w.push(", ");
        }
        w.placeholder(n);
    }
    w.push(")");
    if returning {
        w.push(" RETURNING ")
            .columns(def.fields.iter().map(|f| f.column));
    }
    w.sql
}

/// `SELECT <all> FROM t WHERE key = $1 [AND tenant = $2]`: cached.
pub(crate) fn select_by_key_sql(
    backend: Backend,
    scope: Option<&str>,
    def: &EntityDef,
    tenant: bool,
) -> String {
    let mut w = SqlWriter::new(backend, scope);
    select_all_from(&mut w, def);
    w.push(" WHERE ")
        .ident(def.key().column)
        .push(" = ")
        .placeholder(1);
    tenant_key(&mut w, def, tenant);
    if let Some(deleted_at) = def.soft_delete {
        w.push(" AND ").ident(deleted_at).push(" IS NULL");
    }
    w.sql
}

/// `DELETE FROM t WHERE key = $1 [AND tenant = $2]`: cached.
pub(crate) fn delete_by_key_sql(
    backend: Backend,
    scope: Option<&str>,
    def: &EntityDef,
    tenant: bool,
) -> String {
    let mut w = SqlWriter::new(backend, scope);
    w.push("DELETE FROM ")
        .table(def)
        .push(" WHERE ")
        .ident(def.key().column)
        .push(" = ")
        .placeholder(1);
    tenant_key(&mut w, def, tenant);
    w.sql
}

/// ` AND tenant = $2` of a cached by-key statement: the tenant is the
/// second bind, so one text serves every tenant.
fn tenant_key(w: &mut SqlWriter<'_>, def: &EntityDef, tenant: bool) {
    if let Some(field) = def.tenant_field().filter(|_| tenant) {
        w.push(" AND ")
            .ident(field.column)
            .push(" = ")
            .placeholder(2);
    }
}

/// The new value of a column in an UPDATE.
#[derive(Debug, Clone)]
pub(crate) enum SetValue {
    /// `column = value`
    To(Value),
    /// `column = column + delta`
    Add(Value),
}

/// `UPDATE t SET a = $1, b = b + $2, ... WHERE <filter> [RETURNING cols]`.
pub(crate) fn render_update(
    backend: Backend,
    scope: Option<&str>,
    def: &'static EntityDef,
    sets: Vec<(usize, SetValue)>,
    filter: Option<Expr>,
    returning: bool,
) -> Statement {
    let mut w = SqlWriter::new(backend, scope);
    w.push("UPDATE ").table(def).push(" SET ");
    for (i, (field, value)) in sets.into_iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        let column = def.fields[field].column;
        w.ident(column).push(" = ");
        match value {
            SetValue::To(value) => w.bind(value),
            SetValue::Add(delta) => w.ident(column).push(" + ").bind(delta),
        };
    }
    where_clause(&mut w, filter);
    if returning && backend.supports_returning() {
        w.push(" RETURNING ")
            .columns(def.fields.iter().map(|f| f.column));
    }
    w.finish(Some(def))
}

pub(crate) fn render_delete(
    backend: Backend,
    scope: Option<&str>,
    def: &'static EntityDef,
    filter: Option<Expr>,
) -> Statement {
    let mut w = SqlWriter::new(backend, scope);
    w.push("DELETE FROM ").table(def);
    where_clause(&mut w, filter);
    w.finish(Some(def))
}
