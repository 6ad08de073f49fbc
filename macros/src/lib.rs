//! The `#[derive(Entity)]` macro of entkit.
//!
//! This crate is a thin entry point over a small pipeline (private modules):
//! 1. `attr` and `model` parse the struct and its `#[entity(...)]`
//!    attributes into a model that keeps every token's span;
//! 2. `check` validates the model as a whole, collecting every error in a
//!    `ctxt::Ctxt` so one build reports all of them;
//! 3. `expand` emits static metadata and thin typed wrappers around the
//!    generic runtime types of the `entkit` crate, every one named through
//!    the hidden `entkit::__private` module (see `krate`).
//!
//! Mixins (`#[mixin]`, `#[mixins(..)]`) are attribute macros beside it, in
//! `mixin`: they build the struct the derive then sees.
//!
//! Users depend on `entkit`, which re-exports the macros.

mod attr;
mod check;
mod ctxt;
mod embed;
mod expand;
mod krate;
mod mixin;
mod model;
mod names;
#[cfg(test)]
mod snapshots;
mod value;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `entkit::Enum` behaviour for a fieldless enum: stored as text,
/// constrained by a CHECK to its variants' names (snake_case, or
/// `#[entity(rename = "...")]`).
#[proc_macro_derive(Enum, attributes(entity))]
pub fn derive_enum(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::enum_value::derive(&input).into()
}

/// Derives `entkit::Entity`. See the `entkit` crate for the attributes.
#[proc_macro_derive(Entity, attributes(entity))]
pub fn derive_entity(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}

/// Embeds a migration directory: `embed_migrations!("migrations/identity/postgres")`
/// reads the directory (relative to `CARGO_MANIFEST_DIR`) at compile time and
/// expands to `MigrationSet::from_files([...])`, each file included with
/// `include_str!`. A directory that cannot be read is a compile error.
/// `embed_migrations!("dir", crate = path)` names entkit through a re-export.
#[proc_macro]
pub fn embed_migrations(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as embed::Input);
    embed::expand(&input).into()
}

/// Declares a mixin: fields that `#[mixins(..)]` inserts into entities.
/// See `entkit::mixin`.
#[proc_macro_attribute]
pub fn mixin(args: TokenStream, item: TokenStream) -> TokenStream {
    mixin::define(args.into(), item.into()).into()
}

/// Inserts the fields of the named mixins into the struct; goes above its
/// `#[derive(Entity)]`. See `entkit::mixins`.
#[proc_macro_attribute]
pub fn mixins(args: TokenStream, item: TokenStream) -> TokenStream {
    mixin::apply(args.into(), item.into()).into()
}

/// One step of the chain `#[mixins(..)]` starts: visits the next mixin, or
/// emits the struct with every mixin's fields. Reached through
/// `entkit::__private::mixin_step`; not called by hand.
#[doc(hidden)]
#[proc_macro]
pub fn __mixin_step(input: TokenStream) -> TokenStream {
    mixin::step(input.into()).into()
}
