//! entkit's benchmark suite. `bash bench/run.sh` runs every section and
//! regenerates `BENCHMARKS.md`. `cargo run --release -- <section>` runs one
//! section (its results replace that section's file) and regenerates the
//! report from all result files:
//!
//! - `micro`: section A, every benchmark on every database;
//! - `load`, `stream`: section B;
//! - `compile`: section C;
//! - `tenancy`: section D, the cost of row-level tenancy on PostgreSQL (run
//!   alone, it updates only its own part of an existing `BENCHMARKS.md`
//!   when the other sections' result files are missing);
//! - `report`: only regenerates `BENCHMARKS.md`;
//! - `compile-crates`: writes section C's crates under
//!   `bench/target/compile-cost` without building them, for profiling the
//!   compiler by hand (writes no results);
//! - `profile <db> <bench> [size] [tool[:variant]] [seconds]`: one operation
//!   in a loop, for a profiler (writes nothing).

mod cases;
mod cells;
mod compile;
mod config;
mod data;
mod harness;
mod load;
mod machine;
mod micro;
mod models;
mod profile;
mod report;
mod results;
mod stream;
mod targets;
mod tenancy;
mod tools;

use std::time::Instant;

use harness::BoxError;

const USAGE: &str =
    "usage: entkit-bench [all|micro|load|stream|compile|tenancy|report|compile-crates|profile ...]";

async fn micro_section(config: &config::Config) -> Result<(), BoxError> {
    let mut runs = Vec::new();
    for db in &config.dbs {
        runs.push(micro::run_db(*db, config).await?);
    }
    let plan = config.describe();
    results::save("micro", &results::Micro { runs, plan })
}

async fn run_section(name: &str, config: &config::Config) -> Result<(), BoxError> {
    match name {
        "micro" => micro_section(config).await,
        "load" => results::save("load", &load::run(config.load_seconds).await?),
        "stream" => results::save("stream", &stream::run(config.stream_rows).await?),
        "compile" => results::save("compile", &compile::run()?),
        "tenancy" => results::save("tenancy", &tenancy::run(config).await?),
        other => Err(format!("unknown section {other:?}; {USAGE}").into()),
    }
}

async fn run(args: &[String]) -> Result<(), BoxError> {
    let config = config::Config::from_env();
    let command = args.first().map_or("all", String::as_str);
    match command {
        "profile" => return profile::run(&args[1..]).await,
        "stream-child" => return stream::child(args.get(1).ok_or(USAGE)?).await,
        "report" => return report::write(),
        "compile-crates" => return compile::generate_only(),
        _ => {}
    }
    let sections: Vec<&str> = if command == "all" {
        vec!["micro", "load", "stream", "compile", "tenancy"]
    } else {
        vec![command]
    };
    let started = Instant::now();
    results::save("machine", &machine::gather().await?)?;
    let mut timings = report::Timings::default();
    for section in sections {
        let t = Instant::now();
        run_section(section, &config).await?;
        timings
            .sections
            .push((section.to_owned(), t.elapsed().as_secs_f64()));
    }
    timings.total_s = started.elapsed().as_secs_f64();
    if command == "all" {
        results::save("timings", &timings)?;
    }
    if command == "tenancy" {
        return report::write_tenancy();
    }
    report::write()
}

fn main() -> Result<(), BoxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run(&args))
}
