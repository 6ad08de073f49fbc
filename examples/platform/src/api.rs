//! What every service's HTTP layer shares: typed errors with a JSON body,
//! a JSON extractor whose refusals use that body, and the acting user.

use axum::Json;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use entkit::{ConstraintKind, Error};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

/// An HTTP error: a status and a body `{"error": kind, "message": text}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The response status.
    pub status: StatusCode,
    /// A stable, machine-readable kind (`invalid_input`, `not_found`, ...).
    pub kind: &'static str,
    /// What went wrong, for people.
    pub message: String,
}

/// The JSON body of an [`ApiError`].
#[derive(Debug, Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    message: &'a str,
}

impl ApiError {
    /// 400: the request itself is malformed.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            kind: "invalid_input",
            message: message.into(),
        }
    }

    /// 404: what the request names does not exist (or is another tenant's).
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            kind: "not_found",
            message: message.into(),
        }
    }

    /// 503: the service cannot answer now (database down, shutting down).
    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            kind: "unavailable",
            message: message.into(),
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        let (status, kind) = match &e {
            Error::Validation { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input"),
            Error::Rejected { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "rejected"),
            Error::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            Error::Constraint(c) if c.kind == ConstraintKind::Unique => {
                (StatusCode::CONFLICT, "conflict")
            }
            Error::Constraint(c) if c.kind == ConstraintKind::ForeignKey => {
                (StatusCode::NOT_FOUND, "not_found")
            }
            Error::InvalidIdentifier { .. } => (StatusCode::BAD_REQUEST, "invalid_input"),
            Error::PoolTimeout
            | Error::PoolClosed
            | Error::Connect { .. }
            | Error::ConnectTimeout { .. } => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            _ => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        };
        if status == StatusCode::INTERNAL_SERVER_ERROR {
            tracing::error!(error = %e, "request failed");
        }
        ApiError {
            status,
            kind,
            message: e.to_string(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.kind,
            message: &self.message,
        };
        (self.status, Json(body)).into_response()
    }
}

/// A handler's result.
pub type ApiResult<T> = Result<T, ApiError>;

/// A JSON request body; a body that is not JSON or does not fit `T` is a
/// 400 [`ApiError`] saying why, never a partially applied request.
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(ApiError::bad_request(rejection.body_text())),
        }
    }
}

/// The user making the request, from the `x-actor-id` header (a UUID), for
/// the audit trail; `None` when the header is absent (system work).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor(pub Option<Uuid>);

/// The header naming the acting user.
pub const ACTOR_HEADER: &str = "x-actor-id";

impl<S: Send + Sync> FromRequestParts<S> for Actor {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(ACTOR_HEADER) else {
            return Ok(Actor(None));
        };
        value
            .to_str()
            .ok()
            .and_then(|text| Uuid::parse_str(text).ok())
            .map(|id| Actor(Some(id)))
            .ok_or_else(|| ApiError::bad_request(format!("{ACTOR_HEADER} must be a UUID")))
    }
}

/// Parses a path segment that must be a UUID.
pub fn parse_uuid(what: &str, text: &str) -> ApiResult<Uuid> {
    Uuid::parse_str(text).map_err(|_| ApiError::bad_request(format!("{what} must be a UUID")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entkit_errors_become_the_status_that_says_why() {
        let cases = [
            (
                Error::Validation {
                    entity: "User",
                    field: "email",
                    reason: "must be an e-mail address".into(),
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (Error::NotFound { entity: "User" }, StatusCode::NOT_FOUND),
            (Error::PoolClosed, StatusCode::SERVICE_UNAVAILABLE),
            (
                Error::Rejected {
                    reason: "reserved".into(),
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
        ];
        for (error, status) in cases {
            let text = error.to_string();
            let api = ApiError::from(error);
            assert_eq!(api.status, status, "{text}");
            assert_eq!(api.message, text);
        }
    }
}
