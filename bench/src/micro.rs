//! Section A: every benchmark on every database, entkit against hand-written
//! sqlx, SeaORM and Diesel.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::cases::{self, ONE_BY_ONE_ROWS};
use crate::config::Config;
use crate::data;
use crate::harness::{self, BoxError, Contender, Plan, Tool};
use crate::results::{Case, DbRun, Measured, Throughput};
use crate::tools::{Db, Stack};

/// Result sizes of trivial_query, medium_join and insert_batch.
pub const SIZES: [usize; 5] = [1, 10, 100, 1_000, 10_000];

/// Concurrent tasks of pool_concurrency.
pub const CONCURRENCY: [usize; 4] = [1, 2, 4, 8];

/// Measures one case and prints a line per contender.
async fn run_case(
    db: Db,
    bench: &str,
    size: Option<usize>,
    contenders: Vec<Contender>,
    plan: &Plan,
) -> Result<Case, BoxError> {
    let name = match size {
        Some(n) => format!("{} {bench} {n}", db.key()),
        None => format!("{} {bench}", db.key()),
    };
    let stats = harness::measure(&name, &contenders, plan, true).await?;
    let measured: Vec<Measured> = contenders
        .iter()
        .zip(stats)
        .map(|(c, stats)| Measured {
            tool: c.tool,
            variant: c.variant.map(str::to_owned),
            stats,
        })
        .collect();
    for m in &measured {
        eprintln!(
            "  {name:<28} {:<8} {:<11} median {:>11.1} µs  p90 {:>11.1} µs  n={}",
            m.tool.label(),
            m.variant.as_deref().unwrap_or(""),
            m.stats.median_us,
            m.stats.p90_us,
            m.stats.samples
        );
    }
    Ok(Case {
        bench: bench.to_owned(),
        size,
        measured,
        entkit_statements: None,
    })
}

/// Statements entkit ran for one run of its contender (the first).
async fn entkit_statements(stack: &Stack, contenders: &[Contender]) -> Result<u64, BoxError> {
    let before = stack.entkit.statement_count();
    contenders[0].op.timed(0).await?;
    Ok(stack.entkit.statement_count() - before)
}

/// pool_concurrency: select_by_pk from 1, 2, 4, 8 tasks; the tools take
/// turns within each round and the median round counts.
async fn pool_concurrency(
    stack: &Stack,
    ids: Arc<[i64]>,
    config: &Config,
) -> Result<Vec<Throughput>, BoxError> {
    let contenders = cases::pooled_select_by_pk(stack, ids)?;
    // Open the pools' connections before measuring.
    for c in &contenders {
        harness::throughput(
            &c.op,
            *CONCURRENCY.last().unwrap(),
            Duration::from_millis(200),
        )
        .await?;
    }
    let mut out = Vec::new();
    for concurrency in CONCURRENCY {
        let mut rounds: Vec<Vec<f64>> = vec![Vec::new(); contenders.len()];
        for round in 0..config.throughput_rounds {
            let order: Vec<usize> = if round % 2 == 0 {
                (0..contenders.len()).collect()
            } else {
                (0..contenders.len()).rev().collect()
            };
            for i in order {
                let ops =
                    harness::throughput(&contenders[i].op, concurrency, config.throughput_window)
                        .await?;
                rounds[i].push(ops);
            }
        }
        for (c, r) in contenders.iter().zip(rounds) {
            let mut sorted = r.clone();
            sorted.sort_by(f64::total_cmp);
            let median = sorted[sorted.len() / 2];
            eprintln!(
                "  {:<28} {:<8} {concurrency} tasks: {median:>9.0} ops/s",
                format!("{} pool_concurrency", stack.db.key()),
                c.tool.label()
            );
            out.push(Throughput {
                concurrency,
                tool: c.tool,
                ops_per_sec: median,
                rounds: r,
            });
        }
    }
    Ok(out)
}

/// Runs every benchmark on one database.
pub async fn run_db(db: Db, config: &Config) -> Result<DbRun, BoxError> {
    let started = Instant::now();
    eprintln!("== {} ==", db.label());
    let stack = Stack::connect(db).await?;
    let plan = config.plan;
    let mut cases = Vec::new();
    let mut throughput = Vec::new();

    for size in SIZES {
        data::reset(&stack).await?;
        let ids: Arc<[i64]> = data::seed_users_with_posts(&stack, size).await?.into();
        cases.push(
            run_case(
                db,
                "trivial_query",
                Some(size),
                cases::trivial_query(&stack),
                &plan,
            )
            .await?,
        );
        cases.push(
            run_case(
                db,
                "medium_join",
                Some(size),
                cases::medium_join(&stack),
                &plan,
            )
            .await?,
        );
        if size == *SIZES.last().unwrap() {
            cases.push(
                run_case(
                    db,
                    "select_by_pk",
                    None,
                    cases::select_by_pk(&stack, ids.clone()),
                    &plan,
                )
                .await?,
            );
            throughput = pool_concurrency(&stack, ids, config).await?;
        }
    }

    for size in SIZES {
        data::reset(&stack).await?;
        let mut plan = plan;
        if size == ONE_BY_ONE_ROWS {
            // The one-by-one variant takes ~1,000 round trips per run.
            plan.min_iters = plan.min_iters.min(10);
        }
        cases.push(
            run_case(
                db,
                "insert_batch",
                Some(size),
                cases::insert_batch(&stack, size),
                &plan,
            )
            .await?,
        );
    }

    data::reset(&stack).await?;
    data::seed_associations(&stack).await?;
    let contenders = cases::load_associations(&stack);
    let statements = entkit_statements(&stack, &contenders).await?;
    let mut case = run_case(db, "load_associations", None, contenders, &plan).await?;
    case.entkit_statements = Some(statements);
    cases.push(case);
    let contenders = cases::load_m2m(&stack);
    let statements = entkit_statements(&stack, &contenders).await?;
    let mut case = run_case(db, "load_m2m", None, contenders, &plan).await?;
    case.entkit_statements = Some(statements);
    cases.push(case);

    data::reset(&stack).await?;
    Ok(DbRun {
        db: db.key().to_owned(),
        label: db.label().to_owned(),
        cases,
        throughput,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Whether a tool appears in a database's results (for the report).
pub fn tools_for(db: Db) -> Vec<Tool> {
    let mut tools = vec![Tool::Entkit, Tool::Sqlx, Tool::SeaOrm];
    if db.has_diesel() {
        tools.push(Tool::Diesel);
    }
    tools
}
