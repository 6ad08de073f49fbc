//! Code generation: one module per generated surface.

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
        return cx.finish().unwrap_or_default();
    };
    check(&cx, &entity);
    if let Some(errors) = cx.finish() {
        return fallback(&entity, errors);
    }
    let metadata = metadata::expand(&entity);
    let columns = columns::expand(&entity);
    let create = create::expand(&entity);
    let update = update::expand(&entity);
    let debug = debug::expand(&entity);
    let edges = edges::expand(&entity);
    quote! {
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
