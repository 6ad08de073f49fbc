//! Result files: each section writes JSON under `bench/target/bench-results`,
//! and the report is generated from those files only.

use std::path::PathBuf;

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::harness::{BoxError, Stats, Tool};

/// The repository root (the parent of `bench/`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench/ has a parent")
        .to_path_buf()
}

/// Where result files go.
pub fn results_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-results")
}

/// Writes `value` as `<name>.json`.
pub fn save<T: Serialize>(name: &str, value: &T) -> Result<(), BoxError> {
    let dir = results_dir();
    std::fs::create_dir_all(&dir)?;
    std::fs::write(
        dir.join(format!("{name}.json")),
        serde_json::to_vec_pretty(value)?,
    )?;
    Ok(())
}

/// Reads `<name>.json`, if a run wrote it.
pub fn load<T: DeserializeOwned>(name: &str) -> Option<T> {
    let text = std::fs::read(results_dir().join(format!("{name}.json"))).ok()?;
    serde_json::from_slice(&text).ok()
}

/// One contender's timing in a case.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Measured {
    pub tool: Tool,
    pub variant: Option<String>,
    pub stats: Stats,
}

/// One benchmark at one size on one database.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Case {
    pub bench: String,
    pub size: Option<usize>,
    pub measured: Vec<Measured>,
    /// Statements entkit ran for one operation, where that is asserted.
    pub entkit_statements: Option<u64>,
}

/// Pool throughput of one tool at one concurrency.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Throughput {
    pub concurrency: usize,
    pub tool: Tool,
    /// Median over the rounds.
    pub ops_per_sec: f64,
    pub rounds: Vec<f64>,
}

/// Everything measured on one database.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DbRun {
    pub db: String,
    pub label: String,
    pub cases: Vec<Case>,
    pub throughput: Vec<Throughput>,
    pub seconds: f64,
}

/// The micro-benchmark section.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Micro {
    pub runs: Vec<DbRun>,
    pub plan: String,
}

/// A tool's median (its first contender) in a case.
pub fn median_of(case: &Case, tool: Tool, variant: Option<&str>) -> Option<f64> {
    case.measured
        .iter()
        .find(|m| m.tool == tool && (variant.is_none() || m.variant.as_deref() == variant))
        .map(|m| m.stats.median_us)
}
