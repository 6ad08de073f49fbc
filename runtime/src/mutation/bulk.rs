//! Many rows in one call: bulk insert and upsert.

use std::future::Future;
use std::sync::Arc;

use super::Create;
use crate::dialect::Backend;
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::exec::{Executor, StatementKind, Target};
use crate::mutation::hooks::Written;
use crate::schema::EntityDef;
use crate::sql::{SqlWriter, Statement};
use crate::tenant;
use crate::value::Value;

/// What an insert does when it meets an existing row with the same key or
/// unique value.
///
/// ```
/// # use entkit::{Client, Entity};
/// # #[derive(Entity)]
/// # pub struct User { pub id: i64, #[entity(unique)] pub email: String, pub name: String }
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> entkit::Result<()> {
/// # let client = Client::connect("sqlite::memory:").await?;
/// # client.auto_migrate(&[User::def()]).await?;
/// use entkit::OnConflict;
///
/// let on_email = OnConflict::on(User::EMAIL).update(User::NAME);
/// User::create().email("a@x").name("A").upsert(&client, &on_email).await?;
/// let renamed = User::create().email("a@x").name("B").upsert(&client, &on_email).await?;
/// assert_eq!(renamed.map(|u| u.name).as_deref(), Some("B"));
/// assert_eq!(User::query().count(&client).await?, 1);
/// # Ok(()) }
/// ```
///
/// MySQL and MariaDB apply `ON DUPLICATE KEY UPDATE` to whichever unique
/// key conflicts; the target columns matter on PostgreSQL and SQLite.
#[derive(Debug)]
pub struct OnConflict<E> {
    target: Vec<&'static str>,
    action: ConflictAction,
    _entity: std::marker::PhantomData<fn() -> E>,
}

impl<E> Clone for OnConflict<E> {
    fn clone(&self) -> Self {
        OnConflict {
            target: self.target.clone(),
            action: self.action.clone(),
            _entity: std::marker::PhantomData,
        }
    }
}

#[derive(Debug, Clone)]
enum ConflictAction {
    Nothing,
    Update(Vec<&'static str>),
    UpdateAll,
}

impl<E: Entity> OnConflict<E> {
    /// Conflicts on this column (a unique column or the key).
    pub fn on<T>(column: crate::Column<E, T>) -> Self {
        OnConflict {
            target: vec![column.name()],
            action: ConflictAction::Nothing,
            _entity: std::marker::PhantomData,
        }
    }

    /// Also this column (for a composite unique index).
    pub fn and<T>(mut self, column: crate::Column<E, T>) -> Self {
        self.target.push(column.name());
        self
    }

    /// Keep the existing row.
    pub fn do_nothing(mut self) -> Self {
        self.action = ConflictAction::Nothing;
        self
    }

    /// Overwrite this column with the new value (call again for more).
    pub fn update<T>(mut self, column: crate::Column<E, T>) -> Self {
        match &mut self.action {
            ConflictAction::Update(columns) => columns.push(column.name()),
            _ => self.action = ConflictAction::Update(vec![column.name()]),
        }
        self
    }

    /// Overwrite every inserted column except the key, the conflict target
    /// and immutable fields.
    pub fn update_all(mut self) -> Self {
        self.action = ConflictAction::UpdateAll;
        self
    }

    /// The columns a conflict overwrites; never the tenant key (no API
    /// changes a row's tenant).
    fn updated_columns(&self, def: &EntityDef) -> Vec<&'static str> {
        let tenant = def.tenant_field().map(|f| f.column);
        let mut columns = match &self.action {
            ConflictAction::Nothing => Vec::new(),
            ConflictAction::Update(columns) => columns.clone(),
            ConflictAction::UpdateAll => def
                .insert_fields()
                .map(|(_, f)| f)
                .filter(|f| !f.primary_key && !f.immutable && !self.target.contains(&f.column))
                .map(|f| f.column)
                .collect(),
        };
        columns.retain(|c| Some(*c) != tenant);
        columns
    }

    fn render(&self, w: &mut SqlWriter<'_>, def: &EntityDef) {
        let updates = self.updated_columns(def);
        if w.backend == Backend::MySql {
            w.push(" ON DUPLICATE KEY UPDATE ");
            if updates.is_empty() {
                // A no-op assignment keeps the row without hiding other errors.
                let key = def.key().column;
                w.ident(key).push(" = ").ident(key);
            }
            for (i, column) in updates.iter().enumerate() {
                if i > 0 {
                    w.push(", ");
                }
                w.ident(column).push(" = ");
                // Another tenant's row keeps its values.
                match def.tenant_field() {
                    Some(tenant) => {
                        w.push("IF(").ident(tenant.column).push(" = VALUES(");
                        w.ident(tenant.column).push("), VALUES(").ident(column);
                        w.push("), ").ident(column).push(")");
                    }
                    None => {
                        w.push("VALUES(").ident(column).push(")");
                    }
                }
            }
            return;
        }
        w.push(" ON CONFLICT (")
            .columns(self.target.iter().copied())
            .push(")");
        if updates.is_empty() {
            w.push(" DO NOTHING");
            return;
        }
        w.push(" DO UPDATE SET ");
        for (i, column) in updates.iter().enumerate() {
            if i > 0 {
                w.push(", ");
            }
            w.ident(column).push(" = EXCLUDED.").ident(column);
        }
        // Only the tenant's own row is updated; another tenant's stays as it is.
        if let Some(tenant) = def.tenant_field() {
            w.push(" WHERE ");
            if w.backend == Backend::Postgres {
                w.ident(def.table).push(".");
            }
            w.ident(tenant.column)
                .push(" = EXCLUDED.")
                .ident(tenant.column);
        }
    }
}

/// Below this many rows PostgreSQL gets a multi-row `VALUES` list: for a
/// few dozen rows it costs the server less than unpacking arrays (measured
/// crossing over between 30 and 60 rows). Each row count below it is a
/// statement text of its own in the connection's prepared-statement cache.
const UNNEST_MIN_ROWS: usize = 32;

/// Final bind values of many rows, row after row, each in insert-field
/// order: one allocation for the whole batch rather than one per row.
struct Rows {
    values: Vec<Value>,
    width: usize,
    count: usize,
}

/// `INSERT INTO t (columns)`, the head of every bulk insert.
fn insert_head(w: &mut SqlWriter<'_>, def: &EntityDef) {
    w.push("INSERT INTO ").table(def).push(" (");
    w.columns(def.insert_fields().map(|(_, f)| f.column))
        .push(")");
}

/// The conflict clause and `RETURNING` list that end every bulk insert.
fn insert_tail<E: Entity>(
    w: &mut SqlWriter<'_>,
    conflict: Option<&OnConflict<E>>,
    returning: bool,
) {
    let def = E::def();
    if let Some(conflict) = conflict {
        conflict.render(w, def);
    }
    if returning {
        w.push(" RETURNING ")
            .columns(def.fields.iter().map(|f| f.column));
    }
}

/// `INSERT ... SELECT * FROM UNNEST($1, $2, ...)`, one array parameter per
/// column: the text is the same for 32 or 100,000 rows.
pub(crate) fn unnest_sql<E: Entity>(
    scope: Option<&str>,
    conflict: Option<&OnConflict<E>>,
    returning: bool,
) -> String {
    let def = E::def();
    let mut w = SqlWriter::new(Backend::Postgres, scope);
    insert_head(&mut w, def);
    w.push(" SELECT * FROM UNNEST(");
    for n in 1..=def.insert_fields().count() {
        if n > 1 {
            w.push(", ");
        }
        w.placeholder(n);
    }
    w.push(")");
    insert_tail(&mut w, conflict, returning);
    w.sql
}

/// The rows as one typed array per column, for [`unnest_sql`].
fn column_arrays(def: &EntityDef, rows: Rows) -> Vec<Value> {
    let mut arrays: Vec<Vec<Value>> = (0..rows.width)
        .map(|_| Vec::with_capacity(rows.count))
        .collect();
    for (i, value) in rows.values.into_iter().enumerate() {
        arrays[i % rows.width].push(value);
    }
    arrays
        .into_iter()
        .zip(def.insert_fields())
        .map(|(array, (_, field))| Value::Array(field.ty, array))
        .collect()
}

/// `INSERT ... VALUES (...), (...)` with placeholders for `rows` rows.
pub(crate) fn values_sql<E: Entity>(
    backend: Backend,
    scope: Option<&str>,
    rows: usize,
    conflict: Option<&OnConflict<E>>,
    returning: bool,
) -> String {
    let def = E::def();
    let width = def.insert_fields().count();
    let mut w = SqlWriter::new(backend, scope);
    // About four bytes per placeholder and separator, more on PostgreSQL.
    w.sql.reserve(rows * width * 6 + 64);
    insert_head(&mut w, def);
    w.push(" VALUES ");
    for n in 0..rows * width {
        w.push(match (n, n % width) {
            (0, _) => "(",
            (_, 0) => "), (",
            _ => ", ",
        });
        w.placeholder(n + 1);
    }
    w.push(")");
    insert_tail(&mut w, conflict, returning);
    w.sql
}

/// Whether the `VALUES` text for this many rows is kept in the statement
/// cache: small batches and full chunks, so the cache stays bounded (about
/// 33 texts per entity) whatever sizes callers insert.
fn caches_values_text(rows: usize, per_statement: usize) -> bool {
    rows < UNNEST_MIN_ROWS || rows == per_statement
}

/// Rows per statement under the backend's bind limit.
fn rows_per_statement(backend: Backend, columns: usize) -> usize {
    match backend {
        Backend::Postgres => usize::MAX,
        other => (other.max_binds() / columns.max(1)).max(1),
    }
}

/// Finishes builders into one batch as they come (defaults, generated keys,
/// validation), so each builder's storage is freed before the next one is
/// made rather than all of them piling up first.
/// Each row gets the client's tenant (see `crate::tenant`), refused before
/// any builder is finished when the client has none.
fn finish_rows<E: Entity>(
    target: &Target<'_>,
    creates: impl IntoIterator<Item = Create<E>>,
) -> Result<Rows> {
    let tenant = tenant::insert_value(&target.state().tenancy, E::def())?;
    let width = E::def().insert_fields().count();
    let creates = creates.into_iter();
    let mut values = Vec::with_capacity(creates.size_hint().0 * width);
    let mut count = 0;
    // One instant for every `entkit::now` default of the whole batch.
    crate::clock::one_instant(|| {
        for create in creates {
            create.finish_into(&mut values, tenant.as_ref())?;
            count += 1;
        }
        Ok::<_, Error>(())
    })?;
    Ok(Rows {
        values,
        width,
        count,
    })
}

/// Inserts every row; returns the stored rows when `returning`, else none.
/// Hooks run per row, with the whole insert in one transaction.
async fn insert_rows<E: Entity>(
    mut target: Target<'_>,
    rows: Rows,
    conflict: Option<&OnConflict<E>>,
    returning: bool,
) -> Result<(u64, Vec<E>)> {
    let def = E::def();
    let state = target.state();
    if returning && !state.insert_returning() {
        return Err(Error::Unsupported {
            operation: "returning rows from a bulk insert or upsert (use the counting form)",
            backend: "MySQL (MariaDB 10.5+ can)",
        });
    }
    // The whole batch, before its first chunk is sent.
    crate::backend::limits::check_rows(state.backend(), def, &rows.values)?;
    let width = rows.width;
    super::links::check_foreign_keys(target.reborrow(), def, |field| {
        let Some(position) = def.insert_fields().position(|(i, _)| i == field) else {
            return Vec::new();
        };
        rows.values
            .iter()
            .skip(position)
            .step_by(width.max(1))
            .cloned()
            .collect()
    })
    .await?;
    let hooks = crate::mutation::hooks::applicable(state, def);
    if hooks.is_empty() {
        let (count, stored, _) = write_rows(target, rows, conflict, returning, false).await?;
        return Ok((count, stored));
    }
    let mutations = rows
        .values
        .chunks(width.max(1))
        .map(|row| crate::hooks::Mutation {
            entity: def,
            operation: crate::hooks::Operation::Create,
            fields: def
                .insert_fields()
                .map(|(_, f)| f.name)
                .zip(row.iter().cloned())
                .collect(),
            key: None,
        })
        .collect();
    // An upsert's statement returns the rows it inserted or updated, not
    // those whose conflict it resolved by doing nothing: each input row is
    // matched with the returned row holding its conflict target's values,
    // and a row without one was left alone, so its `after` hooks do not run.
    let matching = match conflict {
        Some(conflict) if returning => Some(ConflictMatch::new(def, conflict, &rows)),
        _ => None,
    };
    let conflict = conflict.cloned();
    crate::mutation::hooks::around_rows(target, hooks, mutations, move |target| {
        Box::pin(async move {
            let (count, stored, targets) = write_rows(
                target,
                rows,
                conflict.as_ref(),
                returning,
                matching.is_some(),
            )
            .await?;
            let keys: Vec<Value> = stored
                .iter()
                .map(|e| crate::value::ColumnValue::into_value(e.key()))
                .collect();
            let written = match matching {
                Some(matching) => Written::Each(matching.keys(&targets, keys)),
                None => Written::All(keys),
            };
            Ok(((count, stored), written))
        })
    })
    .await
}

/// Which input rows of an upsert the returned rows are: by the values of
/// the conflict target's columns, which an inserted or updated row holds as
/// the input row gave them.
struct ConflictMatch {
    /// Per input row, its values of the target's columns.
    inputs: Vec<Vec<Value>>,
}

impl ConflictMatch {
    fn new<E: Entity>(def: &'static EntityDef, conflict: &OnConflict<E>, rows: &Rows) -> Self {
        let positions: Vec<usize> = conflict
            .target
            .iter()
            .filter_map(|column| def.insert_fields().position(|(_, f)| f.column == *column))
            .collect();
        let inputs = rows
            .values
            .chunks(rows.width.max(1))
            .map(|row| positions.iter().map(|p| row[*p].clone()).collect())
            .collect();
        ConflictMatch { inputs }
    }

    /// The stored key of each input row, `None` for a row no returned row
    /// matches (left alone); `targets[i]` holds the target's values of the
    /// row whose key is `keys[i]`.
    ///
    /// The returned rows come in input order in practice, so each input row
    /// is first compared with the row after the last one matched; only when
    /// that is not it are all the rows not yet matched searched (a batch
    /// stays linear unless the server reorders it).
    fn keys(self, targets: &[Vec<Value>], keys: Vec<Value>) -> Vec<Option<Value>> {
        let mut keys: Vec<Option<Value>> = keys.into_iter().map(Some).collect();
        let mut next = 0;
        self.inputs
            .iter()
            .map(|input| {
                let unmatched = |j: usize| keys[j].is_some() && targets[j] == *input;
                let found = if next < targets.len() && unmatched(next) {
                    Some(next)
                } else {
                    (0..targets.len()).find(|j| unmatched(*j))
                }?;
                next = found + 1;
                keys[found].take()
            })
            .collect()
    }
}

/// The INSERT statements for rows whose values are final: the count, the
/// stored rows (with `returning`) and, with `with_targets`, each stored
/// row's values of the conflict target's columns.
async fn write_rows<E: Entity>(
    mut target: Target<'_>,
    rows: Rows,
    conflict: Option<&OnConflict<E>>,
    returning: bool,
    with_targets: bool,
) -> Result<(u64, Vec<E>, Vec<Vec<Value>>)> {
    let state = target.state();
    let backend = state.backend();
    let (width, count) = (rows.width, rows.count);
    let per_statement = rows_per_statement(backend, width);
    let mut chunks: Vec<Rows> = Vec::new();
    if count <= per_statement {
        chunks.push(rows);
    } else {
        let mut values = rows.values.into_iter();
        for first in (0..count).step_by(per_statement) {
            let rows = per_statement.min(count - first);
            let values = values.by_ref().take(rows * width).collect();
            chunks.push(Rows {
                values,
                width,
                count: rows,
            });
        }
    }
    let (mut affected, mut stored, mut targets) = (0, Vec::new(), Vec::new());
    let def = E::def();
    // With `with_targets` (an upsert with hooks), the returned rows also
    // give their values of the conflict target's columns, so that the hooks
    // can tell which input rows they are.
    let positions: Vec<(usize, crate::ColumnType)> = conflict
        .filter(|_| with_targets)
        .map(|c| {
            c.target
                .iter()
                .filter_map(|column| def.field_index(column))
                .map(|i| (i, def.fields[i].ty))
                .collect()
        })
        .unwrap_or_default();
    let tenant = tenant::filter_value(&state.tenancy, def)?;
    let scope = state.scope();
    // Upserts render their text each time (their conflict clause varies).
    let cached = |kind: StatementKind, render: &dyn Fn() -> String| -> Arc<str> {
        match conflict {
            None => state.cache.get_or_render(def, kind, &render),
            Some(_) => Arc::from(render()),
        }
    };
    for chunk in chunks {
        let (sql, binds) = if backend == Backend::Postgres && count >= UNNEST_MIN_ROWS {
            let render = || unnest_sql::<E>(scope, conflict, returning);
            let sql = cached(StatementKind::BulkUnnest { returning }, &render);
            (sql, column_arrays(def, chunk))
        } else {
            let rows = chunk.count;
            let render = || values_sql::<E>(backend, scope, rows, conflict, returning);
            let sql = match caches_values_text(rows, per_statement) {
                true => cached(StatementKind::BulkValues { rows, returning }, &render),
                false => Arc::from(render()),
            };
            (sql, chunk.values)
        };
        let stmt = Statement {
            sql,
            binds,
            entity: Some(def),
            read: false,
        };
        if returning {
            let got = fetch_stored(target.reborrow(), stmt, tenant.as_ref(), &positions).await?;
            affected += got.len() as u64;
            for (entity, values) in got {
                stored.push(entity);
                if with_targets {
                    targets.push(values);
                }
            }
        } else {
            affected += target.reborrow().execute(stmt).await?.rows_affected;
        }
    }
    Ok((affected, stored, targets))
}

/// The rows an insert returned, each with its values of the columns at
/// `positions`; with `tenant`, only the rows that belong to it: MariaDB's
/// `RETURNING` after `ON DUPLICATE KEY UPDATE` returns the conflicting row
/// even when its guard left it alone, which may be another tenant's.
async fn fetch_stored<E: Entity>(
    target: Target<'_>,
    stmt: Statement,
    tenant: Option<&Value>,
    positions: &[(usize, crate::ColumnType)],
) -> Result<Vec<(E, Vec<Value>)>> {
    let def = E::def();
    let tenant_at = tenant.and(def.tenant).map(|i| (i, def.fields[i].ty));
    let decode = |row: crate::RowRef<'_>| {
        let values = positions
            .iter()
            .map(|(i, ty)| Value::decode(row, *i, *ty))
            .collect::<Result<Vec<_>>>()?;
        let owner = match tenant_at {
            Some((i, ty)) => Some(Value::decode(row, i, ty)?),
            None => None,
        };
        Ok((E::from_row(row)?, values, owner))
    };
    let rows = target.fetch_all(stmt, decode).await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, owner)| owner.is_none() || owner.as_ref() == tenant)
        .map(|(e, values, _)| (e, values))
        .collect())
}

impl<E: Entity> Create<E> {
    /// Inserts many rows in as few statements as the backend allows (one
    /// `UNNEST` on PostgreSQL; multi-row `VALUES` chunked under the bind
    /// limit elsewhere) and returns them as stored. MySQL proper (not
    /// MariaDB) cannot return them: use [`insert_many`](Self::insert_many).
    ///
    /// The builders are finished (and validated) when this is called, so
    /// the iterator need not be `Send`; the future only holds their values.
    pub fn save_many<'a>(
        exec: impl Executor<'a>,
        creates: impl IntoIterator<Item = Create<E>>,
    ) -> impl Future<Output = Result<Vec<E>>> + Send + 'a {
        let target = exec.into_target();
        let rows = finish_rows::<E>(&target, creates);
        async move { Ok(insert_rows::<E>(target, rows?, None, true).await?.1) }
    }

    /// Inserts many rows; returns how many were written.
    pub fn insert_many<'a>(
        exec: impl Executor<'a>,
        creates: impl IntoIterator<Item = Create<E>>,
    ) -> impl Future<Output = Result<u64>> + Send + 'a {
        let target = exec.into_target();
        let rows = finish_rows::<E>(&target, creates);
        async move { Ok(insert_rows::<E>(target, rows?, None, false).await?.0) }
    }

    /// Inserts or, on conflict, applies `on_conflict`; returns the row as
    /// stored, or `None` when the conflict was resolved by doing nothing
    /// (PostgreSQL, SQLite; MariaDB returns the existing row then).
    pub async fn upsert<'a>(
        self,
        exec: impl Executor<'a>,
        on_conflict: &OnConflict<E>,
    ) -> Result<Option<E>> {
        let target = exec.into_target();
        let rows = finish_rows::<E>(&target, [self])?;
        let (_, mut stored) = insert_rows(target, rows, Some(on_conflict), true).await?;
        Ok(stored.pop())
    }

    /// Bulk upsert; returns the rows inserted or updated.
    pub fn upsert_many<'a>(
        exec: impl Executor<'a>,
        creates: impl IntoIterator<Item = Create<E>>,
        on_conflict: &OnConflict<E>,
    ) -> impl Future<Output = Result<Vec<E>>> + Send + 'a {
        let target = exec.into_target();
        let rows = finish_rows::<E>(&target, creates);
        // A few column names: owned by the future, so it borrows nothing else.
        let conflict = on_conflict.clone();
        async move {
            Ok(insert_rows::<E>(target, rows?, Some(&conflict), true)
                .await?
                .1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ConflictMatch;
    use crate::value::Value;

    fn text(s: &str) -> Vec<Value> {
        vec![Value::Text(s.to_owned())]
    }

    #[test]
    fn returned_rows_are_matched_to_input_rows_by_the_conflict_target() {
        let matching = ConflictMatch {
            inputs: vec![text("b"), text("a"), text("c"), text("b")],
        };
        // `a` was left alone; the server returned `c` before `b`; the second
        // `b` (a duplicate within the batch) matches nothing left.
        let targets = [text("c"), text("b")];
        let keys = matching.keys(&targets, vec![Value::I64(3), Value::I64(2)]);
        assert_eq!(keys, [Some(Value::I64(2)), None, Some(Value::I64(3)), None]);
    }

    #[test]
    fn rows_returned_in_input_order_match_one_after_another() {
        let matching = ConflictMatch {
            inputs: vec![text("a"), text("b"), text("c")],
        };
        let targets = [text("a"), text("b"), text("c")];
        let keys = matching.keys(&targets, (1..=3).map(Value::I64).collect());
        assert_eq!(
            keys,
            (1..=3).map(|k| Some(Value::I64(k))).collect::<Vec<_>>()
        );
    }
}
