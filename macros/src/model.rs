//! The intermediate model of one entity, built from the parsed attributes.

use proc_macro2::{Span, TokenStream};
use syn::{Data, DeriveInput, Fields, GenericArgument, Ident, PathArguments, Type, Visibility};

use crate::attr::{EdgeAttrKind, FieldAttrs, StructAttrs};
use crate::ctxt::Ctxt;
use crate::names::{IDENT_RULE, default_table_name, is_plain_identifier};

/// What the syntax of a field type says about it (the trait system has the final word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    Bool,
    Int,
    Float,
    Str,
    Uuid,
    Other,
}

/// How the primary key gets its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStrategy {
    AutoIncrement,
    Generated,
    Provided,
}

pub struct Field<'a> {
    pub ident: &'a Ident,
    /// The Rust name without a raw-identifier prefix.
    pub name: String,
    pub ty: &'a Type,
    /// `T` of `Option<T>`, else the type itself.
    pub inner_ty: &'a Type,
    pub optional: bool,
    pub kind: TypeKind,
    pub column: String,
    pub attrs: FieldAttrs,
    pub primary_key: bool,
    pub key_strategy: Option<KeyStrategy>,
    pub indexed: bool,
}

impl Field<'_> {
    /// Whether the create builder must be given this field before `save`.
    pub fn required_in_create(&self) -> bool {
        !self.optional
            && !self.attrs.default.is_set()
            && !self.attrs.tenant.is_set()
            && !matches!(
                self.key_strategy,
                Some(KeyStrategy::AutoIncrement | KeyStrategy::Generated)
            )
    }

    /// Whether the create builder has a setter for it. The tenant key has
    /// none: a create takes it from the client.
    pub fn settable_in_create(&self) -> bool {
        self.key_strategy != Some(KeyStrategy::AutoIncrement) && !self.attrs.tenant.is_set()
    }

    /// Whether update builders have a setter for it (no API changes a
    /// row's tenant).
    pub fn settable_in_update(&self) -> bool {
        !self.primary_key && !self.attrs.immutable.is_set() && !self.attrs.tenant.is_set()
    }
}

/// What deleting the target of a `belongs_to` edge does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDelete {
    Cascade,
    SetNull,
    Restrict,
}

pub enum EdgeKind {
    /// The foreign key is the field at this index.
    BelongsTo {
        field: usize,
        on_delete: OnDelete,
    },
    HasMany {
        inverse: Ident,
        one: bool,
    },
    ManyToMany {
        table: String,
        table_span: Span,
        source: String,
        target: String,
        symmetric: bool,
    },
    ManyToManyInverse {
        inverse: Ident,
    },
    /// Each side is one of the through entity's `belongs_to` edges.
    Through {
        through: syn::Path,
        from: Side,
        to: Side,
    },
}

/// One side of a `through` edge.
pub enum Side {
    /// Named by `from = ...` or `to = ...`.
    Named(Ident),
    /// Not named: the through entity's only `belongs_to` edge to that
    /// side's entity, found by the trait system.
    Only,
    /// Already reported as an error: expands to a placeholder.
    Invalid,
}

pub struct Edge {
    pub name: Ident,
    /// The target entity, with `Self` replaced by the entity's name.
    pub target: syn::Path,
    pub span: Span,
    pub kind: EdgeKind,
    /// At most one neighbour.
    pub unique: bool,
}

impl Edge {
    /// The neighbours' own edges can be traversed further; all edges can be
    /// loaded; only these can have members added and removed by key.
    pub fn mutable_membership(&self) -> bool {
        matches!(
            self.kind,
            EdgeKind::ManyToMany { .. }
                | EdgeKind::ManyToManyInverse { .. }
                | EdgeKind::HasMany { one: false, .. }
        )
    }
}

pub struct Index {
    pub name: String,
    pub columns: Vec<String>,
    pub unique: bool,
    pub span: Span,
}

pub struct Entity<'a> {
    pub input: &'a DeriveInput,
    pub ident: &'a Ident,
    pub vis: &'a Visibility,
    /// `<entkit>::__private`, the path every generated item names the runtime by.
    pub krate: TokenStream,
    pub table: String,
    pub attrs: StructAttrs,
    pub fields: Vec<Field<'a>>,
    pub indexes: Vec<Index>,
    /// Index of the primary key in `fields`, when there is exactly one.
    pub primary_key: Option<usize>,
    pub edges: Vec<Edge>,
    /// The `#[entity(edges)]` field that holds loaded neighbours.
    pub edges_field: Option<&'a Ident>,
}

/// `Option<T>` -> `Some(T)`.
pub fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

fn type_kind(ty: &Type) -> TypeKind {
    let Type::Path(path) = ty else {
        return TypeKind::Other;
    };
    let Some(last) = path.path.segments.last() else {
        return TypeKind::Other;
    };
    match last.ident.to_string().as_str() {
        "bool" => TypeKind::Bool,
        "i16" | "i32" | "i64" => TypeKind::Int,
        "f32" | "f64" => TypeKind::Float,
        "String" => TypeKind::Str,
        "Uuid" => TypeKind::Uuid,
        _ => TypeKind::Other,
    }
}

impl<'a> Entity<'a> {
    /// Builds the model, reporting shape errors (enum, tuple struct, generics)
    /// to `cx`. Returns `None` when there is no struct to model.
    pub fn from_input(cx: &Ctxt, input: &'a DeriveInput) -> Option<Entity<'a>> {
        let named = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(named) => named,
                Fields::Unnamed(_) | Fields::Unit => {
                    cx.error_at(
                        &input.ident,
                        "#[derive(Entity)] needs a struct with named fields",
                    );
                    return None;
                }
            },
            Data::Enum(data) => {
                cx.error_span(
                    data.enum_token.span,
                    "#[derive(Entity)] works on structs with named fields, not enums",
                );
                return None;
            }
            Data::Union(data) => {
                cx.error_span(
                    data.union_token.span,
                    "#[derive(Entity)] works on structs with named fields, not unions",
                );
                return None;
            }
        };
        if !input.generics.params.is_empty() || input.generics.where_clause.is_some() {
            cx.error_at(
                &input.generics,
                "an entity cannot be generic: it maps to one table",
            );
        }

        let attrs = StructAttrs::parse(cx, &input.attrs);
        let table = attrs
            .table
            .get()
            .map(|t| t.value())
            .unwrap_or_else(|| default_table_name(&input.ident.to_string()));

        let mut edges_field = None;
        let mut fields: Vec<Field<'a>> = named
            .named
            .iter()
            .filter_map(|f| {
                let ident = f.ident.as_ref()?;
                let attrs = FieldAttrs::parse(cx, &f.attrs);
                if attrs.edges.is_set() {
                    if edges_field.is_some() {
                        cx.error_at(ident, "only one field can hold the loaded edges");
                    }
                    edges_field = Some(ident);
                    return None;
                }
                let name = ident.to_string().trim_start_matches("r#").to_owned();
                let (inner_ty, optional) = match option_inner(&f.ty) {
                    Some(inner) => (inner, true),
                    None => (&f.ty, false),
                };
                let column = attrs
                    .column
                    .get()
                    .map(|c| c.value())
                    .unwrap_or_else(|| name.clone());
                Some(Field {
                    ident,
                    name,
                    ty: &f.ty,
                    inner_ty,
                    optional,
                    kind: type_kind(inner_ty),
                    column,
                    attrs,
                    primary_key: false,
                    key_strategy: None,
                    indexed: false,
                })
            })
            .collect();

        let primary_key = choose_primary_key(cx, input, &mut fields);
        let mut indexes = build_indexes(cx, &table, &attrs, &mut fields);
        let edges = build_edges(cx, input, &table, &attrs, &mut fields, &mut indexes);
        if !edges.is_empty() && edges_field.is_none() {
            cx.error_at(
                &input.ident,
                format!(
                    "`{0}` declares edges: add a field `#[entity(edges)] pub edges: {0}Edges` to hold loaded neighbours",
                    input.ident
                ),
            );
        }
        Some(Entity {
            input,
            ident: &input.ident,
            vis: &input.vis,
            krate: crate::krate::runtime_path(attrs.krate.get()),
            table,
            attrs,
            fields,
            indexes,
            primary_key,
            edges,
            edges_field,
        })
    }

    pub fn key(&self) -> Option<&Field<'a>> {
        self.primary_key.map(|i| &self.fields[i])
    }
}

/// The field marked `#[entity(id)]`, else the field named `id`.
fn choose_primary_key(cx: &Ctxt, input: &DeriveInput, fields: &mut [Field<'_>]) -> Option<usize> {
    let marked: Vec<usize> = (0..fields.len())
        .filter(|i| fields[*i].attrs.id.is_set())
        .collect();
    let chosen = match marked.as_slice() {
        [] => fields.iter().position(|f| f.name == "id"),
        [one] => Some(*one),
        [first, rest @ ..] => {
            for i in rest {
                let span = fields[*i].attrs.id.span().unwrap_or_else(Span::call_site);
                cx.error_span(
                    span,
                    format!(
                        "an entity has one primary key; `{}` is already marked #[entity(id)]",
                        fields[*first].name
                    ),
                );
            }
            Some(*first)
        }
    };
    let Some(index) = chosen else {
        if !fields.is_empty() {
            cx.error_at(
                &input.ident,
                "this entity has no primary key: add a field named `id` or mark one with #[entity(id)]",
            );
        }
        return None;
    };
    let field = &mut fields[index];
    field.primary_key = true;
    field.key_strategy = Some(match (field.kind, field.attrs.default.is_set()) {
        (_, true) | (TypeKind::Uuid, false) => KeyStrategy::Generated,
        (TypeKind::Int, false) => KeyStrategy::AutoIncrement,
        _ => KeyStrategy::Provided,
    });
    Some(index)
}

/// Field-level unique/index flags and struct-level `index(...)` entries.
fn build_indexes(
    cx: &Ctxt,
    table: &str,
    attrs: &StructAttrs,
    fields: &mut [Field<'_>],
) -> Vec<Index> {
    let mut indexes = Vec::new();
    for field in fields.iter_mut() {
        for (set, unique) in [
            (field.attrs.unique.span(), true),
            (field.attrs.index.span(), false),
        ] {
            if let Some(span) = set {
                let suffix = if unique { "key" } else { "idx" };
                indexes.push(Index {
                    name: format!("{table}_{}_{suffix}", field.column),
                    columns: vec![field.column.clone()],
                    unique,
                    span,
                });
                field.indexed = true;
            }
        }
    }
    for index in &attrs.indexes {
        let mut columns = Vec::new();
        for ident in &index.fields {
            match fields
                .iter_mut()
                .find(|f| f.ident == ident || *ident == f.name)
            {
                Some(field) => {
                    field.indexed = true;
                    columns.push(field.column.clone());
                }
                None => {
                    let known: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                    let hint = crate::names::suggest(&ident.to_string(), &known)
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    cx.error_at(
                        ident,
                        format!("index refers to unknown field `{ident}`{hint}"),
                    );
                }
            }
        }
        let suffix = if index.unique { "key" } else { "idx" };
        let name = index
            .name
            .as_ref()
            .map(|n| n.value())
            .unwrap_or_else(|| format!("{table}_{}_{suffix}", columns.join("_")));
        indexes.push(Index {
            name,
            columns,
            unique: index.unique,
            span: index.name.as_ref().map_or(index.span, |n| n.span()),
        });
    }
    indexes
}

/// `User` for `Self`, so generated items outside the impl can name it.
fn resolve_self(path: &syn::Path, ident: &Ident) -> syn::Path {
    if path.is_ident("Self") {
        syn::Path::from(ident.clone())
    } else {
        path.clone()
    }
}

fn is_self_target(path: &syn::Path, ident: &Ident) -> bool {
    path.is_ident("Self") || path.is_ident(ident)
}

/// `friends` -> `friend`, `following` -> `following`.
fn singular(name: &str) -> String {
    name.strip_suffix('s')
        .filter(|s| !s.is_empty())
        .unwrap_or(name)
        .to_owned()
}

fn build_edges(
    cx: &Ctxt,
    input: &DeriveInput,
    table: &str,
    attrs: &StructAttrs,
    fields: &mut [Field<'_>],
    indexes: &mut Vec<Index>,
) -> Vec<Edge> {
    use heck::ToSnakeCase;
    let owner = input.ident.to_string().to_snake_case();
    let mut edges = Vec::new();
    for (index, field) in fields.iter_mut().enumerate() {
        let Some(bt) = field.attrs.belongs_to.get() else {
            continue;
        };
        let Some(target) = &bt.target else { continue };
        let name = bt.edge.clone().unwrap_or_else(|| {
            let base = field.name.strip_suffix("_id").unwrap_or(&field.name);
            Ident::new(base, field.ident.span())
        });
        let on_delete = match bt.on_delete.as_ref().map(Ident::to_string).as_deref() {
            None if field.optional => OnDelete::SetNull,
            None => OnDelete::Restrict,
            Some("cascade") => OnDelete::Cascade,
            Some("restrict") => OnDelete::Restrict,
            Some("set_null") if field.optional => OnDelete::SetNull,
            Some("set_null") => {
                cx.error_at(
                    bt.on_delete.as_ref(),
                    "`set_null` needs an `Option` foreign-key field",
                );
                OnDelete::Restrict
            }
            Some(other) => {
                cx.error_at(
                    bt.on_delete.as_ref(),
                    format!(
                        "unknown on_delete action `{other}`; expected cascade, set_null or restrict"
                    ),
                );
                OnDelete::Restrict
            }
        };
        let unique = field.attrs.unique.is_set();
        if !field.indexed {
            indexes.push(Index {
                name: format!("{table}_{}_idx", field.column),
                columns: vec![field.column.clone()],
                unique: false,
                span: field.ident.span(),
            });
            field.indexed = true;
        }
        edges.push(Edge {
            name,
            target: resolve_self(target, &input.ident),
            span: field
                .attrs
                .belongs_to
                .span()
                .unwrap_or_else(Span::call_site),
            kind: EdgeKind::BelongsTo {
                field: index,
                on_delete,
            },
            unique,
        });
    }
    for edge in &attrs.edges {
        let (Some(name), Some(target)) = (&edge.name, &edge.target) else {
            continue;
        };
        let self_target = is_self_target(target, &input.ident);
        if edge.through.is_none() {
            for key in [&edge.from, &edge.to].into_iter().flatten() {
                cx.recovered_at(
                    key,
                    "`from` and `to` name the `belongs_to` edges of a `through` entity; this edge has no `through = Entity`",
                );
            }
        }
        let kind = match edge.kind {
            EdgeAttrKind::HasMany | EdgeAttrKind::HasOne => {
                let Some(inverse) = edge.inverse.clone() else {
                    cx.error_span(
                        edge.span,
                        format!("`{name}` needs `inverse = <belongs_to edge of the target>`, the edge that holds the foreign key"),
                    );
                    continue;
                };
                EdgeKind::HasMany {
                    inverse,
                    one: edge.kind == EdgeAttrKind::HasOne,
                }
            }
            EdgeAttrKind::ManyToMany => {
                match (&edge.inverse, &edge.through) {
                    (Some(_), Some(through)) => {
                        cx.error_at(
                            through,
                            "an edge has either `inverse` or `through`, not both",
                        );
                        continue;
                    }
                    (Some(inverse), None) => {
                        if let Some(table) = &edge.table {
                            cx.error_at(table, "the inverse side uses the table of the edge it names; drop `table`");
                        }
                        for column in edge.source_column.iter().chain(&edge.target_column) {
                            cx.error_at(column, "the inverse side uses the join table columns of the edge it names; name them there");
                        }
                        EdgeKind::ManyToManyInverse {
                            inverse: inverse.clone(),
                        }
                    }
                    (None, Some(through)) => {
                        for column in edge.source_column.iter().chain(&edge.target_column) {
                            cx.error_at(column, "a `through` edge has no join table of its own: its columns are the `through` entity's fields");
                        }
                        let (from, to) = through_sides(cx, edge, through, name, self_target);
                        EdgeKind::Through {
                            through: through.clone(),
                            from,
                            to,
                        }
                    }
                    (None, None) => {
                        let target_name = target
                            .segments
                            .last()
                            .map(|s| s.ident.to_string().to_snake_case())
                            .unwrap_or_default();
                        let target_column = if self_target {
                            format!("{}_id", singular(&name.to_string()))
                        } else {
                            format!("{target_name}_id")
                        };
                        let (source, target_column) =
                            join_columns(cx, edge, format!("{owner}_id"), target_column);
                        EdgeKind::ManyToMany {
                            table: edge
                                .table
                                .as_ref()
                                .map(|t| t.value())
                                .unwrap_or_else(|| format!("{owner}_{name}")),
                            table_span: edge.table.as_ref().map_or(edge.span, |t| t.span()),
                            source,
                            target: target_column,
                            symmetric: edge.symmetric,
                        }
                    }
                }
            }
        };
        if edge.symmetric && !self_target {
            cx.error_span(
                edge.span,
                "`symmetric` is for edges from an entity to itself",
            );
        }
        edges.push(Edge {
            name: name.clone(),
            target: resolve_self(target, &input.ident),
            span: edge.span,
            kind,
            unique: edge.kind == EdgeAttrKind::HasOne,
        });
    }
    edges
}

/// The join table's two columns: the names `source_column` and
/// `target_column` give, else the defaults. Each must be a plain identifier,
/// and the two must differ.
fn join_columns(
    cx: &Ctxt,
    edge: &crate::attr::EdgeAttr,
    default_source: String,
    default_target: String,
) -> (String, String) {
    let named = |given: &Option<syn::LitStr>, default: String| match given {
        Some(lit) if !is_plain_identifier(&lit.value()) => {
            cx.error_at(
                lit,
                format!("invalid join table column name: use {IDENT_RULE}"),
            );
            default
        }
        Some(lit) => lit.value(),
        None => default,
    };
    let source = named(&edge.source_column, default_source);
    let target = named(&edge.target_column, default_target);
    if source == target {
        let at = edge.target_column.as_ref().or(edge.source_column.as_ref());
        let message = format!(
            "the join table's two columns are both named `{source}`; give the other one a \
             name with `{}`",
            if edge.target_column.is_some() {
                "source_column"
            } else {
                "target_column"
            }
        );
        match at {
            Some(lit) => cx.error_at(lit, message),
            None => cx.error_span(edge.span, message),
        }
    }
    (source, target)
}

/// The sides of a `through` edge. An edge from an entity to itself passes
/// through an entity with two `belongs_to` edges to it, which only names
/// can tell apart; and the two sides must differ, or every row would be
/// its own neighbour. Both mistakes are reported and the sides neutralised,
/// so the rest of the entity still expands.
fn through_sides(
    cx: &Ctxt,
    edge: &crate::attr::EdgeAttr,
    through: &syn::Path,
    name: &Ident,
    self_target: bool,
) -> (Side, Side) {
    if self_target && (edge.from.is_none() || edge.to.is_none()) {
        let through_name = quote::ToTokens::to_token_stream(through)
            .to_string()
            .replace(' ', "");
        cx.recovered_at(
            through,
            format!(
                "`{name}` links this entity to itself, so `{through_name}` has two `belongs_to` edges to it: \
                 name them with `from = <edge to this row>, to = <edge to the neighbour>`"
            ),
        );
        return (Side::Invalid, Side::Invalid);
    }
    let side = |key: &Option<Ident>| key.clone().map_or(Side::Only, Side::Named);
    match (&edge.from, &edge.to) {
        (Some(from), Some(to)) if from == to => {
            cx.recovered_at(
                to,
                format!("`from` and `to` both name `{to}`: every row would be its own neighbour"),
            );
            (side(&edge.from), Side::Invalid)
        }
        _ => (side(&edge.from), side(&edge.to)),
    }
}
