//! Many rows in one call: bulk insert and upsert.

use super::Create;
use crate::client::{Executor, Target};
use crate::dialect::Backend;
use crate::entity::Entity;
use crate::error::{Error, Result};
use crate::schema::EntityDef;
use crate::sql::{SqlWriter, Statement};
use crate::value::Value;

/// What an insert does when it meets an existing row with the same key or
/// unique value.
///
/// ```text
/// User::create().email("a@x").name("A")
///     .upsert(&client, OnConflict::on(User::EMAIL).update(User::NAME))
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

    fn updated_columns(&self, def: &EntityDef) -> Vec<&'static str> {
        match &self.action {
            ConflictAction::Nothing => Vec::new(),
            ConflictAction::Update(columns) => columns.clone(),
            ConflictAction::UpdateAll => def
                .insert_fields()
                .map(|(_, f)| f)
                .filter(|f| !f.primary_key && !f.immutable && !self.target.contains(&f.column))
                .map(|f| f.column)
                .collect(),
        }
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
                w.ident(column).push(" = VALUES(").ident(column).push(")");
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
    }
}

/// Renders one INSERT for `rows` (each in insert-field order).
fn render_insert<E: Entity>(
    backend: Backend,
    scope: Option<&str>,
    rows: Vec<Vec<Value>>,
    conflict: Option<&OnConflict<E>>,
    returning: bool,
) -> Statement {
    let def = E::def();
    let columns: Vec<&FieldRef> = def.insert_fields().map(|(_, f)| f).collect();
    let mut w = SqlWriter::new(backend, scope);
    w.push("INSERT INTO ").table(def).push(" (");
    w.columns(columns.iter().map(|f| f.column)).push(")");
    if backend == Backend::Postgres {
        // One array per column: the text is the same for 1 or 100,000 rows.
        let mut arrays: Vec<Vec<Value>> = columns
            .iter()
            .map(|_| Vec::with_capacity(rows.len()))
            .collect();
        for row in rows {
            for (array, value) in arrays.iter_mut().zip(row) {
                array.push(value);
            }
        }
        w.push(" SELECT * FROM UNNEST(");
        for (i, (array, field)) in arrays.into_iter().zip(&columns).enumerate() {
            if i > 0 {
                w.push(", ");
            }
            w.bind(Value::Array(field.ty, array));
        }
        w.push(")");
    } else {
        w.push(" VALUES ");
        for (i, row) in rows.into_iter().enumerate() {
            w.push(if i == 0 { "(" } else { ", (" });
            for (j, value) in row.into_iter().enumerate() {
                if j > 0 {
                    w.push(", ");
                }
                w.bind(value);
            }
            w.push(")");
        }
    }
    if let Some(conflict) = conflict {
        conflict.render(&mut w, def);
    }
    if returning {
        w.push(" RETURNING ")
            .columns(def.fields.iter().map(|f| f.column));
    }
    w.finish(Some(def))
}

type FieldRef = crate::FieldDef;

/// Rows per statement under the backend's bind limit.
fn rows_per_statement(backend: Backend, columns: usize) -> usize {
    match backend {
        Backend::Postgres => usize::MAX,
        other => (other.max_binds() / columns.max(1)).max(1),
    }
}

/// Inserts every row; returns the stored rows when `returning`, else none.
/// Hooks run per row, with the whole insert in one transaction.
pub(crate) async fn insert_rows<E: Entity>(
    target: Target<'_>,
    creates: Vec<Create<E>>,
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
    let mut rows = Vec::with_capacity(creates.len());
    for create in creates {
        rows.push(create.finish_values()?);
    }
    let hooks = crate::hooks::applicable(&state.hooks, def);
    if hooks.is_empty() {
        return write_rows(target, rows, conflict, returning).await;
    }
    let mutations = rows
        .iter()
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
    let conflict = conflict.cloned();
    crate::hooks::around_many(target, hooks, mutations, move |target| {
        Box::pin(async move {
            let (count, stored) = write_rows(target, rows, conflict.as_ref(), returning).await?;
            let keys = stored
                .iter()
                .map(|e| crate::value::ColumnValue::into_value(e.key()))
                .collect();
            Ok(((count, stored), keys))
        })
    })
    .await
}

/// The INSERT statements for rows whose values are final.
async fn write_rows<E: Entity>(
    mut target: Target<'_>,
    rows: Vec<Vec<Value>>,
    conflict: Option<&OnConflict<E>>,
    returning: bool,
) -> Result<(u64, Vec<E>)> {
    let state = target.state();
    let backend = state.backend();
    let columns = E::def().insert_fields().count();
    let per_statement = rows_per_statement(backend, columns);
    let (mut affected, mut stored) = (0, Vec::new());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_statement).collect();
        let stmt = render_insert::<E>(backend, state.scope(), chunk, conflict, returning);
        if returning {
            let mut got = target.reborrow().fetch_all(stmt, E::from_row).await?;
            affected += got.len() as u64;
            stored.append(&mut got);
        } else {
            affected += target.reborrow().execute(stmt).await?.rows_affected;
        }
    }
    Ok((affected, stored))
}

impl<E: Entity> Create<E> {
    /// Inserts many rows in as few statements as the backend allows (one
    /// `UNNEST` on PostgreSQL; multi-row `VALUES` chunked under the bind
    /// limit elsewhere) and returns them as stored. MySQL proper (not
    /// MariaDB) cannot return them: use [`insert_many`](Self::insert_many).
    pub async fn save_many<'a>(exec: impl Executor<'a>, creates: Vec<Create<E>>) -> Result<Vec<E>> {
        Ok(insert_rows(exec.into_target(), creates, None, true)
            .await?
            .1)
    }

    /// Inserts many rows; returns how many were written.
    pub async fn insert_many<'a>(exec: impl Executor<'a>, creates: Vec<Create<E>>) -> Result<u64> {
        Ok(insert_rows(exec.into_target(), creates, None, false)
            .await?
            .0)
    }

    /// Inserts or, on conflict, applies `on_conflict`; returns the row as
    /// stored, or `None` when the conflict was resolved by doing nothing
    /// (PostgreSQL, SQLite; MariaDB returns the existing row then).
    pub async fn upsert<'a>(
        self,
        exec: impl Executor<'a>,
        on_conflict: &OnConflict<E>,
    ) -> Result<Option<E>> {
        let (_, mut rows) =
            insert_rows(exec.into_target(), vec![self], Some(on_conflict), true).await?;
        Ok(rows.pop())
    }

    /// Bulk upsert; returns the rows inserted or updated.
    pub async fn upsert_many<'a>(
        exec: impl Executor<'a>,
        creates: Vec<Create<E>>,
        on_conflict: &OnConflict<E>,
    ) -> Result<Vec<E>> {
        Ok(
            insert_rows(exec.into_target(), creates, Some(on_conflict), true)
                .await?
                .1,
        )
    }
}
