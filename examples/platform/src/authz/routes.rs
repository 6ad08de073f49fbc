//! Roles, permissions, grants and checks:
//!
//! - `GET /roles`, `POST /roles`, `POST /permissions`,
//!   `POST /roles/{role}/permissions`
//! - `PUT /users/{user}/roles/{role}` grants, `DELETE` revokes,
//!   `GET /users/{user}/roles` lists
//! - `GET /check?user_id=..&permission=..` answers `{"allowed": bool}`

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use entkit::{Client, ConstraintKind, Error};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Authz, Permission, Principal, Role};
use crate::api::{Actor, ApiError, ApiResult, Body, parse_uuid};

/// The authz routes.
pub fn routes() -> Router<Authz> {
    Router::new()
        .route("/roles", get(roles).post(create_role))
        .route("/permissions", post(create_permission))
        .route("/roles/{role}/permissions", post(link_permission))
        .route("/users/{user}/roles", get(user_roles))
        .route("/users/{user}/roles/{role}", put(grant).delete(revoke))
        .route("/check", get(check))
}

/// A role and the names of its permissions.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct RoleView {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Its permissions' names, sorted (absent when it has none or they were
    /// not loaded).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<String>,
}

impl RoleView {
    fn of(role: &Role) -> RoleView {
        let mut permissions: Vec<String> = role
            .edges
            .permissions()
            .map(|ps| ps.iter().map(|p| p.name.clone()).collect())
            .unwrap_or_default();
        permissions.sort();
        RoleView {
            id: role.id,
            name: role.name.clone(),
            description: role.description.clone(),
            permissions,
        }
    }
}

/// The role named `name`, created with `description` when missing.
pub async fn role_named(client: &Client, name: &str, description: &str) -> entkit::Result<Role> {
    let found = Role::query()
        .filter(Role::NAME.eq(name))
        .first(client)
        .await?;
    match found {
        Some(role) => Ok(role),
        None => {
            Role::create()
                .name(name)
                .description(description)
                .save(client)
                .await
        }
    }
}

async fn find_role(client: &Client, name: &str) -> ApiResult<Role> {
    Role::query()
        .filter(Role::NAME.eq(name))
        .first(client)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no role {name:?}")))
}

async fn roles(State(s): State<Authz>) -> ApiResult<Json<Vec<RoleView>>> {
    let roles = Role::query()
        .with(Role::PERMISSIONS, |q| q)
        .order_by(Role::NAME.asc())
        .all(&s.client)
        .await?;
    Ok(Json(roles.iter().map(RoleView::of).collect()))
}

/// A new role.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRole {
    /// Lowercase letters, digits and `_`.
    pub name: String,
    /// What it is for.
    #[serde(default)]
    pub description: String,
}

async fn create_role(
    State(s): State<Authz>,
    Actor(actor): Actor,
    Body(input): Body<NewRole>,
) -> ApiResult<(StatusCode, Json<RoleView>)> {
    let role = Role::create()
        .name(input.name)
        .description(input.description)
        .save(&s.client(actor))
        .await?;
    s.changed();
    Ok((StatusCode::CREATED, Json(RoleView::of(&role))))
}

/// A new permission.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPermission {
    /// `module.resource.action`.
    pub name: String,
}

async fn create_permission(
    State(s): State<Authz>,
    Actor(actor): Actor,
    Body(input): Body<NewPermission>,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let permission = Permission::create()
        .name(input.name)
        .save(&s.client(actor))
        .await?;
    s.changed();
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "id": permission.id, "name": permission.name })),
    ))
}

async fn link_permission(
    State(s): State<Authz>,
    Actor(actor): Actor,
    Path(role): Path<String>,
    Body(input): Body<NewPermission>,
) -> ApiResult<Json<RoleView>> {
    let role = find_role(&s.client, &role).await?;
    let permission = Permission::query()
        .filter(Permission::NAME.eq(input.name.as_str()))
        .first(&s.client)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no permission {:?}", input.name)))?;
    role.add_permissions(&s.client(actor), [permission.id])
        .await?;
    s.changed();
    let role = Role::query()
        .filter(Role::ID.eq(role.id))
        .with(Role::PERMISSIONS, |q| q)
        .one(&s.client)
        .await?;
    Ok(Json(RoleView::of(&role)))
}

async fn user_roles(
    State(s): State<Authz>,
    Path(user): Path<String>,
) -> ApiResult<Json<Vec<RoleView>>> {
    let user = parse_uuid("user id", &user)?;
    let roles = Principal::ROLES
        .query_from(user)
        .order_by(Role::NAME.asc())
        .all(&s.client)
        .await?;
    Ok(Json(roles.iter().map(RoleView::of).collect()))
}

/// Grants `role` to `user`: the user becomes known to authz on its first
/// grant, then the `user_roles` edge gains the role (kept if it was there).
async fn grant(
    State(s): State<Authz>,
    Actor(actor): Actor,
    Path((user, role)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let user = parse_uuid("user id", &user)?;
    let role = find_role(&s.client, &role).await?;
    let client = s.client(actor);
    if Principal::find(&s.client, user).await?.is_none() {
        match Principal::create().id(user).save(&client).await {
            Ok(_) => {}
            // Granted concurrently by another request: the row is there.
            Err(Error::Constraint(c)) if c.kind == ConstraintKind::Unique => {}
            Err(e) => return Err(e.into()),
        }
    }
    Principal::ROLES.add(&client, user, [role.id]).await?;
    s.changed();
    Ok(StatusCode::NO_CONTENT)
}

async fn revoke(
    State(s): State<Authz>,
    Actor(actor): Actor,
    Path((user, role)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let user = parse_uuid("user id", &user)?;
    let role = find_role(&s.client, &role).await?;
    let removed = Principal::ROLES
        .remove(&s.client(actor), user, [role.id])
        .await?;
    if removed == 0 {
        return Err(ApiError::not_found(format!(
            "user {user} does not hold role {:?}",
            role.name
        )));
    }
    s.changed();
    Ok(StatusCode::NO_CONTENT)
}

/// A permission check.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// The user.
    pub user_id: Uuid,
    /// `module.resource.action`.
    pub permission: String,
}

async fn check(
    State(s): State<Authz>,
    query: Result<Query<Check>, QueryRejection>,
) -> ApiResult<Json<serde_json::Value>> {
    let Query(q) = query.map_err(|e| ApiError::bad_request(e.body_text()))?;
    let allowed = Permission::query()
        .filter(Permission::NAME.eq(q.permission.as_str()))
        .filter(Permission::ROLES.any(Role::PRINCIPALS.any(Principal::ID.eq(q.user_id))))
        .exists(&s.client)
        .await?;
    Ok(Json(serde_json::json!({
        "user_id": q.user_id,
        "permission": q.permission,
        "allowed": allowed,
    })))
}
