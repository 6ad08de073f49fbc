//! Running one service: its configuration, its pool and migrations, its
//! HTTP server, and an orderly shutdown.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use axum::Router;
use entkit::config::ConfigLoader;
use entkit::{Backend, Client, MigrationSet, Services};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::api::ApiError;
use crate::health;
use crate::outbox::Relay;
use crate::settings::{Settings, SettingsError};

/// How long the outbox may take to flush at shutdown.
const FLUSH_DEADLINE: Duration = Duration::from_secs(5);
/// How long the pools may take to close at shutdown.
const CLOSE_DEADLINE: Duration = Duration::from_secs(10);

/// Why a service could not start or stopped uncleanly.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// An environment setting was refused.
    #[error(transparent)]
    Settings(#[from] SettingsError),
    /// Configuration, connection, migration or seeding failed.
    #[error(transparent)]
    Database(#[from] entkit::Error),
    /// The listener could not be bound, or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The configuration file does not describe this service.
    #[error("{file}: no `services.{service}` section")]
    NotConfigured {
        /// The configuration file.
        file: String,
        /// The service it lacks.
        service: &'static str,
    },
}

/// What a started service hands to the server.
pub struct Started {
    /// The service's domain routes (health routes are added for it).
    pub router: Router,
    /// Its outbox relay, when it makes changes others audit.
    pub relay: Option<Relay>,
}

/// What a service gets to start with.
pub struct Context {
    /// The service's settings.
    pub settings: Settings,
    /// The configured services (this one only): for its client and migrator.
    pub services: Services,
    /// The service's client: its pool, its scope.
    pub client: Client,
}

/// A future a service's start returns.
pub type StartFuture<'a> = Pin<Box<dyn Future<Output = Result<Started, ServiceError>> + Send + 'a>>;

/// A service as the server runs it.
pub struct ServiceSpec {
    /// Its name, as in the configuration file.
    pub name: &'static str,
    /// Its versioned migrations for a backend (compiled into the binary).
    pub migrations: fn(Backend) -> entkit::Result<MigrationSet>,
    /// Builds its routes (and seeds) once its client is connected and
    /// migrated.
    pub start: for<'a> fn(&'a Context) -> StartFuture<'a>,
}

/// The platform's migrations exist for SQLite and PostgreSQL only.
pub fn unsupported(backend: Backend) -> entkit::Error {
    entkit::Error::Unsupported {
        operation: "the platform's migrations (SQLite and PostgreSQL only)",
        backend: backend.name(),
    }
}

/// For a SQLite file URL, the directory its files go in, created if
/// missing, so the platform runs with no setup.
fn ensure_sqlite_dir(url: &str) -> std::io::Result<()> {
    let Some(rest) = url.strip_prefix("sqlite:") else {
        return Ok(());
    };
    let path = rest.trim_start_matches("//");
    let path = path.split('?').next().unwrap_or(path);
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    match std::path::Path::new(path).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
        _ => Ok(()),
    }
}

/// Opens `spec`'s client as its configuration says and migrates it.
pub async fn connect(spec: &ServiceSpec, settings: &Settings) -> Result<Services, ServiceError> {
    let config = ConfigLoader::new(&settings.config).load()?;
    let own = config
        .services
        .get(spec.name)
        .ok_or_else(|| ServiceError::NotConfigured {
            file: settings.config.display().to_string(),
            service: spec.name,
        })?;
    let url = own
        .url
        .as_ref()
        .or(config.defaults.url.as_ref())
        .map(|u| u.expose().to_owned())
        .unwrap_or_default();
    ensure_sqlite_dir(&url)?;
    // The file describes the whole platform; this process opens its own
    // service only, with the migrations of the backend its URL names.
    Ok(Services::builder(config)
        .only(spec.name)
        .migrations_by_backend(spec.name, spec.migrations)
        .connect()
        .await?)
}

/// Runs `spec` until `shutdown` completes: then stops accepting, lets the
/// requests in flight finish, flushes the outbox, and closes the pool.
pub async fn run(
    spec: &ServiceSpec,
    settings: Settings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServiceError> {
    let services = connect(spec, &settings).await?;
    let client = services.client(spec.name)?;
    let listen = settings.listen;
    let context = Context {
        settings,
        services: services.clone(),
        client,
    };
    let started = match (spec.start)(&context).await {
        Ok(started) => started,
        Err(e) => {
            services.shutdown(CLOSE_DEADLINE).await;
            return Err(e);
        }
    };
    let router = started
        .router
        .merge(health::routes(services.clone(), spec.name))
        .fallback(|| async { ApiError::not_found("no such endpoint") });
    let listener = TcpListener::bind(listen).await?;
    // The test and the launcher read this line for the port actually bound.
    println!(
        "{} listening on http://{}",
        spec.name,
        listener.local_addr()?
    );

    let (stop, stopped) = watch::channel(false);
    let relay = started
        .relay
        .map(|relay| tokio::spawn(relay.run(stopped, FLUSH_DEADLINE)));

    let served = axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await;
    tracing::info!(service = spec.name, "stopped accepting; requests finished");
    stop.send_replace(true);
    if let Some(relay) = relay
        && let Err(e) = relay.await
    {
        tracing::error!(service = spec.name, error = %e, "outbox relay panicked");
    }
    let report = services.shutdown(CLOSE_DEADLINE).await;
    if report.is_clean() {
        tracing::info!(service = spec.name, elapsed = ?report.elapsed, "pool closed");
    } else {
        tracing::warn!(service = spec.name, busy = ?report.timed_out, "pool still busy at the deadline");
    }
    served?;
    Ok(())
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn terminated() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Logs to stderr, `RUST_LOG` or `info`.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
