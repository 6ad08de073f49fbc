//! Users: `POST /users`, `GET /users/{id}`, `POST /users/{id}/verify`,
//! `POST /sessions`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use entkit::Client;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Identity, User, password};
use crate::api::{Actor, ApiError, ApiResult, Body, parse_uuid};

/// A registration.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// The address to register.
    pub email: String,
    /// At least 8 characters.
    pub password: String,
}

/// A user as the API shows it: never the password hash.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
pub struct UserView {
    /// The user id other services refer to.
    pub id: Uuid,
    /// The address.
    pub email: String,
    /// Whether it was confirmed.
    pub verified: bool,
    /// When the user registered.
    pub created_at: DateTime<Utc>,
    /// When the user last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<User> for UserView {
    fn from(u: User) -> UserView {
        UserView {
            id: u.id,
            email: u.email,
            verified: u.verified,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

/// The identity routes over users.
pub fn routes() -> Router<Identity> {
    Router::new()
        .route("/users", post(register))
        .route("/users/{id}", get(show))
        .route("/users/{id}/verify", post(verify))
        .route("/sessions", post(sign_in))
}

/// Creates a user in `client`'s scope (shared with the schema-per-tenant
/// flow).
pub async fn create_user(client: &Client, input: Register) -> ApiResult<UserView> {
    if input.password.chars().count() < 8 {
        return Err(ApiError::bad_request(
            "password must be at least 8 characters",
        ));
    }
    // Hashing is deliberately slow: off the async workers.
    let hash = spawn_blocking(move || password::hash(&input.password)).await?;
    let user = User::create()
        .email(input.email.trim().to_ascii_lowercase())
        .password_hash(hash)
        .save(client)
        .await?;
    Ok(user.into())
}

/// Runs CPU-heavy `work` on tokio's blocking pool.
async fn spawn_blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::unavailable(format!("password hashing did not finish: {e}")))
}

/// Reads a user of `client`'s scope.
pub async fn find_user(client: &Client, id: &str) -> ApiResult<UserView> {
    let id = parse_uuid("user id", id)?;
    User::find(client, id)
        .await?
        .map(UserView::from)
        .ok_or_else(|| ApiError::not_found(format!("no user {id}")))
}

async fn register(
    State(s): State<Identity>,
    Actor(actor): Actor,
    Body(input): Body<Register>,
) -> ApiResult<(StatusCode, Json<UserView>)> {
    let user = create_user(&s.client(actor), input).await?;
    s.changed();
    Ok((StatusCode::CREATED, Json(user)))
}

async fn show(State(s): State<Identity>, Path(id): Path<String>) -> ApiResult<Json<UserView>> {
    Ok(Json(find_user(&s.client, &id).await?))
}

async fn verify(
    State(s): State<Identity>,
    Actor(actor): Actor,
    Path(id): Path<String>,
) -> ApiResult<Json<UserView>> {
    let id = parse_uuid("user id", &id)?;
    let user = User::update_by_id(id)
        .set_verified(true)
        .save(&s.client(actor))
        .await?;
    s.changed();
    Ok(Json(user.into()))
}

/// A sign-in attempt.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// The registered address.
    pub email: String,
    /// The password.
    pub password: String,
}

async fn sign_in(
    State(s): State<Identity>,
    Body(input): Body<SignIn>,
) -> ApiResult<Json<serde_json::Value>> {
    let user = User::query()
        .filter(User::EMAIL.eq(input.email.trim().to_ascii_lowercase()))
        .first(&s.client)
        .await?;
    let matches = match &user {
        Some(user) => {
            let stored = user.password_hash.clone();
            spawn_blocking(move || password::verify(&input.password, &stored)).await?
        }
        None => false,
    };
    match user {
        Some(user) if matches => Ok(Json(serde_json::json!({ "user_id": user.id }))),
        // One answer for an unknown address and a wrong password.
        _ => Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            kind: "unauthorized",
            message: "unknown e-mail address or wrong password".into(),
        }),
    }
}
