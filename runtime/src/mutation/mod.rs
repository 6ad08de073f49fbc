//! Create, update and delete builders that generated code wraps.

pub(crate) mod bulk;
mod create;
mod delete;
pub(crate) mod hooks;
mod links;
mod stored;
mod update;
mod validate;

pub use bulk::OnConflict;
pub use create::Create;
pub use delete::{Delete, delete_by_key, hard_delete_by_key, restore_by_key};
pub use update::{Update, UpdateOne};

/// A builder that accepts field assignments; implemented by [`Update`] and
/// [`UpdateOne`] so one generated set of `set_*` methods serves both.
pub trait Assign {
    /// Sets field `index` to `value`.
    fn assign(&mut self, index: usize, value: crate::Value);
    /// Adds `delta` to field `index` in the database.
    fn assign_add(&mut self, index: usize, delta: crate::Value);
}

impl<E: crate::Entity> Assign for Update<E> {
    fn assign(&mut self, index: usize, value: crate::Value) {
        self.set(index, value);
    }
    fn assign_add(&mut self, index: usize, delta: crate::Value) {
        self.add(index, delta);
    }
}

impl<E: crate::Entity> Assign for UpdateOne<E> {
    fn assign(&mut self, index: usize, value: crate::Value) {
        self.set(index, value);
    }
    fn assign_add(&mut self, index: usize, delta: crate::Value) {
        self.add(index, delta);
    }
}

/// Typestate marker: a required field of a create builder has been set.
#[derive(Debug, Clone, Copy, Default)]
pub struct Set;

/// Typestate marker: the required field `F` of a create builder is not set yet.
/// `F` is a marker type named after the field, so the compiler's message
/// names what is missing.
///
/// The trait impls below are written by hand, without bounds on `F`: the
/// generated field markers are bare unit structs with no impls of their own,
/// so a derive (which would require `F: Debug` and so on) would force every
/// entity to emit, and compile, a `Debug`/`Clone`/`Copy` impl per required field.
pub struct Missing<F>(std::marker::PhantomData<F>);

impl<F> std::fmt::Debug for Missing<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Missing<{}>", std::any::type_name::<F>())
    }
}

impl<F> Clone for Missing<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for Missing<F> {}

impl<F> Default for Missing<F> {
    fn default() -> Self {
        Missing(std::marker::PhantomData)
    }
}

/// Implemented only by [`Set`]: `save` requires it of every required field.
#[diagnostic::on_unimplemented(
    message = "a required field is not set: `{Self}`",
    label = "this create builder is missing a required field",
    note = "call the setter named in `Missing<...>` before `save` or `upsert`"
)]
pub trait IsSet {}
impl IsSet for Set {}
