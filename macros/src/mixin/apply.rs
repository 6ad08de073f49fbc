//! `#[mixins(A, B)]`: starts the chain that inserts the mixins' fields.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::parse::{Parse, ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Fields, ItemStruct, Path, Token};

use super::state::{State, write};
use crate::krate;

/// One argument: a mixin's path, or `crate = path`.
enum Arg {
    Mixin(Path),
    Crate(Path),
}

impl Parse for Arg {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(Token![crate]) && input.peek2(Token![=]) {
            input.parse::<Token![crate]>()?;
            input.parse::<Token![=]>()?;
            return Ok(Arg::Crate(input.call(Path::parse_mod_style)?));
        }
        Ok(Arg::Mixin(input.call(Path::parse_mod_style)?))
    }
}

/// Expands `#[mixins(A, path::B, crate = my::entkit)]` on a struct.
pub fn apply(args: TokenStream, item: TokenStream) -> TokenStream {
    let parsed = match Punctuated::<Arg, Token![,]>::parse_terminated.parse2(args.clone()) {
        Ok(parsed) => parsed,
        Err(err) => return with_item(err, item),
    };
    let mut errors: Option<syn::Error> = None;
    let mut error = |err: syn::Error| match &mut errors {
        Some(all) => all.combine(err),
        None => errors = Some(err),
    };
    let mut mixins: Vec<Path> = Vec::new();
    let mut explicit_crate: Option<Path> = None;
    for arg in parsed {
        match arg {
            Arg::Mixin(path) => {
                if mixins.contains(&path) {
                    let name = path.to_token_stream().to_string().replace(' ', "");
                    error(syn::Error::new_spanned(
                        &path,
                        format!("mixin `{name}` is listed twice"),
                    ));
                } else {
                    mixins.push(path);
                }
            }
            Arg::Crate(path) if explicit_crate.is_some() => {
                error(syn::Error::new_spanned(path, "`crate` is given twice"));
            }
            Arg::Crate(path) => explicit_crate = Some(path),
        }
    }
    if mixins.is_empty() {
        error(syn::Error::new_spanned(
            &args,
            "name the mixins to insert: `#[entkit::mixins(BaseModel, Timestamps)]`",
        ));
    }
    let struct_ok = match syn::parse2::<ItemStruct>(item.clone()) {
        Ok(input) if !derives_entity(&input) => {
            // Above this attribute, the derive has already run on the struct
            // without the mixins' fields; below it, it runs on the result.
            error(syn::Error::new(
                Span::call_site(),
                "`#[entkit::mixins(..)]` goes above `#[derive(Entity)]`, which then sees the \
                 mixins' fields: put the derive below it",
            ));
            false
        }
        Ok(input) if matches!(input.fields, Fields::Named(_)) => true,
        Ok(input) => {
            error(syn::Error::new_spanned(
                &input.ident,
                "mixins insert named fields: `#[entkit::mixins]` needs a struct with named fields",
            ));
            false
        }
        Err(err) => {
            error(syn::Error::new(
                err.span(),
                "`#[entkit::mixins]` goes on a struct (above its `#[derive(Entity)]`)",
            ));
            false
        }
    };
    // A mixin listed twice or a second `crate` is reported, and the chain
    // still runs without it: the entity keeps its fields.
    let errors = errors.map(|e| e.to_compile_error());
    if !struct_ok || mixins.is_empty() {
        return quote!(#errors #item);
    }

    let root = krate::runtime_path(explicit_crate.as_ref());
    let pending = mixins.iter().map(ToTokens::to_token_stream).collect();
    let state = write(&State::start(root.clone(), pending, item), None);
    quote! {
        #errors
        #root::mixin_step! { #state }
    }
}

/// Whether the struct has `#[derive(.., Entity, ..)]` (by any path).
fn derives_entity(input: &ItemStruct) -> bool {
    input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .filter_map(|a| {
            a.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
                .ok()
        })
        .flatten()
        .any(|path| path.segments.last().is_some_and(|s| s.ident == "Entity"))
}

/// The error, and the item as written, so code using the struct still
/// compiles as far as it can.
fn with_item(err: syn::Error, item: TokenStream) -> TokenStream {
    let err = err.to_compile_error();
    quote!(#err #item)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::apply;

    fn squash(tokens: proc_macro2::TokenStream) -> String {
        tokens.to_string().replace(' ', "")
    }

    /// The chain starts at the runtime's hidden step, under the root that
    /// `crate = path` gives, with every mixin still to visit.
    #[test]
    fn the_chain_starts_at_the_step_under_the_given_root() {
        let out = squash(apply(
            quote!(BaseModel, audit::Audited, crate = my::orm),
            quote!(
                #[derive(Entity)]
                struct Post {
                    title: String,
                }
            ),
        ));
        assert_eq!(
            out,
            "my::orm::__private::mixin_step!{root:[my::orm::__private]\
             pending:[(BaseModel)(audit::Audited)]done:[]\
             item:{#[derive(Entity)]structPost{title:String,}}}"
        );
    }

    /// A mixin named twice is reported and visited once; a struct the
    /// mixins cannot go into is left as written beside the error.
    #[test]
    fn mistakes_are_reported_beside_what_still_works() {
        let out = squash(apply(
            quote!(A, A),
            quote!(
                #[derive(Entity)]
                struct P {
                    x: i64,
                }
            ),
        ));
        assert!(out.contains("mixin`A`islistedtwice"), "{out}");
        assert!(out.contains("pending:[(A)]"), "{out}");

        let out = squash(apply(
            quote!(A),
            quote!(
                #[derive(Entity)]
                struct P(i64);
            ),
        ));
        assert!(out.contains("needsastructwithnamedfields"), "{out}");
        assert!(out.ends_with("structP(i64);"), "{out}");

        let out = squash(apply(
            quote!(),
            quote!(
                #[derive(Entity)]
                struct P {
                    x: i64,
                }
            ),
        ));
        assert!(out.contains("namethemixinstoinsert"), "{out}");

        // Without the derive below it (it was put above), the struct is
        // left as it is, for the derive that already ran on it.
        let out = squash(apply(
            quote!(A),
            quote!(
                #[derive(Debug)]
                struct P {
                    x: i64,
                }
            ),
        ));
        assert!(out.contains("goesabove`#[derive(Entity)]`"), "{out}");
        assert!(out.ends_with("#[derive(Debug)]structP{x:i64,}"), "{out}");
    }
}
