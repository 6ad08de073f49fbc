//! Members of tenants on shared tables (row-level tenancy):
//! `POST /tenants/{tenant}/members`, `GET /tenants/{tenant}/members`,
//! `GET /tenants/{tenant}/members/{id}`.
//!
//! Each request works through a client bound to the tenant in the path, so
//! another tenant's member is not found (404), whatever its id; on
//! PostgreSQL row-level security holds the same wall in the database.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Identity, Member};
use crate::api::{Actor, ApiError, ApiResult, Body, parse_uuid};

/// A new member.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    /// The member's address, unique within the tenant.
    pub email: String,
    /// How the member is shown.
    pub display_name: String,
}

/// A member as the API shows it.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct MemberView {
    /// The member's id.
    pub id: Uuid,
    /// The tenant it belongs to.
    pub tenant_id: Uuid,
    /// The address.
    pub email: String,
    /// How it is shown.
    pub display_name: String,
}

impl From<Member> for MemberView {
    fn from(m: Member) -> MemberView {
        MemberView {
            id: m.id,
            tenant_id: m.tenant_id,
            email: m.email,
            display_name: m.display_name,
        }
    }
}

/// The row-level tenancy routes.
pub fn routes() -> Router<Identity> {
    Router::new()
        .route("/tenants/{tenant}/members", post(add).get(list))
        .route("/tenants/{tenant}/members/{id}", get(show))
}

async fn add(
    State(s): State<Identity>,
    Actor(actor): Actor,
    Path(tenant): Path<String>,
    Body(input): Body<NewMember>,
) -> ApiResult<(StatusCode, Json<MemberView>)> {
    let tenant = parse_uuid("tenant id", &tenant)?;
    let member = Member::create()
        .email(input.email.trim().to_ascii_lowercase())
        .display_name(input.display_name)
        .save(&s.client(actor).for_tenant(tenant))
        .await?;
    s.changed();
    Ok((StatusCode::CREATED, Json(member.into())))
}

async fn list(
    State(s): State<Identity>,
    Path(tenant): Path<String>,
) -> ApiResult<Json<Vec<MemberView>>> {
    let tenant = parse_uuid("tenant id", &tenant)?;
    let members = Member::query()
        .order_by(Member::EMAIL.asc())
        .all(&s.client.for_tenant(tenant))
        .await?;
    Ok(Json(members.into_iter().map(MemberView::from).collect()))
}

async fn show(
    State(s): State<Identity>,
    Path((tenant, id)): Path<(String, String)>,
) -> ApiResult<Json<MemberView>> {
    let tenant = parse_uuid("tenant id", &tenant)?;
    let id = parse_uuid("member id", &id)?;
    Member::find(&s.client.for_tenant(tenant), id)
        .await?
        .map(|m| Json(m.into()))
        .ok_or_else(|| ApiError::not_found(format!("no member {id} in tenant {tenant}")))
}
