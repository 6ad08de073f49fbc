//! `POST /events` (from the outbox relays) and `GET /entries` (the trail,
//! newest first; `?target_id=`, `?action=`, `?limit=` up to 1000).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use entkit::{Client, OnConflict};
use serde::Deserialize;
use serde_json::{Value, json};

use super::AuditLog;
use crate::api::{ApiError, ApiResult, Body};
use crate::outbox::AuditEvent;

/// Most entries one page returns.
const MAX_LIMIT: u64 = 1000;

/// The audit routes.
pub fn routes() -> Router<Client> {
    Router::new()
        .route("/events", post(receive))
        .route("/entries", get(entries))
}

/// Stores a batch of events; an id already stored is kept as it is.
async fn receive(
    State(client): State<Client>,
    Body(events): Body<Vec<AuditEvent>>,
) -> ApiResult<Json<Value>> {
    if events.len() > MAX_LIMIT as usize {
        return Err(ApiError::bad_request(format!(
            "at most {MAX_LIMIT} events per request"
        )));
    }
    let received = events.len();
    let rows = events.into_iter().map(|e| {
        AuditLog::create()
            .id(e.id)
            .service(e.service)
            .actor_id(e.actor_id)
            .action(e.action)
            .target_id(e.target_id)
            .metadata(e.metadata)
            .timestamp(e.timestamp)
    });
    let stored =
        AuditLog::upsert_many(&client, rows, &OnConflict::on(AuditLog::ID).do_nothing()).await?;
    Ok(Json(
        json!({ "received": received, "stored": stored.len() }),
    ))
}

/// Filters of `GET /entries`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntriesQuery {
    /// Only changes of this row.
    pub target_id: Option<String>,
    /// Only this action (`identity.user.create`).
    pub action: Option<String>,
    /// At most this many (default 100).
    pub limit: Option<u64>,
}

async fn entries(
    State(client): State<Client>,
    query: Result<Query<EntriesQuery>, QueryRejection>,
) -> ApiResult<Json<Vec<AuditEvent>>> {
    let Query(q) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let limit = q.limit.unwrap_or(100);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad_request(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    let mut rows = AuditLog::query();
    if let Some(target) = q.target_id {
        rows = rows.filter(AuditLog::TARGET_ID.eq(target));
    }
    if let Some(action) = q.action {
        rows = rows.filter(AuditLog::ACTION.eq(action));
    }
    let rows = rows
        .order_by(AuditLog::TIMESTAMP.desc())
        .order_by(AuditLog::ID.desc())
        .limit(limit)
        .all(&client)
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| AuditEvent {
                id: r.id,
                service: r.service,
                actor_id: r.actor_id,
                action: r.action,
                target_id: r.target_id,
                metadata: r.metadata,
                timestamp: r.timestamp,
            })
            .collect(),
    ))
}
