//! Free local TCP ports for private servers.

use std::collections::BTreeSet;
use std::net::{Ipv4Addr, TcpListener};
use std::sync::{Mutex, PoisonError};

use super::ServerError;

/// Ports this process handed out already: the kernel may offer a port
/// again once its probe socket is closed, and two clusters of this process
/// must never be given the same one.
static HANDED_OUT: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());

/// A port on 127.0.0.1 that is free now and was not handed out before by
/// this process. Another process may still take it before the server
/// binds it; the caller retries with a new port when the bind fails.
pub(super) fn free_port() -> Result<u16, ServerError> {
    let mut handed_out = HANDED_OUT.lock().unwrap_or_else(PoisonError::into_inner);
    for _ in 0..100 {
        let probe =
            TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|source| ServerError::Io {
                what: "binding a probe socket on",
                path: "127.0.0.1:0".into(),
                source,
            })?;
        let port = probe
            .local_addr()
            .map_err(|source| ServerError::Io {
                what: "reading the address of",
                path: "the probe socket".into(),
                source,
            })?
            .port();
        if handed_out.insert(port) {
            return Ok(port);
        }
    }
    Err(ServerError::Io {
        what: "finding a free port on",
        path: "127.0.0.1".into(),
        source: std::io::Error::other("the kernel kept offering ports already handed out"),
    })
}
