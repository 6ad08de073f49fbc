//! Delivers outbox rows to the audit service over HTTP, oldest first, and
//! marks them delivered once the audit service has stored them.
//!
//! Delivery is at least once: a row is marked only after the audit service
//! answered, and the audit service stores each event id once, so a retry
//! after a lost answer adds nothing. Failures are retried with a growing
//! pause; rows stay in the outbox until delivered, across restarts.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use entkit::{Client, TenantScopes};
use tokio::sync::{Notify, watch};
use tokio::time::Instant;

use super::entity::{AuditEvent, OutboxEvent};

/// Rows sent in one request.
const BATCH: u64 = 100;
/// Pause between polls when nothing nudged the relay.
const POLL: Duration = Duration::from_millis(500);
/// Longest pause after repeated failures.
const MAX_BACKOFF: Duration = Duration::from_secs(5);
/// How long a delivered row stays in the outbox (for inspection) before
/// it is removed.
const KEEP_DELIVERED: Duration = Duration::from_secs(7 * 24 * 3600);
/// How often delivered rows past [`KEEP_DELIVERED`] are removed.
const PURGE_EVERY: Duration = Duration::from_secs(600);
/// How long the list of tenant scopes is reused before the catalog is read
/// again (another instance may have provisioned a tenant).
const TENANT_LIST_TTL: Duration = Duration::from_secs(10);

/// What went wrong delivering a batch (logged and retried).
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// Reading or marking outbox rows failed.
    #[error("outbox: {0}")]
    Database(#[from] entkit::Error),
    /// The audit service could not be reached or refused the batch.
    #[error("audit service: {0}")]
    Http(#[from] reqwest::Error),
}

/// The relay of one service: its own scope, plus the scopes of its tenants
/// when it keeps a schema per tenant (each has an outbox of its own).
#[derive(Clone)]
pub struct Relay {
    service: &'static str,
    client: Client,
    tenants: Option<TenantScopes>,
    endpoint: String,
    http: reqwest::Client,
    nudge: Arc<Notify>,
    stale: Arc<AtomicBool>,
    tenant_list: Arc<Mutex<Option<TenantList>>>,
}

/// The tenant scopes as last read, and when.
type TenantList = (Instant, Vec<String>);

/// Lets request handlers wake the relay right after a change commits, so an
/// event reaches the audit service without waiting for the next poll.
#[derive(Clone, Default)]
pub struct RelayHandle {
    nudge: Arc<Notify>,
    stale: Arc<AtomicBool>,
}

impl RelayHandle {
    /// Wakes the relay (a no-op when it is already awake).
    pub fn nudge(&self) {
        self.nudge.notify_one();
    }

    /// Tells the relay a tenant scope was provisioned: it reads the list
    /// of tenant scopes again before its next delivery.
    pub fn tenants_changed(&self) {
        self.stale.store(true, Ordering::Release);
        self.nudge();
    }
}

impl Relay {
    /// A relay for `service`'s outbox in `client`'s scope, delivering to the
    /// audit service at `audit_url` (e.g. `http://127.0.0.1:7103`).
    pub fn new(service: &'static str, client: Client, audit_url: &str) -> Relay {
        Relay {
            service,
            client,
            tenants: None,
            endpoint: format!("{}/events", audit_url.trim_end_matches('/')),
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(5))
                .build()
                .expect("a plain HTTP client builds"),
            nudge: Arc::new(Notify::new()),
            stale: Arc::new(AtomicBool::new(true)),
            tenant_list: Arc::new(Mutex::new(None)),
        }
    }

    /// Also delivers the outboxes of the tenant scopes `tenants` lists.
    pub fn with_tenants(mut self, tenants: TenantScopes) -> Relay {
        self.tenants = Some(tenants);
        self
    }

    /// A handle that wakes this relay.
    pub fn handle(&self) -> RelayHandle {
        RelayHandle {
            nudge: self.nudge.clone(),
            stale: self.stale.clone(),
        }
    }

    /// The clients whose outboxes this relay empties.
    async fn outboxes(&self) -> Result<Vec<Client>, DeliveryError> {
        let mut clients = vec![self.client.clone()];
        if let Some(tenants) = &self.tenants {
            for scope in self.tenant_scopes(tenants).await? {
                clients.push(self.client.scope(&scope)?);
            }
        }
        Ok(clients)
    }

    /// The tenant scopes, read from the catalog when the cached list is
    /// stale: reading it on every poll would cost a catalog query twice a
    /// second per instance.
    async fn tenant_scopes(&self, tenants: &TenantScopes) -> Result<Vec<String>, DeliveryError> {
        let stale = self.stale.swap(false, Ordering::AcqRel);
        if !stale {
            let cached = self.tenant_list.lock().expect("not poisoned");
            if let Some((read_at, scopes)) = cached.as_ref()
                && read_at.elapsed() < TENANT_LIST_TTL
            {
                return Ok(scopes.clone());
            }
        }
        let scopes = match tenants.list().await {
            Ok(scopes) => scopes,
            Err(e) => {
                self.stale.store(true, Ordering::Release);
                return Err(e.into());
            }
        };
        *self.tenant_list.lock().expect("not poisoned") = Some((Instant::now(), scopes.clone()));
        Ok(scopes)
    }

    /// Delivers one batch from `outbox`; returns how many rows it delivered.
    async fn deliver_batch(&self, outbox: &Client) -> Result<usize, DeliveryError> {
        let pending = OutboxEvent::query()
            .filter(OutboxEvent::DELIVERED_AT.is_null())
            .order_by(OutboxEvent::CREATED_AT.asc())
            .order_by(OutboxEvent::ID.asc())
            .limit(BATCH)
            .all(outbox)
            .await?;
        if pending.is_empty() {
            return Ok(0);
        }
        let events: Vec<AuditEvent> = pending
            .iter()
            .map(|row| AuditEvent::from_outbox(self.service, row))
            .collect();
        self.http
            .post(&self.endpoint)
            .json(&events)
            .send()
            .await?
            .error_for_status()?;
        let ids: Vec<uuid::Uuid> = pending.iter().map(|row| row.id).collect();
        OutboxEvent::update_many()
            .filter(OutboxEvent::ID.is_in(ids))
            .set_delivered_at(Some(chrono::Utc::now()))
            .exec(outbox)
            .await?;
        Ok(pending.len())
    }

    /// Removes rows delivered more than [`KEEP_DELIVERED`] ago, so the
    /// outbox does not grow without bound; returns how many.
    pub async fn purge_delivered(&self) -> Result<u64, DeliveryError> {
        let before =
            chrono::Utc::now() - chrono::Duration::from_std(KEEP_DELIVERED).expect("a week fits");
        let mut removed = 0;
        for outbox in self.outboxes().await? {
            removed += OutboxEvent::delete_many()
                .filter(OutboxEvent::DELIVERED_AT.lt(Some(before)))
                .exec(&outbox)
                .await?;
        }
        Ok(removed)
    }

    /// Delivers everything pending now, in batches; returns how many rows.
    pub async fn deliver_pending(&self) -> Result<usize, DeliveryError> {
        let mut total = 0;
        for outbox in self.outboxes().await? {
            loop {
                let sent = self.deliver_batch(&outbox).await?;
                total += sent;
                if sent < BATCH as usize {
                    break;
                }
            }
        }
        Ok(total)
    }

    /// Runs until `stop` turns true: delivers when nudged or every poll
    /// interval, backing off after failures. Then makes a last attempt to
    /// deliver what is pending, up to `flush_deadline`: what it cannot
    /// deliver stays in the outbox for the next start.
    pub async fn run(self, mut stop: watch::Receiver<bool>, flush_deadline: Duration) {
        let mut pause = POLL;
        let mut purged = Instant::now();
        loop {
            if purged.elapsed() >= PURGE_EVERY {
                purged = Instant::now();
                if let Err(e) = self.purge_delivered().await {
                    tracing::warn!(service = self.service, error = %e, "outbox purge failed");
                }
            }
            tokio::select! {
                _ = stop.wait_for(|stopped| *stopped) => break,
                _ = self.nudge.notified() => {}
                _ = tokio::time::sleep(pause) => {}
            }
            match self.deliver_pending().await {
                Ok(_) => pause = POLL,
                Err(e) => {
                    tracing::warn!(service = self.service, error = %e, "outbox delivery failed; retrying");
                    pause = (pause * 2).min(MAX_BACKOFF);
                }
            }
        }
        self.flush(flush_deadline).await;
    }

    /// Tries to deliver every pending row until `deadline` passes.
    pub async fn flush(&self, deadline: Duration) {
        let until = Instant::now() + deadline;
        loop {
            match tokio::time::timeout_at(until, self.deliver_pending()).await {
                Ok(Ok(_)) => {
                    tracing::info!(service = self.service, "outbox flushed");
                    return;
                }
                Ok(Err(e)) => {
                    tracing::warn!(service = self.service, error = %e, "outbox flush failed; retrying");
                }
                Err(_) => break,
            }
            if Instant::now() + Duration::from_millis(200) >= until {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        tracing::warn!(
            service = self.service,
            "outbox not empty at the shutdown deadline; the rest is delivered on the next start"
        );
    }
}
