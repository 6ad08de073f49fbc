//! The audit service's entity.

use chrono::{DateTime, Utc};
use entkit::Entity;
use entkit::mixins::BaseModel;
use uuid::Uuid;

/// One change made somewhere on the platform. The key is the event id the
/// producing service chose (its outbox row's key), so an event delivered
/// twice is stored once.
#[entkit::mixins(BaseModel)]
#[derive(Entity, Clone)]
#[entity(table = "audit_logs")]
#[entity(index(fields = [timestamp]))]
#[entity(index(fields = [target_id, timestamp]))]
pub struct AuditLog {
    /// The service that made the change.
    #[entity(max_len = 32)]
    pub service: String,
    /// Who made it, when a user did.
    pub actor_id: Option<Uuid>,
    /// `service.entity.operation`.
    #[entity(max_len = 120)]
    pub action: String,
    /// The changed row's key.
    #[entity(max_len = 120)]
    pub target_id: Option<String>,
    /// The fields written (never sensitive ones).
    pub metadata: serde_json::Value,
    /// When the change committed.
    pub timestamp: DateTime<Utc>,
}
