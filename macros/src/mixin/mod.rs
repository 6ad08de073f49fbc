//! Mixins: fields declared once and inserted into many entities.
//!
//! A derive sees only the struct it is on and cannot add fields, so mixins
//! take three steps, chained by a macro callback (the "tt-muncher callback"
//! pattern):
//!
//! 1. `#[mixin]` on a struct ([`define`]) turns its fields into a
//!    `macro_rules!` named after the struct. Invoked with a callback path and
//!    a state, that macro calls the callback with the state followed by
//!    `fields: { <its fields> }`, every token with the span it was written
//!    with. The attribute also keeps the struct, without its `#[entity]`
//!    options, so the mixin has a documentation page.
//! 2. `#[mixins(A, B)]` on an entity struct ([`apply`]) starts the chain:
//!    it calls the hidden `__private::mixin_step!` with the mixins to visit
//!    and the struct.
//! 3. `mixin_step!` ([`step`]) calls the next mixin's macro with itself as
//!    the callback, collecting each mixin's fields, and once none is left
//!    emits the struct with the mixins' fields first, in the order the
//!    attribute names them, then its own. It reports a field that two
//!    mixins define, or that a mixin and the struct both define.
//!
//! The state passed along is a list of `key: group` pairs (see
//! [`state::State`]); only this crate reads or writes it.

mod apply;
mod define;
mod state;
mod step;

pub use apply::apply;
pub use define::define;
pub use step::step;

/// The first token of every call of a mixin's macro: a user who invokes the
/// macro by hand gets a message, not a chain.
const MARKER: &str = "__entkit_mixin";
