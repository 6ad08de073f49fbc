//! The state a mixin chain carries from one step to the next.
//!
//! Written as `key: group` pairs, every group's contents kept verbatim (so
//! every token keeps its span):
//!
//! ```text
//! root: [::entkit::__private]               where the runtime is
//! pending: [(Timestamps) (audit::Audited)]  mixins still to visit
//! done: [(BaseModel) { id: Uuid, }]         each visited mixin and its fields
//! item: { #[derive(Entity)] pub struct Post { .. } }
//! current: (Timestamps)                     the mixin being visited, and
//! fields: { created_at: .., }               the fields its macro appended
//! ```

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Token};

/// One visited mixin: its path as the attribute names it, and its fields.
pub struct Visited {
    pub path: TokenStream,
    pub fields: TokenStream,
}

pub struct State {
    pub root: TokenStream,
    pub pending: Vec<TokenStream>,
    pub done: Vec<Visited>,
    pub item: TokenStream,
    /// The mixin whose macro called back, with the fields it appended.
    pub returned: Option<Visited>,
}

impl State {
    /// The state before the first mixin is visited.
    pub fn start(root: TokenStream, pending: Vec<TokenStream>, item: TokenStream) -> Self {
        State {
            root,
            pending,
            done: Vec::new(),
            item,
            returned: None,
        }
    }
}

fn group(delimiter: Delimiter, stream: TokenStream) -> TokenTree {
    TokenTree::Group(Group::new(delimiter, stream))
}

/// The state as written for the next step (without `current`/`fields`,
/// which only a mixin's callback carries), plus `current: (path)` when a
/// mixin is about to be visited.
pub fn write(state: &State, current: Option<&TokenStream>) -> TokenStream {
    let root = group(Delimiter::Bracket, state.root.clone());
    let pending: TokenStream = state
        .pending
        .iter()
        .map(|p| group(Delimiter::Parenthesis, p.clone()))
        .collect();
    let done = &state.done;
    let item = group(Delimiter::Brace, state.item.clone());
    let current = current.map(|c| {
        let c = group(Delimiter::Parenthesis, c.clone());
        quote!(current: #c)
    });
    quote! {
        root: #root
        pending: [#pending]
        done: [#(#done)*]
        item: #item
        #current
    }
}

/// The contents of the next token, which must be a group.
fn contents(input: ParseStream<'_>, key: &Ident) -> syn::Result<TokenStream> {
    match input.parse::<TokenTree>()? {
        TokenTree::Group(g) => Ok(g.stream()),
        other => Err(syn::Error::new_spanned(
            other,
            format!("entkit mixin state: `{key}` needs a group"),
        )),
    }
}

/// Splits a stream of groups into their contents.
fn groups(stream: TokenStream) -> Vec<TokenStream> {
    stream
        .into_iter()
        .filter_map(|t| match t {
            TokenTree::Group(g) => Some(g.stream()),
            _ => None,
        })
        .collect()
}

impl Parse for State {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut root = None;
        let mut pending = Vec::new();
        let mut done = Vec::new();
        let mut item = None;
        let mut current = None;
        let mut fields = None;
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            input.parse::<Token![:]>()?;
            let value = contents(input, &key)?;
            match key.to_string().as_str() {
                "root" => root = Some(value),
                "pending" => pending = groups(value),
                "done" => {
                    let mut parts = groups(value).into_iter();
                    while let (Some(path), Some(fields)) = (parts.next(), parts.next()) {
                        done.push(Visited { path, fields });
                    }
                }
                "item" => item = Some(value),
                "current" => current = Some(value),
                "fields" => fields = Some(value),
                _ => {
                    return Err(syn::Error::new_spanned(
                        key,
                        "entkit mixin state: unknown key",
                    ));
                }
            }
        }
        let missing = |what: &str| {
            syn::Error::new(
                input.span(),
                format!(
                    "entkit mixin state: `{what}` is missing (this macro is called by `#[entkit::mixins]`, not by hand)"
                ),
            )
        };
        let returned = match (current, fields) {
            (Some(path), Some(fields)) => Some(Visited { path, fields }),
            (None, None) => None,
            (Some(_), None) => return Err(missing("fields")),
            (None, Some(_)) => return Err(missing("current")),
        };
        Ok(State {
            root: root.ok_or_else(|| missing("root"))?,
            pending,
            done,
            item: item.ok_or_else(|| missing("item"))?,
            returned,
        })
    }
}

impl ToTokens for Visited {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend([
            group(Delimiter::Parenthesis, self.path.clone()),
            group(Delimiter::Brace, self.fields.clone()),
        ]);
    }
}
