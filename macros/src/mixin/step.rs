//! `mixin_step!`: visits the next mixin, or emits the finished struct.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Field, Fields, ItemStruct, Token};

use super::MARKER;
use super::state::{State, Visited, write};

/// Expands one step of a mixin chain (see the module docs of `mixin`).
pub fn step(input: TokenStream) -> TokenStream {
    let mut state: State = match syn::parse2(input) {
        Ok(state) => state,
        Err(err) => return err.to_compile_error(),
    };
    if let Some(returned) = state.returned.take() {
        state.done.push(returned);
    }
    if state.pending.is_empty() {
        return finish(state);
    }
    // The path keeps the spans the attribute gave it: an unknown mixin is
    // "cannot find macro" at its name there.
    let next = state.pending.remove(0);
    let root = &state.root;
    let written = write(&state, Some(&next));
    let marker = Ident::new(MARKER, Span::call_site());
    quote! {
        #next! { @#marker [#root::mixin_step] { #written } }
    }
}

/// `path::to::Mixin` as the attribute wrote it, for messages.
fn display(path: &TokenStream) -> String {
    path.to_string().replace(' ', "")
}

/// The struct with every mixin's fields first (in the attribute's order),
/// then its own. A field defined twice is reported and kept once: the
/// struct's own, or the first mixin's.
fn finish(state: State) -> TokenStream {
    let mut item: ItemStruct = match syn::parse2(state.item) {
        Ok(item) => item,
        Err(err) => return err.to_compile_error(),
    };
    let Fields::Named(named) = &mut item.fields else {
        return syn::Error::new_spanned(&item.ident, "mixins need a struct with named fields")
            .to_compile_error();
    };
    let own: Vec<Ident> = named.named.iter().filter_map(|f| f.ident.clone()).collect();
    let mut errors = TokenStream::new();
    let mut inserted: Vec<Field> = Vec::new();
    // Which mixin each inserted field came from.
    let mut origins: Vec<(Ident, String)> = Vec::new();
    for Visited { path, fields } in &state.done {
        let mixin = display(path);
        let parser = |input: ParseStream<'_>| {
            Punctuated::<Field, Token![,]>::parse_terminated_with(input, Field::parse_named)
        };
        let fields = match parser.parse2(fields.clone()) {
            Ok(fields) => fields,
            Err(err) => {
                errors.extend(err.to_compile_error());
                continue;
            }
        };
        for mut field in fields {
            let Some(ident) = field.ident.clone() else {
                continue;
            };
            if let Some(mine) = own.iter().find(|o| **o == ident) {
                let message = format!(
                    "field `{ident}` is also defined by mixin `{mixin}`: remove it here, or \
                     leave `{mixin}` out of `#[entkit::mixins(..)]`"
                );
                errors.extend(syn::Error::new(mine.span(), message).to_compile_error());
                continue;
            }
            if let Some((_, first)) = origins.iter().find(|(name, _)| *name == ident) {
                let message = format!(
                    "mixin `{mixin}` defines field `{ident}`, which mixin `{first}` defines \
                     too: a field can come from one mixin only"
                );
                errors.extend(syn::Error::new_spanned(path, message).to_compile_error());
                continue;
            }
            // Resolved like the struct's own field names: generated code may
            // name a field through an identifier it makes itself, and a
            // name carrying the mixin macro's hygiene would not match it.
            let mut resolved = ident.clone();
            resolved.set_span(ident.span().resolved_at(item.ident.span()));
            field.ident = Some(resolved);
            origins.push((ident, mixin.clone()));
            inserted.push(field);
        }
    }
    let own_fields = std::mem::take(&mut named.named);
    named.named = inserted.into_iter().chain(own_fields).collect();
    quote! {
        #errors
        #item
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::step;

    fn squash(tokens: proc_macro2::TokenStream) -> String {
        tokens.to_string().replace(' ', "")
    }

    /// With mixins left, a step calls the next one's macro, itself as the
    /// callback, and the rest of the list in the state.
    #[test]
    fn a_step_visits_the_next_mixin() {
        let out = step(quote! {
            root: [::entkit::__private]
            pending: [(BaseModel) (audit::Audited)]
            done: []
            item: { struct Post { title: String } }
        });
        assert_eq!(
            squash(out),
            "BaseModel!{@__entkit_mixin[::entkit::__private::mixin_step]{\
             root:[::entkit::__private]pending:[(audit::Audited)]done:[]\
             item:{structPost{title:String}}current:(BaseModel)}}"
        );
    }

    /// The returned fields join the visited ones; the last step writes the
    /// struct with the mixins' fields first, keeps the first definition of
    /// a duplicate (the struct's own before any mixin's) and reports the
    /// others.
    #[test]
    fn the_last_step_writes_the_struct_and_reports_duplicates() {
        let out = squash(step(quote! {
            root: [::entkit::__private]
            pending: []
            done: [(A) { #[entity(default = 1)] pub x: i64, }]
            item: { #[derive(Entity)] pub struct P { pub y: i32, z: i64 } }
            current: (B)
            fields: { x: i64, pub y: i32, w: bool, }
        }));
        assert!(
            out.ends_with(
                "#[derive(Entity)]pubstructP{#[entity(default=1)]pubx:i64,w:bool,puby:i32,z:i64}"
            ),
            "{out}"
        );
        assert!(
            out.contains("mixin`B`definesfield`x`,whichmixin`A`definestoo"),
            "{out}"
        );
        assert!(out.contains("field`y`isalsodefinedbymixin`B`"), "{out}");
        assert_eq!(out.matches("compile_error").count(), 2, "{out}");
    }

    /// State that is not the chain's is an error, not a panic.
    #[test]
    fn a_hand_written_call_is_an_error() {
        let out = squash(step(quote!(pending: [])));
        assert!(out.contains("compile_error"), "{out}");
        assert!(out.contains("`root`ismissing"), "{out}");
    }
}
