//! Run settings, with environment overrides for partial or quicker runs.
//!
//! - `BENCH_DBS`: comma list of `pg-tcp`, `pg-socket`, `sqlite`, `mysql`
//!   (default: all).
//! - `BENCH_BUDGET_MS`: timed milliseconds per contender and case (default
//!   800; the tenancy section takes 2.5 times as long).
//! - `BENCH_LOAD_SECONDS`: length of the load test (default 60).
//! - `BENCH_STREAM_ROWS`: rows streamed by the memory test (default 1,000,000).

use std::time::Duration;

use crate::harness::Plan;
use crate::tools::Db;

#[derive(Debug, Clone)]
pub struct Config {
    pub plan: Plan,
    /// The tenancy section's plan: its operations take tens of
    /// microseconds and its targets compare medians a few percent apart, so
    /// it interleaves much finer than section A (see `from_env`).
    pub tenancy_plan: Plan,
    pub throughput_rounds: usize,
    pub throughput_window: Duration,
    pub dbs: Vec<Db>,
    pub load_seconds: u64,
    pub stream_rows: usize,
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

impl Config {
    pub fn from_env() -> Config {
        let dbs = match std::env::var("BENCH_DBS") {
            Ok(list) => list
                .split(',')
                .filter_map(|k| Db::from_key(k.trim()))
                .collect(),
            Err(_) => Db::ALL.to_vec(),
        };
        let budget = Duration::from_millis(env_number("BENCH_BUDGET_MS", 800));
        Config {
            // Rounds of ~100 runs each, so that a burst of other work on the
            // shared machine (a few seconds of a compiler, say) falls on
            // every contender alike instead of on whichever held the turn.
            // More warm-up runs: the first open the pools' connections, and
            // the run-time estimate must not include them.
            tenancy_plan: Plan {
                warmup: 50,
                min_iters: 2_000,
                max_iters: 20_000,
                budget: budget * 5 / 2,
                rounds: 200,
            },
            plan: Plan {
                warmup: 3,
                // The slow cases (10,000-row reads and inserts, the loaders)
                // vary from run to run on a shared 2-core machine: sixty runs
                // per contender keep their medians steady.
                min_iters: 60,
                max_iters: 5_000,
                budget,
                rounds: 20,
            },
            throughput_rounds: 9,
            throughput_window: Duration::from_millis(150),
            dbs,
            load_seconds: env_number("BENCH_LOAD_SECONDS", 60),
            stream_rows: env_number("BENCH_STREAM_ROWS", 1_000_000) as usize,
        }
    }

    /// The tenancy plan, described for the report.
    pub fn describe_tenancy(&self) -> String {
        let p = &self.tenancy_plan;
        format!(
            "{} warm-up runs, then as many timed runs as fit in {} ms ({}–{}) per contender and \
             case, in {} interleaved rounds",
            p.warmup,
            p.budget.as_millis(),
            p.min_iters,
            p.max_iters,
            p.rounds
        )
    }

    /// A one-line description for the report.
    pub fn describe(&self) -> String {
        let p = &self.plan;
        format!(
            "{} warm-up runs, then as many timed runs as fit in {} ms ({}–{}) per contender and case, \
             in {} interleaved rounds; pool throughput: {} rounds of {} ms per tool and concurrency",
            p.warmup,
            p.budget.as_millis(),
            p.min_iters,
            p.max_iters,
            p.rounds,
            self.throughput_rounds,
            self.throughput_window.as_millis()
        )
    }
}
