//! `impl Entity`: static schema metadata and row decoding.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::model::{Entity, Field, KeyStrategy};
use crate::value::{DefaultExpr, Literal, Number, Parsed};

fn opt_str(value: Option<String>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

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
/// a function converting the result to the field's type.
fn default_value(field: &Field<'_>, default: Option<&Parsed<DefaultExpr>>) -> TokenStream {
    let Some(default) = default else {
        return quote!(::core::option::Option::None);
    };
    let ty = field.ty;
    let literal = match &default.value {
        DefaultExpr::Literal(Literal::Bool(b)) => quote!(entkit::Literal::Bool(#b)),
        DefaultExpr::Literal(Literal::Int(i)) => {
            let i = int_tokens(*i);
            quote!(entkit::Literal::Int(#i))
        }
        DefaultExpr::Literal(Literal::Float(f)) => {
            let f = float_tokens(*f);
            quote!(entkit::Literal::Float(#f))
        }
        DefaultExpr::Literal(Literal::Str(s)) => quote!(entkit::Literal::Str(#s)),
        DefaultExpr::Function(path) => {
            let call = quote_spanned! {default.span()=>
                <_ as entkit::Operand<#ty>>::into_operand(#path())
            };
            return quote! {
                ::core::option::Option::Some(entkit::DefaultValue::Call({
                    fn default_value() -> entkit::Value {
                        #call
                    }
                    default_value
                }))
            };
        }
        // Refused by the checks, which stop the expansion.
        DefaultExpr::Literal(Literal::Unsupported) | DefaultExpr::Other => {
            return quote!(::core::option::Option::None);
        }
    };
    quote!(::core::option::Option::Some(entkit::DefaultValue::Literal(#literal)))
}

fn field_def(field: &Field<'_>) -> TokenStream {
    let name = &field.name;
    let column = &field.column;
    let ty = field.ty;
    // Spanned at the type: an unsupported type is reported there.
    let column_type = quote_spanned!(ty.span()=> <#ty as entkit::ColumnValue>::TYPE);
    let nullable = quote_spanned!(ty.span()=> <#ty as entkit::ColumnValue>::NULLABLE);
    let primary_key = field.primary_key;
    let key_strategy = match field.key_strategy {
        Some(KeyStrategy::AutoIncrement) => quote!(::core::option::Option::Some(
            entkit::KeyStrategy::AutoIncrement
        )),
        Some(KeyStrategy::Generated) => {
            quote!(::core::option::Option::Some(entkit::KeyStrategy::Generated))
        }
        Some(KeyStrategy::Provided) => {
            quote!(::core::option::Option::Some(entkit::KeyStrategy::Provided))
        }
        None => quote!(::core::option::Option::None),
    };
    let default = default_value(field, field.attrs.default.get());
    let update_default = default_value(field, field.attrs.update_default.get());
    let immutable = field.attrs.immutable.is_set();
    let sensitive = field.attrs.sensitive.is_set();
    let len = |len: Option<&Parsed<Option<usize>>>| match len.and_then(|l| l.value) {
        Some(n) => quote!(::core::option::Option::Some(#n)),
        None => quote!(::core::option::Option::None),
    };
    let max_len = len(field.attrs.max_len.get());
    let min_len = len(field.attrs.min_len.get());
    let indexed = field.indexed;
    let comment = opt_str(field.attrs.comment.get().map(|c| c.value()));
    // Integer literals stay exact; a float bound stays a float.
    let bound = |bound: Option<&Parsed<Option<Number>>>| match bound.and_then(|b| b.value) {
        Some(Number::Int(i)) => {
            let i = int_tokens(i);
            quote!(::core::option::Option::Some(entkit::Bound::Int(#i)))
        }
        Some(Number::Float(f)) => {
            let f = float_tokens(f);
            quote!(::core::option::Option::Some(entkit::Bound::Float(#f)))
        }
        None => quote!(::core::option::Option::None),
    };
    let min = bound(field.attrs.min.get());
    let max = bound(field.attrs.max.get());
    let pattern = opt_str(field.attrs.pattern.get().map(|p| p.value.clone()));
    let renamed_from = opt_str(field.attrs.renamed_from.get().map(|p| p.value()));
    let validator = match field.attrs.validate.get().and_then(|v| v.value.as_ref()) {
        Some(path) => {
            let inner = field.inner_ty;
            // Spanned at the path: a validator of the wrong type is reported there.
            let call = quote_spanned! {path.span()=>
                entkit::__private::run_validator::<#inner, _, _>(#path, value)
            };
            quote! {
                ::core::option::Option::Some({
                    fn validate(value: &entkit::Value) -> ::core::result::Result<(), ::std::string::String> {
                        #call
                    }
                    validate
                })
            }
        }
        None => quote!(::core::option::Option::None),
    };
    quote! {
        entkit::FieldDef {
            name: #name,
            column: #column,
            ty: #column_type,
            nullable: #nullable,
            primary_key: #primary_key,
            key_strategy: #key_strategy,
            default: #default,
            update_default: #update_default,
            immutable: #immutable,
            sensitive: #sensitive,
            max_len: #max_len,
            min_len: #min_len,
            enum_values: <#ty as entkit::ColumnValue>::ENUM_VALUES,
            renamed_from: #renamed_from,
            min: #min,
            max: #max,
            pattern: #pattern,
            validator: #validator,
            indexed: #indexed,
            comment: #comment,
        }
    }
}

/// A key whose type the derive does not recognise is provided by the
/// caller. The derive reads type names, so `type UserId = i64` would
/// silently lose the database-assigned key an `i64` has: this constant
/// refuses to compile when the named type is an integer or a UUID.
fn key_alias_guard(key: &Field<'_>) -> TokenStream {
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
    quote_spanned! {ty.span()=>
        const _: () = {
            if entkit::__private::is_assigned_key_type(<#ty as entkit::ColumnValue>::TYPE) {
                ::core::panic!(#message);
            }
        };
    }
}

pub fn expand(entity: &Entity<'_>) -> TokenStream {
    let ident = entity.ident;
    let Some(key) = entity.key() else {
        return TokenStream::new();
    };
    let name = ident.to_string();
    let table = &entity.table;
    let scope = opt_str(entity.attrs.scope.get().map(|s| s.value()));
    let comment = opt_str(entity.attrs.comment.get().map(|s| s.value()));
    let fields = entity.fields.iter().map(field_def);
    let primary_key = entity.primary_key.unwrap_or_default();
    let indexes = entity.indexes.iter().map(|i| {
        let name = &i.name;
        let columns = &i.columns;
        let unique = i.unique;
        quote!(entkit::IndexDef { name: #name, columns: &[#(#columns),*], unique: #unique })
    });
    let key_ty = key.ty;
    let key_ident = key.ident;
    let decode = entity.fields.iter().enumerate().map(|(i, f)| {
        let field = f.ident;
        let ty = f.ty;
        quote!(#field: <#ty as entkit::ColumnValue>::decode(row, #i)?)
    });
    let edges = crate::expand::edges::edge_defs(entity);
    let soft_delete = opt_str(
        entity
            .attrs
            .soft_delete
            .is_set()
            .then(|| "deleted_at".to_owned()),
    );
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
                    <#ty as entkit::ColumnValue>::into_value(::core::clone::Clone::clone(&self.#field)),
                ),
            }
        });
    let alias_guard = key_alias_guard(key);
    // Every method below is `#[inline]`: entkit calls them only from its
    // generic query and mutation code, which is instantiated in the crate that
    // runs the query. Inline, they are compiled there too (and only if the
    // entity is actually read or written), like the generic `FromRow` impl
    // sqlx derives, instead of being compiled in the defining crate up front
    // whether or not anything uses them. `def` stays one shared static.
    quote! {
        #alias_guard
        #[automatically_derived]
        impl entkit::Entity for #ident {
            type Key = #key_ty;

            #[inline]
            fn def() -> &'static entkit::EntityDef {
                static DEF: entkit::EntityDef = entkit::EntityDef {
                    name: #name,
                    table: #table,
                    default_scope: #scope,
                    fields: &[#(#fields),*],
                    primary_key: #primary_key,
                    indexes: &[#(#indexes),*],
                    comment: #comment,
                    edges: &[#(#edges),*],
                    soft_delete: #soft_delete,
                };
                &DEF
            }

            #[inline]
            fn from_row(row: entkit::RowRef<'_>) -> entkit::Result<Self> {
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
            fn link_value(&self, column: &str) -> ::core::option::Option<entkit::Value> {
                match column {
                    #(#links)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}
