//! The tenancy part of `BENCHMARKS.md`.
//!
//! The part sits between two HTML comments, so that running the tenancy
//! section alone can replace it (and its rows of the targets table) in an
//! existing report without the other sections' result files: their
//! figures stay as they were measured.

use std::fmt::Write as _;

use super::{BOUND_TENANT, ROLE, SCHEMA};
use super::{PLAIN, POOLER_PLAIN, POOLER_TENANT, SWITCHING, TENANT, TenancyCase, TenancyResult};
use crate::cells::{check_row, targets_line, time};
use crate::harness::{BoxError, Tool};
use crate::targets::Check;

/// Where the part begins and ends in `BENCHMARKS.md`.
pub const BEGIN: &str = "<!-- tenancy:begin -->";
pub const END: &str = "<!-- tenancy:end -->";

/// The heading the part is placed before when a report has none yet.
const BEFORE: &str = "## Method";

/// Targets of this section start with one of these case names.
const CASES: [&str; 2] = ["tenant_get_by_key", "tenant_insert"];

/// The contenders in the order the table lists them: tool, variant, label.
const ROWS: [(Tool, &str, &str); 6] = [
    (Tool::Sqlx, PLAIN, "hand-written sqlx, plain table"),
    (Tool::Entkit, PLAIN, "entkit, plain entity"),
    (Tool::Entkit, TENANT, "entkit, tenant entity, bound client"),
    (
        Tool::Entkit,
        SWITCHING,
        "entkit, tenant entity, another tenant each time",
    ),
    (
        Tool::Entkit,
        POOLER_PLAIN,
        "entkit `transaction_pooler(true)`, plain entity",
    ),
    (
        Tool::Entkit,
        POOLER_TENANT,
        "entkit `transaction_pooler(true)`, tenant entity, bound client",
    ),
];

/// `n` with a thousands separator, as the rest of the report writes sizes.
fn thousands(n: usize) -> String {
    if n >= 1_000 {
        format!("{},{:03}", n / 1_000, n % 1_000)
    } else {
        n.to_string()
    }
}

/// A count of statements: whole when it is one.
fn count(n: f64) -> String {
    if (n - n.round()).abs() < 0.005 {
        format!("{n:.0}")
    } else {
        format!("{n:.2}")
    }
}

fn ratio(a: Option<f64>, b: Option<f64>, bold: bool) -> String {
    match (a, b) {
        (Some(a), Some(b)) if bold => format!("**{:.2}**", a / b),
        (Some(a), Some(b)) => format!("{:.2}", a / b),
        _ => "–".into(),
    }
}

fn case_rows(s: &mut String, r: &TenancyResult, case: &TenancyCase) {
    let plain = case.median(Tool::Entkit, PLAIN);
    let sqlx = case.median(Tool::Sqlx, PLAIN);
    let mut first = true;
    for (tool, variant, label) in ROWS {
        let Some(m) = case
            .case
            .measured
            .iter()
            .find(|m| m.tool == tool && m.variant.as_deref() == Some(variant))
        else {
            continue;
        };
        let pool = if variant == SWITCHING {
            r.switching_pool
        } else {
            r.pool
        };
        let median = Some(m.stats.median_us);
        let statements = match tool {
            Tool::Entkit => case.statements_of(variant).map_or("–".into(), count),
            _ => "1".into(),
        };
        let _ = writeln!(
            s,
            "| {} | {label} | {pool} | {} / {} | {} | {} | {statements} |",
            if first { case.case.bench.as_str() } else { "" },
            time(m.stats.median_us),
            time(m.stats.p90_us),
            ratio(median, plain, tool == Tool::Entkit && variant == TENANT),
            ratio(median, sqlx, false),
        );
        first = false;
    }
}

/// The part, markers included.
pub fn part(r: &TenancyResult) -> String {
    let m = &r.machine;
    let pg = m
        .servers
        .iter()
        .find(|(k, _)| k == "PostgreSQL")
        .map_or("", |(_, v)| v.as_str());
    let mut s = String::new();
    let _ = writeln!(s, "{BEGIN}");
    let _ = writeln!(
        s,
        "## D. Tenancy\n\n\
         What row-level tenancy costs on PostgreSQL over TCP (127.0.0.1): the same operation on \
         an entity with a tenant key (`#[entity(tenant)]`) and on an entity of the same shape \
         without one. Measured {} (PostgreSQL {pg}; entkit at commit {}; load average at the \
         start {}; the section took {:.0} s). {}.\n",
        m.date, m.git, m.load_at_start, r.seconds, r.plan
    );
    let _ = writeln!(
        s,
        "- **Data**: `plain_items` and `tenant_items`, both `(id, tenant, name, hair_color)`, \
         {} tenants × {} rows each, in the schema `{SCHEMA}`.\n\
         - **Role**: every contender logs in as `{ROLE}`, a login role without `SUPERUSER` or \
         `BYPASSRLS` that owns the schema and the tables (made with `entkit::ServiceRole` before \
         the run, removed after it). Auto-migration enabled and forced row-level security on \
         `tenant_items`, with entkit's policy comparing `tenant::text` with the session setting \
         `entkit.tenant`; before measuring, the run checks that hand-written SQL sees no row of \
         it without a tenant and {} with one.\n\
         - **Pools**: each contender has a pool of its own with entkit's default settings. The \
         bound client's connections keep its tenant's session setting, so the setting is made \
         once per connection, not per statement. *Another tenant each time* is a pool of {} \
         connection shared by clients of all {} tenants, each lookup on the next tenant's client, \
         so each lookup first runs `SELECT set_config(..)`.\n\
         - **Operations**: `tenant_get_by_key` finds a row of tenant {BOUND_TENANT} by key \
         (`PlainItem::find`, `TenantItem::find`; sqlx `query_as` + `fetch_optional`); the \
         switching contender a row of its lookup's tenant. `tenant_insert` creates one row of \
         tenant {BOUND_TENANT} and returns it as stored (`create()..save()`, the plain entity \
         setting `tenant` by hand; sqlx `INSERT .. RETURNING`).\n\
         - **Transaction pooler**: the two `transaction_pooler(true)` contenders are entkit's \
         mode for PgBouncer in transaction mode, measured straight against the server (no \
         pooler in between), so the figure is the option's own cost: no named prepared \
         statements, and each statement outside a transaction in one of its own (`BEGIN`, the \
         statement, `COMMIT`), with the tenant set locally in it for the bound client.\n\
         - **Statements per operation**: `Client::statement_count()` over {} untimed operations \
         after the timed ones; every statement is one round trip. sqlx runs one by construction.\n\
         - **sqlx** runs through a sqlx pool with section A's settings (entkit's defaults); its \
         figure includes the acquire and release of sqlx's pool, while entkit's pool is its own. \
         It is the usual reference; the targets compare entkit with itself.\n\
         - **vs entkit plain** is a contender's median over entkit's plain-entity median in the \
         same rounds; the target is the bound client's at most 1.15.\n",
        r.tenants,
        thousands(r.rows_per_tenant),
        thousands(r.rows_per_tenant),
        r.switching_pool,
        r.tenants,
        super::COUNTED_RUNS,
    );
    let _ = writeln!(
        s,
        "| Case | Contender | Pool | Median / p90 | vs entkit plain | vs sqlx | Statements per \
         operation |\n|---|---|---:|---:|---:|---:|---:|"
    );
    for case in &r.cases {
        case_rows(&mut s, r, case);
    }
    let _ = writeln!(s, "\n{END}");
    s
}

/// Whether a row of the targets table is one of this section's.
fn is_tenancy_row(line: &str) -> bool {
    let first = line.trim_start_matches('|').trim_start();
    CASES.iter().any(|c| first.starts_with(&format!("{c}:")))
}

/// `existing` with its tenancy part replaced by `part` (or placed before
/// the method section), and its targets table's tenancy rows replaced by
/// `checks` with the count of targets met recomputed.
pub fn splice(existing: &str, part: &str, checks: &[Check]) -> Result<String, BoxError> {
    let mut text = match (existing.find(BEGIN), existing.find(END)) {
        (Some(begin), Some(end)) if begin < end => {
            let end = end + END.len();
            let end = end + usize::from(existing[end..].starts_with('\n'));
            format!("{}{part}{}", &existing[..begin], &existing[end..])
        }
        _ => match existing.find(&format!("\n{BEFORE}\n")) {
            Some(at) => format!("{}\n{part}{}", &existing[..at], &existing[at..]),
            None => format!("{}\n\n{part}", existing.trim_end()),
        },
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }

    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let count_at = lines
        .iter()
        .position(|l| l.ends_with(" targets met.") && l.starts_with(|c: char| c.is_ascii_digit()))
        .ok_or("BENCHMARKS.md has no \"N of M targets met.\" line")?;
    // The table starts after a blank line: header, separator, rows.
    let table_start = count_at + 2;
    let mut table_end = table_start;
    while table_end < lines.len() && lines[table_end].starts_with('|') {
        table_end += 1;
    }
    if table_end < table_start + 2 {
        return Err("BENCHMARKS.md: no targets table after the count".into());
    }
    let mut rows: Vec<String> = lines[table_start + 2..table_end]
        .iter()
        .filter(|l| !is_tenancy_row(l))
        .cloned()
        .collect();
    rows.extend(checks.iter().map(check_row));
    let met = rows.iter().filter(|r| r.ends_with("| met |")).count();
    lines[count_at] = targets_line(met, rows.len());
    lines.splice(table_start + 2..table_end, rows);
    Ok(lines.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(target: &str, met: bool) -> Check {
        Check {
            target: target.into(),
            scope: "somewhere".into(),
            measured: "1.00".into(),
            met,
        }
    }

    const REPORT: &str = "# title\n\n## Targets\n\n2 of 3 targets met.\n\n\
        | Target | Where | Measured | |\n|---|---|---:|---|\n\
        | a | x | 1 | met |\n| b | x | 2 | **missed** |\n| c | x | 3 | met |\n\
        \nanalysis\n\n## C. Compile\n\ntext\n\n## Method\n\nmethod\n";

    #[test]
    fn a_first_splice_places_the_part_before_the_method_and_adds_the_rows() {
        let part = format!("{BEGIN}\n## D. Tenancy\n\nfigures\n\n{END}\n");
        let checks = [
            check("tenant_get_by_key: x", true),
            check("tenant_insert: y", false),
        ];
        let out = splice(REPORT, &part, &checks).unwrap();
        assert!(out.contains("3 of 5 targets met."), "{out}");
        assert!(out.contains("| c | x | 3 | met |\n| tenant_get_by_key: x | somewhere | 1.00 | met |\n| tenant_insert: y | somewhere | 1.00 | **missed** |\n\nanalysis"), "{out}");
        assert!(out.contains("text\n\n<!-- tenancy:begin -->\n## D. Tenancy\n\nfigures\n\n<!-- tenancy:end -->\n\n## Method"), "{out}");
    }

    #[test]
    fn a_second_splice_replaces_the_part_and_the_rows() {
        let first = splice(
            REPORT,
            &format!("{BEGIN}\nold\n{END}\n"),
            &[check("tenant_insert: y", false)],
        )
        .unwrap();
        let second = splice(
            &first,
            &format!("{BEGIN}\nnew\n{END}\n"),
            &[check("tenant_insert: y", true)],
        )
        .unwrap();
        assert!(!second.contains("old"), "{second}");
        assert_eq!(second.matches("new\n").count(), 1, "{second}");
        assert_eq!(second.matches("tenant_insert").count(), 1, "{second}");
        assert!(second.contains("3 of 4 targets met."), "{second}");
        assert_eq!(
            second
                .replace("new", "old")
                .replace("3 of 4", "2 of 4")
                .replace(
                    "| tenant_insert: y | somewhere | 1.00 | met |",
                    "| tenant_insert: y | somewhere | 1.00 | **missed** |"
                ),
            first
        );
    }
}
