//! The platform entkit is for: three services — identity, authz and
//! audit — each its own binary with its own schema, database role, pool and
//! versioned migrations on one shared database.
//!
//! - [`model`]: base fields the services' entities share (mixins).
//! - [`identity`], [`authz`], [`audit`]: one module per service: its
//!   entities, migrations, routes and command line.
//! - [`outbox`]: how identity's and authz's changes reach the audit service
//!   without either touching its schema: a hook writes an event row in the
//!   change's transaction, a relay delivers it over HTTP.
//! - [`server`], [`health`], [`api`], [`settings`], [`entry`]: what every
//!   service shares: startup, shutdown, health endpoints, HTTP errors.
#![warn(missing_docs)]

pub mod api;
pub mod audit;
pub mod authz;
pub mod entry;
pub mod health;
pub mod identity;
pub mod model;
pub mod outbox;
pub mod server;
pub mod settings;
