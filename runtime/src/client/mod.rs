//! Pooled, scope-bound database clients.

mod health;
mod startup;
mod transaction;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

pub use crate::backend::{ConnectUrl, UrlPart};
pub use health::HealthReport;
pub use transaction::RetryPolicy;

use crate::backend::PoolSettings;
use crate::dialect::Backend;
use crate::error::Result;
use crate::exec::{ClientState, Executor, HookList, Place, Shared, Target};
use crate::ident::validate_scope;
use crate::raw::IntoValue;
use crate::tenant::Tenancy;

/// A cheap-to-clone handle over one connection pool, bound to one scope.
///
/// A scope is a PostgreSQL schema, a MySQL/MariaDB database or a SQLite
/// attached database. Statements name their tables qualified with the scope
/// when they are rendered, so scopes never leak between requests and any
/// number of scopes share one pool (see [`Client::scope`]).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
/// let client = entkit::Client::connect("sqlite::memory:").await?;
/// let tenant = client.scope("tenant_42")?; // same pool, other tables
/// assert_eq!(tenant.scope_name(), Some("tenant_42"));
/// client.close().await;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) state: Arc<ClientState>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("url", &self.url())
            .field("scope", &self.state.scope)
            .field("tenant", &self.state.tenancy)
            .finish()
    }
}

/// The default of [`ClientBuilder::slow_statement_threshold`].
const DEFAULT_SLOW_STATEMENT: Duration = Duration::from_secs(1);

/// Configures and opens a [`Client`].
///
/// ```no_run
/// # async fn f() -> entkit::Result<()> {
/// use std::time::Duration;
/// let client = entkit::Client::builder("postgres://app@127.0.0.1/app")
///     .max_connections(16)
///     .acquire_timeout(Duration::from_secs(5))
///     .scope("identity")
///     .connect()
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct ClientBuilder {
    /// As given: it may hold a password, so `Debug` shows it redacted.
    url: String,
    settings: PoolSettings,
    scope: Option<String>,
    slow_statement_threshold: Option<Duration>,
    connect_retry: Option<Duration>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("url", &crate::backend::url::redact(&self.url))
            .field("settings", &self.settings)
            .field("scope", &self.scope)
            .field("slow_statement_threshold", &self.slow_statement_threshold)
            .field("connect_retry", &self.connect_retry)
            .finish()
    }
}

impl ClientBuilder {
    /// Most connections the pool opens (default 10).
    pub fn max_connections(mut self, n: u32) -> Self {
        self.settings.max_connections = n;
        self
    }

    /// Connections the pool keeps open even when idle (default 0).
    pub fn min_connections(mut self, n: u32) -> Self {
        self.settings.min_connections = n;
        self
    }

    /// How long an operation waits for a connection (default 30 s). When
    /// every connection is busy it then fails with
    /// [`Error::PoolTimeout`](crate::Error::PoolTimeout); when the wait was
    /// spent opening a new connection (a server that accepts and never
    /// answers), with [`Error::ConnectTimeout`](crate::Error::ConnectTimeout).
    /// [`connect`](Self::connect) itself gives up after this long too.
    pub fn acquire_timeout(mut self, timeout: Duration) -> Self {
        self.settings.acquire_timeout = timeout;
        self
    }

    /// Idle connections above the minimum close after this long (default 10 min).
    pub fn idle_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.settings.idle_timeout = timeout;
        self
    }

    /// Connections are replaced after this age (default 30 min).
    pub fn max_lifetime(mut self, lifetime: Option<Duration>) -> Self {
        self.settings.max_lifetime = lifetime;
        self
    }

    /// Whether to ping a connection before handing it out (default off).
    ///
    /// It is off because the ping is a full round trip before every
    /// operation, roughly doubling the latency of a lookup by key, while a
    /// broken connection is already detected on first use and replaced.
    /// Turn it on only behind middleboxes that silently drop idle connections.
    pub fn test_before_acquire(mut self, test: bool) -> Self {
        self.settings.test_before_acquire = test;
        self
    }

    /// Rows a SQLite connection's worker buffers ahead of the reader
    /// (default 1024; larger is faster for big results and costs memory).
    pub fn sqlite_row_buffer(mut self, rows: usize) -> Self {
        self.settings.sqlite_row_buffer = rows.max(1);
        self
    }

    /// Statements that take longer than this (pool wait included) log a
    /// `warn` event with target `entkit::sql`, their SQL text, scope,
    /// backend and duration, never their bind values (default 1 s; `None`
    /// turns the warning off).
    pub fn slow_statement_threshold(mut self, threshold: Option<Duration>) -> Self {
        self.slow_statement_threshold = threshold;
        self
    }

    /// Cancels a statement that runs longer than `timeout` (default: none),
    /// with [`Error::StatementTimeout`](crate::Error::StatementTimeout). It
    /// counts from the moment the operation asks the pool for a connection.
    /// On PostgreSQL the server enforces it (`statement_timeout`) and keeps
    /// the connection; elsewhere the client gives up on the statement and
    /// closes its connection. Inside a transaction, the transaction is over
    /// once a statement timed out: its later statements fail the same way
    /// and it is rolled back. Migration steps are not bounded.
    ///
    /// ```no_run
    /// # async fn f() -> entkit::Result<()> {
    /// use std::time::Duration;
    /// let client = entkit::Client::builder("postgres://app@127.0.0.1/app")
    ///     .statement_timeout(Some(Duration::from_secs(5)))
    ///     .transaction_timeout(Some(Duration::from_secs(30)))
    ///     .connect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn statement_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.settings.statement_timeout = timeout;
        self
    }

    /// Ends a transaction that lasts longer than `timeout` from its `BEGIN`
    /// (default: none) with
    /// [`Error::TransactionTimeout`](crate::Error::TransactionTimeout): the
    /// statement in flight is cancelled, or the next statement (`COMMIT`
    /// included) refused, and the transaction is rolled back, never
    /// committed. On PostgreSQL the server also ends a session idle inside
    /// a transaction for that long (`idle_in_transaction_session_timeout`).
    pub fn transaction_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.settings.transaction_timeout = timeout;
        self
    }

    /// Keeps trying to reach the server at [`connect`](Self::connect) for
    /// up to `deadline` (default: none, fail at once), for a service that
    /// may start before its database: attempts are spaced by a wait that
    /// starts at 100 ms and doubles up to 5 s, each scaled by a random
    /// factor between 0.5 and 1.5 (so that many instances do not retry in
    /// step), and each failure logs a warning (target `entkit`). Only
    /// failures that waiting can cure are retried: no server listening or
    /// answering, a host not found, a server still starting. A wrong
    /// password or an unknown database fails at once.
    pub fn connect_retry(mut self, deadline: Option<Duration>) -> Self {
        self.connect_retry = deadline;
        self
    }

    /// Works behind a pooler in transaction mode (PgBouncer's
    /// `pool_mode = transaction`), where each transaction may run on
    /// another server session (default off). entkit then prepares no named
    /// statements, keeps nothing on the session, and sends no startup
    /// parameters (the pooler refuses those it does not know). A statement
    /// outside a transaction runs in a transaction of its own (`BEGIN`, the
    /// statement, `COMMIT`): the driver sends an unprepared statement in
    /// two exchanges (parse and describe, then bind and execute), which
    /// only a transaction keeps on one server session. A client with a
    /// tenant sets it in each transaction, locally (`set_config(.., true)`).
    /// That is four round trips for a lookup by key instead of one (the
    /// benchmark suite measures it); a pooler that supports prepared
    /// statements (PgBouncer 1.21 with `max_prepared_statements`) needs
    /// only the tenant part, but entkit does not rely on it. The
    /// server-side statement timeout is not set (the client's bound still
    /// applies).
    pub fn transaction_pooler(mut self, behind: bool) -> Self {
        self.settings.transaction_pooler = behind;
        self
    }

    /// Binds the client to a scope (validated when connecting).
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// Opens the pool. Before anything is sent, a bad scope fails with
    /// [`Error::InvalidIdentifier`](crate::Error::InvalidIdentifier) and a
    /// malformed URL with [`Error::InvalidUrl`](crate::Error::InvalidUrl);
    /// a URL for a backend this build lacks, or one whose `sslmode`
    /// requires TLS on a build without the `tls` feature, with
    /// [`Error::UnsupportedUrl`](crate::Error::UnsupportedUrl).
    /// An unreachable server fails here with
    /// [`Error::Connect`](crate::Error::Connect), and one that does not
    /// answer within the acquire timeout with
    /// [`Error::ConnectTimeout`](crate::Error::ConnectTimeout), the URL's
    /// password redacted in both.
    pub async fn connect(self) -> Result<Client> {
        if let Some(scope) = &self.scope {
            validate_scope(scope)?;
        }
        let url = ConnectUrl::parse(&self.url)?;
        url.check_build()?;
        let pool = startup::open(&url, &self.settings, self.connect_retry).await?;
        let default_namespace = match url.backend() {
            crate::Backend::Postgres => Some("public".to_owned()),
            crate::Backend::MySql => url.database().map(str::to_owned),
            crate::Backend::Sqlite => Some("main".to_owned()),
        };
        let shared = Arc::new(Shared::new(
            pool,
            default_namespace,
            self.slow_statement_threshold,
        ));
        Ok(Client::view(
            shared,
            self.scope.map(Arc::from),
            HookList::default(),
        ))
    }
}

/// A snapshot of pool usage. A saturated pool shows `in_use == max` and
/// tasks `waiting`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PoolStats {
    /// Open connections.
    pub size: u32,
    /// Open connections not in use.
    pub idle: u32,
    /// Connections handed out.
    pub in_use: u32,
    /// The configured maximum.
    pub max: u32,
    /// Tasks waiting for a connection.
    pub waiting: u32,
}

/// The result of [`Client::ping`].
#[derive(Debug, Clone, Copy)]
pub struct Health {
    /// Round-trip time of a trivial statement, including pool acquisition.
    pub latency: Duration,
    /// Pool usage right after the ping (its own connection is back already).
    pub pool: PoolStats,
}

impl Client {
    /// Opens a client with default pool settings.
    ///
    /// URLs: `postgres://user:pass@host:5432/db`, `mysql://user:pass@host:3306/db`
    /// (MySQL and MariaDB; `mariadb://` works too), `sqlite://path/to/file.db`,
    /// `sqlite::memory:`. See [`ConnectUrl`] for what is accepted; anything
    /// else is [`Error::InvalidUrl`](crate::Error::InvalidUrl).
    pub async fn connect(url: &str) -> Result<Client> {
        Client::builder(url).connect().await
    }

    /// A builder for pool settings and scope.
    pub fn builder(url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            url: url.into(),
            settings: PoolSettings::default(),
            scope: None,
            slow_statement_threshold: Some(DEFAULT_SLOW_STATEMENT),
            connect_retry: None,
        }
    }

    /// A client over `shared` with this scope and these hooks, and a
    /// statement cache of its own (cached text is rendered per scope).
    fn view(shared: Arc<Shared>, scope: Option<Arc<str>>, hooks: HookList) -> Client {
        Client {
            state: Arc::new(ClientState::new(shared, scope, hooks)),
        }
    }

    /// A client (same pool, same scope, same tenant) with other hooks.
    pub(crate) fn with_hooks(&self, hooks: HookList) -> Client {
        let client = Client::view(self.state.shared.clone(), self.state.scope.clone(), hooks);
        client.with_tenancy(self.state.tenancy.clone())
    }

    /// This client (same pool, scope, hooks and statement cache) bound to `tenancy`.
    fn with_tenancy(&self, tenancy: Tenancy) -> Client {
        Client {
            state: Arc::new(self.state.with_tenancy(tenancy)),
        }
    }

    /// A client over the same pool, scope and hooks bound to one tenant:
    /// every generated operation on a tenant entity (one with an
    /// `#[entity(tenant)]` key) then reads, counts, pages, streams,
    /// traverses and loads only this tenant's rows, gives new rows this
    /// tenant, and updates and deletes only this tenant's rows. Cheap: no
    /// new connections, and the statement cache is shared.
    ///
    /// `tenant` must fit the entities' tenant key (a uuid, an integer or a
    /// string); one that does not fails the operation with
    /// [`Error::TenantType`](crate::Error::TenantType) before anything is sent.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
    /// let client = entkit::Client::connect("sqlite::memory:").await?;
    /// let acme = client.for_tenant(42_i64);
    /// assert_eq!(acme.tenant(), &entkit::Tenancy::Tenant(entkit::Value::I64(42)));
    /// assert_eq!(client.tenant(), &entkit::Tenancy::Unset);
    /// # Ok(()) }
    /// ```
    pub fn for_tenant(&self, tenant: impl IntoValue) -> Client {
        self.with_tenancy(Tenancy::Tenant(tenant.into_bind()))
    }

    /// **Cross-tenant access, for platform code only.** A client over the
    /// same pool, scope and hooks that reads, updates and deletes the rows
    /// of every tenant of tenant entities. Creating a row of a tenant entity
    /// still needs a tenant ([`for_tenant`](Self::for_tenant)).
    ///
    /// Request handlers should never hold such a client; grep for
    /// `all_tenants` to review every place that does.
    pub fn all_tenants(&self) -> Client {
        self.with_tenancy(Tenancy::AllTenants)
    }

    /// Whose rows of tenant entities this client works on.
    pub fn tenant(&self) -> &Tenancy {
        &self.state.tenancy
    }

    /// A client for another scope over the same pool: no new connections.
    ///
    /// The name must be a plain identifier (ASCII letters, digits and `_`,
    /// not starting with a digit, at most 63 characters); anything else is
    /// refused with [`Error::InvalidIdentifier`](crate::Error::InvalidIdentifier)
    /// before any SQL runs.
    ///
    /// The new client runs the same [hooks](crate::Hook) as this one: a
    /// tenant's or service's scope does not lose its audit trail. It keeps
    /// this client's [tenant](Self::tenant) too.
    pub fn scope(&self, name: &str) -> Result<Client> {
        validate_scope(name)?;
        let client = Client::view(
            self.state.shared.clone(),
            Some(Arc::from(name)),
            self.state.hooks.clone(),
        );
        Ok(client.with_tenancy(self.state.tenancy.clone()))
    }

    /// Whether `scope` is the database's default namespace (case-insensitively,
    /// as MySQL database names may be).
    pub(crate) fn is_default_namespace(&self, scope: &str) -> bool {
        self.state
            .shared
            .default_namespace
            .as_deref()
            .is_some_and(|d| d.eq_ignore_ascii_case(scope))
    }

    /// The client's scope, if it has one.
    pub fn scope_name(&self) -> Option<&str> {
        self.state.scope()
    }

    /// `name` quoted for this backend and qualified by the client's scope,
    /// for hand-written SQL (`"tenant_42"."users"`, or `` `users` `` without
    /// a scope).
    ///
    /// ```
    /// # async fn demo() -> entkit::Result<()> {
    /// let client = entkit::Client::connect("sqlite::memory:").await?;
    /// assert_eq!(client.qualified("users"), "\"users\"");
    /// assert_eq!(client.scope("tenant_42")?.qualified("users"), "\"tenant_42\".\"users\"");
    /// # Ok(()) }
    /// # tokio::runtime::Runtime::new().unwrap().block_on(demo()).unwrap();
    /// ```
    pub fn qualified(&self, name: &str) -> String {
        let backend = self.backend();
        let mut out = String::new();
        if let Some(scope) = self.scope_name() {
            backend.push_ident(&mut out, scope);
            out.push('.');
        }
        backend.push_ident(&mut out, name);
        out
    }

    /// The backend this client talks to.
    pub fn backend(&self) -> Backend {
        self.state.backend()
    }

    /// The connection URL with its password redacted.
    pub fn url(&self) -> &str {
        &self.state.shared.pool.url
    }

    /// Statements executed through this pool (all scopes) since it opened.
    /// Tests and metrics use it to prove how many round trips an operation costs.
    pub fn statement_count(&self) -> u64 {
        self.state.shared.statements.load(Ordering::Relaxed)
    }

    /// Statements run through this pool (all scopes) since it opened, by
    /// outcome: succeeded, or failed on a constraint, a timeout, the
    /// connection, or otherwise. Lock-free reads, for a metrics exporter.
    pub fn statement_counters(&self) -> crate::StatementCounters {
        self.state.shared.outcomes.snapshot()
    }

    /// Pool usage now.
    pub fn pool_stats(&self) -> PoolStats {
        let usage = self.state.shared.pool.usage();
        PoolStats {
            size: usage.size,
            idle: usage.idle,
            in_use: usage.size.saturating_sub(usage.idle),
            max: usage.max,
            waiting: usage.waiting,
        }
    }

    /// Runs a trivial statement and reports its latency and the pool's state.
    pub async fn ping(&self) -> Result<Health> {
        let started = Instant::now();
        self.execute_raw("SELECT 1").await?;
        Ok(Health {
            latency: started.elapsed(),
            pool: self.pool_stats(),
        })
    }

    /// Closes the pool gracefully: waits for connections in use to be
    /// returned, then closes them. Every clone and scope shares the pool.
    pub async fn close(&self) {
        self.state.shared.pool.close().await
    }

    /// Whether [`close`](Self::close) was called.
    pub fn is_closed(&self) -> bool {
        self.state.shared.pool.is_closed()
    }

    /// Runs SQL text without binds or results (DDL, session commands).
    /// Only use with trusted text: nothing is escaped.
    pub async fn execute_raw(&self, sql: &str) -> Result<u64> {
        let stmt = crate::exec::hand_written(Arc::from(sql), Vec::new())?;
        let done = self.target().execute(stmt).await?;
        Ok(done.rows_affected)
    }

    pub(crate) fn target(&self) -> Target<'_> {
        Target(Place::Pool(&self.state))
    }
}

impl<'a> Executor<'a> for &'a Client {
    fn into_target(self) -> Target<'a> {
        self.target()
    }
}
