//! Code generation: one module per generated surface.
//!
//! Two conventions keep the per-entity compile cost down:
//!
//! - Methods that only delegate to an async runtime function are plain
//!   `fn`s returning that function's future as `impl Future`, not `async fn`s:
//!   an `async fn` wrapper adds a state machine of its own per method and
//!   entity, which the compiler has to build, check and lay out for nothing.
//!   The generated `impl Future` uses edition 2024 capture rules whatever the
//!   user's edition (the tokens carry this crate's edition), so it captures
//!   every lifetime in scope, exactly like the `async fn` it replaces.
//! - Small non-generic methods (constructors such as `create()` and
//!   `query()`, edge accessors, `Debug`, the `Entity` methods) are
//!   `#[inline]`, so they are compiled in the crates that call them, next to
//!   the generic runtime code they feed, instead of up front for every entity.

mod columns;
mod create;
mod debug;
pub mod edges;
pub mod enum_value;
mod metadata;
mod update;

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::check::check;
use crate::ctxt::Ctxt;
use crate::model::Entity;

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let Some(entity) = Entity::from_input(&cx, input) else {
        let recovered = cx.take_recovered();
        let errors = cx.finish().unwrap_or_default();
        return quote!(#errors #recovered);
    };
    check(&cx, &entity);
    let recovered = cx.take_recovered();
    if let Some(errors) = cx.finish() {
        return fallback(&entity, quote!(#errors #recovered));
    }
    let metadata = metadata::expand(&entity);
    let columns = columns::expand(&entity);
    let create = create::expand(&entity);
    let update = update::expand(&entity);
    let debug = debug::expand(&entity);
    let edges = edges::expand(&entity);
    quote! {
        #recovered
        #metadata
        #columns
        #create
        #update
        #debug
        #edges
    }
}

/// After an error: the errors, plus the column constants (their types are
/// known), so code that uses `User::NAME` does not drown in follow-on errors.
fn fallback(entity: &Entity<'_>, errors: TokenStream) -> TokenStream {
    let columns = if entity.input.generics.params.is_empty() {
        columns::expand(entity)
    } else {
        TokenStream::new()
    };
    quote! {
        #errors
        #columns
    }
}
