//! Section D, tenancy (issue #12): what row-level tenancy costs on
//! PostgreSQL over TCP, against the same entity without tenancy.
//!
//! Two entities of the same shape (`models::tenancy_model`), 10 tenants ×
//! 1,000 rows in each table, everything run as a non-superuser role that
//! owns its schema, so that the forced row-level security policy applies
//! (see `service`). Each contender has a pool of its own with entkit's
//! default settings:
//!
//! - `tenant_get_by_key`: a lookup by key on the plain entity (entkit, and
//!   hand-written sqlx as the usual reference) and on the tenant entity
//!   through a client bound to one tenant, whose connections keep that
//!   tenant's session setting (one statement per lookup); and, for
//!   information, the tenant lookup with another tenant every time on a pool
//!   of one connection, so each lookup first sets the session's tenant (two
//!   statements).
//! - `tenant_insert`: a single-row insert returning the row, plain and
//!   tenant-bound (and sqlx).
//!
//! Statements per operation are counted with `Client::statement_count` over
//! a separate untimed pass of each entkit contender.

mod cases;
pub mod report;
mod service;

use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::harness::{self, BoxError, Tool};
use crate::machine::{self, Machine};
use crate::results::{Case, Measured};
use cases::{Entry, Pools};
use service::Service;

pub use cases::{PLAIN, POOLER_PLAIN, POOLER_TENANT, SWITCHING, TENANT};
pub use service::{BOUND_TENANT, ROLE, ROWS_PER_TENANT, SCHEMA, TENANTS};

/// Untimed operations per contender over which statements are counted.
const COUNTED_RUNS: u64 = 200;

/// Iteration numbers of the counting pass: far above the timed runs'.
const COUNTING_FROM: u64 = 1 << 40;

/// Connections of the switching contender's pool.
pub const SWITCHING_POOL: u32 = 1;

/// Statements one entkit contender ran per operation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Statements {
    pub variant: String,
    pub per_op: f64,
}

/// One case: its timings and its statement counts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TenancyCase {
    pub case: Case,
    pub statements: Vec<Statements>,
}

/// The section's results.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TenancyResult {
    /// The machine, versions and commit of this run (the section may run
    /// apart from the others).
    pub machine: Machine,
    pub tenants: i64,
    pub rows_per_tenant: usize,
    /// Connections of each pool but the switching contender's.
    pub pool: u32,
    pub switching_pool: u32,
    pub plan: String,
    pub cases: Vec<TenancyCase>,
    pub seconds: f64,
}

impl TenancyResult {
    /// A case by name.
    pub fn case(&self, bench: &str) -> Option<&TenancyCase> {
        self.cases.iter().find(|c| c.case.bench == bench)
    }
}

impl TenancyCase {
    /// The median of a contender.
    pub fn median(&self, tool: Tool, variant: &str) -> Option<f64> {
        crate::results::median_of(&self.case, tool, Some(variant))
    }

    /// The statements per operation of an entkit contender.
    pub fn statements_of(&self, variant: &str) -> Option<f64> {
        self.statements
            .iter()
            .find(|s| s.variant == variant)
            .map(|s| s.per_op)
    }

    /// entkit's tenant-bound median over its plain median: the target ratio.
    pub fn tenant_ratio(&self) -> Option<f64> {
        Some(self.median(Tool::Entkit, TENANT)? / self.median(Tool::Entkit, PLAIN)?)
    }
}

/// Runs the section: provisions the role, measures, and removes the role
/// and its schema again whatever happened.
pub async fn run(config: &Config) -> Result<TenancyResult, BoxError> {
    let started = Instant::now();
    eprintln!("== tenancy: PostgreSQL 15, TCP, as role {ROLE} ==");
    let machine = machine::gather().await?;
    let service = Service::provision().await?;
    let measured = measure(&service, config).await;
    let removed = service.remove().await;
    let cases = measured?;
    removed?;
    Ok(TenancyResult {
        machine,
        tenants: TENANTS,
        rows_per_tenant: ROWS_PER_TENANT,
        pool: crate::tools::MAX_CONNECTIONS,
        switching_pool: SWITCHING_POOL,
        plan: config.describe_tenancy(),
        cases,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Creates and seeds the tables, then measures both cases.
async fn measure(service: &Service, config: &Config) -> Result<Vec<TenancyCase>, BoxError> {
    let app = service.builder().connect().await?;
    let pools = Pools {
        plain: service.builder().connect().await?,
        tenant: service.builder().connect().await?.for_tenant(BOUND_TENANT),
        switching: {
            let one = service
                .builder()
                .max_connections(SWITCHING_POOL)
                .connect()
                .await?;
            (1..=TENANTS).map(|t| one.for_tenant(t)).collect()
        },
        sqlx: service.sqlx_pool()?,
        pooler_plain: service.builder().transaction_pooler(true).connect().await?,
        pooler_tenant: service
            .builder()
            .transaction_pooler(true)
            .connect()
            .await?
            .for_tenant(BOUND_TENANT),
    };
    let outcome = async {
        service::create_tables(&app).await?;
        let keys = service::seed(&app).await?;
        service::check_row_security(&app).await?;
        let get = run_case(
            "tenant_get_by_key",
            cases::get_by_key(&pools, &keys),
            config,
        )
        .await?;
        let insert = run_case("tenant_insert", cases::insert(&pools), config).await?;
        Ok::<_, BoxError>(vec![get, insert])
    }
    .await;
    for client in [&app, &pools.plain, &pools.tenant, &pools.switching[0]] {
        client.close().await;
    }
    pools.sqlx.close().await;
    outcome
}

/// Measures one case, counts each entkit contender's statements, and
/// prints a line per contender.
async fn run_case(
    bench: &str,
    entries: Vec<Entry>,
    config: &Config,
) -> Result<TenancyCase, BoxError> {
    let (contenders, counted): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .map(|e| (e.contender, e.counted))
        .unzip();
    let stats = harness::measure(bench, &contenders, &config.tenancy_plan, true).await?;
    let mut statements = Vec::new();
    for (c, client) in contenders.iter().zip(&counted) {
        let (Some(client), Some(variant)) = (client, c.variant) else {
            continue;
        };
        // One run first, so the pass starts from the steady state (the
        // switching contender's previous tenant is then the pass's own).
        c.op.timed(COUNTING_FROM).await?;
        let before = client.statement_count();
        for i in 1..=COUNTED_RUNS {
            c.op.timed(COUNTING_FROM + i).await?;
        }
        let per_op = (client.statement_count() - before) as f64 / COUNTED_RUNS as f64;
        statements.push(Statements {
            variant: variant.to_owned(),
            per_op,
        });
    }
    let measured: Vec<Measured> = contenders
        .iter()
        .zip(stats)
        .map(|(c, stats)| Measured {
            tool: c.tool,
            variant: c.variant.map(str::to_owned),
            stats,
        })
        .collect();
    let case = TenancyCase {
        case: Case {
            bench: bench.to_owned(),
            size: None,
            measured,
            entkit_statements: None,
        },
        statements,
    };
    for m in &case.case.measured {
        let variant = m.variant.as_deref().unwrap_or("");
        let statements = match m.tool {
            Tool::Entkit => case
                .statements_of(variant)
                .map_or(String::new(), |n| format!("  {n:.2} statements/op")),
            _ => String::new(),
        };
        eprintln!(
            "  {bench:<20} {:<8} {variant:<10} median {:>9.1} µs  p90 {:>9.1} µs  n={}{statements}",
            m.tool.label(),
            m.stats.median_us,
            m.stats.p90_us,
            m.stats.samples
        );
    }
    if let Some(r) = case.tenant_ratio() {
        eprintln!("  {bench:<20} tenant/plain {r:.3}");
    }
    Ok(case)
}
