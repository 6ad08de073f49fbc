//! Schema creation from entity definitions.

mod auto;
pub(crate) mod ddl;

pub use auto::MigrationReport;
