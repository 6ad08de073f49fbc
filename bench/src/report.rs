//! Renders `BENCHMARKS.md` from the result files; nothing in it is typed by
//! hand except the prose around the tables (and `bench/ANALYSIS.md`, which
//! is included as written).

use std::fmt::Write as _;

use crate::cells::{check_row, targets_line, time};
use crate::compile::{CompileResult, Variant, VariantResult, median};
use crate::harness::{BoxError, Tool};
use crate::load::LoadResult;
use crate::machine::Machine;
use crate::micro::tools_for;
use crate::results::{self, Case, DbRun, Micro, repo_root};
use crate::stream::StreamResult;
use crate::targets::{self, Check};
use crate::tenancy::{self, TenancyResult};
use crate::tools::Db;

/// Seconds each section took, and the whole run.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Timings {
    pub sections: Vec<(String, f64)>,
    pub total_s: f64,
}

fn cell(case: &Case, tool: Tool, variant: Option<&str>) -> String {
    case.measured
        .iter()
        .find(|m| m.tool == tool && (variant.is_none() || m.variant.as_deref() == variant))
        .map_or("–".into(), |m| {
            format!("{} / {}", time(m.stats.median_us), time(m.stats.p90_us))
        })
}

fn size_label(case: &Case) -> String {
    case.size.map_or("–".into(), |n| {
        if n >= 1_000 {
            format!("{},{:03}", n / 1_000, n % 1_000)
        } else {
            n.to_string()
        }
    })
}

fn micro_table(s: &mut String, run: &DbRun) {
    let db = Db::from_key(&run.db).unwrap_or(Db::PgTcp);
    let tools = tools_for(db);
    let _ = write!(s, "| Benchmark | Size |");
    for t in &tools {
        let _ = write!(s, " {} |", t.label());
    }
    let _ = writeln!(s, " entkit/sqlx |");
    let _ = write!(s, "|---|---:|");
    for _ in &tools {
        let _ = write!(s, "---:|");
    }
    let _ = writeln!(s, "---:|");
    let order = [
        "select_by_pk",
        "trivial_query",
        "medium_join",
        "insert_batch",
        "load_associations",
        "load_m2m",
    ];
    for bench in order {
        for case in run.cases.iter().filter(|c| c.bench == bench) {
            let _ = write!(s, "| {bench} | {} |", size_label(case));
            for t in &tools {
                let text = if *t == Tool::Sqlx {
                    match targets::best_sqlx(case) {
                        Some((_, Some(v))) => format!("{} ({v})", cell(case, *t, Some(v))),
                        _ => cell(case, *t, None),
                    }
                } else {
                    cell(case, *t, None)
                };
                let _ = write!(s, " {text} |");
            }
            let r = targets::ratio(case).map_or("–".into(), |r| format!("**{r:.2}**"));
            let _ = writeln!(s, " {r} |");
        }
    }
}

fn insert_table(s: &mut String, run: &DbRun) {
    let variants: Vec<&str> = {
        let mut v: Vec<&str> = run
            .cases
            .iter()
            .filter(|c| c.bench == "insert_batch")
            .flat_map(|c| c.measured.iter())
            .filter(|m| m.tool == Tool::Sqlx)
            .filter_map(|m| m.variant.as_deref())
            .collect();
        v.dedup();
        v.sort();
        v.dedup();
        v
    };
    let _ = write!(s, "| Rows | entkit `insert_many` |");
    for v in &variants {
        let _ = write!(s, " sqlx {v} |");
    }
    let _ = writeln!(s, " entkit / best sqlx | one-by-one / entkit |");
    let _ = writeln!(s, "|---:|---:|{}---:|---:|", "---:|".repeat(variants.len()));
    for case in run.cases.iter().filter(|c| c.bench == "insert_batch") {
        let _ = write!(
            s,
            "| {} | {} |",
            size_label(case),
            cell(case, Tool::Entkit, None)
        );
        for v in &variants {
            let _ = write!(s, " {} |", cell(case, Tool::Sqlx, Some(v)));
        }
        let r = targets::ratio(case).map_or("–".into(), |r| format!("{r:.2}"));
        let speedup = match (
            targets::entkit_median(case),
            results::median_of(case, Tool::Sqlx, Some("one_by_one")),
        ) {
            (Some(e), Some(o)) => format!("{:.1}×", o / e),
            _ => "–".into(),
        };
        let _ = writeln!(s, " {r} | {speedup} |");
    }
}

fn throughput_table(s: &mut String, run: &DbRun) {
    if run.throughput.is_empty() {
        return;
    }
    let db = Db::from_key(&run.db).unwrap_or(Db::PgTcp);
    let tools = tools_for(db);
    let _ = write!(s, "| Tasks |");
    for t in &tools {
        let _ = write!(s, " {} ops/s |", t.label());
    }
    let _ = writeln!(s, " entkit/sqlx throughput |");
    let _ = writeln!(s, "|---:|{}---:|", "---:|".repeat(tools.len()));
    let mut levels: Vec<usize> = run.throughput.iter().map(|t| t.concurrency).collect();
    levels.dedup();
    for c in levels {
        let get = |tool: Tool| {
            run.throughput
                .iter()
                .find(|t| t.tool == tool && t.concurrency == c)
                .map(|t| t.ops_per_sec)
        };
        let _ = write!(s, "| {c} |");
        for t in &tools {
            let _ = write!(
                s,
                " {} |",
                get(*t).map_or("–".into(), |v| format!("{v:.0}"))
            );
        }
        let r = match (get(Tool::Entkit), get(Tool::Sqlx)) {
            (Some(e), Some(x)) => format!("**{:.2}**", e / x),
            _ => "–".into(),
        };
        let _ = writeln!(s, " {r} |");
    }
}

fn checks_table(s: &mut String, checks: &[Check]) {
    let met = checks.iter().filter(|c| c.met).count();
    let _ = writeln!(s, "{}\n", targets_line(met, checks.len()));
    let _ = writeln!(s, "| Target | Where | Measured | |");
    let _ = writeln!(s, "|---|---|---:|---|");
    for c in checks {
        let _ = writeln!(s, "{}", check_row(c));
    }
}

fn machine_section(s: &mut String, m: &Machine, timings: &Timings) {
    let _ = writeln!(s, "## Machine and versions\n");
    let _ = writeln!(s, "- Date: {}", m.date);
    let _ = writeln!(
        s,
        "- CPU: {} — {} cores (`nproc`); memory {:.1} GiB; Linux {}",
        m.cpu, m.cores, m.memory_gib, m.kernel
    );
    let _ = writeln!(
        s,
        "- Load average (1/5/15 min) when the run started: {}. The databases run on the same two \
         cores as the benchmark, and anything else running on the machine adds noise; every \
         comparison is between tools measured in the same interleaved rounds.",
        m.load_at_start
    );
    let servers: Vec<String> = m.servers.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(s, "- Servers: {}", servers.join("; "));
    let crates: Vec<String> = m.crates.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(s, "- Crates: {}", crates.join(", "));
    let _ = writeln!(s, "- {}; entkit at commit {}", m.rustc, m.git);
    if timings.total_s > 0.0 {
        let parts: Vec<String> = timings
            .sections
            .iter()
            .map(|(k, v)| format!("{k} {v:.0} s"))
            .collect();
        let _ = writeln!(
            s,
            "- Run time: {:.1} min ({})",
            timings.total_s / 60.0,
            parts.join(", ")
        );
    }
    let _ = writeln!(s);
}

const METHOD: &str = "\
## Method

- **Harness** (`bench/src/harness.rs`): per case, every contender runs its warm-up, then as many
  timed runs as fit in the time budget (bounded below and above), split into rounds in which the
  contenders take turns (the order alternates each round). Each cell is *median / p90* of the
  individual runs. Every run returns the number of rows it read or wrote and the harness fails the
  case unless all contenders return the same number, so they provably do the same work.
- **Ratio** `entkit/sqlx` is entkit's median over the best hand-written sqlx median in the same
  run (below 1 means entkit is faster). For pool throughput it is entkit's ops/s over sqlx's
  (above 1 means entkit is faster).
- **Pools**: entkit, sqlx and SeaORM (built on a sqlx pool) each have a pool of their own with
  entkit's defaults — 10 connections, none kept open, `test_before_acquire` off, same timeouts —
  so no tool runs on connections (and, on SQLite, page caches) another tool has just warmed. Diesel is synchronous and uses one
  connection, as in Diesel's own suite; for `pool_concurrency` it uses an r2d2 pool of 10 from OS
  threads.
- **SQLite**: entkit's `sqlite::memory:` is a private WAL database file on `/dev/shm` with
  `synchronous = OFF`, foreign keys on and a 1,024-row buffer. sqlx, SeaORM and Diesel share a
  second file on `/dev/shm` opened with exactly those settings (sqlx's `row_buffer_size(1024)`
  too), seeded with the same rows. SQLite tables are not `ANALYZE`d: cached prepared statements
  would keep plans made for the one-row tables of the smallest size.
- **PostgreSQL** sessions of every tool run with `synchronous_commit = off` (a connection
  option in the URL) in section A, so that insert timings measure the tools rather than WAL
  flushes to a disk shared with everything else on the machine; the load test (section B) keeps
  the server's default. MariaDB runs with its defaults.
- **Diesel on MariaDB** is not measured: Diesel's `mysql` backend needs `libmysqlclient`, which is
  not installed here (Diesel is built with `postgres` and `sqlite`).
- **Data** (Diesel's suite): `users(id, name, hair_color)`, `posts(id, user_id, title, body)`,
  `comments(id, post_id, text)`, plus `tags(id, name)` and `post_tags(post_id, tag_id)`, all created
  by entkit's auto-migration and shared by the tools. For size *N*, `users` holds *N* rows with
  hair colour alternating black/brown and one post each.
- **What each benchmark runs**:
  - `select_by_pk`: one user by key (`User::find`; sqlx `query_as` + `fetch_optional`;
    `find_by_id`; `find(..).first(..).optional()`); keys vary per run.
  - `trivial_query`: every user (`User::query().all()`; `SELECT id, name, hair_color FROM users`).
  - `medium_join`: `users LEFT JOIN posts ON posts.user_id = users.id WHERE hair_color = 'black'`,
    six columns (user id, name, hair colour, post id, title, body), returning ⌈N/2⌉ rows. entkit
    has no joins in its query builder, so it runs the same SQL through `RawQuery::fetch_all` into
    tuples; SeaORM uses `find_also_related` (both whole models, seven columns); Diesel
    `left_join` with the same six columns.
  - `insert_batch`: *N* users in one call — entkit `User::insert_many` (one
    `INSERT ... SELECT * FROM UNNEST(..)` on PostgreSQL, multi-row `VALUES` elsewhere); sqlx
    multi-row `VALUES` (statement text built once per size), `UNNEST($1::text[], $2::text[])` on
    PostgreSQL, and at 1,000 rows one `INSERT` per row inside a transaction; SeaORM
    `insert_many(..).exec_without_returning`; Diesel `insert_into(..).values(&vec)`.
  - `load_associations`: 100 users, their 1,000 posts, those posts' 10,000 comments, as trees —
    entkit `User::query().with(User::POSTS, |p| p.with(Post::COMMENTS, |c| c))` (asserted: 3
    statements); sqlx one query per level with `= ANY($1)` on PostgreSQL and `IN (?, ...)`
    elsewhere, grouped with hash maps; SeaORM `LoaderTrait::load_many` per level; Diesel
    `belonging_to` + `grouped_by`.
  - `load_m2m`: 1,000 posts with their 5 tags each (of 50) through `post_tags` — entkit
    `many_to_many` edge and `with` (asserted: 2 statements); sqlx posts, then one join of
    `post_tags` and `tags` for all post keys, each tag decoded once and shared as `Arc` (as entkit
    does); SeaORM `load_many` over the `via` relation; Diesel `belonging_to` + `inner_join` +
    `grouped_by`.
  - `pool_concurrency`: `select_by_pk` from 1, 2, 4 and 8 concurrent tasks through the pool for a
    fixed window; median of the rounds.
";

/// Renders the report from whatever result files exist.
pub fn render() -> Result<String, BoxError> {
    let machine: Option<Machine> = results::load("machine");
    let micro: Option<Micro> = results::load("micro");
    let load: Option<LoadResult> = results::load("load");
    let stream: Option<StreamResult> = results::load("stream");
    let compile: Option<CompileResult> = results::load("compile");
    let tenancy: Option<TenancyResult> = results::load("tenancy");
    let timings: Timings = results::load("timings").unwrap_or_default();

    let mut s = String::new();
    let _ = writeln!(
        s,
        "# entkit benchmarks\n\n\
         Generated by `bash bench/run.sh` (see [bench/README.md](bench/README.md)); every figure \
         below comes from that run. Do not edit by hand.\n\n\
         entkit is compared with hand-written [sqlx](https://docs.rs/sqlx) (the floor: entkit runs \
         on sqlx), [SeaORM](https://www.sea-ql.org/SeaORM/) and [Diesel](https://diesel.rs), on \
         PostgreSQL over TCP and over its Unix socket, SQLite, and MariaDB.\n"
    );
    if let Some(m) = &machine {
        machine_section(&mut s, m, &timings);
    }

    let mut checks = Vec::new();
    if let Some(micro) = &micro {
        for run in &micro.runs {
            checks.extend(targets::micro_checks(run));
        }
    }
    if let Some(l) = &load {
        checks.extend(targets::load_checks(l));
    }
    if let Some(st) = &stream {
        checks.extend(targets::stream_checks(st));
    }
    if let Some(c) = &compile {
        checks.extend(targets::compile_checks(c));
    }
    if let Some(t) = &tenancy {
        checks.extend(targets::tenancy_checks(t));
    }
    let _ = writeln!(s, "## Targets\n");
    checks_table(&mut s, &checks);
    let analysis = repo_root().join("bench/ANALYSIS.md");
    if let Ok(text) = std::fs::read_to_string(&analysis) {
        let _ = writeln!(s, "\n{}", text.trim_end());
    }

    if let Some(micro) = &micro {
        let _ = writeln!(
            s,
            "\n## A. Operations\n\nCells are *median / p90* per operation. {}.\n",
            micro.plan
        );
        for run in &micro.runs {
            let _ = writeln!(s, "### {}\n", run.label);
            micro_table(&mut s, run);
            let _ = writeln!(s, "\nInsert approaches:\n");
            insert_table(&mut s, run);
            let _ = writeln!(
                s,
                "\n`pool_concurrency` (`select_by_pk` through the pool):\n"
            );
            throughput_table(&mut s, run);
            let _ = writeln!(s);
        }
    }

    if load.is_some() || stream.is_some() {
        let _ = writeln!(s, "## B. Load and memory\n");
    }
    if let Some(l) = &load {
        let _ = writeln!(
            s,
            "{} tasks share an entkit pool of {} connections to PostgreSQL (TCP) for {:.0} s; \
             each picks `User::find` by a random key (80%) or a single-row \
             `User::create().save()` (20%).\n\n\
             | Pool | Time | ops/s | reads | inserts | p50 | p95 | p99 | max | acquire p95 | errors |\n\
             |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n\
             | entkit | {:.1} s | **{:.0}** | {} | {} | {:.2} ms | {:.2} ms | **{:.2} ms** | {:.2} ms | **{:.2} ms** | **{}** |\n\
             | sqlx, same mix and pool size (comparison) | {:.1} s | {:.0} | | | {:.2} ms | | {:.2} ms | | | {} |\n",
            l.tasks,
            l.pool,
            l.seconds,
            l.seconds,
            l.ops_per_sec,
            l.reads,
            l.inserts,
            l.p50_ms,
            l.p95_ms,
            l.p99_ms,
            l.max_ms,
            l.acquire_p95_ms,
            l.errors,
            l.sqlx_seconds,
            l.sqlx_ops_per_sec,
            l.sqlx_p50_ms,
            l.sqlx_p99_ms,
            l.sqlx_errors
        );
        let _ = writeln!(
            s,
            "Pool acquisition is measured without `pool_stats()`: a probe task times \
             `client.begin()` of an empty transaction (which takes a pooled connection, then sends \
             `BEGIN`) every 5 ms during the load ({} probes: p50 {:.2} ms, p95 {:.2} ms). On the \
             idle pool before the load the same probe takes p50 {:.2} ms (p95 {:.2} ms) — the \
             `BEGIN` round trip. *Acquire p95* is the loaded p95 minus the idle p50: the time spent \
             waiting for a connection. Load average after the run: {}.",
            l.probes,
            l.begin_p50_ms,
            l.begin_p95_ms,
            l.idle_begin_p50_ms,
            l.idle_begin_p95_ms,
            l.load_average_after
        );
        if !l.error_samples.is_empty() {
            let _ = writeln!(s, "\nErrors (first few): {}", l.error_samples.join("; "));
        }
        let _ = writeln!(s);
    }
    if let Some(st) = &stream {
        let _ = writeln!(
            s,
            "Memory: a child process streams {} rows of `users` through `Query::stream` and \
             reports its own peak RSS (`VmHWM` from `/proc/self/status`); another child loads the \
             same rows with `Query::all`, for contrast.\n\n\
             | Child | Rows | Time | Peak RSS after connecting | Peak RSS at the end |\n\
             |---|---:|---:|---:|---:|\n\
             | `Query::stream` | {} | {:.2} s | {:.1} MiB | **{:.1} MiB** |\n\
             | `Query::all` | {} | {:.2} s | {:.1} MiB | {:.1} MiB |\n",
            st.rows,
            st.stream.rows,
            st.stream.seconds,
            st.stream.baseline_hwm_mib,
            st.stream.peak_hwm_mib,
            st.all.rows,
            st.all.seconds,
            st.all.baseline_hwm_mib,
            st.all.peak_hwm_mib
        );
    }

    if let Some(c) = &compile {
        s.push_str(&compile_part(c));
    }

    if let Some(t) = &tenancy {
        let _ = writeln!(s, "{}", tenancy::report::part(t));
    }

    let _ = writeln!(s, "{METHOD}");
    Ok(s)
}

/// Section C: one table per crate size.
fn compile_part(c: &CompileResult) -> String {
    let mut s = format!(
        "## C. Compile cost\n\n\
         Generated library crates of {} entities × {} fields (one file each; every fifth \
         entity `belongs_to` the one before it, with the inverse `has_many`), built with the \
         `release` profile into the benchmark's target directory, so only the crate itself is \
         compiled: *clean* is `cargo clean -p` then `cargo build`; *one entity touched* renames \
         a field of one entity, then builds (incrementally). *+ uses* crates add to each entity \
         a function that uses it (a filtered read, a read by key and an insert; sqlx: \
         hand-written SQL on PostgreSQL), which makes the compiler instantiate the generic \
         query and mutation code (and entkit's `#[inline]` entity methods) for it: the targets \
         compare these. *Peak memory* is the largest resident size of the compiler during the \
         clean build (GNU `time`). Median of the runs listed; *vs floor* compares with the \
         sqlx crate of the same kind and size. SeaORM is built at the smaller size only: at \
         the larger, its builds alone would take about a quarter of an hour.\n",
        c.sizes
            .iter()
            .map(|z| z.entities.to_string())
            .collect::<Vec<_>>()
            .join(" and "),
        c.fields
    );
    let runs = |v: &[f64]| {
        v.iter()
            .map(|x| format!("{x:.1}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for size in &c.sizes {
        let _ = writeln!(
            s,
            "\n### {} entities ({} edge pairs)\n\n\
             | Spelling | Source lines | Clean build | One entity touched | Peak memory | \
             Clean vs floor | Touched vs floor |\n\
             |---|---:|---:|---:|---:|---:|---:|",
            size.entities, size.edges
        );
        for r in &size.results {
            let floor = size.get(Variant::FromRow, r.used);
            let ratio = |pick: fn(&VariantResult) -> &[f64]| {
                floor.map_or("–".into(), |f| {
                    format!("{:.2}×", median(pick(r)) / median(pick(f)))
                })
            };
            let _ = writeln!(
                s,
                "| {}{} | {} | {:.1} s ({}) | {:.1} s ({}) | {:.0} MiB | {} | {} |",
                r.variant.label(),
                if r.used { " + uses" } else { "" },
                r.lines,
                median(&r.clean_s),
                runs(&r.clean_s),
                median(&r.touched_s),
                runs(&r.touched_s),
                median(&r.clean_peak_mib),
                ratio(|r| &r.clean_s),
                ratio(|r| &r.touched_s),
            );
        }
    }
    s.push('\n');
    s
}

/// Writes `BENCHMARKS.md` at the repository root.
pub fn write() -> Result<(), BoxError> {
    let text = render()?;
    std::fs::write(repo_root().join("BENCHMARKS.md"), text)?;
    eprintln!("wrote {}", repo_root().join("BENCHMARKS.md").display());
    Ok(())
}

/// The sections whose results the report is made of, besides tenancy.
const OTHER_SECTIONS: [&str; 4] = ["micro", "load", "stream", "compile"];

/// After the tenancy section ran alone: when the other sections' result
/// files are all at hand, regenerates the whole report as [`write`] does;
/// otherwise (a fresh checkout, say) replaces only the tenancy part and
/// its rows of the targets table in the existing `BENCHMARKS.md`, so the
/// other sections' figures stay as they were measured instead of vanishing.
pub fn write_tenancy() -> Result<(), BoxError> {
    let path = repo_root().join("BENCHMARKS.md");
    let missing: Vec<&str> = OTHER_SECTIONS
        .into_iter()
        .filter(|name| !results::results_dir().join(format!("{name}.json")).exists())
        .collect();
    if missing.is_empty() || !path.exists() {
        return write();
    }
    let tenancy: TenancyResult =
        results::load("tenancy").ok_or("no tenancy result file to report")?;
    let existing = std::fs::read_to_string(&path)?;
    let text = tenancy::report::splice(
        &existing,
        &tenancy::report::part(&tenancy),
        &targets::tenancy_checks(&tenancy),
    )?;
    std::fs::write(&path, text)?;
    eprintln!(
        "updated the tenancy part of {} (no result files for {}: their parts are kept as they were)",
        path.display(),
        missing.join(", ")
    );
    Ok(())
}
