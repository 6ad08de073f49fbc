//! entkit's benchmark suite. `bash bench/run.sh` runs every section and
//! regenerates `BENCHMARKS.md`; `cargo run --release -- <section>` runs one
//! (`micro`, `load`, `stream`, `compile`, `report`).

mod cases;
mod config;
mod data;
mod harness;
mod micro;
mod models;
mod results;
mod tools;

use harness::BoxError;

fn main() -> Result<(), BoxError> {
    let config = config::Config::from_env();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let mut runs = Vec::new();
        for db in &config.dbs {
            runs.push(micro::run_db(*db, &config).await?);
        }
        results::save(
            "micro",
            &results::Micro {
                runs,
                plan: config.describe(),
            },
        )
    })
}
