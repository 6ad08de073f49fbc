//! Parsing of `#[entity(...)]` attributes, with duplicate and unknown-key detection.

use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Expr, Ident, LitStr, Token};

use crate::ctxt::Ctxt;
use crate::names::suggest;
use crate::value::{self, DefaultExpr, Number, Parsed};

/// One attribute value, remembering where it was written.
pub struct Attr<T> {
    name: &'static str,
    value: Option<(Span, T)>,
}

impl<T> Attr<T> {
    fn none(name: &'static str) -> Self {
        Attr { name, value: None }
    }

    fn set(&mut self, cx: &Ctxt, span: Span, value: T) {
        if self.value.is_some() {
            cx.error_span(span, format!("duplicate entity attribute `{}`", self.name));
        } else {
            self.value = Some((span, value));
        }
    }

    pub fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|(_, v)| v)
    }

    pub fn span(&self) -> Option<Span> {
        self.value.as_ref().map(|(s, _)| *s)
    }

    pub fn is_set(&self) -> bool {
        self.value.is_some()
    }
}

/// `index(fields = [a, b], unique, name = "...")` on the struct.
pub struct IndexAttr {
    pub span: Span,
    pub fields: Vec<Ident>,
    pub unique: bool,
    pub name: Option<LitStr>,
}

/// `belongs_to(Target, edge = name, on_delete = cascade)` on a foreign-key field.
pub struct BelongsToAttr {
    pub target: Option<syn::Path>,
    pub edge: Option<Ident>,
    pub on_delete: Option<Ident>,
}

/// Which struct-level edge declaration.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum EdgeAttrKind {
    HasMany,
    HasOne,
    ManyToMany,
}

/// `has_many(name = Target, inverse = edge)`, `has_one(...)`,
/// `many_to_many(name = Target, table = "...", source_column = "...", target_column = "...", symmetric, inverse = edge, through = Entity, from = edge, to = edge)`.
pub struct EdgeAttr {
    pub kind: EdgeAttrKind,
    pub span: Span,
    pub name: Option<Ident>,
    pub target: Option<syn::Path>,
    pub inverse: Option<Ident>,
    pub table: Option<LitStr>,
    /// The join table's column referencing this entity.
    pub source_column: Option<LitStr>,
    /// The join table's column referencing the target.
    pub target_column: Option<LitStr>,
    pub symmetric: bool,
    pub through: Option<syn::Path>,
    /// The `through` entity's `belongs_to` edge to this entity.
    pub from: Option<Ident>,
    /// The `through` entity's `belongs_to` edge to the target.
    pub to: Option<Ident>,
}

/// Struct-level options.
pub struct StructAttrs {
    pub table: Attr<LitStr>,
    pub scope: Attr<LitStr>,
    pub comment: Attr<LitStr>,
    pub serialize: Attr<()>,
    pub no_debug: Attr<()>,
    pub soft_delete: Attr<()>,
    /// `crate = path`: where entkit is, for a crate that re-exports it.
    pub krate: Attr<syn::Path>,
    pub indexes: Vec<IndexAttr>,
    pub edges: Vec<EdgeAttr>,
}

/// Field-level options.
pub struct FieldAttrs {
    pub id: Attr<()>,
    pub unique: Attr<()>,
    pub index: Attr<()>,
    pub column: Attr<LitStr>,
    pub default: Attr<Parsed<DefaultExpr>>,
    pub update_default: Attr<Parsed<DefaultExpr>>,
    pub immutable: Attr<()>,
    pub sensitive: Attr<()>,
    pub max_len: Attr<Parsed<Option<usize>>>,
    pub min_len: Attr<Parsed<Option<usize>>>,
    pub comment: Attr<LitStr>,
    pub belongs_to: Attr<BelongsToAttr>,
    pub edges: Attr<()>,
    pub min: Attr<Parsed<Option<Number>>>,
    pub max: Attr<Parsed<Option<Number>>>,
    pub pattern: Attr<Parsed<String>>,
    pub validate: Attr<Parsed<Option<syn::Path>>>,
    pub renamed_from: Attr<LitStr>,
    pub tenant: Attr<()>,
}

// One table of accepted keys per attribute level. The parsers below match
// exactly these keys; the same tables drive the did-you-mean of an unknown
// key and the hint for a key written at the wrong level (a key of the
// other level's table), so the three cannot drift apart. A test checks
// that every key listed here is parsed.
const STRUCT_KEYS: &[&str] = &[
    "table",
    "scope",
    "comment",
    "index",
    "serialize",
    "no_debug",
    "soft_delete",
    "has_many",
    "has_one",
    "many_to_many",
    "crate",
];
const FIELD_KEYS: &[&str] = &[
    "id",
    "unique",
    "index",
    "column",
    "default",
    "update_default",
    "immutable",
    "sensitive",
    "max_len",
    "min_len",
    "comment",
    "belongs_to",
    "edges",
    "min",
    "max",
    "pattern",
    "validate",
    "renamed_from",
    "tenant",
];
const INDEX_KEYS: &[&str] = &["fields", "unique", "name"];
const BELONGS_TO_KEYS: &[&str] = &["edge", "on_delete"];
const EDGE_KEYS: &[&str] = &[
    "inverse",
    "table",
    "source_column",
    "target_column",
    "symmetric",
    "through",
    "from",
    "to",
];

/// Reports an unknown key with a suggestion, then consumes its value so
/// parsing continues with the next key.
fn unknown_key(cx: &Ctxt, meta: &ParseNestedMeta, known: &[&str], what: &str) -> syn::Result<()> {
    let key = meta
        .path
        .get_ident()
        .map(Ident::to_string)
        .unwrap_or_default();
    let hint = match suggest(&key, known) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => format!("; expected one of: {}", known.join(", ")),
    };
    cx.error_at(
        &meta.path,
        format!("unknown {what} attribute `{key}`{hint}"),
    );
    skip_value(meta)
}

fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<TokenStream>()?;
    }
    Ok(())
}

/// A key that takes no value (`unique`, `immutable`, ...).
fn flag(cx: &Ctxt, meta: &ParseNestedMeta, attr: &mut Attr<()>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        cx.error_at(&meta.path, format!("`{}` takes no value", attr.name));
        return skip_value(meta);
    }
    attr.set(cx, span_of(meta), ());
    Ok(())
}

fn span_of(meta: &ParseNestedMeta) -> Span {
    syn::spanned::Spanned::span(&meta.path)
}

fn entity_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("entity"))
}

impl StructAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = StructAttrs {
            table: Attr::none("table"),
            scope: Attr::none("scope"),
            comment: Attr::none("comment"),
            serialize: Attr::none("serialize"),
            no_debug: Attr::none("no_debug"),
            soft_delete: Attr::none("soft_delete"),
            krate: Attr::none("crate"),
            indexes: Vec::new(),
            edges: Vec::new(),
        };
        for attr in entity_attrs(attrs) {
            let result = attr.parse_nested_meta(|meta| {
                let span = span_of(&meta);
                match meta.path.get_ident().map(Ident::to_string).as_deref() {
                    Some("table") => out.table.set(cx, span, meta.value()?.parse()?),
                    Some("scope") => out.scope.set(cx, span, meta.value()?.parse()?),
                    Some("comment") => out.comment.set(cx, span, meta.value()?.parse()?),
                    Some("serialize") => flag(cx, &meta, &mut out.serialize)?,
                    Some("no_debug") => flag(cx, &meta, &mut out.no_debug)?,
                    Some("soft_delete") => flag(cx, &meta, &mut out.soft_delete)?,
                    Some("crate") => out.krate.set(cx, span, meta.value()?.parse()?),
                    Some("index") => out.indexes.push(parse_index(cx, &meta)?),
                    Some("has_many") => {
                        out.edges
                            .push(parse_edge(cx, &meta, EdgeAttrKind::HasMany)?)
                    }
                    Some("has_one") => out.edges.push(parse_edge(cx, &meta, EdgeAttrKind::HasOne)?),
                    Some("many_to_many") => {
                        out.edges
                            .push(parse_edge(cx, &meta, EdgeAttrKind::ManyToMany)?)
                    }
                    Some(key) if FIELD_KEYS.contains(&key) => {
                        cx.error_at(
                            &meta.path,
                            "this is a field attribute; put it on a field, not on the struct",
                        );
                        skip_value(&meta)?;
                    }
                    _ => unknown_key(cx, &meta, STRUCT_KEYS, "entity")?,
                }
                Ok(())
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        out
    }
}

fn parse_index(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<IndexAttr> {
    let mut index = IndexAttr {
        span: span_of(meta),
        fields: Vec::new(),
        unique: false,
        name: None,
    };
    let mut seen_fields = false;
    meta.parse_nested_meta(|inner| {
        match inner.path.get_ident().map(Ident::to_string).as_deref() {
            // `fields = [a, b]`: a bracketed list, which also keeps repeated
            // indexes clear of clippy's duplicated-attribute lint.
            Some("fields") if inner.input.peek(Token![=]) => {
                if seen_fields {
                    cx.error_at(&inner.path, "duplicate index attribute `fields`");
                }
                seen_fields = true;
                let value = inner.value()?;
                let content;
                syn::bracketed!(content in value);
                let names =
                    syn::punctuated::Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
                index.fields.extend(names);
            }
            Some("fields") => {
                cx.error_at(&inner.path, "write the indexed fields as `fields = [a, b]`");
                skip_value(&inner)?;
            }
            Some("unique") => {
                if index.unique {
                    cx.error_at(&inner.path, "duplicate index attribute `unique`");
                }
                index.unique = true;
            }
            Some("name") => {
                if index.name.is_some() {
                    cx.error_at(&inner.path, "duplicate index attribute `name`");
                }
                index.name = Some(inner.value()?.parse()?);
            }
            _ => unknown_key(cx, &inner, INDEX_KEYS, "index")?,
        }
        Ok(())
    })?;
    if !seen_fields {
        cx.error_span(
            index.span,
            "an index needs `fields = [...]`, e.g. `index(fields = [name, email])`",
        );
    }
    Ok(index)
}

impl FieldAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = FieldAttrs {
            id: Attr::none("id"),
            unique: Attr::none("unique"),
            index: Attr::none("index"),
            column: Attr::none("column"),
            default: Attr::none("default"),
            update_default: Attr::none("update_default"),
            immutable: Attr::none("immutable"),
            sensitive: Attr::none("sensitive"),
            max_len: Attr::none("max_len"),
            min_len: Attr::none("min_len"),
            comment: Attr::none("comment"),
            belongs_to: Attr::none("belongs_to"),
            edges: Attr::none("edges"),
            min: Attr::none("min"),
            max: Attr::none("max"),
            pattern: Attr::none("pattern"),
            validate: Attr::none("validate"),
            renamed_from: Attr::none("renamed_from"),
            tenant: Attr::none("tenant"),
        };
        for attr in entity_attrs(attrs) {
            let result = attr.parse_nested_meta(|meta| {
                let span = span_of(&meta);
                match meta.path.get_ident().map(Ident::to_string).as_deref() {
                    Some("id") => flag(cx, &meta, &mut out.id)?,
                    Some("edges") => flag(cx, &meta, &mut out.edges)?,
                    Some("belongs_to") => {
                        let parsed = parse_belongs_to(cx, &meta)?;
                        out.belongs_to.set(cx, span, parsed);
                    }
                    Some("unique") => flag(cx, &meta, &mut out.unique)?,
                    Some("index") => flag(cx, &meta, &mut out.index)?,
                    Some("immutable") => flag(cx, &meta, &mut out.immutable)?,
                    Some("sensitive") => flag(cx, &meta, &mut out.sensitive)?,
                    Some("tenant") => flag(cx, &meta, &mut out.tenant)?,
                    Some("column") => out.column.set(cx, span, meta.value()?.parse()?),
                    Some("default") => {
                        let parsed = value::default_expr(meta.value()?.parse()?);
                        out.default.set(cx, span, parsed)
                    }
                    Some("update_default") => {
                        let parsed = value::default_expr(meta.value()?.parse()?);
                        out.update_default.set(cx, span, parsed)
                    }
                    Some("max_len") => {
                        let parsed = value::length(meta.value()?.parse()?);
                        out.max_len.set(cx, span, parsed)
                    }
                    Some("min_len") => {
                        let parsed = value::length(meta.value()?.parse()?);
                        out.min_len.set(cx, span, parsed)
                    }
                    Some("comment") => out.comment.set(cx, span, meta.value()?.parse()?),
                    Some("min") => out.min.set(cx, span, value::number(meta.value()?.parse()?)),
                    Some("max") => out.max.set(cx, span, value::number(meta.value()?.parse()?)),
                    Some("pattern") => {
                        let parsed = value::text(meta.value()?.parse()?);
                        out.pattern.set(cx, span, parsed)
                    }
                    Some("validate") => {
                        let parsed = value::function(meta.value()?.parse()?);
                        out.validate.set(cx, span, parsed)
                    }
                    Some("renamed_from") => out.renamed_from.set(cx, span, meta.value()?.parse()?),
                    Some(key) if STRUCT_KEYS.contains(&key) => {
                        cx.error_at(
                            &meta.path,
                            "this is a struct attribute; put it on the struct, not on a field",
                        );
                        skip_value(&meta)?;
                    }
                    _ => unknown_key(cx, &meta, FIELD_KEYS, "field")?,
                }
                Ok(())
            });
            if let Err(e) = result {
                cx.syn_error(e);
            }
        }
        out
    }
}

/// Parses `key = value` into `slot`, refusing a key given twice (the
/// last one silently winning would hide a mistake).
fn set_once<T: syn::parse::Parse>(
    cx: &Ctxt,
    inner: &ParseNestedMeta,
    slot: &mut Option<T>,
    what: &str,
) -> syn::Result<()> {
    let value = inner.value()?.parse()?;
    if slot.is_some() {
        let key = inner
            .path
            .get_ident()
            .map(Ident::to_string)
            .unwrap_or_default();
        cx.error_at(&inner.path, format!("duplicate {what} attribute `{key}`"));
    } else {
        *slot = Some(value);
    }
    Ok(())
}

/// `belongs_to(Target, edge = name, on_delete = cascade)`.
fn parse_belongs_to(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<BelongsToAttr> {
    let mut out = BelongsToAttr {
        target: None,
        edge: None,
        on_delete: None,
    };
    meta.parse_nested_meta(|inner| {
        let is_value = inner.input.peek(Token![=]);
        match inner.path.get_ident().map(Ident::to_string).as_deref() {
            Some("edge") if is_value => set_once(cx, &inner, &mut out.edge, "belongs_to")?,
            Some("on_delete") if is_value => {
                set_once(cx, &inner, &mut out.on_delete, "belongs_to")?
            }
            _ if !is_value && out.target.is_none() => out.target = Some(inner.path.clone()),
            _ => unknown_key(cx, &inner, BELONGS_TO_KEYS, "belongs_to")?,
        }
        Ok(())
    })?;
    if out.target.is_none() {
        cx.error_span(
            span_of(meta),
            "`belongs_to` needs the target entity, e.g. `belongs_to(User)`",
        );
    }
    Ok(out)
}

/// `has_many(name = Target, ...)`, `has_one(...)`, `many_to_many(...)`. The
/// `name = Target` form (a path, not a literal) also keeps these attributes
/// out of clippy's duplicated-attribute lint when two edges share a target.
fn parse_edge(cx: &Ctxt, meta: &ParseNestedMeta, kind: EdgeAttrKind) -> syn::Result<EdgeAttr> {
    let mut out = EdgeAttr {
        kind,
        span: span_of(meta),
        name: None,
        target: None,
        inverse: None,
        table: None,
        source_column: None,
        target_column: None,
        symmetric: false,
        through: None,
        from: None,
        to: None,
    };
    let mut first = true;
    let mut reported = false;
    meta.parse_nested_meta(|inner| {
        let is_value = inner.input.peek(Token![=]);
        let key = inner.path.get_ident().map(Ident::to_string);
        let is_known = key.as_deref().is_some_and(|k| EDGE_KEYS.contains(&k));
        let is_first = std::mem::replace(&mut first, false);
        match key.as_deref() {
            // The first item names the edge and its target: `roles = Role`.
            Some(_) if is_first && is_value && !is_known => {
                out.name = inner.path.get_ident().cloned();
                out.target = Some(inner.value()?.parse()?);
            }
            // Anything else first is that same mistake, reported once.
            _ if is_first => {
                cx.error_at(
                    &inner.path,
                    "an edge starts with its name and target entity, e.g. `has_many(posts = Post, inverse = author)`",
                );
                reported = true;
                skip_value(&inner)?;
            }
            Some("inverse") if is_value => set_once(cx, &inner, &mut out.inverse, "edge")?,
            Some("table") if is_value => set_once(cx, &inner, &mut out.table, "edge")?,
            Some("source_column") if is_value => {
                set_once(cx, &inner, &mut out.source_column, "edge")?
            }
            Some("target_column") if is_value => {
                set_once(cx, &inner, &mut out.target_column, "edge")?
            }
            Some("through") if is_value => set_once(cx, &inner, &mut out.through, "edge")?,
            Some("from") if is_value => set_once(cx, &inner, &mut out.from, "edge")?,
            Some("to") if is_value => set_once(cx, &inner, &mut out.to, "edge")?,
            Some("symmetric") if !is_value => {
                if out.symmetric {
                    cx.error_at(&inner.path, "duplicate edge attribute `symmetric`");
                }
                out.symmetric = true;
            }
            _ => unknown_key(cx, &inner, EDGE_KEYS, "edge")?,
        }
        Ok(())
    })?;
    if !reported && (out.name.is_none() || out.target.is_none()) {
        cx.error_span(
            out.span,
            "an edge starts with its name and target entity, e.g. `has_many(posts = Post, inverse = author)`",
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of the struct and field tables is parsed at its level, and
    /// is refused with the wrong-level hint at the other one.
    #[test]
    fn every_listed_key_is_parsed_at_its_level() {
        fn errors_of(attr: &str, on_struct: bool) -> Vec<String> {
            let input: syn::DeriveInput = if on_struct {
                syn::parse_str(&format!("#[entity({attr})] struct S {{ id: i64 }}")).unwrap()
            } else {
                syn::parse_str(&format!("struct S {{ #[entity({attr})] id: i64 }}")).unwrap()
            };
            let cx = Ctxt::default();
            if on_struct {
                StructAttrs::parse(&cx, &input.attrs);
            } else if let syn::Data::Struct(data) = &input.data {
                let field = data.fields.iter().next().unwrap();
                FieldAttrs::parse(&cx, &field.attrs);
            }
            cx.finish()
                .map(|tokens| vec![tokens.to_string()])
                .unwrap_or_default()
        }
        let sample = |key: &str| match key {
            "index" => "index(fields = [id])".to_owned(),
            "has_many" | "has_one" | "many_to_many" => format!("{key}(x = X, inverse = y)"),
            "belongs_to" => "belongs_to(X)".to_owned(),
            "min" | "max" | "max_len" | "min_len" => format!("{key} = 1"),
            "default" | "update_default" | "validate" => format!("{key} = f"),
            "crate" => "crate = my::entkit".to_owned(),
            _ => format!("{key} = \"x\""),
        };
        let flag = |key: &str| {
            matches!(
                key,
                "serialize"
                    | "no_debug"
                    | "soft_delete"
                    | "id"
                    | "unique"
                    | "immutable"
                    | "sensitive"
                    | "tenant"
                    | "edges"
            ) || (key == "index")
        };
        for (keys, on_struct, other) in [
            (STRUCT_KEYS, true, FIELD_KEYS),
            (FIELD_KEYS, false, STRUCT_KEYS),
        ] {
            for key in keys {
                let attr = if flag(key) && !(on_struct && *key == "index") {
                    (*key).to_owned()
                } else {
                    sample(key)
                };
                let errors = errors_of(&attr, on_struct);
                assert!(errors.is_empty(), "`{attr}` is not parsed: {errors:?}");
                if !other.contains(key) {
                    let misplaced = errors_of(&attr, !on_struct);
                    assert!(
                        misplaced.iter().any(|e| e.contains("put it on")),
                        "`{attr}` at the wrong level gets no hint: {misplaced:?}"
                    );
                }
            }
        }
    }
}
