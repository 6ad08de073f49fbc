//! What the benchmarks ran on: hardware, load, versions, date.

use serde::{Deserialize, Serialize};
use sqlx::Connection as _;

use crate::harness::BoxError;
use crate::results::repo_root;
use crate::tools::{ADMIN_DB, MYSQL, PG_TCP};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Machine {
    pub date: String,
    pub cpu: String,
    pub cores: usize,
    pub memory_gib: f64,
    pub kernel: String,
    pub rustc: String,
    /// `/proc/loadavg` when the run started.
    pub load_at_start: String,
    /// Crate versions from `bench/Cargo.lock`.
    pub crates: Vec<(String, String)>,
    /// Server versions, as the servers report them.
    pub servers: Vec<(String, String)>,
    pub git: String,
}

fn command(program: &str, args: &[&str]) -> String {
    std::process::Command::new(program)
        .args(args)
        .current_dir(repo_root())
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

/// The first `key : value` line of a `/proc` file whose key is `key`.
fn proc_field(path: &str, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines().find_map(|line| {
        let (k, v) = line.split_once(':')?;
        (k.trim() == key).then(|| v.trim().to_owned())
    })
}

/// The load average now (1, 5, 15 minutes).
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Versions of the compared crates, as locked.
fn crate_versions() -> Vec<(String, String)> {
    let lock = std::fs::read_to_string(repo_root().join("bench/Cargo.lock")).unwrap_or_default();
    let wanted = [
        "entkit",
        "sqlx",
        "sea-orm",
        "diesel",
        "libsqlite3-sys",
        "pq-sys",
        "tokio",
    ];
    let mut found = Vec::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_owned());
        } else if let (Some(v), Some(n)) = (line.strip_prefix("version = "), name.take())
            && wanted.contains(&n.as_str())
        {
            found.push((n, v.trim_matches('"').to_owned()));
        }
    }
    found.sort_by_key(|(n, _)| wanted.iter().position(|w| w == n));
    found
}

async fn server_versions() -> Result<Vec<(String, String)>, BoxError> {
    let mut pg = sqlx::PgConnection::connect(&format!("{PG_TCP}/{ADMIN_DB}")).await?;
    let (pg_version,): (String,) = sqlx::query_as("SHOW server_version")
        .fetch_one(&mut pg)
        .await?;
    let mut my = sqlx::MySqlConnection::connect(&format!("{MYSQL}/{ADMIN_DB}")).await?;
    let (my_version,): (String,) = sqlx::query_as("SELECT VERSION()")
        .fetch_one(&mut my)
        .await?;
    let mut lite = sqlx::SqliteConnection::connect("sqlite::memory:").await?;
    let (lite_version,): (String,) = sqlx::query_as("SELECT sqlite_version()")
        .fetch_one(&mut lite)
        .await?;
    Ok(vec![
        ("PostgreSQL".into(), pg_version),
        ("MariaDB".into(), my_version),
        ("SQLite (bundled)".into(), lite_version),
    ])
}

pub async fn gather() -> Result<Machine, BoxError> {
    let memory_kib: f64 = proc_field("/proc/meminfo", "MemTotal")
        .and_then(|v| v.trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    let dirty = !command("git", &["status", "--porcelain", "--", "runtime", "macros"]).is_empty();
    Ok(Machine {
        date: command("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        cpu: proc_field("/proc/cpuinfo", "model name").unwrap_or_default(),
        cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
        memory_gib: memory_kib / (1024.0 * 1024.0),
        kernel: command("uname", &["-r"]),
        rustc: command("rustc", &["-V"]),
        load_at_start: load_average(),
        crates: crate_versions(),
        servers: server_versions().await?,
        git: format!(
            "{}{}",
            command("git", &["rev-parse", "--short", "HEAD"]),
            if dirty {
                " (with uncommitted changes in runtime/ or macros/)"
            } else {
                ""
            }
        ),
    })
}
