//! `#[derive(Enum)]`: a fieldless Rust enum stored as text, with the set
//! of values written into a CHECK constraint.

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, Ident, LitStr};

use crate::ctxt::Ctxt;

/// The stored name of each variant: `#[entity(rename = "...")]` or snake_case.
fn variant_names(cx: &Ctxt, input: &DeriveInput) -> Vec<(Ident, String)> {
    let Data::Enum(data) = &input.data else {
        cx.error_at(
            &input.ident,
            "#[derive(Enum)] works on enums whose variants have no fields",
        );
        return Vec::new();
    };
    if data.variants.is_empty() {
        cx.error_at(&input.ident, "an enum column needs at least one variant");
    }
    let mut out = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            cx.error_at(
                &variant.fields,
                "an enum column's variants cannot carry data",
            );
            continue;
        }
        let mut name = variant.ident.to_string().to_snake_case();
        let mut renamed = false;
        for attr in variant.attrs.iter().filter(|a| a.path().is_ident("entity")) {
            let result = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    let value = meta.value()?.parse::<LitStr>()?.value();
                    if std::mem::replace(&mut renamed, true) {
                        return Err(meta.error("duplicate enum attribute `rename`"));
                    }
                    name = value;
                    Ok(())
                } else {
                    Err(meta.error("unknown enum attribute; expected `rename = \"...\"`"))
                }
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        if out.iter().any(|(_, n)| *n == name) {
            cx.error_at(
                &variant.ident,
                format!("two variants are stored as `{name}`"),
            );
        }
        out.push((variant.ident.clone(), name));
    }
    if !input.generics.params.is_empty() {
        cx.error_at(&input.generics, "an enum column cannot be generic");
    }
    out
}

/// `#[entity(crate = path)]` on the enum: where entkit is, for a crate
/// that re-exports it.
fn crate_path(cx: &Ctxt, input: &DeriveInput) -> Option<syn::Path> {
    let mut krate = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("entity")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let path = meta.value()?.parse::<syn::Path>()?;
                if krate.replace(path).is_some() {
                    return Err(meta.error("duplicate enum attribute `crate`"));
                }
                Ok(())
            } else {
                Err(meta.error("unknown enum attribute; expected `crate = path`"))
            }
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    krate
}

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let krate = crate_path(&cx, input);
    let variants = variant_names(&cx, input);
    if let Some(errors) = cx.finish() {
        return errors;
    }
    let krate = crate::krate::runtime_path(krate.as_ref());
    let ident = &input.ident;
    let idents: Vec<&Ident> = variants.iter().map(|(i, _)| i).collect();
    let names: Vec<&String> = variants.iter().map(|(_, n)| n).collect();
    quote! {
        impl #ident {
            /// The stored names of the variants, in declaration order.
            pub const VALUES: &'static [&'static str] = &[#(#names),*];

            /// The stored name of this variant.
            pub fn as_str(&self) -> &'static str {
                match self {
                    #(Self::#idents => #names,)*
                }
            }

            /// The variant stored as `name`.
            pub fn from_name(name: &str) -> ::core::option::Option<Self> {
                match name {
                    #(#names => ::core::option::Option::Some(Self::#idents),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        #[automatically_derived]
        impl #krate::ScalarValue for #ident {
            const TYPE: #krate::ColumnType = #krate::ColumnType::Text;
            const ENUM_VALUES: ::core::option::Option<&'static [&'static str]> = ::core::option::Option::Some(Self::VALUES);

            fn into_value(self) -> #krate::Value {
                #krate::Value::Text(::std::string::ToString::to_string(self.as_str()))
            }

            fn decode(row: #krate::RowRef<'_>, index: usize) -> #krate::Result<Self> {
                let name = <::std::string::String as #krate::ScalarValue>::decode(row, index)?;
                Self::from_name(&name).ok_or_else(|| #krate::unknown_variant(row, index, &name))
            }

            fn decode_optional(row: #krate::RowRef<'_>, index: usize) -> #krate::Result<::core::option::Option<Self>> {
                match <::std::string::String as #krate::ScalarValue>::decode_optional(row, index)? {
                    ::core::option::Option::Some(name) => Self::from_name(&name)
                        .map(::core::option::Option::Some)
                        .ok_or_else(|| #krate::unknown_variant(row, index, &name)),
                    ::core::option::Option::None => ::core::result::Result::Ok(::core::option::Option::None),
                }
            }
        }

        #[automatically_derived]
        impl #krate::ValidatorArg for #ident {
            type Arg = Self;
            fn as_arg(&self) -> &Self {
                self
            }
        }

        #[automatically_derived]
        impl #krate::FromValue for #ident {
            fn from_value(value: &#krate::Value) -> ::core::option::Option<Self> {
                match value {
                    #krate::Value::Text(name) => Self::from_name(name),
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}
