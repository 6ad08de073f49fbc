//! The hook that turns each change into an outbox row.

use entkit::{Client, Entity, Hook, HookContext, HookFuture, Operation, Value};
use serde_json::{Map, Value as Json};
use uuid::Uuid;

use super::entity::OutboxEvent;

/// Writes an [`OutboxEvent`] after every create, update, delete, link and
/// unlink of the entities it is registered for, through the hook's executor,
/// so in the change's own transaction.
#[derive(Debug, Clone)]
pub struct OutboxHook {
    service: &'static str,
    actor: Option<Uuid>,
}

impl OutboxHook {
    /// A hook recording changes of `service` made by `actor`.
    pub fn new(service: &'static str, actor: Option<Uuid>) -> OutboxHook {
        OutboxHook { service, actor }
    }

    /// `client` with this hook registered for `E`.
    pub fn register<E: Entity>(&self, client: &Client) -> Client {
        client.with_entity_hook::<E>(self.clone())
    }
}

/// The operation's name in an action.
fn operation_name(operation: Operation) -> &'static str {
    match operation {
        Operation::Create => "create",
        Operation::Update => "update",
        Operation::Delete => "delete",
        Operation::Link => "link",
        Operation::Unlink => "unlink",
        // Operation is non-exhaustive: a new kind is still recorded.
        _ => "change",
    }
}

/// A stored value as JSON (timestamps as RFC 3339, UUIDs as text).
pub fn value_to_json(value: &Value) -> Json {
    match value {
        Value::Null(_) => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::I16(n) => Json::from(*n),
        Value::I32(n) => Json::from(*n),
        Value::I64(n) => Json::from(*n),
        Value::F32(n) => Json::from(f64::from(*n)),
        Value::F64(n) => Json::from(*n),
        Value::Text(s) => Json::String(s.clone()),
        Value::Uuid(u) => Json::String(u.to_string()),
        Value::Timestamp(t) => Json::String(t.to_rfc3339()),
        Value::Date(d) => Json::String(d.to_string()),
        Value::Json(j) => j.clone(),
        Value::Array(_, items) => Json::Array(items.iter().map(value_to_json).collect()),
        // Bytes and values that failed to encode are not worth an audit
        // trail's space; their presence is still recorded.
        _ => Json::String("<binary>".to_owned()),
    }
}

/// The key of the changed row, as text.
fn key_text(key: Option<&Value>) -> Option<String> {
    match value_to_json(key?) {
        Json::String(s) => Some(s),
        Json::Null => None,
        other => Some(other.to_string()),
    }
}

impl Hook for OutboxHook {
    fn after<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        Box::pin(async move {
            let mutation = ctx.mutation;
            let entity = mutation.entity;
            let mut metadata = Map::new();
            for (name, value) in &mutation.fields {
                // `fields` carries sensitive values as written: a password
                // hash must never reach the audit trail.
                let sensitive = entity.fields.iter().any(|f| f.name == *name && f.sensitive);
                if !sensitive {
                    metadata.insert((*name).to_owned(), value_to_json(value));
                }
            }
            let action = format!(
                "{}.{}.{}",
                self.service,
                entity.name.to_ascii_lowercase(),
                operation_name(mutation.operation)
            );
            let mut event = OutboxEvent::create()
                .action(action)
                .target_id(key_text(
                    // Bulk and upsert forms may not know the row's key in
                    // `after`; a generated key is among the fields then.
                    mutation.key.as_ref().or_else(|| mutation.field("id")),
                ))
                .metadata(Json::Object(metadata));
            event = event.actor_id(self.actor);
            event.save(ctx.executor()).await?;
            Ok(())
        })
    }
}
