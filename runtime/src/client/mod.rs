//! Pooled, scope-bound database clients.

mod health;
mod startup;
mod transaction;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

pub use crate::backend::{ConnectUrl, PoolStats, UrlPart};
pub use health::HealthReport;
pub use transaction::RetryPolicy;

use crate::backend::PoolSettings;
use crate::dialect::Backend;
use crate::error::{Error, Result};
use crate::exec::{
    ClientState, Executor, HookList, Place, ReplicaStatus, Replicas, Shared, Target,
};
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
    /// Read replicas' URLs, as given (redacted in `Debug`).
    replicas: Vec<String>,
    max_replica_lag: Option<Duration>,
    replica_check_interval: Duration,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("url", &crate::backend::url::redact(&self.url))
            .field("settings", &self.settings)
            .field("scope", &self.scope)
            .field("slow_statement_threshold", &self.slow_statement_threshold)
            .field("connect_retry", &self.connect_retry)
            .field(
                "replicas",
                &self
                    .replicas
                    .iter()
                    .map(|url| crate::backend::url::redact(url))
                    .collect::<Vec<_>>(),
            )
            .field("max_replica_lag", &self.max_replica_lag)
            .field("replica_check_interval", &self.replica_check_interval)
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

    /// Adds a read replica (PostgreSQL only): a hot standby of the primary
    /// the client's URL names. Generated reads outside a transaction
    /// (`query`, `get`, `count`, pages, streams, eager loads, `select`)
    /// then go to the replicas in turn, skipping any that is down or lags
    /// more than [`max_replica_lag`](Self::max_replica_lag); everything
    /// else runs on the primary: writes, transactions, locking reads,
    /// hand-written SQL ([`RawQuery`](crate::RawQuery),
    /// [`execute_raw`](Client::execute_raw)) and migrations. A read that
    /// finds its replica unreachable or its connection lost runs on the
    /// primary instead, without an error, and the replica is left alone
    /// until a background check (every second) reaches it again.
    ///
    /// A replica lags: a read there may not see what the client has just
    /// written. Read through [`Client::primary`] where that matters.
    ///
    /// Each replica gets a pool of its own with this builder's settings.
    /// At [`connect`](Self::connect), a replica that cannot be reached yet
    /// starts down (reads go to the primary until it is reached); a
    /// malformed URL, a refused password or an unknown database fails
    /// `connect` as it would for the primary. A primary other than
    /// PostgreSQL fails with [`Error::Unsupported`](crate::Error::Unsupported),
    /// a replica URL of another backend with
    /// [`Error::UnsupportedUrl`](crate::Error::UnsupportedUrl).
    ///
    /// ```no_run
    /// # async fn f() -> entkit::Result<()> {
    /// use std::time::Duration;
    /// let client = entkit::Client::builder("postgres://app@db-primary/app")
    ///     .replica("postgres://app@db-replica-1/app")
    ///     .replica("postgres://app@db-replica-2/app")
    ///     .max_replica_lag(Some(Duration::from_secs(2)))
    ///     .connect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn replica(mut self, url: impl Into<String>) -> Self {
        self.replicas.push(url.into());
        self
    }

    /// Adds several read replicas (see [`replica`](Self::replica)).
    pub fn replicas<I, S>(mut self, urls: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.replicas.extend(urls.into_iter().map(Into::into));
        self
    }

    /// Skips a replica whose replay lag, measured in the background (see
    /// [`replica_check_interval`](Self::replica_check_interval)), is above
    /// `lag` (default: none, lag never skips a replica). While a bound is
    /// set, a replica whose lag is unknown (it has replayed nothing since
    /// it started) is skipped too.
    ///
    /// The lag is the time since the last transaction the replica replayed
    /// was committed on the primary, zero when it has replayed all it
    /// received. After a long quiet spell on the primary, the first check
    /// that catches a new transaction in flight overstates it, which at
    /// worst sends reads to the primary for one interval.
    pub fn max_replica_lag(mut self, lag: Option<Duration>) -> Self {
        self.max_replica_lag = lag;
        self
    }

    /// How often each replica's lag is measured, and a replica found down
    /// (or unreachable at startup) tried again (default 1 s; at least
    /// 10 ms). Each check is one short statement on one of the replica's
    /// connections; a check that gets no answer within 5 s marks the
    /// replica down. Between checks, a replica found down by a read is
    /// left alone for 5 s.
    pub fn replica_check_interval(mut self, interval: Duration) -> Self {
        self.replica_check_interval = interval.max(Duration::from_millis(10));
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
        let replica_urls = replica_urls(&url, &self.replicas)?;
        let pool = startup::open(&url, &self.settings, self.connect_retry).await?;
        let replicas = match replica_urls.is_empty() {
            true => None,
            false => Some(
                open_replicas(
                    replica_urls,
                    &self.settings,
                    self.max_replica_lag,
                    self.replica_check_interval,
                )
                .await?,
            ),
        };
        let default_namespace = match url.backend() {
            crate::Backend::Postgres => Some("public".to_owned()),
            crate::Backend::MySql => url.database().map(str::to_owned),
            crate::Backend::Sqlite => Some("main".to_owned()),
        };
        let mut shared = Shared::new(pool, default_namespace, self.slow_statement_threshold);
        shared.replicas = replicas;
        Ok(Client::view(
            Arc::new(shared),
            self.scope.map(Arc::from),
            HookList::default(),
        ))
    }
}

/// The replica URLs, parsed and checked before anything is opened: read
/// replicas are PostgreSQL's, of a PostgreSQL primary.
fn replica_urls(primary: &ConnectUrl, urls: &[String]) -> Result<Vec<ConnectUrl>> {
    if urls.is_empty() {
        return Ok(Vec::new());
    }
    if primary.backend() != Backend::Postgres {
        return Err(Error::Unsupported {
            operation: "read replicas",
            backend: primary.backend().name(),
        });
    }
    urls.iter()
        .map(|url| {
            let url = ConnectUrl::parse(url)?;
            if url.backend() != Backend::Postgres {
                return Err(Error::UnsupportedUrl {
                    url: url.redacted().to_owned(),
                    reason: "a read replica of a PostgreSQL primary must be a PostgreSQL server"
                        .to_owned(),
                });
            }
            url.check_build()?;
            Ok(url)
        })
        .collect()
}

/// Opens every replica's pool at once. One that cannot be reached yet
/// (see `startup::unreachable`) starts down, with a warning; any other
/// failure (a refused password, an unknown database) fails the client.
async fn open_replicas(
    urls: Vec<ConnectUrl>,
    settings: &PoolSettings,
    max_lag: Option<Duration>,
    check_interval: Duration,
) -> Result<Arc<Replicas>> {
    let opening = urls
        .iter()
        .map(|url| crate::backend::pool::connect(url, settings));
    let opened = futures_util::future::join_all(opening).await;
    let mut members = Vec::with_capacity(urls.len());
    for (url, pool) in urls.into_iter().zip(opened) {
        let pool = match pool {
            Ok(pool) => Some(pool),
            Err(e) if startup::unreachable(&e) => {
                tracing::warn!(
                    target: "entkit",
                    replica = url.redacted(),
                    error = %e,
                    "replica not reachable; its reads go to the primary until it is"
                );
                None
            }
            Err(e) => return Err(e),
        };
        members.push((url, pool));
    }
    Ok(Replicas::start(members, settings.clone(), max_lag, check_interval).await)
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
            replicas: Vec::new(),
            max_replica_lag: None,
            replica_check_interval: crate::exec::REPLICA_CHECK_INTERVAL,
        }
    }

    /// A client over `shared` with this scope and these hooks, and a
    /// statement cache of its own (cached text is rendered per scope).
    fn view(shared: Arc<Shared>, scope: Option<Arc<str>>, hooks: HookList) -> Client {
        Client {
            state: Arc::new(ClientState::new(shared, scope, hooks)),
        }
    }

    /// A client (same pool, same scope, same tenant, same read routing)
    /// with other hooks.
    pub(crate) fn with_hooks(&self, hooks: HookList) -> Client {
        let client = Client::view(self.state.shared.clone(), self.state.scope.clone(), hooks);
        self.like_self(&client.state)
    }

    /// `state` with this client's tenant and read routing.
    fn like_self(&self, state: &ClientState) -> Client {
        let mut state = state.with_tenancy(self.state.tenancy.clone());
        state.primary_reads = self.state.primary_reads;
        Client {
            state: Arc::new(state),
        }
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

    /// A client over the same pools, scope, hooks and tenant whose reads
    /// all run on the primary: the way to read what was just written when
    /// the client has [read replicas](ClientBuilder::replica), which may
    /// not have replayed the write yet. Cheap, like
    /// [`for_tenant`](Self::for_tenant); without replicas it changes
    /// nothing. Its [scopes](Self::scope) and tenant views read the
    /// primary too.
    ///
    /// ```no_run
    /// # async fn f(client: entkit::Client) -> entkit::Result<()> {
    /// client.execute_raw("UPDATE accounts SET plan = 'pro' WHERE id = 7").await?;
    /// let fresh = client.primary(); // this request's later reads see the update
    /// # let _ = fresh;
    /// # Ok(()) }
    /// ```
    pub fn primary(&self) -> Client {
        Client {
            state: Arc::new(self.state.with_primary_reads(true)),
        }
    }

    /// Whether this client's reads all run on the primary (a view made by
    /// [`primary`](Self::primary)).
    pub fn reads_primary(&self) -> bool {
        self.state.primary_reads
    }

    /// Each read replica's state, lag (as of the last background check, at
    /// most a second old), statements served and pool usage, in the order
    /// they were given; empty without replicas. Reads no server.
    pub fn replica_status(&self) -> Vec<ReplicaStatus> {
        self.state
            .shared
            .replicas
            .as_ref()
            .map(|replicas| replicas.status())
            .unwrap_or_default()
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
    /// this client's [tenant](Self::tenant) too, and reads the primary if
    /// this one does ([`primary`](Self::primary)).
    pub fn scope(&self, name: &str) -> Result<Client> {
        validate_scope(name)?;
        let client = Client::view(
            self.state.shared.clone(),
            Some(Arc::from(name)),
            self.state.hooks.clone(),
        );
        Ok(self.like_self(&client.state))
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

    /// The primary's pool usage now (replicas: [`replica_status`](Self::replica_status)).
    pub fn pool_stats(&self) -> PoolStats {
        self.state.shared.pool.stats()
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
    /// The replicas' pools close too, and their background check stops.
    pub async fn close(&self) {
        self.state.shared.pool.close().await;
        if let Some(replicas) = &self.state.shared.replicas {
            replicas.close().await;
        }
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
