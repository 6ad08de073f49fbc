//! Section B, load: a mix of 80% `select_by_pk` and 20% single-row inserts
//! against PostgreSQL (TCP) through an entkit pool of 16 connections, from
//! 100 concurrent tasks, for a fixed time.
//!
//! Pool acquisition is measured without `pool_stats()`: a probe task begins
//! an empty transaction (`client.begin()`, which takes a connection from the
//! pool, then sends `BEGIN`), rolls it back, and repeats every 5 ms while
//! the load runs. The same probe on the idle pool before the load gives the
//! cost of the `BEGIN` round trip itself; the difference is the wait for a
//! connection. Both are reported.
//!
//! For comparison, the same mix then runs for a third of the time through a
//! hand-written sqlx pool of the same size.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::data;
use crate::harness::{BoxError, Op, quantile};
use crate::models::entkit_model::User;
use crate::models::sqlx_model;
use crate::tools::{Db, Stack};

pub const POOL_SIZE: u32 = 16;
pub const TASKS: usize = 100;
/// Per mille of operations that are reads.
const READ_PER_MILLE: u64 = 800;
const SEED_USERS: usize = 10_000;
const PROBE_EVERY: Duration = Duration::from_millis(5);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoadResult {
    pub seconds: f64,
    pub tasks: usize,
    pub pool: u32,
    pub ops: u64,
    pub reads: u64,
    pub inserts: u64,
    pub ops_per_sec: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// `begin()` of an empty transaction under load, and on the idle pool.
    pub begin_p50_ms: f64,
    pub begin_p95_ms: f64,
    pub idle_begin_p50_ms: f64,
    pub idle_begin_p95_ms: f64,
    /// `begin_p95_ms - idle_begin_p50_ms`: the wait for a connection.
    pub acquire_p95_ms: f64,
    pub probes: usize,
    pub errors: u64,
    pub error_samples: Vec<String>,
    /// The same mix through a sqlx pool of the same size (shorter run).
    pub sqlx_seconds: f64,
    pub sqlx_ops_per_sec: f64,
    pub sqlx_p50_ms: f64,
    pub sqlx_p99_ms: f64,
    pub sqlx_errors: u64,
    pub load_average_after: String,
}

/// A small xorshift generator per task (no `rand` dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[derive(Default)]
struct Outcome {
    latencies: Vec<Duration>,
    reads: u64,
    inserts: u64,
    errors: u64,
    error_samples: Vec<String>,
}

impl Outcome {
    fn merge(&mut self, mut other: Outcome) {
        self.latencies.append(&mut other.latencies);
        self.reads += other.reads;
        self.inserts += other.inserts;
        self.errors += other.errors;
        self.error_samples.append(&mut other.error_samples);
    }
}

fn is_read(r: u64) -> bool {
    r % 1000 < READ_PER_MILLE
}

fn pick(ids: &[i64], r: u64) -> i64 {
    ids[(r >> 10) as usize % ids.len()]
}

/// The mix in entkit: `User::find`, or `User::create().save()` (which
/// returns the stored row).
fn entkit_mix(client: entkit::Client, ids: Arc<[i64]>) -> Op {
    Op::future((client, ids), |(client, ids), r| async move {
        if is_read(r) {
            User::find(&client, pick(&ids, r)).await?;
        } else {
            User::create()
                .name(format!("Load user {r}"))
                .hair_color("green")
                .save(&client)
                .await?;
        }
        Ok(1)
    })
}

/// The same mix in hand-written sqlx, for comparison on this machine.
fn sqlx_mix(pool: sqlx::PgPool, ids: Arc<[i64]>) -> Op {
    Op::future((pool, ids), |(pool, ids), r| async move {
        if is_read(r) {
            sqlx::query_as::<_, sqlx_model::User>(
                "SELECT id, name, hair_color FROM users WHERE id = $1",
            )
            .bind(pick(&ids, r))
            .fetch_optional(&pool)
            .await?;
        } else {
            sqlx::query_as::<_, sqlx_model::User>(
                "INSERT INTO users (name, hair_color) VALUES ($1, $2) \
                 RETURNING id, name, hair_color",
            )
            .bind(format!("Load user {r}"))
            .bind("green")
            .fetch_one(&pool)
            .await?;
        }
        Ok(1)
    })
}

/// One task: runs the mix until `deadline`, timing every operation.
async fn worker(op: Op, seed: u64, deadline: Instant) -> Outcome {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out = Outcome::default();
    while Instant::now() < deadline {
        let r = rng.next();
        if is_read(r) {
            out.reads += 1;
        } else {
            out.inserts += 1;
        }
        let result = op.timed(r).await;
        match result {
            Ok((t, _)) => out.latencies.push(t),
            Err(e) => {
                out.errors += 1;
                if out.error_samples.len() < 3 {
                    out.error_samples.push(e.to_string());
                }
            }
        }
    }
    out
}

/// Runs the mix from `TASKS` tasks for `seconds`.
async fn drive(op: &Op, seconds: f64) -> Result<(Outcome, f64), BoxError> {
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let workers: Vec<_> = (0..TASKS)
        .map(|t| tokio::spawn(worker(op.clone(), t as u64 + 1, deadline)))
        .collect();
    let mut all = Outcome::default();
    for w in workers {
        all.merge(w.await?);
    }
    Ok((all, started.elapsed().as_secs_f64()))
}

/// Times `begin()` of empty transactions every `PROBE_EVERY` until `deadline`.
async fn probe(client: entkit::Client, deadline: Instant) -> Result<Vec<Duration>, BoxError> {
    let mut times = Vec::new();
    while Instant::now() < deadline {
        let started = Instant::now();
        let tx = client.begin().await?;
        times.push(started.elapsed());
        tx.rollback().await?;
        tokio::time::sleep(PROBE_EVERY).await;
    }
    Ok(times)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

pub async fn run(seconds: u64) -> Result<LoadResult, BoxError> {
    eprintln!("== load: {TASKS} tasks, pool {POOL_SIZE}, {seconds} s, PostgreSQL TCP ==");
    let stack = Stack::connect(Db::PgTcp).await?;
    data::reset(&stack).await?;
    let ids: Arc<[i64]> = data::seed_users_with_posts(&stack, SEED_USERS)
        .await?
        .into();
    let url = format!("{}/{}", crate::tools::PG_TCP, crate::tools::BENCH_DB);
    let client = entkit::Client::builder(url.as_str())
        .max_connections(POOL_SIZE)
        .connect()
        .await?;

    // The BEGIN round trip on an idle pool (connections opened first).
    let mut warm = Vec::new();
    for _ in 0..POOL_SIZE {
        warm.push(client.begin().await?);
    }
    for tx in warm {
        tx.rollback().await?;
    }
    let mut idle = probe(client.clone(), Instant::now() + Duration::from_secs(1)).await?;
    idle.sort();

    let op = entkit_mix(client.clone(), ids.clone());
    let prober = tokio::spawn(probe(
        client.clone(),
        Instant::now() + Duration::from_secs(seconds),
    ));
    let (mut all, elapsed) = drive(&op, seconds as f64).await?;
    let mut begins = prober.await??;
    begins.sort();
    all.latencies.sort();
    all.error_samples.truncate(5);
    client.close().await;

    // The same mix through a sqlx pool of the same size, for comparison.
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(POOL_SIZE)
        .test_before_acquire(false)
        .connect(&url)
        .await?;
    let baseline_seconds = (seconds as f64 / 3.0).max(1.0);
    let (mut base, base_elapsed) = drive(&sqlx_mix(pool.clone(), ids), baseline_seconds).await?;
    base.latencies.sort();
    pool.close().await;

    let ops = all.latencies.len() as u64 + all.errors;
    let idle_p50 = ms(quantile(&idle, 0.5));
    let result = LoadResult {
        seconds: elapsed,
        tasks: TASKS,
        pool: POOL_SIZE,
        ops,
        reads: all.reads,
        inserts: all.inserts,
        ops_per_sec: all.latencies.len() as f64 / elapsed,
        p50_ms: ms(quantile(&all.latencies, 0.5)),
        p95_ms: ms(quantile(&all.latencies, 0.95)),
        p99_ms: ms(quantile(&all.latencies, 0.99)),
        max_ms: ms(quantile(&all.latencies, 1.0)),
        begin_p50_ms: ms(quantile(&begins, 0.5)),
        begin_p95_ms: ms(quantile(&begins, 0.95)),
        idle_begin_p50_ms: idle_p50,
        idle_begin_p95_ms: ms(quantile(&idle, 0.95)),
        acquire_p95_ms: (ms(quantile(&begins, 0.95)) - idle_p50).max(0.0),
        probes: begins.len(),
        errors: all.errors,
        error_samples: all.error_samples,
        sqlx_seconds: base_elapsed,
        sqlx_ops_per_sec: base.latencies.len() as f64 / base_elapsed,
        sqlx_p50_ms: ms(quantile(&base.latencies, 0.5)),
        sqlx_p99_ms: ms(quantile(&base.latencies, 0.99)),
        sqlx_errors: base.errors,
        load_average_after: crate::machine::load_average(),
    };
    eprintln!(
        "  entkit: {:.0} ops/s, p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, acquire p95 {:.2} ms, errors {}",
        result.ops_per_sec,
        result.p50_ms,
        result.p95_ms,
        result.p99_ms,
        result.acquire_p95_ms,
        result.errors
    );
    eprintln!(
        "  sqlx:   {:.0} ops/s, p50 {:.2} ms, p99 {:.2} ms, errors {}",
        result.sqlx_ops_per_sec, result.sqlx_p50_ms, result.sqlx_p99_ms, result.sqlx_errors
    );
    data::reset(&stack).await?;
    Ok(result)
}
