//! The transactional outbox: every change a service makes leaves an event
//! row in the service's own schema, written by an entkit hook in the
//! change's transaction, so a change and its audit event commit or roll
//! back together. A [`relay`] delivers the rows to the audit service.

pub mod entity;
pub mod hook;
pub mod relay;

pub use entity::{AuditEvent, OutboxEvent};
pub use hook::OutboxHook;
pub use relay::{Relay, RelayHandle};
