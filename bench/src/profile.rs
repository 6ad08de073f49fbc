//! `profile <db> <bench> [size] [tool]`: seeds the data of one benchmark and
//! runs one tool's operation in a loop for a few seconds, for `perf record`
//! or `valgrind --tool=callgrind`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::cases;
use crate::data;
use crate::harness::{BoxError, Tool, quantile};
use crate::tools::{Db, Stack};

fn parse_tool(name: &str) -> Option<Tool> {
    [Tool::Entkit, Tool::Sqlx, Tool::SeaOrm, Tool::Diesel]
        .into_iter()
        .find(|t| t.label().eq_ignore_ascii_case(name))
}

pub async fn run(args: &[String]) -> Result<(), BoxError> {
    let usage = "usage: profile <db> <bench> [size] [tool[:variant]] [seconds]";
    let db = args.first().and_then(|a| Db::from_key(a)).ok_or(usage)?;
    let bench = args.get(1).ok_or(usage)?.as_str();
    let size: usize = args.get(2).map_or(Ok(1_000), |s| s.parse())?;
    let (tool_name, variant) = match args.get(3) {
        Some(arg) => match arg.split_once(':') {
            Some((t, v)) => (t, Some(v)),
            None => (arg.as_str(), None),
        },
        None => ("entkit", None),
    };
    let tool = parse_tool(tool_name).ok_or(usage)?;
    let seconds: u64 = args.get(4).map_or(Ok(10), |s| s.parse())?;

    let stack = Stack::connect(db).await?;
    data::reset(&stack).await?;
    let contenders = match bench {
        "select_by_pk" | "trivial_query" | "medium_join" => {
            let ids: Arc<[i64]> = data::seed_users_with_posts(&stack, size).await?.into();
            match bench {
                "select_by_pk" => cases::select_by_pk(&stack, ids),
                "trivial_query" => cases::trivial_query(&stack),
                _ => cases::medium_join(&stack),
            }
        }
        "insert_batch" => cases::insert_batch(&stack, size),
        "load_associations" | "load_m2m" => {
            data::seed_associations(&stack).await?;
            if bench == "load_m2m" {
                cases::load_m2m(&stack)
            } else {
                cases::load_associations(&stack)
            }
        }
        _ => return Err(usage.into()),
    };
    let contender = contenders
        .into_iter()
        .find(|c| c.tool == tool && (variant.is_none() || c.variant == variant))
        .ok_or("that tool has no contender here")?;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut times = Vec::new();
    while Instant::now() < deadline {
        times.push(contender.op.timed(times.len() as u64).await?.0);
    }
    times.sort();
    let q = |p: f64| crate::cells::time(quantile(&times, p).as_secs_f64() * 1e6);
    eprintln!(
        "{} {bench} {size}: {} runs in {seconds} s; p10 {}, p25 {}, p50 {}, p75 {}, p90 {}",
        tool.label(),
        times.len(),
        q(0.1),
        q(0.25),
        q(0.5),
        q(0.75),
        q(0.9)
    );
    data::reset(&stack).await
}
