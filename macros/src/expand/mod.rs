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

/// After an error: the errors, plus what the rest of the program needs to
/// type-check against the entity, the way thiserror's fallback does: the
/// column constants, the `<Name>Edges` holder, and an `impl Entity` whose
/// bodies are never reached (the build has already failed). So a mistake in
/// an entity is reported where it is, not again as "`User` is not an entity"
/// in every entity and function that names it. (The builders and edge
/// methods are not stubbed: code calling them still sees follow-on errors.)
fn fallback(entity: &Entity<'_>, errors: TokenStream) -> TokenStream {
    if !entity.input.generics.params.is_empty() {
        return errors;
    }
    let columns = columns::expand(entity);
    let ident = entity.ident;
    let vis = entity.vis;
    let krate = &entity.krate;
    let entity_stub = entity.primary_key.map(|key| {
        let key_ty = entity.fields[key].ty;
        quote! {
            #[automatically_derived]
            impl #krate::Entity for #ident {
                type Key = #key_ty;
                fn def() -> &'static #krate::EntityDef {
                    ::core::unreachable!("the entity did not compile")
                }
                fn from_row(_: #krate::RowRef<'_>) -> #krate::Result<Self> {
                    ::core::unreachable!("the entity did not compile")
                }
                fn key(&self) -> Self::Key {
                    ::core::unreachable!("the entity did not compile")
                }
                fn link_value(&self, _: &str) -> ::core::option::Option<#krate::Value> {
                    ::core::unreachable!("the entity did not compile")
                }
            }
        }
    });
    let edges_stub = entity.edges_field.map(|_| {
        let name = edges::edges_struct_name(entity);
        quote! {
            /// Stands in for the loaded neighbours while the entity has errors.
            #[derive(Default)]
            #vis struct #name {}
        }
    });
    quote! {
        #errors
        #columns
        #entity_stub
        #edges_stub
    }
}
