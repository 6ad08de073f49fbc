//! Opening a client's pool at startup, optionally waiting for a server that
//! is not up yet (a service and its database starting together).

use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

use crate::backend::{ConnectUrl, Pool, PoolSettings, pool};
use crate::error::{Error, Result};

/// The first wait between attempts; each later one doubles, up to
/// [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// Opens the pool `url` names. With `retry_for`, a server that cannot be
/// reached (refused, unknown host, no answer in time) is tried again after
/// a growing, jittered wait until `retry_for` has passed since the first
/// attempt; what cannot change by waiting (a malformed URL, a refused
/// password, an unknown database) fails at once, as does everything
/// without `retry_for`.
pub(super) async fn open(
    url: &ConnectUrl,
    settings: &PoolSettings,
    retry_for: Option<Duration>,
) -> Result<Pool> {
    let Some(retry_for) = retry_for else {
        return pool::connect(url, settings).await;
    };
    let deadline = Instant::now() + retry_for;
    let mut backoff = FIRST_BACKOFF;
    let mut attempt = 1u32;
    loop {
        let error = match pool::connect(url, settings).await {
            Ok(pool) => return Ok(pool),
            Err(e) if unreachable(&e) => e,
            Err(e) => return Err(e),
        };
        let wait = jittered(backoff);
        if Instant::now() + wait >= deadline {
            return Err(error);
        }
        tracing::warn!(
            target: "entkit",
            url = url.redacted(),
            attempt,
            retry_in_ms = wait.as_millis() as u64,
            %error,
            "database not reachable yet; retrying"
        );
        tokio::time::sleep(wait).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
        attempt += 1;
    }
}

/// Whether a connect error may go away by waiting: no server listening or
/// answering yet, or one still starting up (PostgreSQL's `57P03`).
pub(super) fn unreachable(err: &Error) -> bool {
    match err {
        Error::ConnectTimeout { .. } => true,
        Error::Connect { source, .. } => match source {
            sqlx::Error::Io(io) => {
                use std::io::ErrorKind::*;
                matches!(
                    io.kind(),
                    ConnectionRefused
                        | ConnectionReset
                        | ConnectionAborted
                        | NotConnected
                        | TimedOut
                        | HostUnreachable
                        | NetworkUnreachable
                        | AddrNotAvailable
                        | UnexpectedEof
                        | NotFound
                ) || io.to_string().contains("failed to lookup address")
            }
            sqlx::Error::Database(db) => db.code().as_deref() == Some("57P03"),
            _ => false,
        },
        _ => false,
    }
}

/// `wait` scaled by a random factor between 0.5 and 1.5, so that many
/// instances starting together do not retry in step.
fn jittered(wait: Duration) -> Duration {
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let factor = 0.5 + (random % 1000) as f64 / 1000.0;
    wait.mul_f64(factor)
}
