//! Section B, memory: streams 1,000,000 rows through `Query::stream` in a
//! child process and reads the child's peak RSS (`VmHWM`), so the figure is
//! the streaming's own and not the parent's. For contrast, another child
//! loads the same rows with `Query::all`.

use std::time::Instant;

use futures_util::TryStreamExt as _;
use serde::{Deserialize, Serialize};

use crate::data;
use crate::harness::BoxError;
use crate::models::entkit_model::User;
use crate::tools::{BENCH_DB, Db, PG_TCP, Stack};

/// What a child reports.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChildReport {
    pub mode: String,
    pub rows: u64,
    pub seconds: f64,
    /// Peak RSS after connecting, before the query.
    pub baseline_hwm_mib: f64,
    /// Peak RSS at the end.
    pub peak_hwm_mib: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StreamResult {
    pub rows: usize,
    pub stream: ChildReport,
    pub all: ChildReport,
}

/// `VmHWM` of this process, in MiB.
fn vm_hwm_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

/// The child: `stream-child stream|all`; prints a `ChildReport` as JSON.
pub async fn child(mode: &str) -> Result<(), BoxError> {
    let client = entkit::Client::connect(&format!("{PG_TCP}/{BENCH_DB}")).await?;
    client.ping().await?;
    let baseline = vm_hwm_mib();
    let started = Instant::now();
    let rows = match mode {
        "stream" => {
            let mut rows = User::query().stream(&client);
            let mut n = 0u64;
            while let Some(user) = rows.try_next().await? {
                std::hint::black_box(&user);
                n += 1;
            }
            n
        }
        "all" => User::query().all(&client).await?.len() as u64,
        other => return Err(format!("unknown mode {other:?}").into()),
    };
    let report = ChildReport {
        mode: mode.to_owned(),
        rows,
        seconds: started.elapsed().as_secs_f64(),
        baseline_hwm_mib: baseline,
        peak_hwm_mib: vm_hwm_mib(),
    };
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

fn run_child(mode: &str) -> Result<ChildReport, BoxError> {
    let exe = std::env::current_exe()?;
    let out = std::process::Command::new(exe)
        .args(["stream-child", mode])
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "stream child {mode} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

pub async fn run(rows: usize) -> Result<StreamResult, BoxError> {
    eprintln!("== memory: streaming {rows} rows (PostgreSQL TCP) ==");
    let stack = Stack::connect(Db::PgTcp).await?;
    data::reset(&stack).await?;
    data::seed_many_users(&stack.entkit, rows).await?;
    let stream = run_child("stream")?;
    eprintln!(
        "  stream: {} rows in {:.1} s, peak RSS {:.1} MiB (baseline {:.1} MiB)",
        stream.rows, stream.seconds, stream.peak_hwm_mib, stream.baseline_hwm_mib
    );
    let all = run_child("all")?;
    eprintln!(
        "  all:    {} rows in {:.1} s, peak RSS {:.1} MiB",
        all.rows, all.seconds, all.peak_hwm_mib
    );
    data::reset(&stack).await?;
    Ok(StreamResult { rows, stream, all })
}
