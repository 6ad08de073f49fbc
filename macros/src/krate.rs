//! The one path generated code names the runtime through.
//!
//! Every item the derives and `embed_migrations!` emit refers to entkit as
//! `<root>::__private::...`: `<root>` is `#[entity(crate = path)]` when
//! given (a crate that re-exports entkit), else the name the user's crate
//! gives the `entkit` dependency in its `Cargo.toml` (`::entkit`, or
//! `::ek` after `ek = { package = "entkit", ... }`). Going through the one
//! hidden module keeps the public root free to change.

use proc_macro_crate::{FoundCrate, crate_name};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Ident, Path};

/// `<root>::__private` for an explicit `crate = path`, or for the name
/// the calling crate's manifest gives entkit.
pub fn runtime_path(explicit: Option<&Path>) -> TokenStream {
    match explicit {
        Some(root) => quote!(#root::__private),
        None => {
            let root = dependency_name();
            quote!(::#root::__private)
        }
    }
}

/// The calling crate's name for the `entkit` package. The runtime's own
/// doctests, examples and unit tests (which declare `extern crate self as
/// entkit`) and a crate whose manifest does not name entkit (it reaches
/// entkit through a re-export, and should say `crate = that::path`) get
/// `entkit`.
fn dependency_name() -> Ident {
    let name = match crate_name("entkit") {
        Ok(FoundCrate::Name(name)) => name,
        Ok(FoundCrate::Itself) | Err(_) => "entkit".to_owned(),
    };
    Ident::new(&name, Span::call_site())
}

/// `path` with every token at `span`, for use inside `quote_spanned!`: an
/// error about the expression then points at the user's token, as it does
/// when the whole path is spanned there.
pub fn at(path: &TokenStream, span: Span) -> TokenStream {
    path.clone()
        .into_iter()
        .map(|mut token| {
            token.set_span(span);
            token
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use syn::DeriveInput;

    /// How many runtime paths the expansion holds, and how many of them
    /// start with `root`.
    fn paths_from(expanded: &str, root: &str) -> (usize, usize) {
        let all = expanded.matches(":: __private ::").count();
        let rooted = expanded.matches(&format!("{root} :: __private ::")).count();
        (all, rooted)
    }

    fn entity(attrs: &str) -> String {
        let input: DeriveInput = syn::parse_str(&format!(
            "#[entity({attrs})] #[entity(has_many(posts = Post, inverse = author))] \
             pub struct User {{ pub id: i64, #[entity(default = 1, validate = f)] pub n: i32, \
             #[entity(edges)] pub edges: UserEdges }}"
        ))
        .unwrap();
        crate::expand::derive(&input).to_string()
    }

    /// `crate = path` replaces the root of every runtime path, in the
    /// metadata, builders, edges and checks alike.
    #[test]
    fn an_explicit_crate_path_is_the_only_root() {
        let expanded = entity("crate = my::facade::db, serialize");
        let (all, rooted) = paths_from(&expanded, "my :: facade :: db");
        assert!(all > 50, "{expanded}");
        assert_eq!(all, rooted, "{expanded}");
        assert!(!expanded.contains("entkit ::"), "{expanded}");
    }

    /// Without it, the derive names the dependency found in the calling
    /// crate's manifest: this crate's tests have none, so `::entkit`.
    #[test]
    fn the_default_root_is_the_dependency() {
        let expanded = entity("table = \"users\"");
        let (all, rooted) = paths_from(&expanded, ":: entkit");
        assert!(all > 50, "{expanded}");
        assert_eq!(all, rooted, "{expanded}");
    }
}
