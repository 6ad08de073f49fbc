//! A client's pool settings, read by the pool, its connections' session
//! parameters and the statement path.

use std::time::Duration;

/// Pool settings. See [`ClientBuilder`](crate::ClientBuilder) for what each means.
#[derive(Debug, Clone)]
pub(crate) struct PoolSettings {
    pub max_connections: u32,
    pub min_connections: u32,
    pub acquire_timeout: Duration,
    pub idle_timeout: Option<Duration>,
    pub max_lifetime: Option<Duration>,
    pub test_before_acquire: bool,
    pub sqlite_row_buffer: usize,
    pub statement_timeout: Option<Duration>,
    pub transaction_timeout: Option<Duration>,
    pub transaction_pooler: bool,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            max_connections: 10,
            min_connections: 0,
            acquire_timeout: Duration::from_secs(30),
            idle_timeout: Some(Duration::from_secs(600)),
            max_lifetime: Some(Duration::from_secs(1800)),
            test_before_acquire: false,
            sqlite_row_buffer: 1024,
            statement_timeout: None,
            transaction_timeout: None,
            transaction_pooler: false,
        }
    }
}
