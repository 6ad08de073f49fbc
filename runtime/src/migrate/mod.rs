//! Schema creation from entity definitions.

mod auto;
pub(crate) mod catalog;
pub(crate) mod ddl;
pub(crate) mod versioned;

pub use auto::MigrationReport;
pub(crate) use auto::auto_ordered;
#[cfg(feature = "cli")]
pub(crate) use auto::schema_ddl_for;
pub use versioned::*;
