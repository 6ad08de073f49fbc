//! A health report for a service's readiness endpoint.

use serde::Serialize;

use super::{Client, PoolStats};
use crate::error::Result;
use crate::exec::ReplicaStatus;
use crate::migrate::{MigrationSummary, Migrator};

/// What [`Client::health`] found: serializes to JSON for a readiness
/// endpoint.
///
/// ```json
/// {"latency_us": 412, "pool": {"size": 2, "idle": 1, "in_use": 1, "max": 10},
///  "migrations": [{"scope": "identity", "applied_version": 3, "applied": 3,
///                  "pending": 0, "dirty": null}],
///  "replicas": [{"url": "postgres://app:***@db-replica-1/app", "state": "up",
///                "lag_ms": 0, "reads": 1520, "fallbacks": 0,
///                "pool": {"size": 3, "idle": 3, "in_use": 0, "max": 10}}]}
/// ```
///
/// A replica's `state` is `up`, `down` or `lagging` (see
/// [`ReplicaState`](crate::ReplicaState)); a service stays ready with every
/// replica down, since reads then run on the primary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthReport {
    /// Round trip of a trivial statement, pool acquisition included, in µs.
    pub latency_us: u64,
    /// Pool usage right after the ping.
    pub pool: PoolStats,
    /// Where each asked scope's migrations stand (empty without a migrator).
    pub migrations: Vec<MigrationSummary>,
    /// Each read replica's state, lag and usage (empty without replicas),
    /// as [`Client::replica_status`] reports it.
    pub replicas: Vec<ReplicaStatus>,
}

impl Client {
    /// Pings the primary and reads, for each of `scopes` (none: this
    /// client's own scope), where `migrations` stand; adds each replica's
    /// status as last checked in the background (no round trip to them). Safe to call from a
    /// readiness probe while a migrator runs: it takes no migration lock
    /// and runs no DDL (see [`Migrator::summary`]). A bad scope name fails
    /// with [`Error::InvalidIdentifier`](crate::Error::InvalidIdentifier).
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> entkit::Result<()> {
    /// let client = entkit::Client::connect("sqlite::memory:").await?;
    /// let report = client.health(None, &[]).await?;
    /// assert!(report.migrations.is_empty());
    /// assert!(report.replicas.is_empty());
    /// # Ok(()) }
    /// ```
    pub async fn health(
        &self,
        migrations: Option<&Migrator>,
        scopes: &[&str],
    ) -> Result<HealthReport> {
        let ping = self.ping().await?;
        let mut summaries = Vec::new();
        if let Some(migrator) = migrations {
            if scopes.is_empty() {
                summaries.push(migrator.summary(self).await?);
            }
            for scope in scopes {
                summaries.push(migrator.summary(&self.scope(scope)?).await?);
            }
        }
        Ok(HealthReport {
            latency_us: u64::try_from(ping.latency.as_micros()).unwrap_or(u64::MAX),
            pool: ping.pool,
            migrations: summaries,
            replicas: self.replica_status(),
        })
    }
}
