//! Edges: static `EdgeDef`s, typed edge handles (`User::ROLES`), the
//! `UserEdges` holder of loaded neighbours, per-edge methods, and the
//! compile-time checks that tie both sides of an edge together.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote, quote_spanned};

use crate::krate::at;
use crate::model::{Edge, EdgeKind, Entity, OnDelete, Side};
use crate::names::column_const;

pub fn edges_struct_name(entity: &Entity<'_>) -> syn::Ident {
    format_ident!("{}Edges", entity.ident)
}

fn target_span(edge: &Edge) -> proc_macro2::Span {
    edge.target
        .segments
        .last()
        .map_or(edge.span, |s| s.ident.span())
}

/// The target type, every token spanned at the user's target path, so an
/// error about the target points there rather than at the derive.
fn target_ty(edge: &Edge) -> TokenStream {
    let target = &edge.target;
    quote_spanned!(target_span(edge)=> #target)
}

/// `<Target as Entity>::Key`, spanned like [`target_ty`].
fn target_key(krate: &TokenStream, edge: &Edge) -> TokenStream {
    let target = &edge.target;
    let span = target_span(edge);
    let krate = at(krate, span);
    quote_spanned!(span=> <#target as #krate::Entity>::Key)
}

fn edge_const(edge: &Edge) -> syn::Ident {
    format_ident!(
        "{}",
        column_const(&edge.name.to_string()),
        span = edge.name.span()
    )
}

/// The `EdgeDef`s of `EntityDef::edges`.
pub fn edge_defs(entity: &Entity<'_>) -> Vec<TokenStream> {
    let ident = entity.ident;
    let krate = &entity.krate;
    entity
        .edges
        .iter()
        .map(|edge| {
            let name = edge.name.to_string();
            let target = &edge.target;
            let unique = edge.unique;
            let kind = match &edge.kind {
                EdgeKind::BelongsTo { field, on_delete } => {
                    let column = &entity.fields[*field].column;
                    let on_delete = match on_delete {
                        OnDelete::Cascade => quote!(#krate::OnDelete::Cascade),
                        OnDelete::SetNull => quote!(#krate::OnDelete::SetNull),
                        OnDelete::Restrict => quote!(#krate::OnDelete::Restrict),
                    };
                    quote!(#krate::EdgeKind::belongs_to(#column, #on_delete))
                }
                EdgeKind::HasMany { inverse, one } => {
                    let inverse = inverse.to_string();
                    quote!(#krate::EdgeKind::has_many(#inverse, #one))
                }
                EdgeKind::ManyToMany {
                    table,
                    source,
                    target,
                    symmetric,
                    ..
                } => {
                    quote!(#krate::EdgeKind::many_to_many(#table, #source, #target, #symmetric))
                }
                EdgeKind::ManyToManyInverse { inverse } => {
                    let inverse = inverse.to_string();
                    quote!(#krate::EdgeKind::many_to_many_inverse(#inverse))
                }
                EdgeKind::Through { through, from, to } => {
                    let from = through_side(krate, through, from, &quote!(#ident));
                    let to = through_side(krate, through, to, &target_ty(edge));
                    quote!(#krate::EdgeKind::through(<#through as #krate::Entity>::def, #from, #to))
                }
            };
            // Spanned at the target: a target that is not an entity is reported there.
            let span = target_span(edge);
            let spanned_krate = at(krate, span);
            let target_def = quote_spanned! {span=> <#target as #spanned_krate::Entity>::def };
            let unique = unique.then(|| quote!(.unique()));
            quote!(#krate::EdgeDef::new(#name, #target_def, #kind)#unique)
        })
        .collect()
}

/// The name of one side of a `through` edge: the `belongs_to` edge named
/// by `from`/`to`, else the through entity's only `belongs_to` edge to
/// `side`, found by the trait system (spanned at the through entity: no
/// such edge, or two, is reported there).
fn through_side(
    krate: &TokenStream,
    through: &syn::Path,
    side: &Side,
    entity: &TokenStream,
) -> TokenStream {
    let span = syn::spanned::Spanned::span(through);
    let krate = at(krate, span);
    match side {
        Side::Named(name) => name.to_string().into_token_stream(),
        Side::Only => quote_spanned! {span=>
            #krate::through_side::<#through, #entity, _>()
        },
        // Already a compile error; the expansion only has to stay quiet.
        Side::Invalid => quote!(""),
    }
}

/// Checks of the sides a `through` edge names, spanned at each name: an
/// edge of the through entity (its edge constant resolves), leading to
/// the right entity, that is a `belongs_to` edge (a const evaluation).
fn named_side_checks(entity: &Entity<'_>, edge: &Edge) -> TokenStream {
    let EdgeKind::Through { through, from, to } = &edge.kind else {
        return TokenStream::new();
    };
    let ident = entity.ident;
    let target = target_ty(edge);
    let sides = [(from, quote!(#ident)), (to, target)];
    sides
        .into_iter()
        .filter_map(|(name, side)| {
            let Side::Named(name) = name else {
                return None;
            };
            let constant = format_ident!("{}", column_const(&name.to_string()), span = name.span());
            let krate = at(&entity.krate, name.span());
            Some(quote_spanned! {name.span()=>
                const _: () = #krate::named_through_side::<#side, _, _>(<#through>::#constant);
            })
        })
        .collect()
}

/// `BelongsTo<Target, EdgeAt<index>>` for each `belongs_to` edge, so a
/// `through` edge on another entity can find the side it does not name.
fn belongs_to_impls(entity: &Entity<'_>) -> TokenStream {
    let ident = entity.ident;
    let krate = &entity.krate;
    entity
        .edges
        .iter()
        .enumerate()
        .filter(|(_, edge)| matches!(edge.kind, EdgeKind::BelongsTo { .. }))
        .map(|(index, edge)| {
            let target = target_ty(edge);
            let name = edge.name.to_string();
            quote! {
                #[automatically_derived]
                impl #krate::BelongsTo<#target, #krate::EdgeAt<#index>> for #ident {
                    const EDGE: &'static str = #name;
                }
            }
        })
        .collect()
}

/// Assertions that fail to compile, at the offending token, when an edge
/// does not fit: a target that is not an entity, a foreign key whose type
/// is not the target's key type, an inverse that names no edge.
fn checks(entity: &Entity<'_>, edge: &Edge) -> TokenStream {
    let ident = entity.ident;
    let target = &edge.target;
    let span = target_span(edge);
    let krate = at(&entity.krate, span);
    let is_entity = quote_spanned! {span=>
        #krate::assert_entity::<#target>();
    };
    let specific = match &edge.kind {
        EdgeKind::BelongsTo { field, .. } => {
            let ty = entity.fields[*field].inner_ty;
            let span = syn::spanned::Spanned::span(ty);
            let krate = at(&entity.krate, span);
            quote_spanned! {span=>
                #krate::assert_key::<#target, #ty>();
            }
        }
        EdgeKind::HasMany { inverse, .. } => {
            let inverse_const = format_ident!(
                "{}",
                column_const(&inverse.to_string()),
                span = inverse.span()
            );
            let krate = at(&entity.krate, inverse.span());
            quote_spanned! {inverse.span()=>
                let _: #krate::Edge<#target, #ident> = <#target>::#inverse_const;
            }
        }
        EdgeKind::ManyToManyInverse { inverse } => {
            let inverse_const = format_ident!(
                "{}",
                column_const(&inverse.to_string()),
                span = inverse.span()
            );
            let krate = at(&entity.krate, inverse.span());
            quote_spanned! {inverse.span()=>
                let _: #krate::Edge<#target, #ident> = <#target>::#inverse_const;
            }
        }
        EdgeKind::Through { through, .. } => {
            let span = syn::spanned::Spanned::span(through);
            let krate = at(&entity.krate, span);
            quote_spanned! {span=>
                #krate::assert_entity::<#through>();
            }
        }
        EdgeKind::ManyToMany { .. } => TokenStream::new(),
    };
    quote! {
        #[allow(dead_code, clippy::let_underscore_untyped)]
        const _: () = {
            fn check() {
                #is_entity
                #specific
            }
        };
    }
}

/// A module-level marker per join table: declaring the same join table
/// twice in one module is a duplicate-definition error at the table name.
fn join_table_marker(edge: &Edge) -> TokenStream {
    let EdgeKind::ManyToMany {
        table, table_span, ..
    } = &edge.kind
    else {
        return TokenStream::new();
    };
    let marker = format_ident!("__entkit_join_table_{}", table, span = *table_span);
    quote_spanned! {*table_span=>
        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        struct #marker;
    }
}

pub fn expand(entity: &Entity<'_>) -> TokenStream {
    if entity.edges.is_empty() {
        return TokenStream::new();
    }
    let Some(edges_field) = entity.edges_field else {
        return TokenStream::new();
    };
    let ident = entity.ident;
    let vis = entity.vis;
    let krate = &entity.krate;
    let holder = edges_struct_name(entity);

    let consts = entity.edges.iter().enumerate().map(|(index, edge)| {
        let name = edge_const(edge);
        let field = &edge.name;
        let path = &edge.target;
        let target = target_ty(edge);
        let doc = format!("The `{}` edge to [`{}`].", edge.name, quote!(#path).to_string().replace(' ', ""));
        let constructor = if matches!(edge.kind, EdgeKind::BelongsTo { .. }) {
            format_ident!("new_belongs_to")
        } else {
            format_ident!("new")
        };
        quote! {
            #[doc = #doc]
            #vis const #name: #krate::Edge<#ident, #target> = #krate::Edge::#constructor(#index, |entity, loaded| {
                entity.#edges_field.#field = ::core::option::Option::Some(loaded);
            });
        }
    });

    let methods = entity.edges.iter().map(|edge| {
        let name = edge_const(edge);
        let target = target_ty(edge);
        let target_key = target_key(krate, edge);
        let query = format_ident!("query_{}", edge.name);
        let query_doc = format!("A query over this row's `{}` neighbours.", edge.name);
        let span = target_span(edge);
        let query_call = {
            let krate = at(krate, span);
            quote_spanned!(span=> Self::#name.query_from(#krate::Entity::key(self)))
        };
        let membership = edge.mutable_membership().then(|| {
            let add = format_ident!("add_{}", edge.name);
            let remove = format_ident!("remove_{}", edge.name);
            let set = format_ident!("set_{}", edge.name);
            let clear = format_ident!("clear_{}", edge.name);
            // The calls need `Target: Entity`: spanned at the target, so a
            // target that is not an entity is reported there.
            let spanned = at(krate, span);
            let add_call =
                quote_spanned!(span=> Self::#name.add(exec, #spanned::Entity::key(self), keys));
            let remove_call =
                quote_spanned!(span=> Self::#name.remove(exec, #spanned::Entity::key(self), keys));
            let set_call =
                quote_spanned!(span=> Self::#name.set(exec, #spanned::Entity::key(self), keys));
            let clear_call =
                quote_spanned!(span=> Self::#name.clear(exec, #spanned::Entity::key(self)));
            let e = edge.name.to_string();
            let (add_doc, remove_doc, set_doc, clear_doc) = (
                format!("Adds neighbours to `{e}` by key (already present ones are kept)."),
                format!("Removes neighbours from `{e}` by key."),
                format!("Makes `{e}` exactly these neighbours, in one transaction."),
                format!("Removes every neighbour from `{e}`."),
            );
            quote! {
                #[doc = #add_doc]
                #vis fn #add<'a>(
                    &self,
                    exec: impl #krate::Executor<'a>,
                    keys: impl ::core::iter::IntoIterator<Item = #target_key>,
                ) -> impl ::core::future::Future<Output = #krate::Result<()>> {
                    #add_call
                }
                #[doc = #remove_doc]
                #vis fn #remove<'a>(
                    &self,
                    exec: impl #krate::Executor<'a>,
                    keys: impl ::core::iter::IntoIterator<Item = #target_key>,
                ) -> impl ::core::future::Future<Output = #krate::Result<u64>> {
                    #remove_call
                }
                #[doc = #set_doc]
                #vis fn #set<'a>(
                    &self,
                    exec: impl #krate::Executor<'a>,
                    keys: impl ::core::iter::IntoIterator<Item = #target_key>,
                ) -> impl ::core::future::Future<Output = #krate::Result<()>> {
                    #set_call
                }
                #[doc = #clear_doc]
                #vis fn #clear<'a>(
                    &self,
                    exec: impl #krate::Executor<'a>,
                ) -> impl ::core::future::Future<Output = #krate::Result<u64>> {
                    #clear_call
                }
            }
        });
        quote! {
            #[doc = #query_doc]
            #[inline]
            #vis fn #query(&self) -> #krate::Query<#target> {
                #query_call
            }
            #membership
        }
    });

    let holder_fields = entity.edges.iter().map(|edge| {
        let name = &edge.name;
        let target = target_ty(edge);
        let doc = format!(
            "Loaded `{}` neighbours; `None` until loaded with `with`.",
            edge.name
        );
        quote! {
            #[doc = #doc]
            pub #name: ::core::option::Option<::std::vec::Vec<::std::sync::Arc<#target>>>,
        }
    });
    let accessors = entity.edges.iter().map(|edge| {
        let name = &edge.name;
        let target = target_ty(edge);
        let label = edge.name.to_string();
        if edge.unique || matches!(edge.kind, EdgeKind::BelongsTo { .. }) {
            let doc = format!("The loaded `{label}` neighbour, if any; an error if the edge was not loaded.");
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #name(&self) -> #krate::Result<::core::option::Option<&#target>> {
                    match &self.#name {
                        ::core::option::Option::Some(v) => ::core::result::Result::Ok(v.first().map(|n| &**n)),
                        ::core::option::Option::None => ::core::result::Result::Err(#krate::Error::EdgeNotLoaded { edge: #label }),
                    }
                }
            }
        } else {
            let doc = format!("The loaded `{label}` neighbours; an error if the edge was not loaded.");
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #name(&self) -> #krate::Result<&[::std::sync::Arc<#target>]> {
                    self.#name.as_deref().ok_or(#krate::Error::EdgeNotLoaded { edge: #label })
                }
            }
        }
    });
    let debug_fields = entity.edges.iter().map(|edge| {
        let name = &edge.name;
        let label = edge.name.to_string();
        quote!(.field(#label, &self.#name.as_ref().map(|v| v.len())))
    });
    let checks = entity.edges.iter().map(|e| checks(entity, e));
    let side_checks = entity.edges.iter().map(|e| named_side_checks(entity, e));
    let belongs_to = belongs_to_impls(entity);
    let markers = entity.edges.iter().map(join_table_marker);
    let holder_doc = format!("Neighbours of a [`{ident}`] loaded by `Query::with`.");
    let holder_name = holder.to_string();
    quote! {
        /// Edge handles for traversal, edge predicates and eager loading.
        impl #ident {
            #(#consts)*
        }

        impl #ident {
            #(#methods)*
        }

        #[doc = #holder_doc]
        #[derive(Default, Clone)]
        #vis struct #holder {
            #(#holder_fields)*
        }

        impl #holder {
            #(#accessors)*
        }

        /// Shows which edges are loaded and how many neighbours each holds.
        #[automatically_derived]
        impl ::core::fmt::Debug for #holder {
            // `#[inline]` as `#[derive(Debug)]` emits it: compiled where used.
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#holder_name) #(#debug_fields)* .finish()
            }
        }

        #(#checks)*
        #(#side_checks)*
        #(#markers)*
        #belongs_to
    }
}
