//! The trait `#[derive(Entity)]` implements.

use crate::backend::RowRef;
use crate::error::Result;
use crate::schema::EntityDef;
use crate::value::{ColumnValue, Value};

/// A struct mapped to a table. Implemented by `#[derive(Entity)]`; not
/// meant to be implemented by hand.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an entity",
    label = "not an entity",
    note = "edges and queries work on structs with `#[derive(Entity)]`"
)]
pub trait Entity: Sized + Send + Sync + Unpin + 'static {
    /// The primary key's type.
    type Key: ColumnValue + Clone;

    /// The entity's static schema description.
    fn def() -> &'static EntityDef;

    /// Decodes an entity from a row whose columns are `def().fields`, in order.
    fn from_row(row: RowRef<'_>) -> Result<Self>;

    /// The entity's primary key.
    fn key(&self) -> Self::Key;

    /// The value of the key column or of a foreign-key column, by column
    /// name; `None` for other columns. Edge loading reads links through it.
    fn link_value(&self, column: &str) -> Option<Value>;
}
