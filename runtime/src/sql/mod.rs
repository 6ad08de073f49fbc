//! A small SQL tree and its renderer.
//!
//! Builders produce [`Expr`] trees; [`SqlWriter`] renders them for one
//! (backend, scope) pair, collecting bind values as it goes. Fixed-shape
//! statements are rendered once and cached by the client.

mod expr;
mod statements;
mod writer;

pub(crate) use expr::Ordering;
pub(crate) use expr::{CmpOp, Expr, JsonTest, SubSelect, TableRef, TextOp};
pub use expr::{NullsOrder, OrderTerm, Predicate};
pub(crate) use statements::*;
pub use statements::{LockWait, RowLock};
pub(crate) use writer::SqlWriter;

use std::sync::Arc;

use crate::schema::EntityDef;
use crate::value::Value;

/// A rendered statement with its bind values.
pub(crate) struct Statement {
    pub sql: Arc<str>,
    pub binds: Vec<Value>,
    /// The entity the statement is about, for mapping constraint errors.
    pub entity: Option<&'static EntityDef>,
    /// A read entkit generated (a `SELECT` of the typed API, not
    /// hand-written SQL, without row locks): sending it again changes
    /// nothing, so one that failed on a connection the server dropped may
    /// be retried, and outside a transaction it may run on a read replica.
    pub read: bool,
}

// The SQL tree reads the schema metadata, never the other way round: this
// method lives here rather than in `schema`, so the arrow runs one way.
impl EntityDef {
    /// `deleted_at IS NULL` for soft-delete entities: the rows still alive.
    pub(crate) fn live_filter(&self) -> Option<Expr> {
        self.soft_delete.map(|column| Expr::IsNull {
            column,
            negated: false,
        })
    }
}
