//! The authorization service: roles, permissions, and which users hold
//! which roles, in its own schema; answers "may this user do that?".

pub mod entities;
pub mod routes;
pub mod seed;

use entkit::cli::App;
use entkit::{Backend, Client, Entity as _, MigrationSet};
use uuid::Uuid;

use crate::outbox::{OutboxEvent, OutboxHook, Relay, RelayHandle};
use crate::server::{Context, ServiceError, ServiceSpec, StartFuture, Started};

pub use entities::{Permission, Principal, Role};

/// The service's name in configuration, actions and logs.
pub const NAME: &str = "authz";

/// The authz service as the server runs it.
pub static SPEC: ServiceSpec = ServiceSpec {
    name: NAME,
    migrations,
    start,
};

/// The versioned migrations, compiled in, for `backend`.
pub fn migrations(backend: Backend) -> entkit::Result<MigrationSet> {
    match backend {
        Backend::Postgres => Ok(entkit::embed_migrations!("migrations/authz/postgres")?),
        Backend::Sqlite => Ok(entkit::embed_migrations!("migrations/authz/sqlite")?),
        other => Err(crate::server::unsupported(other)),
    }
}

/// The service's entities, as its migrations and command line know them.
pub fn entities() -> Vec<&'static entkit::EntityDef> {
    vec![
        Role::def(),
        Permission::def(),
        Principal::def(),
        OutboxEvent::def(),
    ]
}

/// entkit's command line for this service, with its seeders.
pub fn cli() -> App {
    App::new(entities())
        .name(NAME)
        .migrations_root(crate::entry::migrations_root(NAME))
        .seeders(seed::seeders())
}

/// What the handlers share.
#[derive(Clone)]
pub struct Authz {
    client: Client,
    relay: RelayHandle,
}

impl Authz {
    /// `client` recording every change `actor` makes (role grants and
    /// permission links included: they are edge changes of `Principal` and
    /// `Role`) in its outbox.
    pub fn audited(client: &Client, actor: Option<Uuid>) -> Client {
        let hook = OutboxHook::new(NAME, actor);
        let client = hook.register::<Role>(client);
        let client = hook.register::<Permission>(&client);
        hook.register::<Principal>(&client)
    }

    /// The service's client, recording `actor`'s changes.
    pub fn client(&self, actor: Option<Uuid>) -> Client {
        Authz::audited(&self.client, actor)
    }

    /// Wakes the outbox relay after a change committed.
    pub fn changed(&self) {
        self.relay.nudge();
    }
}

fn start(cx: &Context) -> StartFuture<'_> {
    Box::pin(async move {
        // Seed data goes through the audited client: the trail shows it.
        let audited = Authz::audited(&cx.client, None);
        seed::seed_on_start(&audited, &cx.settings.environment, cx.settings.seed_force).await?;
        let relay = Relay::new(NAME, cx.client.clone(), &cx.settings.audit_url);
        let state = Authz {
            client: cx.client.clone(),
            relay: relay.handle(),
        };
        Ok::<_, ServiceError>(Started {
            router: routes::routes().with_state(state),
            relay: Some(relay),
        })
    })
}
