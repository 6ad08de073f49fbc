//! Mixins: a mixin of the crate's own, its `macro_rules!`, the chain
//! `#[mixins(..)]` starts, and the entity as the derive sees it, with the
//! mixins' fields first.

use entkit::Entity;

/// Who last changed a row.
#[entkit::mixin]
pub struct Audited {
    #[entity(max_len = 64)]
    pub changed_by: String,
}

/// A surrogate key of the crate's own.
#[entkit::mixin]
pub(crate) struct Keyed {
    #[entity(default = entkit::new_uuid)]
    pub id: uuid::Uuid,
}

#[entkit::mixins(Keyed, Audited)]
#[derive(Entity)]
#[entity(table = "receipts")]
pub struct Receipt {
    #[entity(unique)]
    pub number: String,
    pub total_cents: i64,
}
