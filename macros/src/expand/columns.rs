//! Typed column handles: `User::EMAIL: entkit::Column<User, String>`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::Entity;
use crate::names::column_const;

pub fn expand(entity: &Entity<'_>) -> TokenStream {
    let ident = entity.ident;
    let krate = &entity.krate;
    let vis = entity.vis;
    let consts = entity.fields.iter().map(|f| {
        let name = format_ident!("{}", column_const(&f.name), span = f.ident.span());
        let ty = f.ty;
        let column = &f.column;
        let doc = format!("The `{}` column (field `{}`).", f.column, f.name);
        quote! {
            #[doc = #doc]
            #vis const #name: #krate::Column<#ident, #ty> = #krate::Column::new(#column);
        }
    });
    quote! {
        /// Column handles for building predicates and ordering.
        #[allow(dead_code)]
        impl #ident {
            #(#consts)*
        }
    }
}
