//! Where a statement is going: read by admission, observation, timeouts
//! and the tenant setting alike.

/// Where an admitted statement is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Via {
    /// A connection the client's pool lends for this statement.
    Pool,
    /// The connection of an open transaction.
    Transaction,
    /// The connection of a migration step.
    Migration,
}

impl Via {
    pub(super) fn name(self) -> &'static str {
        match self {
            Via::Pool => "pool",
            Via::Transaction => "transaction",
            Via::Migration => "migration",
        }
    }
}
