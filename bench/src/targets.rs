//! The targets of issue #6 (and of issue #12, tenancy), checked against
//! measured results.

use crate::compile::{CompileResult, Variant, median};
use crate::harness::Tool;
use crate::load::LoadResult;
use crate::results::{Case, DbRun, median_of};
use crate::stream::StreamResult;
use crate::tenancy::TenancyResult;

/// One checked target.
pub struct Check {
    pub target: String,
    pub scope: String,
    pub measured: String,
    pub met: bool,
}

/// entkit's median in a case.
pub fn entkit_median(case: &Case) -> Option<f64> {
    case.measured
        .iter()
        .find(|m| m.tool == Tool::Entkit && m.variant.is_none())
        .map(|m| m.stats.median_us)
}

/// The best (lowest) sqlx median in a case, excluding one-row-at-a-time,
/// with the variant that achieved it.
pub fn best_sqlx(case: &Case) -> Option<(f64, Option<&str>)> {
    case.measured
        .iter()
        .filter(|m| m.tool == Tool::Sqlx && m.variant.as_deref() != Some("one_by_one"))
        .map(|m| (m.stats.median_us, m.variant.as_deref()))
        .min_by(|a, b| a.0.total_cmp(&b.0))
}

/// entkit / best sqlx for a case.
pub fn ratio(case: &Case) -> Option<f64> {
    Some(entkit_median(case)? / best_sqlx(case)?.0)
}

fn find<'a>(run: &'a DbRun, bench: &str, size: Option<usize>) -> Option<&'a Case> {
    run.cases
        .iter()
        .find(|c| c.bench == bench && c.size == size)
}

fn ratio_check(run: &DbRun, bench: &str, size: Option<usize>, limit: f64, out: &mut Vec<Check>) {
    let Some(case) = find(run, bench, size) else {
        return;
    };
    let Some(r) = ratio(case) else { return };
    let what = match size {
        Some(n) => format!("{bench} {n}"),
        None => bench.to_owned(),
    };
    out.push(Check {
        target: format!("{what}: entkit/sqlx ≤ {limit:.2}"),
        scope: run.label.clone(),
        measured: format!("{r:.2}"),
        met: r <= limit,
    });
}

/// Section A targets on one database.
pub fn micro_checks(run: &DbRun) -> Vec<Check> {
    let mut out = Vec::new();
    ratio_check(run, "select_by_pk", None, 1.05, &mut out);
    ratio_check(run, "trivial_query", Some(1), 1.05, &mut out);
    ratio_check(run, "trivial_query", Some(10_000), 1.10, &mut out);
    ratio_check(run, "medium_join", Some(10_000), 1.10, &mut out);
    for case in run.cases.iter().filter(|c| c.bench == "insert_batch") {
        ratio_check(run, "insert_batch", case.size, 1.10, &mut out);
        if let (Some(e), Some(one)) = (
            entkit_median(case),
            median_of(case, Tool::Sqlx, Some("one_by_one")),
        ) {
            out.push(Check {
                target: format!(
                    "insert_batch {}: entkit ≥ 3× faster than one row at a time",
                    case.size.unwrap_or(0)
                ),
                scope: run.label.clone(),
                measured: format!("{:.1}×", one / e),
                met: one / e >= 3.0,
            });
        }
    }
    for (bench, statements) in [("load_associations", 3), ("load_m2m", 2)] {
        ratio_check(run, bench, None, 1.15, &mut out);
        let Some(case) = find(run, bench, None) else {
            continue;
        };
        if let (Some(e), Some(sea)) = (entkit_median(case), median_of(case, Tool::SeaOrm, None)) {
            out.push(Check {
                target: format!("{bench}: entkit faster than SeaORM's loader"),
                scope: run.label.clone(),
                measured: format!("{:.2}× SeaORM's time", e / sea),
                met: e < sea,
            });
        }
        if let Some(n) = case.entkit_statements {
            out.push(Check {
                target: format!("{bench}: entkit runs {statements} statements"),
                scope: run.label.clone(),
                measured: n.to_string(),
                met: n == statements,
            });
        }
    }
    let entkit_tp = run.throughput.iter().filter(|t| t.tool == Tool::Entkit);
    for e in entkit_tp {
        let Some(s) = run
            .throughput
            .iter()
            .find(|t| t.tool == Tool::Sqlx && t.concurrency == e.concurrency)
        else {
            continue;
        };
        let r = e.ops_per_sec / s.ops_per_sec;
        out.push(Check {
            target: format!(
                "pool_concurrency {} tasks: entkit throughput ≥ 0.9 × sqlx",
                e.concurrency
            ),
            scope: run.label.clone(),
            measured: format!("{r:.2}"),
            met: r >= 0.9,
        });
    }
    out
}

pub fn load_checks(load: &LoadResult) -> Vec<Check> {
    let scope = format!(
        "PostgreSQL TCP, pool {}, {} tasks, {:.0} s",
        load.pool, load.tasks, load.seconds
    );
    vec![
        Check {
            target: "load: ≥ 10,000 ops/s".into(),
            scope: scope.clone(),
            measured: format!("{:.0} ops/s", load.ops_per_sec),
            met: load.ops_per_sec >= 10_000.0,
        },
        Check {
            target: "load: p99 latency < 5 ms".into(),
            scope: scope.clone(),
            measured: format!("{:.2} ms", load.p99_ms),
            met: load.p99_ms < 5.0,
        },
        Check {
            target: "load: pool acquire p95 < 10 ms".into(),
            scope: scope.clone(),
            measured: format!("{:.2} ms", load.acquire_p95_ms),
            met: load.acquire_p95_ms < 10.0,
        },
        Check {
            target: "load: zero errors".into(),
            scope,
            measured: load.errors.to_string(),
            met: load.errors == 0,
        },
    ]
}

pub fn stream_checks(stream: &StreamResult) -> Vec<Check> {
    vec![Check {
        target: "stream 1,000,000 rows: peak RSS < 64 MB".into(),
        scope: "PostgreSQL TCP, `Query::stream`, child process".into(),
        measured: format!("{:.1} MiB", stream.stream.peak_hwm_mib),
        met: stream.stream.peak_hwm_mib * 1024.0 * 1024.0 < 64e6,
    }]
}

/// What entkit may cost over the hand-written sqlx crate of the same size,
/// with every entity used: a clean build and the rebuild after one entity
/// changed, at every size.
pub const COMPILE_LIMIT: f64 = 1.5;

/// Section C's targets: with every entity used, entkit within
/// [`COMPILE_LIMIT`] of hand-written sqlx (clean and one entity touched) at
/// each size; and entkit below SeaORM where SeaORM is built. The
/// definitions-only builds are reported in the table, without a target.
pub fn compile_checks(compile: &CompileResult) -> Vec<Check> {
    let mut out = Vec::new();
    for size in &compile.sizes {
        let scope = format!("{} entities × {} fields", size.entities, compile.fields);
        if let (Some(e), Some(f)) = (
            size.get(Variant::Entkit, true),
            size.get(Variant::FromRow, true),
        ) {
            for (kind, e, f) in [
                ("clean build", median(&e.clean_s), median(&f.clean_s)),
                (
                    "one-entity rebuild",
                    median(&e.touched_s),
                    median(&f.touched_s),
                ),
            ] {
                out.push(Check {
                    target: format!(
                        "compile, {kind} with every entity used: entkit ≤ {COMPILE_LIMIT} × \
                         hand-written sqlx"
                    ),
                    scope: scope.clone(),
                    measured: format!("{:.2}×", e / f),
                    met: e <= COMPILE_LIMIT * f,
                });
            }
        }
        for used in [false, true] {
            let (Some(e), Some(s)) = (
                size.get(Variant::Entkit, used),
                size.get(Variant::SeaOrm, used),
            ) else {
                continue;
            };
            let (e, s) = (median(&e.clean_s), median(&s.clean_s));
            let kind = if used { " with every entity used" } else { "" };
            out.push(Check {
                target: format!("compile, clean build{kind}: entkit below SeaORM"),
                scope: scope.clone(),
                measured: format!("{:.2}× SeaORM's time", e / s),
                met: e < s,
            });
        }
    }
    out
}

/// Issue #12: a tenant-bound operation costs at most this many times the
/// same operation on the entity without tenancy.
pub const TENANCY_LIMIT: f64 = 1.15;

/// The tenancy section's targets: the bound client's median over the plain
/// entity's, for the lookup by key and the single insert.
pub fn tenancy_checks(tenancy: &TenancyResult) -> Vec<Check> {
    let mut out = Vec::new();
    for bench in ["tenant_get_by_key", "tenant_insert"] {
        let Some(r) = tenancy.case(bench).and_then(|c| c.tenant_ratio()) else {
            continue;
        };
        out.push(Check {
            target: format!("{bench}: entkit tenant-bound / plain entity ≤ {TENANCY_LIMIT:.2}"),
            scope: "PostgreSQL 15, TCP (127.0.0.1), non-superuser role, row-level security forced"
                .into(),
            measured: format!("{r:.2}"),
            met: r <= TENANCY_LIMIT,
        });
    }
    out
}
