//! The audit service: the platform's audit trail, in its own schema. Other
//! services never write here; their outbox relays post events to
//! `POST /events`, which stores each event id once.

pub mod entities;
pub mod routes;

use entkit::cli::App;
use entkit::{Backend, MigrationSet};

use crate::server::{Context, ServiceError, ServiceSpec, StartFuture, Started};

pub use entities::AuditLog;

/// The service's name in configuration and logs.
pub const NAME: &str = "audit";

/// The audit service as the server runs it.
pub static SPEC: ServiceSpec = ServiceSpec {
    name: NAME,
    migrations,
    start,
};

/// The versioned migrations, compiled in, for `backend`.
pub fn migrations(backend: Backend) -> entkit::Result<MigrationSet> {
    match backend {
        Backend::Postgres => Ok(entkit::embed_migrations!("migrations/audit/postgres")?),
        Backend::Sqlite => Ok(entkit::embed_migrations!("migrations/audit/sqlite")?),
        other => Err(crate::server::unsupported(other)),
    }
}

/// The service's entities.
pub fn entities() -> Vec<&'static entkit::EntityDef> {
    use entkit::Entity;
    vec![AuditLog::def()]
}

/// entkit's command line for this service.
pub fn cli() -> App {
    App::new(entities())
        .name(NAME)
        .migrations_root(crate::entry::migrations_root(NAME))
}

fn start(cx: &Context) -> StartFuture<'_> {
    Box::pin(async move {
        Ok::<_, ServiceError>(Started {
            router: routes::routes().with_state(cx.client.clone()),
            relay: None,
        })
    })
}
