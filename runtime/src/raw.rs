//! The raw-SQL escape hatch: trusted SQL text, bound parameters only.

use std::sync::Arc;

use crate::backend::RowRef;
use crate::entity::Entity;
use crate::error::Result;
use crate::exec::{Executor, hand_written};
use crate::sql::Statement;
use crate::value::{ColumnValue, Value};

/// A statement written by hand. The text is sent as written (placeholders
/// in the backend's own style: `$1` on PostgreSQL, `?` on MySQL and
/// SQLite); every value travels as a bound parameter, never as text.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
/// let client = entkit::Client::connect("sqlite::memory:").await?;
/// let rows: Vec<(i64, String)> = entkit::RawQuery::new("SELECT ?, ?")
///     .bind(7i64)
///     .bind("seven")
///     .fetch_all(&client)
///     .await?;
/// assert_eq!(rows, [(7, "seven".to_owned())]);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct RawQuery {
    sql: Arc<str>,
    binds: Vec<Value>,
}

/// A value [`RawQuery::bind`] accepts: every column type, and `&str`.
pub trait IntoValue {
    /// Converts into a bindable value.
    fn into_bind(self) -> Value;
}

impl<T: ColumnValue> IntoValue for T {
    fn into_bind(self) -> Value {
        self.into_value()
    }
}

impl IntoValue for &str {
    fn into_bind(self) -> Value {
        Value::Text(self.to_owned())
    }
}

/// A row shape a [`RawQuery`] decodes into: tuples of column values.
pub trait FromRawRow: Sized + Send {
    /// Decodes one row.
    fn from_raw_row(row: RowRef<'_>) -> Result<Self>;
}

macro_rules! tuple_rows {
    ($(($($t:ident $i:tt),+))*) => {$(
        impl<$($t: ColumnValue),+> FromRawRow for ($($t,)+) {
            fn from_raw_row(row: RowRef<'_>) -> Result<Self> {
                Ok(($($t::decode(row, $i)?,)+))
            }
        }
    )*};
}
tuple_rows! {
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, F 4)
    (A 0, B 1, C 2, D 3, F 4, G 5)
}

impl RawQuery {
    /// A statement with this (trusted) SQL text.
    pub fn new(sql: impl Into<String>) -> Self {
        RawQuery {
            sql: Arc::from(sql.into()),
            binds: Vec::new(),
        }
    }

    /// Binds the next parameter: any column value, or a `&str`.
    pub fn bind(mut self, value: impl IntoValue) -> Self {
        self.binds.push(value.into_bind());
        self
    }

    fn statement(self) -> Result<Statement> {
        hand_written(self.sql, self.binds)
    }

    /// Runs a statement without results; returns the rows affected.
    pub async fn execute<'a>(self, exec: impl Executor<'a>) -> Result<u64> {
        Ok(exec
            .into_target()
            .execute(self.statement()?)
            .await?
            .rows_affected)
    }

    /// Fetches all rows as tuples.
    pub async fn fetch_all<'a, R: FromRawRow>(self, exec: impl Executor<'a>) -> Result<Vec<R>> {
        exec.into_target()
            .fetch_all(self.statement()?, R::from_raw_row)
            .await
    }

    /// Fetches all rows as entities: the statement must select the entity's
    /// columns in field order (e.g. `SELECT * FROM users WHERE ...`).
    pub async fn fetch_entities<'a, E: Entity>(self, exec: impl Executor<'a>) -> Result<Vec<E>> {
        let mut stmt = self.statement()?;
        stmt.entity = Some(E::def());
        exec.into_target().fetch_all(stmt, E::from_row).await
    }
}
