//! `const` constructors and builder-style methods of the metadata types.
//!
//! The derive builds its `static` metadata with these (a `static` needs
//! `const`), and so can hand-written code: a field added to a metadata type
//! later gets a default here instead of breaking every struct literal.

use super::{
    Bound, ColumnType, DefaultValue, EdgeDef, EdgeKind, EntityDef, FieldDef, IndexDef, KeyStrategy,
    OnDelete, Validator,
};
#[cfg(doc)]
use crate::value::ColumnValue;

impl EntityDef {
    /// An entity named `name`, stored in `table`, with these fields; the
    /// key is `fields[primary_key]`. No default scope, indexes, edges,
    /// comment, soft delete or tenant until a method below adds them.
    pub const fn new(
        name: &'static str,
        table: &'static str,
        fields: &'static [FieldDef],
        primary_key: usize,
    ) -> Self {
        EntityDef {
            name,
            table,
            default_scope: None,
            fields,
            primary_key,
            indexes: &[],
            comment: None,
            edges: &[],
            soft_delete: None,
            tenant: None,
        }
    }

    /// Sets the scope used when the client has none.
    pub const fn with_scope(mut self, scope: &'static str) -> Self {
        self.default_scope = Some(scope);
        self
    }

    /// Sets the indexes.
    pub const fn with_indexes(mut self, indexes: &'static [IndexDef]) -> Self {
        self.indexes = indexes;
        self
    }

    /// Sets the table comment.
    pub const fn with_comment(mut self, comment: &'static str) -> Self {
        self.comment = Some(comment);
        self
    }

    /// Sets the edges.
    pub const fn with_edges(mut self, edges: &'static [EdgeDef]) -> Self {
        self.edges = edges;
        self
    }

    /// Makes deletes set `column` (a nullable timestamp) instead of
    /// removing rows.
    pub const fn with_soft_delete(mut self, column: &'static str) -> Self {
        self.soft_delete = Some(column);
        self
    }

    /// Makes `fields[field]` the tenant key: a client must be bound to a
    /// tenant to work on the entity, and only sees and changes its rows.
    pub const fn with_tenant(mut self, field: usize) -> Self {
        self.tenant = Some(field);
        self
    }
}

impl FieldDef {
    /// A field stored in a column of type `ty`, nullable or not: not a key,
    /// with no default, limit or check until a method below adds them.
    ///
    /// For a field of Rust type `T`, pass `T`'s [`ColumnValue::TYPE`] and
    /// [`ColumnValue::NULLABLE`], and its [`ColumnValue::ENUM_VALUES`] to
    /// [`FieldDef::with_enum_values`].
    pub const fn new(
        name: &'static str,
        column: &'static str,
        ty: ColumnType,
        nullable: bool,
    ) -> Self {
        FieldDef {
            name,
            column,
            ty,
            nullable,
            primary_key: false,
            key_strategy: None,
            default: None,
            update_default: None,
            immutable: false,
            sensitive: false,
            max_len: None,
            min_len: None,
            renamed_from: None,
            enum_values: None,
            min: None,
            max: None,
            pattern: None,
            validator: None,
            indexed: false,
            comment: None,
        }
    }

    /// Makes the field the primary key, assigned as `strategy` says.
    pub const fn primary_key(mut self, strategy: KeyStrategy) -> Self {
        self.primary_key = true;
        self.key_strategy = Some(strategy);
        self
    }

    /// Sets the value used when a create does not set the field.
    pub const fn with_default(mut self, default: DefaultValue) -> Self {
        self.default = Some(default);
        self
    }

    /// Sets the value written on every update that does not set the field.
    pub const fn with_update_default(mut self, default: DefaultValue) -> Self {
        self.update_default = Some(default);
        self
    }

    /// Leaves the field out of update builders.
    pub const fn immutable(mut self) -> Self {
        self.immutable = true;
        self
    }

    /// Redacts the field from `Debug` and generated `Serialize`.
    pub const fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    /// Sets the maximum length in characters.
    pub const fn with_max_len(mut self, len: usize) -> Self {
        self.max_len = Some(len);
        self
    }

    /// Sets the minimum length in characters.
    pub const fn with_min_len(mut self, len: usize) -> Self {
        self.min_len = Some(len);
        self
    }

    /// Records the column's previous name, for `diff` to write a rename.
    pub const fn with_renamed_from(mut self, column: &'static str) -> Self {
        self.renamed_from = Some(column);
        self
    }

    /// Sets the allowed stored names of an enum column (a CHECK
    /// constraint); `None` allows any value.
    pub const fn with_enum_values(mut self, values: Option<&'static [&'static str]>) -> Self {
        self.enum_values = values;
        self
    }

    /// Sets the smallest allowed value.
    pub const fn with_min(mut self, min: Bound) -> Self {
        self.min = Some(min);
        self
    }

    /// Sets the largest allowed value.
    pub const fn with_max(mut self, max: Bound) -> Self {
        self.max = Some(max);
        self
    }

    /// Sets a regular expression the whole value must match.
    pub const fn with_pattern(mut self, pattern: &'static str) -> Self {
        self.pattern = Some(pattern);
        self
    }

    /// Sets a custom validator.
    pub const fn with_validator(mut self, validator: Validator) -> Self {
        self.validator = Some(validator);
        self
    }

    /// Marks the column as part of an index (MySQL sizes its strings).
    pub const fn indexed(mut self) -> Self {
        self.indexed = true;
        self
    }

    /// Sets the column comment.
    pub const fn with_comment(mut self, comment: &'static str) -> Self {
        self.comment = Some(comment);
        self
    }
}

impl IndexDef {
    /// A non-unique index named `name` over `columns`, in order.
    pub const fn new(name: &'static str, columns: &'static [&'static str]) -> Self {
        IndexDef {
            name,
            columns,
            unique: false,
        }
    }

    /// Makes the index unique.
    pub const fn unique(mut self) -> Self {
        self.unique = true;
        self
    }
}

impl EdgeDef {
    /// An edge named `name` to the entity `target` returns, of shape
    /// `kind`; it leads to many neighbours until [`EdgeDef::unique`].
    pub const fn new(
        name: &'static str,
        target: fn() -> &'static EntityDef,
        kind: EdgeKind,
    ) -> Self {
        EdgeDef {
            name,
            target,
            kind,
            unique: false,
        }
    }

    /// Makes the edge lead to at most one neighbour.
    pub const fn unique(mut self) -> Self {
        self.unique = true;
        self
    }
}

impl EdgeKind {
    /// [`EdgeKind::BelongsTo`]: this entity's foreign key `column` to the target.
    pub const fn belongs_to(column: &'static str, on_delete: OnDelete) -> Self {
        EdgeKind::BelongsTo { column, on_delete }
    }

    /// [`EdgeKind::HasMany`]: the target's `belongs_to` edge `inverse`
    /// points here; `one` for `has_one`.
    pub const fn has_many(inverse: &'static str, one: bool) -> Self {
        EdgeKind::HasMany { inverse, one }
    }

    /// [`EdgeKind::ManyToMany`] through the join `table`.
    pub const fn many_to_many(
        table: &'static str,
        source: &'static str,
        target: &'static str,
        symmetric: bool,
    ) -> Self {
        EdgeKind::ManyToMany {
            table,
            source,
            target,
            symmetric,
        }
    }

    /// [`EdgeKind::ManyToManyInverse`] of the target's edge `inverse`.
    pub const fn many_to_many_inverse(inverse: &'static str) -> Self {
        EdgeKind::ManyToManyInverse { inverse }
    }

    /// [`EdgeKind::Through`] the join entity `through`, along its
    /// `belongs_to` edges `from` (to this entity) and `to` (to the target).
    pub const fn through(
        through: fn() -> &'static EntityDef,
        from: &'static str,
        to: &'static str,
    ) -> Self {
        EdgeKind::Through { through, from, to }
    }
}
