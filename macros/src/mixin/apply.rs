//! `#[mixins(A, B)]`: starts the chain that inserts the mixins' fields.

use proc_macro2::TokenStream;
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

/// The error, and the item as written, so code using the struct still
/// compiles as far as it can.
fn with_item(err: syn::Error, item: TokenStream) -> TokenStream {
    let err = err.to_compile_error();
    quote!(#err #item)
}
