//! Read replicas: where a generated read outside a transaction may run
//! instead of the primary, and what is known of each replica's health.
//!
//! Routing (see `target::run_from_pool`): a statement goes to a replica
//! only when it is a generated read ([`Statement::read`]) sent from the
//! pool, by a client that was not asked to read the primary
//! (`Client::primary`). Everything else (writes, transactions, hand-written
//! SQL, migrations, the tenant foreign-key checks that precede a write)
//! runs on the primary. Replicas take reads in turn (round robin), skipping
//! those that are down or lag too far behind; with none fit, the read runs
//! on the primary.
//!
//! Health is kept without a round trip on the read path:
//! - a replica that cannot be connected to, or whose connection is lost,
//!   is marked down for [`DOWN_FOR`] and the read that found it so runs on
//!   the primary instead (a generated read may be sent again);
//! - a background task measures each replica's replay lag every second
//!   (by default, [`CHECK_INTERVAL`]; [`LAG_SQL`]), opens the pool of a replica that
//!   was unreachable at startup, and marks a replica up again as soon as a
//!   check succeeds. Its statements are housekeeping: they are neither
//!   counted nor observed with the client's statements.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, OnceLock, Weak};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::backend::{ConnectUrl, Pool, PoolSettings, PoolStats, RowSink, connection_lost, pool};
use crate::error::{Error, Result};
use crate::sql::Statement;
use crate::value::ScalarValue;

/// How often each replica's lag is measured (and a down one checked), by
/// default.
pub(crate) const CHECK_INTERVAL: Duration = Duration::from_secs(1);

/// How long a replica found down is left alone by reads. The background
/// check usually marks it up sooner, once it answers again.
pub(crate) const DOWN_FOR: Duration = Duration::from_secs(5);

/// How long one background check of one replica may take before the
/// replica counts as down (a server that accepts and never answers).
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// The replica's replay lag in microseconds: zero when it has replayed all
/// it received (or is not a standby at all), else the time since the last
/// transaction it replayed was committed on the primary. NULL (unknown)
/// while a standby has replayed no transaction since it started.
///
/// After a long idle period on the primary, the first check that catches
/// a new transaction received but not yet replayed overstates the lag (the
/// last replayed commit is old): the replica may then be skipped for one
/// interval, which errs on the safe side.
const LAG_SQL: &str = "SELECT CASE \
     WHEN NOT pg_is_in_recovery() THEN 0::bigint \
     WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0::bigint \
     ELSE (EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) * 1000000)::bigint \
     END";

/// What [`Client::replica_status`](crate::Client::replica_status) and the
/// health report say of one replica, in the order the replicas were given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplicaStatus {
    /// The replica's URL, password redacted.
    pub url: String,
    /// Whether reads go to it now.
    pub state: ReplicaState,
    /// Replay lag at the last check, in milliseconds; `None` when unknown
    /// (not reachable, or nothing replayed yet since it started).
    pub lag_ms: Option<u64>,
    /// Statements it answered: generated reads, and row streams it served.
    pub reads: u64,
    /// Reads routed to it that ran on the primary instead, because the
    /// replica could not be reached, lost the connection or cancelled the
    /// read for a conflict with recovery.
    pub fallbacks: u64,
    /// Its pool's usage; `None` while it has not been reached yet.
    pub pool: Option<PoolStats>,
}

/// Whether a replica takes reads, in a [`ReplicaStatus`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplicaState {
    /// Reachable and within the lag bound: takes its turn of reads.
    Up,
    /// Not reachable (or never reached): skipped until a check succeeds.
    Down,
    /// Reachable, but its lag is above
    /// [`max_replica_lag`](crate::ClientBuilder::max_replica_lag), or
    /// unknown while a bound is set: skipped until it catches up.
    Lagging,
}

/// A client's replicas, shared by every scope, tenant view and clone.
pub(crate) struct Replicas {
    members: Box<[Replica]>,
    /// The next replica in turn.
    next: AtomicUsize,
    max_lag: Option<Duration>,
    settings: PoolSettings,
    closed: AtomicBool,
}

/// One replica: its pool once reached, and what is known of its health.
pub(crate) struct Replica {
    url: ConnectUrl,
    pool: OnceLock<Pool>,
    /// When `down_until` counts from.
    epoch: Instant,
    /// Milliseconds since `epoch` until which reads leave it alone; 0: up.
    down_until: AtomicU64,
    /// Lag at the last check in µs; [`UNKNOWN`] when not known.
    lag_us: AtomicU64,
    reads: AtomicU64,
    fallbacks: AtomicU64,
}

const UNKNOWN: u64 = u64::MAX;

/// A replica chosen for a read, with its pool.
pub(crate) struct Chosen<'a> {
    pub replica: &'a Replica,
    pub pool: &'a Pool,
}

/// The replica a statement goes to, if it goes to one: a generated read,
/// by a client not bound to the primary (`primary_reads`), with a replica
/// of `replicas` fit to take it.
pub(crate) fn route<'a>(
    replicas: Option<&'a Replicas>,
    primary_reads: bool,
    stmt: &Statement,
) -> Option<Chosen<'a>> {
    if !stmt.read || primary_reads {
        return None;
    }
    replicas?.choose()
}

impl Replicas {
    /// The replicas `members` name, each with its pool when it was reached at
    /// startup (`None`: not reachable yet, opened later by the background
    /// check). Measures each reached replica's lag once before returning,
    /// so the first reads already know it, then starts the background
    /// check every `check_interval`.
    pub(crate) async fn start(
        members: Vec<(ConnectUrl, Option<Pool>)>,
        settings: PoolSettings,
        max_lag: Option<Duration>,
        check_interval: Duration,
    ) -> Arc<Replicas> {
        let epoch = Instant::now();
        let members = members
            .into_iter()
            .map(|(url, opened)| {
                let pool = OnceLock::new();
                let down_until = match opened {
                    Some(opened) => {
                        let _ = pool.set(opened);
                        0
                    }
                    // Down without a pool anyway; marked so that the check
                    // that first reaches it says so.
                    None => 1,
                };
                Replica {
                    url,
                    pool,
                    epoch,
                    down_until: AtomicU64::new(down_until),
                    lag_us: AtomicU64::new(UNKNOWN),
                    reads: AtomicU64::new(0),
                    fallbacks: AtomicU64::new(0),
                }
            })
            .collect();
        let replicas = Arc::new(Replicas {
            members,
            next: AtomicUsize::new(0),
            max_lag,
            settings,
            closed: AtomicBool::new(false),
        });
        let reached = replicas.members.iter().filter(|r| r.pool.get().is_some());
        futures_util::future::join_all(reached.map(|r| r.check(&replicas.settings, false))).await;
        tokio::spawn(monitor(Arc::downgrade(&replicas), check_interval));
        replicas
    }

    /// The next replica in turn that is up and within the lag bound.
    fn choose(&self) -> Option<Chosen<'_>> {
        let count = self.members.len();
        let first = self.next.fetch_add(1, Ordering::Relaxed);
        let now = Instant::now();
        (0..count)
            .map(|i| &self.members[(first + i) % count])
            .find(|replica| replica.state_at(now, self.max_lag) == ReplicaState::Up)
            .and_then(|replica| {
                Some(Chosen {
                    replica,
                    pool: replica.pool.get()?,
                })
            })
    }

    /// Each replica's status, in the order they were given.
    pub(crate) fn status(&self) -> Vec<ReplicaStatus> {
        let now = Instant::now();
        self.members
            .iter()
            .map(|replica| {
                let lag = replica.lag_us.load(Ordering::Relaxed);
                ReplicaStatus {
                    url: replica.url.redacted().to_owned(),
                    state: replica.state_at(now, self.max_lag),
                    lag_ms: (lag != UNKNOWN).then_some(lag / 1000),
                    reads: replica.reads.load(Ordering::Relaxed),
                    fallbacks: replica.fallbacks.load(Ordering::Relaxed),
                    pool: replica.pool.get().map(Pool::stats),
                }
            })
            .collect()
    }

    /// Stops the background check and closes every replica's pool.
    pub(crate) async fn close(&self) {
        self.closed.store(true, Ordering::Release);
        for replica in self.members.iter() {
            if let Some(pool) = replica.pool.get() {
                pool.close().await;
            }
        }
    }

    /// Checks every replica at once, so that one that does not answer
    /// delays none of the others; reports changes of state.
    async fn check_all(&self) {
        let checks = self
            .members
            .iter()
            .map(|replica| replica.check(&self.settings, true));
        futures_util::future::join_all(checks).await;
    }
}

/// The background check, every `interval`, for as long as the client
/// lives and is open.
async fn monitor(replicas: Weak<Replicas>, interval: Duration) {
    loop {
        tokio::time::sleep(interval).await;
        let Some(replicas) = replicas.upgrade() else {
            return;
        };
        if replicas.closed.load(Ordering::Acquire) {
            return;
        }
        replicas.check_all().await;
    }
}

impl Replica {
    /// Whether reads may go to the replica at `now`.
    fn state_at(&self, now: Instant, max_lag: Option<Duration>) -> ReplicaState {
        let down_until = self.down_until.load(Ordering::Relaxed);
        if self.pool.get().is_none() || down_until > self.millis(now) {
            return ReplicaState::Down;
        }
        let lag = self.lag_us.load(Ordering::Relaxed);
        match max_lag {
            Some(max) if lag == UNKNOWN || Duration::from_micros(lag) > max => {
                ReplicaState::Lagging
            }
            _ => ReplicaState::Up,
        }
    }

    fn millis(&self, at: Instant) -> u64 {
        u64::try_from(at.duration_since(self.epoch).as_millis()).unwrap_or(u64::MAX)
    }

    /// Counts a statement the replica answered.
    pub(crate) fn served(&self) {
        self.reads.fetch_add(1, Ordering::Relaxed);
    }

    /// Whether a read that failed on this replica with `err` (before any
    /// row reached the caller) runs on the primary instead; counts it.
    /// A replica that could not be reached, or lost the connection, is
    /// marked down first, and its idle connections, likely dead too, are
    /// closed.
    pub(crate) fn falls_back(&self, err: &Error) -> bool {
        let down = matches!(err, Error::Connect { .. } | Error::ConnectTimeout { .. })
            || connection_lost(err);
        if down {
            self.mark_down(err, true);
            if let Some(pool) = self.pool.get() {
                pool.discard_idle();
            }
        }
        let fallback = down || recovery_conflict(err);
        if fallback {
            self.fallbacks.fetch_add(1, Ordering::Relaxed);
            tracing::debug!(
                target: "entkit::sql",
                replica = self.url.redacted(),
                error = %err,
                "read failed on a replica; running it on the primary"
            );
        }
        fallback
    }

    /// Leaves the replica alone for [`DOWN_FOR`]; warns when it was up.
    fn mark_down(&self, why: &Error, log: bool) {
        let until = self.millis(Instant::now() + DOWN_FOR).max(1);
        let before = self.down_until.swap(until, Ordering::Relaxed);
        self.lag_us.store(UNKNOWN, Ordering::Relaxed);
        if log && before <= self.millis(Instant::now()) {
            tracing::warn!(
                target: "entkit",
                replica = self.url.redacted(),
                error = %why,
                "replica down; its reads go to the primary"
            );
        }
    }

    /// Marks the replica up with lag `lag_us`; says so when it was down.
    fn mark_up(&self, lag_us: u64, log: bool) {
        self.lag_us.store(lag_us, Ordering::Relaxed);
        let before = self.down_until.swap(0, Ordering::Relaxed);
        if log && before != 0 {
            tracing::info!(
                target: "entkit",
                replica = self.url.redacted(),
                "replica reachable again"
            );
        }
    }

    /// One background check: reaches the replica (opening its pool if it
    /// was never reached) and measures its lag, within [`CHECK_TIMEOUT`].
    async fn check(&self, settings: &PoolSettings, log: bool) {
        let outcome = match tokio::time::timeout(CHECK_TIMEOUT, self.measure(settings)).await {
            Ok(outcome) => outcome,
            Err(_) => Err(Error::ConnectTimeout {
                url: self.url.redacted().to_owned(),
                timeout: CHECK_TIMEOUT,
            }),
        };
        match outcome {
            Ok(lag) => self.mark_up(lag.unwrap_or(UNKNOWN), log),
            Err(e) => {
                if connection_lost(&e)
                    && let Some(pool) = self.pool.get()
                {
                    pool.discard_idle();
                }
                self.mark_down(&e, log);
            }
        }
    }

    /// The replica's lag in µs (`None`: unknown), by [`LAG_SQL`].
    async fn measure(&self, settings: &PoolSettings) -> Result<Option<u64>> {
        let pool = match self.pool.get() {
            Some(pool) => pool,
            None => {
                let opened = pool::connect(&self.url, settings).await?;
                // Only this check opens a pool after startup, one at a time.
                let _ = self.pool.set(opened);
                self.pool.get().expect("set just now")
            }
        };
        let mut conn = pool.acquire().await?;
        static SQL: LazyLock<Arc<str>> = LazyLock::new(|| Arc::from(LAG_SQL));
        let stmt = Statement {
            sql: SQL.clone(),
            binds: Vec::new(),
            entity: None,
            read: false,
        };
        let mut lag = None;
        let mut each = |row: crate::RowRef<'_>| {
            lag = <i64 as ScalarValue>::decode_optional(row, 0)?;
            Ok(())
        };
        conn.run(stmt, RowSink::first(&mut each)).await?;
        Ok(lag.map(|us| u64::try_from(us).unwrap_or(0)))
    }
}

/// A read the standby cancelled because replaying the primary's changes
/// needed what it read (SQLSTATE 40001, "conflict with recovery"): the
/// primary has no such conflict.
fn recovery_conflict(err: &Error) -> bool {
    match err {
        Error::Database(sqlx::Error::Database(db)) => {
            db.code().as_deref() == Some("40001") && db.message().contains("conflict with recovery")
        }
        _ => false,
    }
}
