//! Create, update and delete builders that generated code wraps.

mod create;
mod delete;
mod update;
mod validate;

pub use create::Create;
pub use delete::{Delete, delete_by_key};
pub use update::{Update, UpdateOne};

/// A builder that accepts field assignments; implemented by [`Update`] and
/// [`UpdateOne`] so one generated set of `set_*` methods serves both.
pub trait Assign {
    /// Sets field `index` to `value`.
    fn assign(&mut self, index: usize, value: crate::Value);
}

impl<E: crate::Entity> Assign for Update<E> {
    fn assign(&mut self, index: usize, value: crate::Value) {
        self.set(index, value);
    }
}

impl<E: crate::Entity> Assign for UpdateOne<E> {
    fn assign(&mut self, index: usize, value: crate::Value) {
        self.set(index, value);
    }
}

/// Typestate marker: a required field of a create builder has been set.
#[derive(Debug, Clone, Copy, Default)]
pub struct Set;

/// Typestate marker: the required field `F` of a create builder is not set yet.
/// `F` is a marker type named after the field, so the compiler's message
/// names what is missing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Missing<F>(std::marker::PhantomData<F>);

/// Implemented only by [`Set`]: `save` requires it of every required field.
#[diagnostic::on_unimplemented(
    message = "a required field is not set: `{Self}`",
    label = "this create builder is missing a required field",
    note = "call the setter named in `Missing<...>` before `save`"
)]
pub trait IsSet {}
impl IsSet for Set {}
