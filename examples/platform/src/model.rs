//! Base fields every service's entities share, declared once as mixins.
//!
//! entkit's built-in [`BaseModel`](entkit::mixins::BaseModel) gives a UUID
//! v7 key and [`Timestamps`](entkit::mixins::Timestamps) `created_at` and
//! `updated_at`; rows that never change after they are written only need
//! [`Created`].

/// When a row was written; never changed afterwards.
#[entkit::mixin]
pub struct Created {
    /// When the row was written.
    #[entity(default = entkit::now, immutable)]
    pub created_at: chrono::DateTime<chrono::Utc>,
}
