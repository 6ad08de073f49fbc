//! A stored row handed back through code that does not know the entity's
//! type.
//!
//! Creates and updates do the same work for every entity, apart from
//! decoding the row the database returns. That work takes the entity's
//! definition instead of its type, so it is compiled once, in this crate,
//! rather than for every entity in every crate that writes rows; the
//! decoding is a function pointer that boxes the entity, and the generic
//! entry point unboxes it.

use std::any::Any;

use crate::backend::RowRef;
use crate::entity::Entity;
use crate::error::Result;
use crate::value::{ColumnValue, Value};

/// A stored entity of a type the code holding it does not name.
pub(crate) type Stored = Box<dyn Any + Send>;

/// Decodes a stored row and reads its key: the one part of a write that
/// needs the entity's type.
pub(crate) type DecodeStored = fn(RowRef<'_>) -> Result<(Stored, Value)>;

/// [`DecodeStored`] for `E`.
pub(crate) fn decode_stored<E: Entity>(row: RowRef<'_>) -> Result<(Stored, Value)> {
    let stored = E::from_row(row)?;
    let key = stored.key().into_value();
    Ok((Box::new(stored), key))
}

/// The entity [`decode_stored::<E>`](decode_stored) boxed.
pub(crate) fn unbox<E: Entity>(stored: Stored) -> E {
    *stored
        .downcast::<E>()
        .expect("a stored row is decoded by decode_stored::<E> of its own entity")
}
