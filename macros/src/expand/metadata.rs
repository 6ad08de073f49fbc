//! `impl Entity`: static schema metadata and row decoding.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::krate::at;
use crate::model::{Entity, Field, KeyStrategy};
use crate::value::{DefaultExpr, Literal, Number, Parsed};

/// `value` as a literal token, its sign apart (a negative literal token
/// does not survive every round trip through a token stream).
fn signed(negative: bool, literal: proc_macro2::Literal) -> TokenStream {
    if negative {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

fn int_tokens(value: i128) -> TokenStream {
    // The checks keep every emitted integer within i64.
    signed(
        value < 0,
        proc_macro2::Literal::u64_unsuffixed(value.unsigned_abs() as u64),
    )
}

fn float_tokens(value: f64) -> TokenStream {
    signed(
        value.is_sign_negative(),
        proc_macro2::Literal::f64_unsuffixed(value.abs()),
    )
}

/// A `DefaultValue`: literals stay data (and reach the DDL); paths become
/// a function converting the result to the field's type. `None` when the
/// field has no such default.
fn default_value(
    krate: &TokenStream,
    field: &Field<'_>,
    default: Option<&Parsed<DefaultExpr>>,
) -> Option<TokenStream> {
    let default = default?;
    let ty = field.ty;
    let literal = match &default.value {
        DefaultExpr::Literal(Literal::Bool(b)) => quote!(#krate::Literal::Bool(#b)),
        DefaultExpr::Literal(Literal::Int(i)) => {
            let i = int_tokens(*i);
            quote!(#krate::Literal::Int(#i))
        }
        DefaultExpr::Literal(Literal::Float(f)) => {
            let f = float_tokens(*f);
            quote!(#krate::Literal::Float(#f))
        }
        DefaultExpr::Literal(Literal::Str(s)) => quote!(#krate::Literal::Str(#s)),
        DefaultExpr::Function(path) => {
            let spanned = at(krate, default.span());
            let call = quote_spanned! {default.span()=>
                <_ as #spanned::Operand<#ty>>::into_operand(#path())
            };
            return Some(quote! {
                #krate::DefaultValue::Call({
                    fn default_value() -> #krate::Value {
                        #call
                    }
                    default_value
                })
            });
        }
        // Refused by the checks, which stop the expansion.
        DefaultExpr::Literal(Literal::Unsupported) | DefaultExpr::Other => return None,
    };
    Some(quote!(#krate::DefaultValue::Literal(#literal)))
}

/// A `Bound`: integer literals stay exact; a float bound stays a float.
fn bound(krate: &TokenStream, bound: Option<&Parsed<Option<Number>>>) -> Option<TokenStream> {
    match bound?.value? {
        Number::Int(i) => {
            let i = int_tokens(i);
            Some(quote!(#krate::Bound::Int(#i)))
        }
        Number::Float(f) => {
            let f = float_tokens(f);
            Some(quote!(#krate::Bound::Float(#f)))
        }
    }
}

/// `FieldDef::new(name, column, type, nullable)` and one builder call per option the
/// field has: options left at their defaults emit nothing.
fn field_def(krate: &TokenStream, field: &Field<'_>) -> TokenStream {
    let name = &field.name;
    let column = &field.column;
    let ty = field.ty;
    // Spanned at the type: an unsupported type is reported there, once
    // (the same obligation as `from_row`'s, so rustc reports it once).
    let info = |item: TokenStream| {
        let spanned = at(krate, ty.span());
        quote_spanned!(ty.span()=> <#ty as #spanned::ColumnValue>::#item)
    };
    let (column_type, nullable) = (info(quote!(TYPE)), info(quote!(NULLABLE)));
    let mut calls = Vec::new();
    // The types the derive knows by name have no enum values.
    if field.kind == crate::model::TypeKind::Other {
        let values = info(quote!(ENUM_VALUES));
        calls.push(quote!(with_enum_values(#values)));
    }
    if let Some(strategy) = field.key_strategy {
        let strategy = match strategy {
            KeyStrategy::AutoIncrement => quote!(AutoIncrement),
            KeyStrategy::Generated => quote!(Generated),
            KeyStrategy::Provided => quote!(Provided),
        };
        calls.push(quote!(primary_key(#krate::KeyStrategy::#strategy)));
    }
    if let Some(default) = default_value(krate, field, field.attrs.default.get()) {
        calls.push(quote!(with_default(#default)));
    }
    if let Some(default) = default_value(krate, field, field.attrs.update_default.get()) {
        calls.push(quote!(with_update_default(#default)));
    }
    if field.attrs.immutable.is_set() {
        calls.push(quote!(immutable()));
    }
    if field.attrs.sensitive.is_set() {
        calls.push(quote!(sensitive()));
    }
    if let Some(n) = field.attrs.max_len.get().and_then(|l| l.value) {
        calls.push(quote!(with_max_len(#n)));
    }
    if let Some(n) = field.attrs.min_len.get().and_then(|l| l.value) {
        calls.push(quote!(with_min_len(#n)));
    }
    if let Some(old) = field.attrs.renamed_from.get() {
        calls.push(quote!(with_renamed_from(#old)));
    }
    if let Some(min) = bound(krate, field.attrs.min.get()) {
        calls.push(quote!(with_min(#min)));
    }
    if let Some(max) = bound(krate, field.attrs.max.get()) {
        calls.push(quote!(with_max(#max)));
    }
    if let Some(pattern) = field.attrs.pattern.get() {
        let pattern = &pattern.value;
        calls.push(quote!(with_pattern(#pattern)));
    }
    if let Some(path) = field.attrs.validate.get().and_then(|v| v.value.as_ref()) {
        let inner = field.inner_ty;
        // Spanned at the path: a validator of the wrong type is reported there.
        let spanned = at(krate, path.span());
        let call = quote_spanned! {path.span()=>
            #spanned::run_validator::<#inner, _, _>(#path, value)
        };
        calls.push(quote! {
            with_validator({
                fn validate(value: &#krate::Value) -> ::core::result::Result<(), ::std::string::String> {
                    #call
                }
                validate
            })
        });
    }
    if field.indexed {
        calls.push(quote!(indexed()));
    }
    if let Some(comment) = field.attrs.comment.get() {
        calls.push(quote!(with_comment(#comment)));
    }
    quote!(#krate::FieldDef::new(#name, #column, #column_type, #nullable) #(.#calls)*)
}

/// A key whose type the derive does not recognise is provided by the
/// caller. The derive reads type names, so `type UserId = i64` would
/// silently lose the database-assigned key an `i64` has: this constant
/// refuses to compile when the named type is an integer or a UUID.
fn key_alias_guard(krate: &TokenStream, key: &Field<'_>) -> TokenStream {
    if key.key_strategy != Some(KeyStrategy::Provided) || key.kind != crate::model::TypeKind::Other
    {
        return TokenStream::new();
    }
    let ty = key.ty;
    let message = format!(
        "the key `{}` has a type the derive cannot see through (an alias?) that stands for an \
         integer or `uuid::Uuid`: write `i16`/`i32`/`i64` (assigned by the database) or \
         `uuid::Uuid` (generated by entkit) directly, or give it `default = path::to::fn`",
        key.name
    );
    let krate = at(krate, ty.span());
    quote_spanned! {ty.span()=>
        const _: () = {
            if #krate::is_assigned_key_type(<#ty as #krate::ColumnValue>::TYPE) {
                ::core::panic!(#message);
            }
        };
    }
}

pub fn expand(entity: &Entity<'_>) -> TokenStream {
    let ident = entity.ident;
    let krate = &entity.krate;
    let Some(key) = entity.key() else {
        return TokenStream::new();
    };
    let name = ident.to_string();
    let table = &entity.table;
    let fields = entity.fields.iter().map(|f| field_def(krate, f));
    let primary_key = entity.primary_key.unwrap_or_default();
    // `EntityDef::new(..)` and one builder call per option the entity has.
    let mut calls = Vec::new();
    if let Some(scope) = entity.attrs.scope.get() {
        calls.push(quote!(with_scope(#scope)));
    }
    if !entity.indexes.is_empty() {
        let indexes = entity.indexes.iter().map(|i| {
            let name = &i.name;
            let columns = &i.columns;
            let unique = i.unique.then(|| quote!(.unique()));
            quote!(#krate::IndexDef::new(#name, &[#(#columns),*])#unique)
        });
        calls.push(quote!(with_indexes(&[#(#indexes),*])));
    }
    if let Some(comment) = entity.attrs.comment.get() {
        calls.push(quote!(with_comment(#comment)));
    }
    let edges = crate::expand::edges::edge_defs(entity);
    if !edges.is_empty() {
        calls.push(quote!(with_edges(&[#(#edges),*])));
    }
    if entity.attrs.soft_delete.is_set() {
        calls.push(quote!(with_soft_delete("deleted_at")));
    }
    if let Some(tenant) = entity.fields.iter().position(|f| f.attrs.tenant.is_set()) {
        calls.push(quote!(with_tenant(#tenant)));
    }
    let key_ty = key.ty;
    let key_ident = key.ident;
    let decode = entity.fields.iter().enumerate().map(|(i, f)| {
        let field = f.ident;
        let ty = f.ty;
        quote!(#field: <#ty as #krate::ColumnValue>::decode(row, #i)?)
    });
    let edges_init = entity
        .edges_field
        .map(|f| quote!(#f: ::core::default::Default::default(),));
    let links = entity
        .fields
        .iter()
        .filter(|f| f.primary_key || f.attrs.belongs_to.is_set())
        .map(|f| {
            let column = &f.column;
            let field = f.ident;
            let ty = f.ty;
            quote! {
                #column => ::core::option::Option::Some(
                    <#ty as #krate::ColumnValue>::into_value(::core::clone::Clone::clone(&self.#field)),
                ),
            }
        });
    let alias_guard = key_alias_guard(krate, key);
    // Every method below is `#[inline]`: entkit calls them only from its
    // generic query and mutation code, which is instantiated in the crate that
    // runs the query. Inline, they are compiled there too (and only if the
    // entity is actually read or written), like the generic `FromRow` impl
    // sqlx derives, instead of being compiled in the defining crate up front
    // whether or not anything uses them. `def` stays one shared static.
    quote! {
        #alias_guard
        #[automatically_derived]
        impl #krate::Entity for #ident {
            type Key = #key_ty;

            #[inline]
            fn def() -> &'static #krate::EntityDef {
                static DEF: #krate::EntityDef =
                    #krate::EntityDef::new(#name, #table, &[#(#fields),*], #primary_key)
                        #(.#calls)*;
                &DEF
            }

            #[inline]
            fn from_row(row: #krate::RowRef<'_>) -> #krate::Result<Self> {
                ::core::result::Result::Ok(Self {
                    #(#decode,)*
                    #edges_init
                })
            }

            #[inline]
            fn key(&self) -> #key_ty {
                ::core::clone::Clone::clone(&self.#key_ident)
            }

            #[inline]
            fn link_value(&self, column: &str) -> ::core::option::Option<#krate::Value> {
                match column {
                    #(#links)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}
