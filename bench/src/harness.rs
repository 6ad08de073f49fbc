//! The timing harness: warm-up, interleaved timed rounds, median and p90.
//!
//! Every contender of a case (entkit, sqlx, SeaORM, Diesel, and variants)
//! runs in the same rounds, alternating, so slow drift of the machine (other
//! processes, the database's background work) spreads over all of them
//! instead of favouring whoever ran first.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// Any error an operation reports.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What one run of an operation returns: a size (rows read or written) that
/// the harness compares across contenders, so they provably do the same work.
pub type OpResult = Result<usize, BoxError>;

/// A boxed operation future.
pub type OpFuture = Pin<Box<dyn Future<Output = OpResult> + Send>>;

/// One benchmarked operation; its argument is the iteration number.
#[derive(Clone)]
pub enum Op {
    /// An async operation (entkit, sqlx, SeaORM).
    Async(Arc<dyn Fn(u64) -> OpFuture + Send + Sync>),
    /// A blocking one (Diesel).
    Blocking(Arc<dyn Fn(u64) -> OpResult + Send + Sync>),
}

impl Op {
    /// An async operation over `state`, cloned for each run.
    pub fn future<S, F, Fut>(state: S, f: F) -> Op
    where
        S: Clone + Send + Sync + 'static,
        F: Fn(S, u64) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = OpResult> + Send + 'static,
    {
        Op::Async(Arc::new(move |i| Box::pin(f(state.clone(), i))))
    }

    /// A blocking operation.
    pub fn blocking(f: impl Fn(u64) -> OpResult + Send + Sync + 'static) -> Op {
        Op::Blocking(Arc::new(f))
    }

    /// Runs once, timed.
    pub async fn timed(&self, i: u64) -> Result<(Duration, usize), BoxError> {
        let started = Instant::now();
        let size = match self {
            Op::Async(f) => f(i).await?,
            Op::Blocking(f) => f(i)?,
        };
        Ok((started.elapsed(), size))
    }
}

/// The tools compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Tool {
    Entkit,
    Sqlx,
    SeaOrm,
    Diesel,
}

impl Tool {
    pub fn label(self) -> &'static str {
        match self {
            Tool::Entkit => "entkit",
            Tool::Sqlx => "sqlx",
            Tool::SeaOrm => "SeaORM",
            Tool::Diesel => "Diesel",
        }
    }
}

/// One contender of a case: a tool, optionally a variant of how it is used.
pub struct Contender {
    pub tool: Tool,
    /// E.g. `unnest`, `values`, `one_by_one` for sqlx inserts.
    pub variant: Option<&'static str>,
    pub op: Op,
}

impl Contender {
    pub fn new(tool: Tool, op: Op) -> Self {
        Contender {
            tool,
            variant: None,
            op,
        }
    }

    pub fn variant(tool: Tool, variant: &'static str, op: Op) -> Self {
        Contender {
            tool,
            variant: Some(variant),
            op,
        }
    }
}

/// How long and how often to measure.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// Untimed runs per contender before measuring.
    pub warmup: usize,
    /// Timed runs per contender: as many as fit in `budget`, within these bounds.
    pub min_iters: usize,
    pub max_iters: usize,
    pub budget: Duration,
    /// Timed runs are split into this many interleaved rounds.
    pub rounds: usize,
}

/// Timing summary of one contender.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stats {
    pub median_us: f64,
    pub p90_us: f64,
    pub min_us: f64,
    pub samples: usize,
    /// The size every run returned (rows read or written).
    pub size: usize,
}

/// The `q`-quantile (0..=1) of sorted samples, nearest rank.
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((sorted.len() as f64) * q).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

/// Measures every contender of one case; returns their stats in order.
///
/// Fails if a contender errors or returns a different size than the first
/// one (unless `same_size` is false, for cases whose contenders differ on
/// purpose).
pub async fn measure(
    case: &str,
    contenders: &[Contender],
    plan: &Plan,
    same_size: bool,
) -> Result<Vec<Stats>, BoxError> {
    let mut counters = vec![0u64; contenders.len()];
    let mut sizes = vec![0usize; contenders.len()];
    let mut estimates = vec![Duration::ZERO; contenders.len()];
    let context = |c: &Contender, e: BoxError| -> BoxError {
        format!("{case}: {} {:?}: {e}", c.tool.label(), c.variant).into()
    };

    // Warm-up: fills statement caches and pools, and estimates the run time.
    for (i, c) in contenders.iter().enumerate() {
        let mut times = Vec::new();
        for _ in 0..plan.warmup.max(1) {
            counters[i] += 1;
            let (t, size) = c.op.timed(counters[i]).await.map_err(|e| context(c, e))?;
            times.push(t);
            sizes[i] = size;
        }
        times.sort();
        estimates[i] = quantile(&times, 0.5);
    }
    if same_size && let Some(bad) = sizes.iter().position(|s| *s != sizes[0]) {
        return Err(format!(
            "{case}: {} returned size {} but {} returned {}",
            contenders[bad].tool.label(),
            sizes[bad],
            contenders[0].tool.label(),
            sizes[0]
        )
        .into());
    }

    let rounds = plan.rounds.max(1);
    let per_round: Vec<usize> = estimates
        .iter()
        .map(|e| {
            let fit = (plan.budget.as_secs_f64() / e.as_secs_f64().max(1e-9)) as usize;
            fit.clamp(plan.min_iters, plan.max_iters).div_ceil(rounds)
        })
        .collect();
    let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); contenders.len()];
    for round in 0..rounds {
        // Alternate the order so no contender always runs right after another.
        let order: Vec<usize> = if round % 2 == 0 {
            (0..contenders.len()).collect()
        } else {
            (0..contenders.len()).rev().collect()
        };
        for i in order {
            let c = &contenders[i];
            for _ in 0..per_round[i] {
                counters[i] += 1;
                let (t, size) = c.op.timed(counters[i]).await.map_err(|e| context(c, e))?;
                if size != sizes[i] {
                    return Err(format!(
                        "{case}: {} returned size {size}, earlier {}",
                        c.tool.label(),
                        sizes[i]
                    )
                    .into());
                }
                samples[i].push(t);
            }
        }
    }

    Ok(samples
        .into_iter()
        .zip(sizes)
        .map(|(mut s, size)| {
            s.sort();
            Stats {
                median_us: micros(quantile(&s, 0.5)),
                p90_us: micros(quantile(&s, 0.9)),
                min_us: micros(s[0]),
                samples: s.len(),
                size,
            }
        })
        .collect())
}

/// Runs `op` from `concurrency` tasks (threads for blocking ops) for
/// `duration`; returns completed operations per second.
pub async fn throughput(op: &Op, concurrency: usize, duration: Duration) -> Result<f64, BoxError> {
    let started = Instant::now();
    let deadline = started + duration;
    let mut total = 0u64;
    match op {
        Op::Async(f) => {
            let mut tasks = Vec::with_capacity(concurrency);
            for t in 0..concurrency {
                let f = f.clone();
                tasks.push(tokio::spawn(async move {
                    let mut n = 0u64;
                    while Instant::now() < deadline {
                        f((t as u64) << 32 | n).await?;
                        n += 1;
                    }
                    Ok::<u64, BoxError>(n)
                }));
            }
            for task in tasks {
                total += task.await??;
            }
        }
        Op::Blocking(f) => {
            let f = f.clone();
            total = tokio::task::spawn_blocking(move || {
                std::thread::scope(|s| {
                    let handles: Vec<_> = (0..concurrency)
                        .map(|t| {
                            let f = &f;
                            s.spawn(move || {
                                let mut n = 0u64;
                                while Instant::now() < deadline {
                                    f((t as u64) << 32 | n)?;
                                    n += 1;
                                }
                                Ok::<u64, BoxError>(n)
                            })
                        })
                        .collect();
                    handles
                        .into_iter()
                        .map(|h| h.join().expect("benchmark thread panicked"))
                        .sum::<Result<u64, BoxError>>()
                })
            })
            .await??;
        }
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_use_nearest_rank() {
        let v: Vec<Duration> = (1..=10).map(Duration::from_millis).collect();
        assert_eq!(quantile(&v, 0.5), Duration::from_millis(5));
        assert_eq!(quantile(&v, 0.9), Duration::from_millis(9));
        assert_eq!(quantile(&v, 1.0), Duration::from_millis(10));
        assert_eq!(quantile(&v[..1], 0.5), Duration::from_millis(1));
    }
}
