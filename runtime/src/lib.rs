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
// With only some backends compiled in, the others' code paths are cfg'd out
// and some shared helpers go unused; CI lints with every backend enabled,
// where nothing is allowed to go unused.
#![cfg_attr(
    not(all(feature = "postgres", feature = "mysql", feature = "sqlite")),
    allow(unused, irrefutable_let_patterns)
)]

mod backend;
mod client;
mod column;
mod dialect;
mod edge;
mod entity;
mod error;
mod hooks;
mod ident;
mod migrate;
mod mutation;
mod page;
mod query;
mod raw;
mod row;
mod schema;
mod seed;
mod select;
mod sql;
mod value;

#[cfg(feature = "cli")]
pub mod cli;

pub use client::{
    Client, ClientBuilder, Executor, Health, Isolation, PoolStats, RetryPolicy, Transaction,
    TxFuture,
};
pub use column::{Column, JsonColumn, JsonPath, TextValue};
pub use dialect::Backend;
pub use edge::Edge;
pub use entity::Entity;
pub use error::{ConstraintKind, ConstraintViolation, Error, Result, redact_url};
pub use hooks::{Hook, HookContext, HookFuture, Mutation, Operation};
pub use ident::validate_identifier;
pub use migrate::{
    Diff, DiffOptions, FanOutReport, Migration, MigrationError, MigrationHooks, MigrationReport,
    MigrationSet, MigrationStatus, Migrator, SUM_FILE, ScopeOutcome, State, diff, sha256_hex,
};
pub use mutation::{
    Assign, Create, Delete, IsSet, Missing, OnConflict, Set, Update, UpdateOne, delete_by_key,
    hard_delete_by_key, restore_by_key,
};
pub use page::{Cursor, Page, PageRequest};
pub use query::{Query, find_by_key, get_by_key};
pub use raw::{FromRawRow, IntoValue, RawQuery};
pub use row::RowRef;
pub use schema::{
    Bound, ColumnType, DefaultValue, EdgeDef, EdgeKind, EntityDef, FieldDef, IndexDef, KeyStrategy,
    Literal, OnDelete,
};
pub use seed::{SEEDS_TABLE, SeedFuture, Seeder, Seeders};
pub use select::{Aggregate, Numeric, Select, Selectable, Selection, count};
pub use sql::{LockWait, NullsOrder, OrderTerm, Predicate, RowLock};
pub use value::{ColumnValue, FromValue, Json, Operand, ScalarValue, Value, new_uuid, now};

/// Derives [`Entity`] for a struct with named fields. See the crate docs
/// and the README for every `#[entity(...)]` option.
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

/// Re-exports for generated code; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use serde;

    /// Entry points for the fuzz targets under `fuzz/`: parsers of outside
    /// input (cursor text, migration scripts) that the public API only
    /// reaches through a database round trip.
    pub mod fuzzing {
        pub use crate::error::url_error_reason;
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

    /// Compiles only when `K` is `T`'s key type (foreign keys).
    pub fn assert_key<T: crate::Entity<Key = K>, K>() {}

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
