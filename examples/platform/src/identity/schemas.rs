//! A schema per tenant: `PUT /tenant-schemas/{tenant}` creates and migrates
//! the tenant's own schema (idempotent), `GET /tenant-schemas` lists them,
//! and `POST /tenant-schemas/{tenant}/users`, `GET
//! /tenant-schemas/{tenant}/users/{id}` work inside one. A user of one
//! tenant's schema is not found through another's.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use entkit::{Client, Provision};
use serde_json::{Value, json};

use super::routes::{Register, UserView, create_user, find_user};
use super::{Identity, NAME};
use crate::api::{Actor, ApiError, ApiResult, Body};

/// The schema-per-tenant routes.
pub fn routes() -> Router<Identity> {
    Router::new()
        .route("/tenant-schemas", get(list))
        .route("/tenant-schemas/{tenant}", put(provision))
        .route("/tenant-schemas/{tenant}/users", post(register))
        .route("/tenant-schemas/{tenant}/users/{id}", get(show))
}

/// The client of `tenant`'s schema; 404 when it was never provisioned.
async fn tenant_client(s: &Identity, tenant: &str) -> ApiResult<Client> {
    let scope = s.tenants.scope_for(tenant)?;
    if !s.tenants.list().await?.contains(&scope) {
        return Err(ApiError::not_found(format!(
            "tenant {tenant} has no schema; PUT /tenant-schemas/{tenant} first"
        )));
    }
    Ok(s.tenants.client_for(tenant)?)
}

async fn provision(
    State(s): State<Identity>,
    Path(tenant): Path<String>,
) -> ApiResult<Json<Value>> {
    let migrator = s
        .services
        .migrator(NAME)?
        .ok_or_else(|| ApiError::unavailable("the service has no migrations"))?;
    let done = s
        .tenants
        .provision(&tenant, &Provision::migrations(migrator))
        .await?;
    s.relay.tenants_changed();
    Ok(Json(
        json!({ "scope": done.scope, "applied": done.applied }),
    ))
}

async fn list(State(s): State<Identity>) -> ApiResult<Json<Vec<String>>> {
    Ok(Json(s.tenants.list().await?))
}

async fn register(
    State(s): State<Identity>,
    Actor(actor): Actor,
    Path(tenant): Path<String>,
    Body(input): Body<Register>,
) -> ApiResult<(StatusCode, Json<UserView>)> {
    let client = Identity::audited(&tenant_client(&s, &tenant).await?, actor);
    let user = create_user(&client, input).await?;
    s.changed();
    Ok((StatusCode::CREATED, Json(user)))
}

async fn show(
    State(s): State<Identity>,
    Path((tenant, id)): Path<(String, String)>,
) -> ApiResult<Json<UserView>> {
    let client = tenant_client(&s, &tenant).await?;
    Ok(Json(find_user(&client, &id).await?))
}
