//! The pool of connections behind a client: entkit's own, over the driver's
//! connections.
//!
//! Why not the driver's pool:
//! - each connection here carries what entkit knows of the session on it
//!   ([`Session`]: the tenant setting PostgreSQL row-level security reads),
//!   so a statement changes that setting only when its connection holds
//!   another value, and never runs under another tenant's;
//! - a connection goes back the moment its operation ends, with nothing
//!   spent on it: whether it is fit for reuse is known exactly (see
//!   `pinned`), so there is no ping and no spawned task per return;
//! - a failure to open a connection is reported at once, with its cause
//!   (connection refused, authentication failed), rather than retried until
//!   the acquire timeout runs out and reported as a timeout;
//! - the number of tasks waiting for a connection can be read.
//!
//! Accounting: a semaphore of `max_connections` permits bounds connections
//! in use or being opened; idle connections hold none. A returning
//! connection is put in the idle list before its permit is released, so a
//! task that holds a permit and finds the list empty knows every open
//! connection is in use, and may open one more without passing the maximum.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use sqlx::{ConnectOptions as _, Connection};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::settings::PoolSettings;

/// How long a connection being discarded is given to say goodbye.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

/// The setting row-level security policies compare a tenant column with:
/// the text of the client's tenant key, empty without a tenant.
pub(crate) const TENANT_SETTING: &str = "entkit.tenant";

/// The setting that lets an all-tenants client's statements see every
/// tenant's rows: `on` or `off`.
pub(crate) const ALL_TENANTS_SETTING: &str = "entkit.all_tenants";

/// The tenant settings that PostgreSQL row-level security policies read
/// (`entkit.tenant`, `entkit.all_tenants`), as a value a session holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum TenantSetting {
    /// No tenant: tenant policies match no row.
    #[default]
    None,
    /// One tenant, as the text of its key.
    Tenant(Arc<str>),
    /// Every tenant (a client made by `Client::all_tenants`).
    All,
}

/// What entkit knows of the session on one connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Session {
    /// The tenant setting the session holds; `None` when unknown (a
    /// statement that set it failed), so the next user sets it again.
    pub tenant: Option<TenantSetting>,
}

impl Default for Session {
    /// A new connection: its startup options set no tenant (see `pool`).
    fn default() -> Self {
        Session {
            tenant: Some(TenantSetting::None),
        }
    }
}

/// Why no connection was handed out.
#[derive(Debug)]
pub(crate) enum AcquireError {
    /// The acquire timeout ran out; `connecting`: while opening a new
    /// connection (the server accepted and did not answer), not waiting
    /// for a busy one.
    Timeout { connecting: bool },
    /// The pool was closed.
    Closed,
    /// Opening a new connection failed.
    Connect(sqlx::Error),
}

/// A pool of driver connections of type `C`.
pub(crate) struct Connections<C: Connection + 'static> {
    inner: Arc<Inner<C>>,
}

struct Inner<C: Connection + 'static> {
    options: C::Options,
    settings: PoolSettings,
    /// Idle connections, the most recently returned last (handed out first,
    /// so the others can age out when the load drops).
    idle: Mutex<Vec<Idle<C>>>,
    /// One permit per connection in use or being opened.
    permits: Arc<Semaphore>,
    /// Connections open or being opened.
    size: AtomicU32,
    /// Tasks waiting for a permit.
    waiting: AtomicU32,
    closed: AtomicBool,
}

/// A driver connection with what entkit knows of it.
struct Live<C> {
    conn: C,
    opened: Instant,
    /// Read only for PostgreSQL, whose sessions carry the tenant setting.
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    session: Session,
}

struct Idle<C> {
    live: Live<C>,
    since: Instant,
}

/// A connection lent by [`Connections`]; back to the pool when dropped,
/// unless [`close_on_drop`](Lent::close_on_drop) was called.
pub(crate) struct Lent<C: Connection + 'static> {
    live: Option<Live<C>>,
    pool: Arc<Inner<C>>,
    close: bool,
    /// Released after the connection is back in the idle list (fields drop
    /// after `Drop::drop` ran).
    _permit: Option<OwnedSemaphorePermit>,
}

/// What the pool holds, for statistics.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Usage {
    pub size: u32,
    pub idle: u32,
    pub max: u32,
    pub waiting: u32,
}

impl<C: Connection + 'static> Connections<C> {
    /// A pool that opens connections with `options` as they are needed,
    /// and a task that closes idle and aged ones and keeps
    /// `min_connections` open.
    pub(crate) fn new(options: C::Options, settings: PoolSettings) -> Self {
        let inner = Arc::new(Inner {
            options,
            permits: Arc::new(Semaphore::new(settings.max_connections.max(1) as usize)),
            settings,
            idle: Mutex::new(Vec::new()),
            size: AtomicU32::new(0),
            waiting: AtomicU32::new(0),
            closed: AtomicBool::new(false),
        });
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(maintain(Arc::downgrade(&inner)));
        }
        Connections { inner }
    }

    /// Lends a connection: an idle one if there is one, else a new one,
    /// within the acquire timeout.
    pub(crate) async fn acquire(&self) -> Result<Lent<C>, AcquireError> {
        let inner = &self.inner;
        let started = Instant::now();
        let timeout = inner.settings.acquire_timeout;
        let permit = {
            let _waiting = Counted::new(&inner.waiting);
            match tokio::time::timeout(timeout, inner.permits.clone().acquire_owned()).await {
                Err(_) => return Err(AcquireError::Timeout { connecting: false }),
                Ok(Err(_)) => return Err(AcquireError::Closed),
                Ok(Ok(permit)) => permit,
            }
        };
        if inner.closed.load(Ordering::Acquire) {
            return Err(AcquireError::Closed);
        }
        while let Some(idle) = inner.pop_idle() {
            let mut live = idle.live;
            if inner.aged(&live) {
                inner.discard(live);
                continue;
            }
            if inner.settings.test_before_acquire && live.conn.ping().await.is_err() {
                inner.discard(live);
                continue;
            }
            return Ok(Lent::new(live, inner.clone(), permit));
        }
        let remaining = timeout.saturating_sub(started.elapsed());
        // Boxed: opening takes the driver's large connect future, and it is
        // the rare path; every acquire's future would carry it otherwise.
        let live = Box::pin(inner.open(remaining)).await?;
        Ok(Lent::new(live, inner.clone(), permit))
    }

    /// Connections open, idle, the maximum, and tasks waiting.
    pub(crate) fn usage(&self) -> Usage {
        let inner = &self.inner;
        Usage {
            size: inner.size.load(Ordering::Relaxed),
            idle: inner.idle.lock().expect("idle list").len() as u32,
            max: inner.settings.max_connections,
            waiting: inner.waiting.load(Ordering::Relaxed),
        }
    }

    /// Closes every idle connection: after one was found dropped by the
    /// server (a restart ends them all), the next user gets a new one
    /// rather than another dead one.
    pub(crate) fn discard_idle(&self) {
        let idle = std::mem::take(&mut *self.inner.idle.lock().expect("idle list"));
        for entry in idle {
            self.inner.discard(entry.live);
        }
    }

    /// Closes the pool: refuses new work, waits for connections in use to
    /// come back, then closes every connection.
    pub(crate) async fn close(&self) {
        let inner = &self.inner;
        inner.closed.store(true, Ordering::Release);
        let all = inner.settings.max_connections.max(1);
        // Waiters queued earlier get their permit first and see the flag.
        let permits = inner.permits.acquire_many(all).await;
        inner.permits.close();
        let idle = std::mem::take(&mut *inner.idle.lock().expect("idle list"));
        for idle in idle {
            inner.size.fetch_sub(1, Ordering::Relaxed);
            let _ = tokio::time::timeout(CLOSE_TIMEOUT, idle.live.conn.close()).await;
        }
        drop(permits);
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.inner.closed.load(Ordering::Acquire)
    }
}

impl<C: Connection + 'static> Inner<C> {
    fn pop_idle(&self) -> Option<Idle<C>> {
        self.idle.lock().expect("idle list").pop()
    }

    /// Opens a connection, counted from the start so that statistics show
    /// it, and uncounted again if opening fails or is cancelled.
    async fn open(&self, within: Duration) -> Result<Live<C>, AcquireError> {
        let counted = Counted::new(&self.size);
        match tokio::time::timeout(within, self.options.connect()).await {
            Err(_) => Err(AcquireError::Timeout { connecting: true }),
            Ok(Err(e)) => Err(AcquireError::Connect(e)),
            Ok(Ok(conn)) => {
                counted.keep();
                Ok(Live {
                    conn,
                    opened: Instant::now(),
                    session: Session::default(),
                })
            }
        }
    }

    /// Whether a connection is past its maximum lifetime.
    fn aged(&self, live: &Live<C>) -> bool {
        self.settings
            .max_lifetime
            .is_some_and(|max| live.opened.elapsed() >= max)
    }

    /// Takes a connection back: idle, or closed when it must not be reused.
    fn put_back(&self, live: Live<C>, close: bool) {
        if close || self.closed.load(Ordering::Acquire) || self.aged(&live) {
            self.discard(live);
            return;
        }
        let since = Instant::now();
        self.idle
            .lock()
            .expect("idle list")
            .push(Idle { live, since });
    }

    /// Closes a connection in the background (a goodbye to the server, so
    /// its session ends now), or drops it where there is no runtime.
    fn discard(&self, live: Live<C>) {
        self.size.fetch_sub(1, Ordering::Relaxed);
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                let _ = tokio::time::timeout(CLOSE_TIMEOUT, live.conn.close()).await;
            });
        }
    }
}

/// The pool's housekeeping, while the pool lives: closes connections idle
/// longer than the idle timeout (above `min_connections`) or older than
/// the maximum lifetime, and opens connections up to `min_connections`.
async fn maintain<C: Connection + 'static>(pool: Weak<Inner<C>>) {
    let period = {
        let Some(inner) = pool.upgrade() else { return };
        let s = &inner.settings;
        [
            s.idle_timeout,
            s.max_lifetime,
            Some(Duration::from_secs(60)),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(Duration::from_secs(60))
        .div_f64(4.0)
        .max(Duration::from_millis(100))
    };
    loop {
        tokio::time::sleep(period).await;
        let Some(inner) = pool.upgrade() else { return };
        if inner.closed.load(Ordering::Acquire) {
            return;
        }
        inner.reap();
        inner.fill().await;
    }
}

impl<C: Connection + 'static> Inner<C> {
    fn reap(&self) {
        let min = self.settings.min_connections as usize;
        let mut expired = Vec::new();
        {
            let mut idle = self.idle.lock().expect("idle list");
            let open = self.size.load(Ordering::Relaxed) as usize;
            let mut above_min = open.saturating_sub(min);
            // Oldest-returned first: they are the ones no longer needed.
            let mut kept = Vec::with_capacity(idle.len());
            for entry in idle.drain(..) {
                let idle_too_long = self
                    .settings
                    .idle_timeout
                    .is_some_and(|t| entry.since.elapsed() >= t);
                if self.aged(&entry.live) || (idle_too_long && above_min > 0) {
                    above_min = above_min.saturating_sub(1);
                    expired.push(entry.live);
                } else {
                    kept.push(entry);
                }
            }
            *idle = kept;
        }
        for live in expired {
            self.discard(live);
        }
    }

    /// Opens connections up to `min_connections`, each under a permit so
    /// the maximum holds.
    async fn fill(&self) {
        while self.size.load(Ordering::Relaxed) < self.settings.min_connections {
            let Ok(permit) = self.permits.clone().try_acquire_owned() else {
                return;
            };
            match self.open(self.settings.acquire_timeout).await {
                Ok(live) => self.put_back(live, false),
                Err(_) => return, // the next use reports why
            }
            drop(permit);
        }
    }
}

impl<C: Connection + 'static> Lent<C> {
    fn new(live: Live<C>, pool: Arc<Inner<C>>, permit: OwnedSemaphorePermit) -> Self {
        Lent {
            live: Some(live),
            pool,
            close: false,
            _permit: Some(permit),
        }
    }

    /// Closes the connection when it drops instead of returning it.
    pub(crate) fn close_on_drop(&mut self) {
        self.close = true;
    }

    /// Returns the connection when it drops after all (the default).
    pub(crate) fn return_on_drop(&mut self) {
        self.close = false;
    }

    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    pub(crate) fn session_mut(&mut self) -> &mut Session {
        &mut self.live_mut().session
    }

    fn live(&self) -> &Live<C> {
        self.live
            .as_ref()
            .expect("lent connection present until drop")
    }

    fn live_mut(&mut self) -> &mut Live<C> {
        self.live
            .as_mut()
            .expect("lent connection present until drop")
    }
}

impl<C: Connection + 'static> Deref for Lent<C> {
    type Target = C;

    fn deref(&self) -> &C {
        &self.live().conn
    }
}

impl<C: Connection + 'static> DerefMut for Lent<C> {
    fn deref_mut(&mut self) -> &mut C {
        &mut self.live_mut().conn
    }
}

impl<C: Connection + 'static> Drop for Lent<C> {
    fn drop(&mut self) {
        if let Some(live) = self.live.take() {
            self.pool.put_back(live, self.close);
        }
    }
}

/// One more in a counter until dropped, unless kept.
struct Counted<'a>(Option<&'a AtomicU32>);

impl<'a> Counted<'a> {
    fn new(counter: &'a AtomicU32) -> Self {
        counter.fetch_add(1, Ordering::Relaxed);
        Counted(Some(counter))
    }

    /// Leaves the count raised.
    fn keep(mut self) {
        self.0 = None;
    }
}

impl Drop for Counted<'_> {
    fn drop(&mut self) {
        if let Some(counter) = self.0 {
            counter.fetch_sub(1, Ordering::Relaxed);
        }
    }
}
