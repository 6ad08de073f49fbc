//! A fieldless enum stored as text.

use entkit::Enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum Status {
    Active,
    Suspended,
    #[entity(rename = "gone")]
    Deleted,
}
