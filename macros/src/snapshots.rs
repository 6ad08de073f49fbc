//! Expansion snapshots: the derive's output for the representative
//! entities in `snapshots/*.rs`, pretty-printed and compared with the
//! reviewed `snapshots/*.expanded.rs` beside them, so every change to
//! generated code shows up in review as a diff of those files.
//!
//! After an intended change, regenerate them and review the diff:
//! `ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots`.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::ToTokens as _;
use syn::{Attribute, DeriveInput, Item, ItemStruct};

/// Which derive an item asks for.
fn derive_of(attrs: &[Attribute]) -> Option<&'static str> {
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("Entity") {
                found = Some("Entity");
            } else if meta.path.is_ident("Enum") {
                found = Some("Enum");
            }
            Ok(())
        });
    }
    found
}

/// The derive's output for every deriving item of one input file, and the
/// output of the mixin attributes (see [`mixin_chain`]).
fn expand_file(source: &str) -> String {
    let file = syn::parse_file(source).expect("snapshot input parses");
    let mixins: Vec<ItemStruct> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Struct(s) if attribute(&s.attrs, "mixin").is_some() => Some(s.clone()),
            _ => None,
        })
        .collect();
    let mut out = TokenStream::new();
    for item in file.items {
        let item = match item {
            Item::Struct(s) if attribute(&s.attrs, "mixin").is_some() => {
                let mut s = s;
                s.attrs.retain(|a| !is_attr(a, "mixin"));
                out.extend(crate::mixin::define(
                    TokenStream::new(),
                    s.to_token_stream(),
                ));
                continue;
            }
            Item::Struct(s) if attribute(&s.attrs, "mixins").is_some() => {
                let finished = mixin_chain(s, &mixins, &mut out);
                // The chain's last step writes the struct, then the derive runs.
                out.extend(finished.to_token_stream());
                Item::Struct(finished)
            }
            item => item,
        };
        let (attrs, tokens) = match &item {
            Item::Struct(s) => (&s.attrs, s.to_token_stream()),
            Item::Enum(e) => (&e.attrs, e.to_token_stream()),
            _ => continue,
        };
        let Some(derive) = derive_of(attrs) else {
            continue;
        };
        let mut input: DeriveInput = syn::parse2(tokens).expect("a derive input");
        // The compiler hands a derive its item without the `derive` itself.
        input.attrs.retain(|a| !a.path().is_ident("derive"));
        out.extend(match derive {
            "Entity" => crate::expand::derive(&input),
            _ => crate::expand::enum_value::derive(&input),
        });
    }
    let expanded: syn::File = syn::parse2(out).expect("the expansion is a valid file");
    prettyplease::unparse(&expanded)
}

/// Whether an attribute is `#[name]` or `#[path::to::name]`.
fn is_attr(attr: &Attribute, name: &str) -> bool {
    attr.path().segments.last().is_some_and(|s| s.ident == name)
}

fn attribute<'a>(attrs: &'a [Attribute], name: &str) -> Option<&'a Attribute> {
    attrs.iter().find(|a| is_attr(a, name))
}

/// Runs the chain `#[mixins(..)]` starts, for mixins defined in the same
/// input file: emits the attribute's own output, then plays each mixin's
/// `macro_rules!` (which hands the chain's state back to the step with
/// `fields: { <the mixin's fields> }` appended) and each step, and returns
/// the finished struct the derive then sees.
fn mixin_chain(mut entity: ItemStruct, mixins: &[ItemStruct], out: &mut TokenStream) -> ItemStruct {
    let attr = attribute(&entity.attrs, "mixins").unwrap().clone();
    entity.attrs.retain(|a| !is_attr(a, "mixins"));
    let args = attr.meta.require_list().unwrap().tokens.clone();
    let mut expansion = crate::mixin::apply(args, entity.to_token_stream());
    out.extend(expansion.clone());
    loop {
        if let Ok(finished) = syn::parse2::<ItemStruct>(expansion.clone()) {
            return finished;
        }
        let call: syn::Macro = syn::parse2(expansion).expect("a chain step is a macro call");
        let name = &call.path.segments.last().unwrap().ident;
        expansion = if name == "mixin_step" {
            crate::mixin::step(call.tokens)
        } else {
            let mixin = mixins
                .iter()
                .find(|m| m.ident == *name)
                .expect("the snapshot defines every mixin it names");
            let fields = mixin.fields.iter().map(|f| quote::quote!(#f,));
            // `@marker [callback] { state }`: the state is the last group.
            let state = call.tokens.into_iter().last().expect("a state group");
            let proc_macro2::TokenTree::Group(state) = state else {
                panic!("the mixin's state is a group")
            };
            let state = state.stream();
            crate::mixin::step(quote::quote!(#state fields: { #(#fields)* }))
        };
    }
}

fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("snapshots/ exists")
        .map(|entry| entry.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.ends_with(".rs") && !name.ends_with(".expanded.rs")
        })
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn expansions_match_the_reviewed_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots");
    let update = std::env::var_os("ENTKIT_UPDATE_SNAPSHOTS").is_some();
    let inputs = inputs(&dir);
    assert!(inputs.len() >= 5, "the representative entities are there");
    let mut changed = Vec::new();
    for input in inputs {
        let source = std::fs::read_to_string(&input).unwrap();
        let name = input.file_stem().unwrap().to_string_lossy().into_owned();
        let expanded = format!(
            "// The expansion of snapshots/{name}.rs (generated: \
             ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit-macros snapshots).\n\n{}",
            expand_file(&source)
        );
        let snapshot = dir.join(format!("{name}.expanded.rs"));
        if std::fs::read_to_string(&snapshot).ok().as_deref() == Some(expanded.as_str()) {
            continue;
        }
        if update {
            std::fs::write(&snapshot, expanded).unwrap();
        } else {
            changed.push(snapshot.display().to_string());
        }
    }
    assert!(
        changed.is_empty(),
        "the generated code differs from the reviewed snapshots (regenerate with \
         ENTKIT_UPDATE_SNAPSHOTS=1 and review the diff): {changed:?}"
    );
}
