//! # entkit
//!
//! Entities as annotated Rust structs. `#[derive(Entity)]` turns a struct
//! into schema metadata, typed column handles, typed create/update/delete
//! builders and row decoding; this crate turns that into SQL for
//! PostgreSQL, MySQL/MariaDB and SQLite and runs it through pooled,
//! scope-bound [`Client`]s.
//!
//! ```
//! use entkit::{Client, Entity};
//!
//! #[derive(Entity)]
//! #[entity(index(fields = [email], unique))]
//! pub struct User {
//!     pub id: i64,
//!     #[entity(max_len = 64)]
//!     pub name: String,
//!     pub email: String,
//!     #[entity(default = 0)]
//!     pub logins: i32,
//!     #[entity(default = entkit::now, immutable)]
//!     pub created_at: chrono::DateTime<chrono::Utc>,
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> entkit::Result<()> {
//! let client = Client::connect("sqlite::memory:").await?;
//! client.auto_migrate(&[User::def()]).await?;
//!
//! let ada = User::create().name("Ada").email("ada@example.com").save(&client).await?;
//! let found = User::query().filter(User::NAME.eq("Ada")).one(&client).await?;
//! assert_eq!(found.id, ada.id);
//!
//! let ada = ada.update().set_logins(1).save(&client).await?;
//! assert_eq!(ada.logins, 1);
//! User::delete_by_id(&client, ada.id).await?;
//! assert_eq!(User::query().count(&client).await?, 0);
//! # Ok(()) }
//! ```
//!
//! Backends are cargo features: `postgres`, `mysql` (MySQL and MariaDB) and
//! `sqlite` (the default).

#![warn(missing_docs)]
// Lets the derive's output (which names `::entkit::__private::...`) compile
// inside this crate's own unit tests.
#[cfg(test)]
extern crate self as entkit;

mod backend;
mod client;
mod clock;
mod column;
mod column_type;
mod dialect;
mod edge;
mod entity;
mod error;
mod exec;
mod hooks;
mod ident;
mod migrate;
pub mod mixins;
mod mutation;
mod page;
mod provision;
mod query;
mod raw;
mod redact;
mod repository;
pub mod schema;
mod seed;
mod select;
#[cfg(test)]
mod snapshot_tests;
mod sql;
#[cfg(test)]
mod sql_text_tests;
mod tenant;
mod value;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "config")]
pub mod config;

pub use backend::RowRef;
pub use backend::url::TlsMode;
pub use client::{
    Client, ClientBuilder, ConnectUrl, Health, HealthReport, PoolStats, RetryPolicy, UrlPart,
};
pub use column::{Column, JsonColumn, JsonPath, TextValue};
#[cfg(feature = "config")]
pub use config::{Config, Services, ServicesBuilder, ShutdownReport};
pub use dialect::Backend;
pub use edge::Edge;
pub use entity::Entity;
pub use error::{ConstraintKind, ConstraintViolation, Error, Result};
pub use exec::{
    Executor, Isolation, ReplicaState, ReplicaStatus, StatementCounters, Transaction, TxFuture,
};
pub use hooks::{Hook, HookContext, HookFuture, Mutation, Operation};
pub use ident::{RESERVED_SCOPE_PREFIXES, RESERVED_SCOPES, validate_identifier, validate_scope};
pub use migrate::{
    Diff, DiffOptions, FanOutReport, Migration, MigrationError, MigrationHooks, MigrationReport,
    MigrationSet, MigrationStatus, MigrationSummary, Migrator, SUM_FILE, ScopeOutcome, State, diff,
    sha256_hex,
};
pub use mutation::OnConflict;
pub use page::{Cursor, Page, PageRequest};
pub use provision::{
    Provision, Provisioned, ServiceRole, ServiceRoleReport, TenantSchema, TenantScopes,
};
pub use query::Query;
pub use raw::{FromRawRow, IntoValue, RawQuery};
pub use redact::redact_url;
pub use repository::{Repository, Savable};
// Written in users' signatures (`Vec<&'static EntityDef>`, `Value::Null(ColumnType)`);
// the rest of the metadata is in `entkit::schema`.
pub use schema::{ColumnType, EntityDef};
pub use seed::{SEEDS_TABLE, SeedFuture, Seeder, Seeders};
pub use select::{Aggregate, Numeric, Select, Selectable, Selection, count};
pub use sql::{LockWait, NullsOrder, OrderTerm, Predicate, RowLock};
pub use tenant::Tenancy;
pub use value::{ColumnValue, FromValue, Json, Operand, ScalarValue, Value, new_uuid, now};

#[doc = include_str!("../docs/derive.md")]
pub use entkit_macros::Entity;

/// Derives column support for a fieldless enum: stored as text (the
/// variant's snake_case name, or `#[entity(rename = "...")]`), checked by a
/// CHECK constraint, compared with `eq`/`is_in` like any column.
///
/// ```
/// #[derive(Debug, Clone, Copy, PartialEq, entkit::Enum)]
/// enum Status { Active, #[entity(rename = "off")] Disabled }
/// assert_eq!(Status::Disabled.as_str(), "off");
/// assert_eq!(Status::from_name("active"), Some(Status::Active));
/// ```
pub use entkit_macros::Enum;

/// Embeds a migration directory in the binary at compile time:
/// `embed_migrations!("migrations/identity/postgres")` reads the directory
/// (relative to the crate's `Cargo.toml`) and expands to
/// `MigrationSet::from_files([...])`, a
/// `Result<MigrationSet, MigrationError>`. Each file is included with
/// `include_str!`, so editing one rebuilds the crate; a missing directory
/// is a compile error.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
/// let set = entkit::embed_migrations!("../migrations/identity/sqlite")?;
/// let client = entkit::Client::connect("sqlite::memory:").await?;
/// let applied = entkit::Migrator::new(set).up(&client, None).await?;
/// assert_eq!(applied.len(), 1);
/// # Ok(()) }
/// ```
pub use entkit_macros::embed_migrations;

/// Declares a mixin: fields, with their `#[entity(..)]` options, that
/// [`#[mixins(..)]`](macro@mixins) inserts into entities. The built-in ones
/// are in [`mod@mixins`].
///
/// The attribute turns the struct into a macro of the same name (and keeps
/// the struct, without its options, for documentation): bring it into scope
/// with `use` like a type, from another module or, for a `pub` mixin,
/// another crate. Paths in the fields are read where the entity is, except
/// `crate::..`, which names the mixin's crate; the mixin takes no generics
/// and no struct options.
///
/// ```
/// use entkit::Entity;
///
/// #[entkit::mixin]
/// pub struct Audited {
///     #[entity(max_len = 64)]
///     pub created_by: String,
///     pub note: Option<String>,
/// }
///
/// #[entkit::mixins(Audited)]
/// #[derive(Entity)]
/// pub struct Invoice {
///     pub id: i64,
///     pub total: i64,
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> entkit::Result<()> {
/// # let client = entkit::Client::connect("sqlite::memory:").await?;
/// # client.auto_migrate(&[Invoice::def()]).await?;
/// let invoice = Invoice::create().created_by("ada").total(120).save(&client).await?;
/// assert_eq!((invoice.created_by.as_str(), invoice.note), ("ada", None));
/// let columns: Vec<_> = Invoice::def().fields.iter().map(|f| f.column).collect();
/// assert_eq!(columns, ["created_by", "note", "id", "total"]);
/// # Ok(()) }
/// ```
pub use entkit_macros::mixin;

/// Inserts the fields of the named [mixins](macro@mixin) into a struct:
/// `#[entkit::mixins(BaseModel, Timestamps)]` above `#[derive(Entity)]`.
///
/// The mixins' fields come first, in the order named, then the struct's
/// own. A field that two mixins define, or that a mixin and the struct both
/// define, is a compile error, and so is the attribute below the derive
/// (which would then run without the mixins' fields). `crate = path` names entkit for a crate that
/// reaches it through a re-export, as `#[entity(crate = path)]` does. See
/// [`mod@mixins`] for an example.
pub use entkit_macros::mixins;

/// The builders behind the generated `<Name>Create`, `<Name>Update` and
/// `delete_many`, and the typestate markers of a create builder.
///
/// Generated code names them; users meet them in signatures, e.g. a
/// complete create builder is `UserCreate<Set, Set>` (one [`Set`] per
/// required field) and a half-built one holds a [`Missing`] in each unset
/// required field's place.
///
/// [`Set`]: builder::Set
/// [`Missing`]: builder::Missing
pub mod builder {
    pub use crate::mutation::{Assign, Create, Delete, IsSet, Missing, Set, Update, UpdateOne};
}

/// The one path generated code names the runtime through (the derives and
/// `embed_migrations!` emit `::entkit::__private::...`, or `<path>::__private`
/// under `#[entity(crate = path)]`), so a crate that renames or re-exports
/// entkit still compiles. Not a public API: its contents change without notice.
#[doc(hidden)]
pub mod __private {
    pub use serde;

    pub use crate::builder::{Assign, Create, Delete, IsSet, Missing, Set, Update, UpdateOne};
    pub use crate::mutation::{delete_by_key, hard_delete_by_key, restore_by_key};
    pub use crate::repository::{Savable, SaveOp};
    pub use entkit_macros::__mixin_step as mixin_step;

    /// The built-in mixins' field types, named through here so that an
    /// entity using them needs no uuid or chrono dependency of its own.
    /// Aliases, not re-exports of the crates: rustc would otherwise print
    /// every uuid and chrono type in diagnostics as `entkit::__private::..`.
    pub type Uuid = uuid::Uuid;
    /// See [`Uuid`].
    pub type DateTimeUtc = chrono::DateTime<chrono::Utc>;
    pub use crate::query::{find_by_key, get_by_key};
    pub use crate::schema::{
        Bound, ColumnType, DefaultValue, EdgeDef, EdgeKind, EntityDef, FieldDef, IndexDef,
        KeyStrategy, Literal, OnDelete,
    };
    pub use crate::{
        Column, ColumnValue, Edge, Entity, Error, Executor, FromValue, MigrationSet, OnConflict,
        Operand, Predicate, Query, Result, RowRef, ScalarValue, Value,
    };

    /// Entry points for the fuzz targets under `fuzz/`: parsers of outside
    /// input (cursor text, migration scripts) that the public API only
    /// reaches through a database round trip.
    pub mod fuzzing {
        pub use crate::migrate::versioned::split::statements as split_statements;
        pub use crate::page::{decode_cursor, encode_cursor};
    }

    /// Compiles only when `T` is an entity (edge targets).
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is not an entity: edges must point at a `#[derive(Entity)]` struct"
    )]
    pub trait IsEntity {}
    impl<T: crate::Entity> IsEntity for T {}

    pub fn assert_entity<T: IsEntity>() {}

    /// Whether a key of this column type is assigned by the database or
    /// generated by entkit when the derive sees its type by name.
    pub const fn is_assigned_key_type(ty: crate::ColumnType) -> bool {
        matches!(
            ty,
            crate::ColumnType::I16
                | crate::ColumnType::I32
                | crate::ColumnType::I64
                | crate::ColumnType::Uuid
        )
    }

    /// Compiles only when `K` is `T`'s key type (foreign keys).
    pub fn assert_key<T: crate::Entity<Key = K>, K>() {}

    /// Implemented by the derive for each `belongs_to` edge of an entity:
    /// `Self` holds a foreign key to `T`, `Which` (`EdgeAt<index>`) tells
    /// two such edges to the same `T` apart. A `through` edge that does not
    /// name its sides finds each one as the only impl for its entity, so a
    /// missing edge is this trait's error and two candidates an ambiguity.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` has no `belongs_to` edge to `{T}`",
        label = "the `through` entity needs a `belongs_to` edge to `{T}`",
        note = "each side of a `through` edge is a `belongs_to` edge of the `through` entity"
    )]
    pub trait BelongsTo<T, Which> {
        /// The edge's name.
        const EDGE: &'static str;
    }

    /// Tells the `belongs_to` edges of one entity apart: the edge's index.
    pub struct EdgeAt<const INDEX: usize>;

    /// The name of `J`'s only `belongs_to` edge to `T`: a compile error when
    /// there is none, or more than one (name it with `from`/`to` then).
    pub const fn through_side<J, T, NameItWithFromOrTo>() -> &'static str
    where
        J: BelongsTo<T, NameItWithFromOrTo>,
    {
        J::EDGE
    }

    /// Compiles only when `Self` is `S` (the side a `from`/`to` edge must
    /// lead to).
    #[diagnostic::on_unimplemented(
        message = "this edge leads to `{Self}`, not to `{S}`",
        label = "expected a `belongs_to` edge to `{S}`",
        note = "`from` names the `through` entity's edge to the entity declaring the edge, `to` its edge to the target"
    )]
    pub trait LeadsTo<S> {}
    impl<S> LeadsTo<S> for S {}

    /// Checks a `through` edge's side named by `from = ...` or `to = ...`:
    /// an edge of the `through` entity `J` (else it does not resolve), to
    /// `S` (else `LeadsTo`), and a `belongs_to` edge (else this const
    /// evaluation fails).
    pub const fn named_through_side<S, J, T: LeadsTo<S>>(edge: crate::Edge<J, T>) {
        if !edge.belongs_to {
            panic!(
                "`from` and `to` must name `belongs_to` edges of the `through` entity (edges that hold its foreign keys)"
            );
        }
    }

    /// The argument a validator of a `T` field takes: `&str` for `String`,
    /// `&[u8]` for `Vec<u8>`, `&T` otherwise.
    pub trait ValidatorArg {
        /// The borrowed form.
        type Arg: ?Sized;
        /// Borrows the value.
        fn as_arg(&self) -> &Self::Arg;
    }
    impl ValidatorArg for String {
        type Arg = str;
        fn as_arg(&self) -> &str {
            self
        }
    }
    impl ValidatorArg for Vec<u8> {
        type Arg = [u8];
        fn as_arg(&self) -> &[u8] {
            self
        }
    }
    macro_rules! by_ref {
        ($($t:ty),*) => {$(
            impl ValidatorArg for $t {
                type Arg = $t;
                fn as_arg(&self) -> &$t {
                    self
                }
            }
        )*};
    }
    by_ref!(
        bool,
        i16,
        i32,
        i64,
        f32,
        f64,
        uuid::Uuid,
        chrono::DateTime<chrono::Utc>,
        chrono::NaiveDate,
        serde_json::Value
    );

    /// The decode error for a stored name that is no variant.
    pub fn unknown_variant(row: crate::RowRef<'_>, index: usize, name: &str) -> crate::Error {
        crate::Error::Decode {
            column: row.column_name(index),
            message: format!("{name:?} is not a variant of this enum"),
        }
    }

    impl<T> ValidatorArg for crate::Json<T> {
        type Arg = T;
        fn as_arg(&self) -> &T {
            &self.0
        }
    }

    /// Runs a user validator `fn(&Arg) -> Result<_, E>` on a field value.
    pub fn run_validator<T: crate::FromValue + ValidatorArg, R, E: std::fmt::Display>(
        validator: impl Fn(&T::Arg) -> Result<R, E>,
        value: &crate::Value,
    ) -> Result<(), String> {
        match T::from_value(value) {
            Some(v) => validator(v.as_arg()).map(drop).map_err(|e| e.to_string()),
            None => Ok(()),
        }
    }
}
