//! The health endpoints every service serves, from entkit's health report:
//!
//! - `GET /health/database`: a ping (latency, pool); 503 when the database
//!   does not answer.
//! - `GET /health/database/pool`: the pool's figures and statement counters,
//!   without touching the database.
//! - `GET /health/migrations`: the service's applied and pending
//!   migrations; 503 while any is pending or one failed halfway.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use entkit::Services;
use serde_json::{Value, json};

use crate::api::{ApiError, ApiResult};

/// What the handlers read.
#[derive(Clone)]
struct Health {
    services: Services,
    service: &'static str,
}

/// The health routes of `service`, one of `services`.
pub fn routes(services: Services, service: &'static str) -> Router {
    Router::new()
        .route("/health/database", get(database))
        .route("/health/database/pool", get(pool))
        .route("/health/migrations", get(migrations))
        .with_state(Health { services, service })
}

async fn database(State(h): State<Health>) -> ApiResult<Json<Value>> {
    let client = h.services.client(h.service)?;
    let report = client
        .health(None, &[])
        .await
        .map_err(|e| ApiError::unavailable(format!("database: {e}")))?;
    Ok(Json(json!({
        "service": h.service,
        "backend": format!("{:?}", client.backend()),
        "scope": client.scope_name(),
        "latency_us": report.latency_us,
        "pool": report.pool,
        "replicas": report.replicas,
    })))
}

async fn pool(State(h): State<Health>) -> ApiResult<Json<Value>> {
    let client = h.services.client(h.service)?;
    Ok(Json(json!({
        "service": h.service,
        "pool": client.pool_stats(),
        "statements": client.statement_counters(),
    })))
}

async fn migrations(State(h): State<Health>) -> ApiResult<(StatusCode, Json<Value>)> {
    let client = h.services.client(h.service)?;
    let migrator = h.services.migrator(h.service)?;
    let report = client
        .health(migrator, &[])
        .await
        .map_err(|e| ApiError::unavailable(format!("database: {e}")))?;
    let ready = report
        .migrations
        .iter()
        .all(|m| m.pending == 0 && m.dirty.is_none());
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    Ok((
        status,
        Json(json!({
            "service": h.service,
            "ready": ready,
            "migrations": report.migrations,
        })),
    ))
}
