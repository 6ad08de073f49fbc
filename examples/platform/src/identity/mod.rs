//! The identity service: users (register, read, verify, sign in) in its own
//! schema, plus the platform's two tenancy flows — members of tenants on
//! shared tables ([`tenants`], row-level) and a schema per tenant
//! ([`schemas`]).

pub mod entities;
pub mod password;
pub mod routes;
pub mod schemas;
pub mod tenants;

use axum::Router;
use entkit::cli::App;
use entkit::{Backend, Client, Entity as _, MigrationSet, Services, TenantScopes};
use uuid::Uuid;

use crate::outbox::{OutboxEvent, OutboxHook, Relay, RelayHandle};
use crate::server::{Context, ServiceError, ServiceSpec, StartFuture, Started};

pub use entities::{Member, User};

/// The service's name in configuration, actions and logs.
pub const NAME: &str = "identity";

/// The identity service as the server runs it.
pub static SPEC: ServiceSpec = ServiceSpec {
    name: NAME,
    migrations,
    start,
};

/// The versioned migrations, compiled in, for `backend`.
pub fn migrations(backend: Backend) -> entkit::Result<MigrationSet> {
    match backend {
        Backend::Postgres => Ok(entkit::embed_migrations!("migrations/identity/postgres")?),
        Backend::Sqlite => Ok(entkit::embed_migrations!("migrations/identity/sqlite")?),
        other => Err(crate::server::unsupported(other)),
    }
}

/// The service's entities, as its migrations and command line know them.
pub fn entities() -> Vec<&'static entkit::EntityDef> {
    vec![User::def(), Member::def(), OutboxEvent::def()]
}

/// entkit's command line for this service (`identity migrate diff NAME`, ...).
pub fn cli() -> App {
    App::new(entities())
        .name(NAME)
        .migrations_root(crate::entry::migrations_root(NAME))
}

/// What the handlers share.
#[derive(Clone)]
pub struct Identity {
    services: Services,
    client: Client,
    tenants: TenantScopes,
    relay: RelayHandle,
}

impl Identity {
    /// `client` recording every change `actor` makes to the service's
    /// entities in its outbox.
    pub fn audited(client: &Client, actor: Option<Uuid>) -> Client {
        let hook = OutboxHook::new(NAME, actor);
        let client = hook.register::<User>(client);
        hook.register::<Member>(&client)
    }

    /// The service's client, recording `actor`'s changes.
    pub fn client(&self, actor: Option<Uuid>) -> Client {
        Identity::audited(&self.client, actor)
    }

    /// Wakes the outbox relay after a change committed.
    pub fn changed(&self) {
        self.relay.nudge();
    }
}

/// The scope prefix of the tenants' schemas: the service's scope, then `_t_`.
pub fn tenant_prefix(client: &Client) -> String {
    format!("{}_t_", client.scope_name().unwrap_or(NAME))
}

fn start(cx: &Context) -> StartFuture<'_> {
    Box::pin(async move {
        let tenants = cx.client.tenant_scopes(&tenant_prefix(&cx.client))?;
        let relay = Relay::new(NAME, cx.client.clone(), &cx.settings.audit_url)
            .with_tenants(tenants.clone());
        let state = Identity {
            services: cx.services.clone(),
            client: cx.client.clone(),
            tenants,
            relay: relay.handle(),
        };
        let router = Router::new()
            .merge(routes::routes())
            .merge(tenants::routes())
            .merge(schemas::routes())
            .with_state(state);
        Ok::<_, ServiceError>(Started {
            router,
            relay: Some(relay),
        })
    })
}
