//! One-shot SQL through `psql`, the server's own client: the harness
//! prepares and observes its servers without the code under test.

use std::path::Path;
use std::process::Command;

use super::ServerError;
use super::os_user::{ServerUser, run};
use super::postgres::SUPERUSER;

/// How long `psql` may take to connect before it gives up.
const CONNECT_TIMEOUT_SECS: u32 = 5;

/// Runs `sql` as the superuser on `database` at `127.0.0.1:port` with the
/// `psql` of `bin`; returns its output unaligned, without headers, trimmed.
pub(super) fn query(
    bin: &Path,
    port: u16,
    database: &str,
    sql: &str,
) -> Result<String, ServerError> {
    let output = run(&mut command(bin, port, database, sql))?;
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn command(bin: &Path, port: u16, database: &str, sql: &str) -> Command {
    // The client needs no particular user or directory (trust on
    // loopback); the caller's `PG*` variables are dropped all the same.
    let mut psql = ServerUser::Current.command(&bin.join("psql"), &std::env::temp_dir());
    psql.args([
        "-X",
        "-A",
        "-t",
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-h",
        "127.0.0.1",
    ])
    .arg("-p")
    .arg(port.to_string())
    .args(["-U", SUPERUSER, "-d", database, "-c", sql])
    .env("PGCONNECT_TIMEOUT", CONNECT_TIMEOUT_SECS.to_string());
    psql
}
