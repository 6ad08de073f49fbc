//! The typestate create builder: `save` exists only once every required
//! field has been set, so a missing field is a compile error.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::Entity;
use crate::names::camel;

pub fn expand(entity: &Entity<'_>) -> TokenStream {
    let ident = entity.ident;
    let krate = &entity.krate;
    let vis = entity.vis;
    let builder = format_ident!("{}Create", ident);
    let markers = format_ident!(
        "__{}_required",
        crate::names::column_const(&ident.to_string()).to_lowercase()
    );

    // One typestate parameter per required field, in field order.
    let required: Vec<(usize, &crate::model::Field<'_>)> = entity
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.required_in_create())
        .collect();
    let params: Vec<_> = required
        .iter()
        .map(|(_, f)| format_ident!("__{}", camel(&f.name)))
        .collect();
    let marker_names: Vec<_> = required
        .iter()
        .map(|(_, f)| format_ident!("{}", f.name))
        .collect();
    let missing: Vec<_> = marker_names
        .iter()
        .map(|m| quote!(#krate::Missing<#markers::#m>))
        .collect();

    let all_set: Vec<TokenStream> = params.iter().map(|_| quote!(#krate::Set)).collect();
    let setters = entity.fields.iter().enumerate().filter(|(_, f)| f.settable_in_create()).map(|(index, f)| {
        let name = f.ident;
        let ty = f.ty;
        let doc = format!("Sets `{}`.", f.name);
        match required.iter().position(|(i, _)| *i == index) {
            // A required field: the setter moves its parameter to `Set`.
            Some(slot) => {
                let out: Vec<TokenStream> = params
                    .iter()
                    .enumerate()
                    .map(|(j, p)| if j == slot { quote!(#krate::Set) } else { quote!(#p) })
                    .collect();
                quote! {
                    #[doc = #doc]
                    pub fn #name(mut self, value: impl #krate::Operand<#ty>) -> #builder<#(#out),*> {
                        self.inner.set(#index, #krate::Operand::into_operand(value));
                        #builder { inner: self.inner, _state: ::core::marker::PhantomData }
                    }
                }
            }
            None => quote! {
                #[doc = #doc]
                pub fn #name(mut self, value: impl #krate::Operand<#ty>) -> Self {
                    self.inner.set(#index, #krate::Operand::into_operand(value));
                    self
                }
            },
        }
    });

    let doc = format!(
        "Builder for a new [`{ident}`]; `save` compiles once every required field is set. Made by [`{ident}::create`]."
    );
    let create_doc = format!("Starts building a new `{ident}`.");
    quote! {
        /// Marker types naming the required fields of the create builder.
        /// Bare unit structs: they only ever appear inside `entkit::builder::Missing`,
        /// whose impls need nothing from them, so they cost no code.
        #[doc(hidden)]
        #[allow(non_camel_case_types, non_snake_case, dead_code)]
        #vis mod #markers {
            #(
                pub struct #marker_names;
            )*
        }

        #[doc = #doc]
        #[must_use = "a create builder does nothing until `save` is called"]
        #vis struct #builder<#(#params = #missing),*> {
            inner: #krate::Create<#ident>,
            _state: ::core::marker::PhantomData<fn() -> (#(#params,)*)>,
        }

        #[automatically_derived]
        impl<#(#params),*> ::core::fmt::Debug for #builder<#(#params),*> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Debug::fmt(&self.inner, f)
            }
        }

        impl #ident {
            #[doc = #create_doc]
            #[inline]
            #vis fn create() -> #builder {
                #builder { inner: #krate::Create::new(), _state: ::core::marker::PhantomData }
            }
        }

        #[allow(clippy::new_ret_no_self)]
        impl<#(#params),*> #builder<#(#params),*> {
            #(#setters)*
        }

        // The required fields are bounds of the impl, not of each method: a
        // builder with a field missing then has no `save` at all, which is
        // one error naming `Missing<field>`, where a bound on the method
        // was repeated at the call, on its future and at `.await`.
        impl<#(#params: #krate::IsSet),*> #builder<#(#params),*> {
            /// Inserts the row and returns the stored entity.
            pub fn save<'a>(
                self,
                exec: impl #krate::Executor<'a>,
            ) -> impl ::core::future::Future<Output = #krate::Result<#ident>> {
                self.inner.save(exec)
            }

            /// Inserts the row or, when it conflicts with an existing one, applies
            /// `on_conflict`; `None` when the conflict was resolved by doing nothing.
            pub fn upsert<'a>(
                self,
                exec: impl #krate::Executor<'a>,
                on_conflict: &#krate::OnConflict<#ident>,
            ) -> impl ::core::future::Future<Output = #krate::Result<::core::option::Option<#ident>>> {
                self.inner.upsert(exec, on_conflict)
            }
        }

        #[automatically_derived]
        impl<#(#params: #krate::IsSet),*> #krate::Savable<#ident> for #builder<#(#params),*> {
            #[inline]
            fn into_save(self) -> #krate::SaveOp<#ident> {
                #krate::SaveOp::Create(self.inner)
            }
        }

        impl #ident {
            /// Inserts many rows in as few statements as the backend allows and
            /// returns them as stored (not on MySQL proper; see `insert_many`).
            #vis fn create_many<'a>(
                exec: impl #krate::Executor<'a>,
                rows: impl ::core::iter::IntoIterator<Item = #builder<#(#all_set),*>>,
            ) -> impl ::core::future::Future<Output = #krate::Result<::std::vec::Vec<#ident>>> {
                #krate::Create::save_many(exec, rows.into_iter().map(|r| r.inner))
            }

            /// Inserts many rows in as few statements as the backend allows;
            /// returns how many were written.
            #vis fn insert_many<'a>(
                exec: impl #krate::Executor<'a>,
                rows: impl ::core::iter::IntoIterator<Item = #builder<#(#all_set),*>>,
            ) -> impl ::core::future::Future<Output = #krate::Result<u64>> {
                #krate::Create::insert_many(exec, rows.into_iter().map(|r| r.inner))
            }

            /// Bulk upsert; returns the rows inserted or updated.
            #vis fn upsert_many<'a>(
                exec: impl #krate::Executor<'a>,
                rows: impl ::core::iter::IntoIterator<Item = #builder<#(#all_set),*>>,
                on_conflict: &#krate::OnConflict<#ident>,
            ) -> impl ::core::future::Future<Output = #krate::Result<::std::vec::Vec<#ident>>> {
                #krate::Create::upsert_many(exec, rows.into_iter().map(|r| r.inner), on_conflict)
            }
        }
    }
}
