//! `Debug` with sensitive fields redacted, and the optional `Serialize`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Entity;

pub fn expand(entity: &Entity<'_>) -> TokenStream {
    let ident = entity.ident;
    let krate = &entity.krate;
    let name = ident.to_string();
    let debug = (!entity.attrs.no_debug.is_set()).then(|| {
        let fields = entity.fields.iter().map(|f| {
            let field = f.ident;
            let label = &f.name;
            if f.attrs.sensitive.is_set() {
                quote!(.field(#label, &::core::format_args!("[REDACTED]")))
            } else {
                quote!(.field(#label, &self.#field))
            }
        });
        let edges = entity.edges_field.map(|e| {
            let label = e.to_string();
            quote!(.field(#label, &self.#e))
        });
        quote! {
            // The one generated trait impl not marked `#[automatically_derived]`:
            // rustc's dead-code lint does not count reads in such `Debug` impls,
            // so the mark would turn every entity field the program reads only
            // through the database into a "field is never read" warning.
            impl ::core::fmt::Debug for #ident {
                // `#[inline]`, as `#[derive(Debug)]` emits it: compiled in the
                // crates that format the entity, not up front in this one.
                #[inline]
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#name) #(#fields)* #edges .finish()
                }
            }
        }
    });
    let serialize = entity.attrs.serialize.is_set().then(|| {
        let visible: Vec<_> = entity.fields.iter().filter(|f| !f.attrs.sensitive.is_set()).collect();
        let count = visible.len();
        let fields = visible.iter().map(|f| {
            let field = f.ident;
            let label = &f.name;
            quote!(#krate::serde::ser::SerializeStruct::serialize_field(&mut state, #label, &self.#field)?;)
        });
        quote! {
            #[automatically_derived]
            impl #krate::serde::Serialize for #ident {
                fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
                where
                    S: #krate::serde::Serializer,
                {
                    let mut state = serializer.serialize_struct(#name, #count)?;
                    #(#fields)*
                    #krate::serde::ser::SerializeStruct::end(state)
                }
            }
        }
    });
    quote! {
        #debug
        #serialize
    }
}
