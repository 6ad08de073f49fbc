//! `#[mixin]`: a struct's fields as a macro that inserts them elsewhere.

use std::hash::{DefaultHasher, Hash, Hasher};

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};
use syn::{Attribute, Field, Fields, ItemStruct, Visibility};

use super::MARKER;

/// Expands `#[mixin] <vis> struct Name { fields }`.
pub fn define(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Vec::new();
    if !args.is_empty() {
        errors.push(syn::Error::new_spanned(
            &args,
            "`#[entkit::mixin]` takes no arguments",
        ));
    }
    let input: ItemStruct = match syn::parse2(item) {
        Ok(input) => input,
        Err(err) => {
            let mut err = syn::Error::new(
                err.span(),
                "`#[entkit::mixin]` goes on a struct with named fields",
            );
            errors.into_iter().for_each(|e| err.combine(e));
            return err.to_compile_error();
        }
    };
    if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
        errors.push(syn::Error::new_spanned(
            &input.generics,
            "a mixin cannot be generic: its fields are copied into entities as written",
        ));
    }
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("entity")) {
        errors.push(syn::Error::new_spanned(
            attr,
            "a mixin contributes fields only: put struct options (table, indexes, edges, ...) \
             on the entity",
        ));
    }
    let fields: Vec<&Field> = match &input.fields {
        Fields::Named(named) => named.named.iter().collect(),
        Fields::Unnamed(_) | Fields::Unit => {
            errors.push(syn::Error::new_spanned(
                &input.ident,
                "a mixin needs named fields: `struct Name { field: Type, .. }`",
            ));
            Vec::new()
        }
    };

    let errors: TokenStream = errors.iter().map(syn::Error::to_compile_error).collect();
    let rules = callback_macro(&input, &fields);
    let documented = documented_struct(&input, &fields);
    quote! {
        #errors
        #documented
        #rules
    }
}

/// The macro that appends the fields to a chain's state, and the import
/// that names it like the struct: `use path::Name;` then brings both in.
fn callback_macro(input: &ItemStruct, fields: &[&Field]) -> TokenStream {
    let name = &input.ident;
    let hidden = hidden_name(input);
    let marker = Ident::new(MARKER, Span::call_site());
    // `crate::` in a mixin means the crate that defines it, wherever the
    // entity is: `$crate::` says so inside the macro.
    let fields: TokenStream = fields
        .iter()
        .map(|f| dollar_crate(f.to_token_stream()))
        .map(|f| quote!(#f,))
        .collect();
    let misuse = format!(
        "`{name}` is an entkit mixin: name it in `#[entkit::mixins({name})]` above \
         `#[derive(Entity)]` on an entity struct"
    );
    let body = quote! {
        (@#marker [$($callback:tt)*] { $($state:tt)* }) => {
            $($callback)*! { $($state)* fields: { #fields } }
        };
        ($($other:tt)*) => {
            ::core::compile_error!(#misuse);
        };
    };
    let doc = format!("The fields of the mixin `{name}`, for `#[entkit::mixins]`.");
    match &input.vis {
        // Another crate can only reach an exported macro; the import below
        // gives it the struct's name and path.
        Visibility::Public(_) => quote! {
            #[doc = #doc]
            #[doc(hidden)]
            #[macro_export]
            macro_rules! #hidden { #body }
            #[doc(hidden)]
            pub use #hidden as #name;
        },
        vis => quote! {
            #[doc = #doc]
            macro_rules! #hidden { #body }
            #[allow(unused_imports)]
            #vis use #hidden as #name;
        },
    }
}

/// `__entkit_mixin_<Name>_<hash>`: exported macros share one namespace per
/// crate, so two mixins of the same name in different modules need
/// different macro names.
fn hidden_name(input: &ItemStruct) -> Ident {
    let mut hasher = DefaultHasher::new();
    input.to_token_stream().to_string().hash(&mut hasher);
    format_ident!(
        "__entkit_mixin_{}_{:08x}",
        input.ident,
        hasher.finish() as u32
    )
}

/// Rewrites `crate ::` into `$crate ::`, at any depth.
fn dollar_crate(tokens: TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(ident) if ident == "crate" && starts_path_sep(&tokens[i + 1..]) => {
                let mut dollar = Punct::new('$', Spacing::Alone);
                dollar.set_span(ident.span());
                out.push(TokenTree::Punct(dollar));
                out.push(token.clone());
            }
            TokenTree::Group(group) => {
                let mut inner = Group::new(group.delimiter(), dollar_crate(group.stream()));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            _ => out.push(token.clone()),
        }
    }
    out.into_iter().collect()
}

fn starts_path_sep(rest: &[TokenTree]) -> bool {
    matches!(
        rest,
        [TokenTree::Punct(a), TokenTree::Punct(b), ..]
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

/// The struct itself, for its documentation page: `#[entity]` options
/// become a line of each field's docs; attributes other than `doc` and
/// `cfg` (helpers of the entity's derives) are left to the entities.
fn documented_struct(input: &ItemStruct, fields: &[&Field]) -> TokenStream {
    let name = &input.ident;
    let vis = &input.vis;
    let attrs = input.attrs.iter().filter(|a| !a.path().is_ident("entity"));
    let usage = format!(
        "An entkit mixin: `#[entkit::mixins({name})]` above `#[derive(Entity)]` inserts these \
         fields, with their `#[entity]` options, into an entity."
    );
    let fields = fields.iter().map(|field| {
        let kept = field.attrs.iter().filter(|a| is_kept(a));
        let options: Vec<String> = field
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("entity"))
            .filter_map(|a| a.meta.require_list().ok())
            .map(|list| tidy(&list.tokens.to_string()))
            .collect();
        let options = (!options.is_empty()).then(|| {
            let line = format!("Entity options: `{}`.", options.join(", "));
            quote!(#[doc = ""] #[doc = #line])
        });
        let (fvis, ident, ty) = (&field.vis, &field.ident, &field.ty);
        quote!(#(#kept)* #options #fvis #ident: #ty)
    });
    let body = Group::new(Delimiter::Brace, quote!(#(#fields),*));
    quote! {
        #(#attrs)*
        #[doc = ""]
        #[doc = #usage]
        #[allow(dead_code)]
        #vis struct #name #body
    }
}

fn is_kept(attr: &Attribute) -> bool {
    attr.path().is_ident("doc") || attr.path().is_ident("cfg")
}

/// `default = crate :: now , immutable` -> `default = entkit::now, immutable`:
/// the docs are read outside the crate, where `crate::` would mislead, so
/// it becomes the crate's name (which rustc gives the macro's process).
fn tidy(options: &str) -> String {
    let tidy = options
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" ,", ",");
    match std::env::var("CARGO_CRATE_NAME") {
        Ok(name) => tidy.replace("crate::", &format!("{name}::")),
        Err(_) => tidy,
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::{define, dollar_crate};

    fn squash(tokens: proc_macro2::TokenStream) -> String {
        tokens.to_string().replace(' ', "")
    }

    #[test]
    fn crate_paths_name_the_defining_crate() {
        let out = dollar_crate(quote! {
            #[entity(default = crate::now)] pub(crate) at: Option<crate::x::T>
        });
        assert_eq!(
            squash(out),
            "#[entity(default=$crate::now)]pub(crate)at:Option<$crate::x::T>"
        );
    }

    /// A `pub` mixin is an exported macro, under a name of its own, imported
    /// under the struct's; its fields keep their options.
    #[test]
    fn a_public_mixin_exports_its_macro() {
        let out = squash(define(
            quote!(),
            quote! {
                /// Stamps.
                pub struct Stamps {
                    #[entity(default = crate::now, immutable)]
                    pub at: i64,
                }
            },
        ));
        assert!(
            out.contains("#[macro_export]macro_rules!__entkit_mixin_Stamps_"),
            "{out}"
        );
        assert!(out.contains("pubuse__entkit_mixin_Stamps_"), "{out}");
        assert!(out.ends_with("asStamps;"), "{out}");
        assert!(
            out.contains("fields:{#[entity(default=$crate::now,immutable)]pubat:i64,}"),
            "{out}"
        );
        // The documented struct drops the options into its docs, `crate`
        // named.
        let krate = std::env::var("CARGO_CRATE_NAME").unwrap_or_else(|_| "crate".into());
        let options = format!("Entityoptions:`default={krate}::now,immutable`.");
        assert!(out.contains(&options), "{out}");
        assert!(out.contains("pubstructStamps{"), "{out}");
    }

    #[test]
    fn a_private_mixin_is_imported_with_its_visibility() {
        let out = squash(define(
            quote!(),
            quote!(
                pub(crate) struct M {
                    a: i64,
                }
            ),
        ));
        assert!(!out.contains("macro_export"), "{out}");
        assert!(out.contains("pub(crate)use__entkit_mixin_M_"), "{out}");
    }

    #[test]
    fn struct_options_and_arguments_are_refused() {
        let out = squash(define(
            quote!(x),
            quote!(
                #[entity(table = "t")]
                struct M {
                    a: i64,
                }
            ),
        ));
        assert!(out.contains("takesnoarguments"), "{out}");
        assert!(out.contains("amixincontributesfieldsonly"), "{out}");
    }
}
