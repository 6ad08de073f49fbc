//! The outbox table and the event it carries to the audit service.

use chrono::{DateTime, Utc};
use entkit::Entity;
use entkit::mixins::BaseModel;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::model::Created;

/// One change waiting for (or done with) delivery to the audit service.
/// Its key is the event id the audit service deduplicates on.
#[entkit::mixins(BaseModel, Created)]
#[derive(Entity, Clone)]
#[entity(table = "outbox_events")]
#[entity(index(fields = [delivered_at, created_at]))]
pub struct OutboxEvent {
    /// `service.entity.operation`, e.g. `identity.user.create`.
    #[entity(max_len = 120)]
    pub action: String,
    /// Who made the change (`x-actor-id`), when a user did.
    pub actor_id: Option<Uuid>,
    /// The changed row's key, as text.
    #[entity(max_len = 120)]
    pub target_id: Option<String>,
    /// The fields written, sensitive ones left out.
    pub metadata: serde_json::Value,
    /// When the audit service acknowledged it; `None` while pending.
    pub delivered_at: Option<DateTime<Utc>>,
}

/// An event as it travels to the audit service (`POST /events`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEvent {
    /// The outbox row's key: the audit service stores each id once.
    pub id: Uuid,
    /// The service that made the change.
    pub service: String,
    /// See [`OutboxEvent::actor_id`].
    pub actor_id: Option<Uuid>,
    /// See [`OutboxEvent::action`].
    pub action: String,
    /// See [`OutboxEvent::target_id`].
    pub target_id: Option<String>,
    /// See [`OutboxEvent::metadata`].
    pub metadata: serde_json::Value,
    /// When the change was committed (the outbox row's `created_at`).
    pub timestamp: DateTime<Utc>,
}

impl AuditEvent {
    /// The event of an outbox row of `service`.
    pub fn from_outbox(service: &str, row: &OutboxEvent) -> AuditEvent {
        AuditEvent {
            id: row.id,
            service: service.to_owned(),
            actor_id: row.actor_id,
            action: row.action.clone(),
            target_id: row.target_id.clone(),
            metadata: row.metadata.clone(),
            timestamp: row.created_at,
        }
    }
}
