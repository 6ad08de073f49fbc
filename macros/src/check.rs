//! Whole-model validation. Every problem is reported, each at its token.

use std::collections::HashMap;

use crate::value::{DefaultExpr, Literal, Number, Parsed};

use crate::ctxt::Ctxt;
use crate::model::{Entity, Field, TypeKind, option_inner};
use crate::names::{IDENT_RULE, is_plain_identifier};

pub fn check(cx: &Ctxt, entity: &Entity<'_>) {
    check_names(cx, entity);
    check_edges(cx, entity);
    check_soft_delete(cx, entity);
    check_tenant(cx, entity);
    for field in &entity.fields {
        check_field(cx, field);
        check_builder_clash(cx, field);
    }
    if let Some(key) = entity.key()
        && key.optional
    {
        cx.error_at(key.ty, "the primary key cannot be an `Option`");
    }
}

/// The create builder has one setter per field, named after it, beside
/// its own methods: a field with one of their names would define the
/// method twice.
fn check_builder_clash(cx: &Ctxt, field: &Field<'_>) {
    const BUILDER_METHODS: &[&str] = &["save", "upsert"];
    if BUILDER_METHODS.contains(&field.name.as_str()) && !field.primary_key {
        cx.error_at(
            field.ident,
            format!(
                "a field named `{0}` would clash with the create builder's `{0}` method; \
                 rename the field and keep the column with `#[entity(column = \"{0}\")]`",
                field.name
            ),
        );
    }
}

/// Whether `name` is refused as a scope at run time (entkit's
/// `RESERVED_SCOPES` and `RESERVED_SCOPE_PREFIXES`, which this mirrors:
/// the derive cannot depend on the runtime crate).
fn is_reserved_scope(name: &str) -> bool {
    const RESERVED: &[&str] = &[
        "information_schema",
        "mysql",
        "performance_schema",
        "sys",
        "ndbinfo",
        "main",
        "temp",
    ];
    let lower = name.to_ascii_lowercase();
    RESERVED.contains(&lower.as_str()) || lower.starts_with("pg_") || lower.starts_with("sqlite_")
}

fn check_names(cx: &Ctxt, entity: &Entity<'_>) {
    if let Some(table) = entity.attrs.table.get()
        && !is_plain_identifier(&table.value())
    {
        cx.error_at(table, format!("invalid table name: use {IDENT_RULE}"));
    }
    if let Some(scope) = entity.attrs.scope.get() {
        let name = scope.value();
        if !is_plain_identifier(&name) {
            cx.error_at(scope, format!("invalid scope name: use {IDENT_RULE}"));
        } else if is_reserved_scope(&name) {
            cx.error_at(
                scope,
                format!(
                    "scope `{name}` is a system namespace of a database backend; \
                     entkit refuses `mysql`, `sys`, `performance_schema`, `information_schema`, \
                     `ndbinfo`, `main`, `temp` and names starting with `pg_` or `sqlite_`, \
                     in any case"
                ),
            );
        }
    }
    let mut columns: HashMap<&str, &Field<'_>> = HashMap::new();
    for field in &entity.fields {
        if let Some(old) = field.attrs.renamed_from.get()
            && !is_plain_identifier(&old.value())
        {
            cx.error_at(old, format!("invalid column name: use {IDENT_RULE}"));
        }
        if let Some(column) = field.attrs.column.get()
            && !is_plain_identifier(&column.value())
        {
            cx.error_at(column, format!("invalid column name: use {IDENT_RULE}"));
        }
        if let Some(previous) = columns.insert(field.column.as_str(), field) {
            cx.error_at(
                field.ident,
                format!(
                    "column `{}` is also used by field `{}`",
                    field.column, previous.name
                ),
            );
        }
    }
    let mut names: HashMap<&str, ()> = HashMap::new();
    for index in &entity.indexes {
        if !is_plain_identifier(&index.name) {
            cx.error_span(
                index.span,
                format!(
                    "index name `{}` is not a plain identifier of at most 63 characters; give it a shorter `name = \"...\"`",
                    index.name
                ),
            );
        }
        if names.insert(index.name.as_str(), ()).is_some() {
            cx.error_span(
                index.span,
                format!("index name `{}` is used twice", index.name),
            );
        }
    }
}

fn check_field(cx: &Ctxt, field: &Field<'_>) {
    if option_inner(field.inner_ty).is_some() {
        cx.error_at(
            field.ty,
            "`Option<Option<T>>` is not supported: a column is either NULL or a value",
        );
    }
    let attrs = &field.attrs;
    for (attr, name) in [(&attrs.max_len, "max_len"), (&attrs.min_len, "min_len")] {
        if let Some(len) = attr.get() {
            if field.kind != TypeKind::Str {
                cx.error_at(len, format!("`{name}` applies to `String` fields only"));
            } else if len.value.is_none() {
                cx.error_at(len, format!("`{name}` must be a non-negative integer"));
            }
        }
    }
    if let (Some(min), Some(max)) = (attrs.min_len.get(), attrs.max_len.get())
        && let (Some(lo), Some(hi)) = (min.value, max.value)
        && lo > hi
    {
        cx.error_at(
            min,
            format!("`min_len` ({lo}) is greater than `max_len` ({hi})"),
        );
    }
    for (attr, name) in [(&attrs.min, "min"), (&attrs.max, "max")] {
        if let Some(bound) = attr.get() {
            if !matches!(field.kind, TypeKind::Int | TypeKind::Float) {
                cx.error_at(
                    bound,
                    format!("`{name}` applies to integer and float fields only"),
                );
            } else {
                match bound.value {
                    None => cx.error_at(bound, format!("`{name}` takes a number literal")),
                    Some(Number::Int(i)) if i64::try_from(i).is_err() => {
                        cx.error_at(bound, format!("`{name}` does not fit in an i64"))
                    }
                    Some(_) => {}
                }
            }
        }
    }
    if let (Some(min), Some(max)) = (attrs.min.get(), attrs.max.get())
        && let (Some(lo), Some(hi)) = (min.value, max.value)
        && lo.as_f64() > hi.as_f64()
    {
        cx.error_at(
            min,
            format!(
                "`min` ({}) is greater than `max` ({})",
                lo.as_f64(),
                hi.as_f64()
            ),
        );
    }
    if let Some(pattern) = attrs.pattern.get() {
        if field.kind != TypeKind::Str {
            cx.error_at(pattern, "`pattern` applies to `String` fields only");
        } else if let Err(e) = regex_syntax::Parser::new().parse(&pattern.value) {
            cx.error_at(
                pattern,
                format!(
                    "invalid regular expression: {}",
                    e.to_string()
                        .lines()
                        .last()
                        .unwrap_or_default()
                        .trim_start_matches("error: ")
                ),
            );
        }
    }
    if let Some(validate) = attrs.validate.get()
        && validate.value.is_none()
    {
        cx.error_at(
            validate,
            "`validate` takes a function path, e.g. `validate = check_name`",
        );
    }
    if let Some(span) = attrs.update_default.span()
        && attrs.immutable.is_set()
    {
        cx.error_span(span, "an immutable field cannot have an `update_default`");
    }
    if let Some(default) = attrs.default.get() {
        check_default(cx, field, default);
    }
    if let Some(expr) = attrs.update_default.get()
        && !matches!(expr.value, DefaultExpr::Function(_))
    {
        cx.error_at(
            expr,
            "`update_default` takes a function path such as `entkit::now`",
        );
    }
    if field.primary_key && attrs.sensitive.is_set() {
        cx.error_span(
            attrs
                .sensitive
                .span()
                .unwrap_or_else(proc_macro2::Span::call_site),
            "the primary key cannot be sensitive",
        );
    }
}

fn check_default(cx: &Ctxt, field: &Field<'_>, default: &Parsed<DefaultExpr>) {
    let literal = match &default.value {
        DefaultExpr::Function(_) => return,
        DefaultExpr::Other => {
            cx.error_at(
                default,
                "`default` takes a literal or a function path (e.g. `entkit::now`)",
            );
            return;
        }
        DefaultExpr::Literal(literal) => literal,
    };
    let fits = matches!(
        (literal, field.kind),
        (Literal::Bool(_), TypeKind::Bool)
            | (Literal::Int(_), TypeKind::Int | TypeKind::Float)
            | (Literal::Float(_), TypeKind::Float)
            | (Literal::Str(_), TypeKind::Str)
    );
    if !fits {
        let ty = quote::ToTokens::to_token_stream(field.inner_ty)
            .to_string()
            .replace(' ', "");
        let hint = match field.kind {
            TypeKind::Other | TypeKind::Uuid => {
                "; for this type use a function path, e.g. `default = entkit::now`".to_owned()
            }
            _ => String::new(),
        };
        cx.error_at(
            default,
            format!(
                "default value does not fit field `{}` of type `{ty}`{hint}",
                field.name
            ),
        );
    } else if let Literal::Int(value) = literal {
        check_integer_default(cx, field, default, *value);
    }
}

/// An integer default must be stored exactly: within the field's integer
/// type, or exactly representable by its float type.
fn check_integer_default(cx: &Ctxt, field: &Field<'_>, default: &Parsed<DefaultExpr>, value: i128) {
    let ty = quote::ToTokens::to_token_stream(field.inner_ty).to_string();
    let (min, max) = match ty.as_str() {
        "i16" => (i128::from(i16::MIN), i128::from(i16::MAX)),
        "i32" => (i128::from(i32::MIN), i128::from(i32::MAX)),
        // Integers up to 2^24 (f32) and 2^53 (f64) are exact floats.
        "f32" => (-(1 << 24), 1 << 24),
        "f64" => (-(1 << 53), 1 << 53),
        _ => (i128::from(i64::MIN), i128::from(i64::MAX)),
    };
    if value < min || value > max {
        let what = match field.kind {
            TypeKind::Float => "stored exactly by",
            _ => "in range for",
        };
        let shown = match value {
            i128::MAX => "this integer".to_owned(),
            v => v.to_string(),
        };
        cx.error_at(
            default,
            format!(
                "default {shown} is not {what} `{ty}` (field `{}`)",
                field.name
            ),
        );
    }
}

fn check_edges(cx: &Ctxt, entity: &Entity<'_>) {
    use crate::model::EdgeKind;
    use crate::names::column_const;
    // Edges that were declared but refused are reported already: an edges
    // field beside them is no second mistake.
    let declared =
        !entity.attrs.edges.is_empty() || entity.fields.iter().any(|f| f.attrs.belongs_to.is_set());
    if entity.edges.is_empty()
        && !declared
        && let Some(field) = entity.edges_field
    {
        cx.error_at(
            field,
            format!(
                "`#[entity(edges)]` holds loaded neighbours, but `{}` declares no edges",
                entity.ident
            ),
        );
    }
    let mut names: HashMap<String, ()> = HashMap::new();
    for edge in &entity.edges {
        let name = edge.name.to_string();
        if names.insert(name.clone(), ()).is_some() {
            cx.error_at(&edge.name, format!("edge `{name}` is declared twice"));
        }
        // Edge handles and column handles share the associated-constant namespace.
        if let Some(field) = entity
            .fields
            .iter()
            .find(|f| column_const(&f.name) == column_const(&name))
        {
            cx.error_at(
                &edge.name,
                format!(
                    "edge `{name}` has the name of field `{}`; name the edge with `edge = ...`",
                    field.name
                ),
            );
        }
        if let EdgeKind::ManyToMany {
            table, table_span, ..
        } = &edge.kind
            && !is_plain_identifier(table)
        {
            cx.error_span(
                *table_span,
                format!("invalid join table name: use {IDENT_RULE}"),
            );
        }
    }
}

/// A soft-delete entity needs `deleted_at: Option<DateTime<Utc>>`.
fn check_soft_delete(cx: &Ctxt, entity: &Entity<'_>) {
    let Some(span) = entity.attrs.soft_delete.span() else {
        return;
    };
    const NEEDS: &str =
        "a soft-delete entity needs a field `deleted_at: Option<chrono::DateTime<chrono::Utc>>`";
    match entity.fields.iter().find(|f| f.column == "deleted_at") {
        None => cx.error_span(span, NEEDS),
        Some(field) => {
            let is_timestamp = matches!(field.inner_ty, syn::Type::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "DateTime"));
            if !field.optional || !is_timestamp {
                cx.error_at(field.ty, NEEDS);
            }
        }
    }
}

/// The tenant key: one per entity, a plain uuid, integer or string column
/// that is not the primary key.
fn check_tenant(cx: &Ctxt, entity: &Entity<'_>) {
    let mut tenants = entity.fields.iter().filter(|f| f.attrs.tenant.is_set());
    let Some(first) = tenants.next() else {
        return;
    };
    for extra in tenants {
        cx.error_at(
            extra.ident,
            format!(
                "an entity has at most one tenant key; `{}` is already marked `tenant`",
                first.name
            ),
        );
    }
    for field in entity.fields.iter().filter(|f| f.attrs.tenant.is_set()) {
        if field.primary_key {
            cx.error_at(field.ident, "the primary key cannot be the tenant key");
        } else if field.optional {
            cx.error_at(
                field.ty,
                "the tenant key cannot be an `Option`: every row has a tenant",
            );
        } else if !matches!(field.kind, TypeKind::Int | TypeKind::Str | TypeKind::Uuid) {
            cx.error_at(
                field.ty,
                "the tenant key must be a `uuid::Uuid`, an integer (`i16`, `i32`, `i64`) or a `String`",
            );
        }
    }
}
