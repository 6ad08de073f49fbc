//! The tenancy section's database side: a non-superuser login role owning
//! a schema of its own, the two tables created by that role's
//! auto-migration, and the seeded rows.
//!
//! PostgreSQL skips row-level security for superusers and for roles with
//! `BYPASSRLS`, so measuring as `postgres` would measure nothing of it. The
//! role made here (through `entkit::ServiceRole`) has neither and owns the
//! tables; entkit `FORCE`s row-level security, so the owner is held to the
//! policy too. The section checks that it is before measuring.

use std::hash::{BuildHasher, Hasher};

use entkit::{Client, ClientBuilder, RawQuery, ServiceRole};

use crate::harness::BoxError;
use crate::models::tenancy_model::{self, PlainItem, TenantItem};
use crate::tools::{self, BENCH_DB, Db, PG_TCP};

/// The schema the role owns; every table of the section lives in it.
pub const SCHEMA: &str = "tenancy_bench";
/// The login role the section measures as.
pub const ROLE: &str = "entkit_bench_app";
/// Tenants seeded, and rows per tenant in each table.
pub const TENANTS: i64 = 10;
pub const ROWS_PER_TENANT: usize = 1_000;
/// The tenant the bound clients work for.
pub const BOUND_TENANT: i64 = 3;

/// Session options of every connection, as in section A: inserts measure
/// the tools rather than WAL flushes to a shared disk.
const PG_OPTIONS: &str = "options=-c%20synchronous_commit%3Doff";

/// The provisioned role and schema, and the administrator's client that
/// made them (and removes them).
pub struct Service {
    admin: Client,
    role: ServiceRole,
    /// The role's URL. It holds the password: never printed (entkit
    /// redacts it in its own errors and `Client::url`).
    url: String,
}

/// A password for this run only: hex from the standard library's randomly
/// seeded hasher. The server stores only a SCRAM verifier of it, and on the
/// local trust-authenticated server it is not even checked; it exists
/// because a login role with a password is what `ServiceRole` provisions.
fn run_password() -> String {
    let state = std::collections::hash_map::RandomState::new();
    let mut out = String::new();
    for part in 0..2u64 {
        let mut hasher = state.build_hasher();
        hasher.write_u64(part);
        hasher.write_u32(std::process::id());
        out.push_str(&format!("{:016x}", hasher.finish()));
    }
    out
}

impl Service {
    /// Creates (or updates: provisioning is idempotent) the role and its
    /// schema in the benchmark database, as `postgres`.
    pub async fn provision() -> Result<Service, BoxError> {
        tools::ensure_database(Db::PgTcp).await?;
        let admin = Client::connect(&format!("{PG_TCP}/{BENCH_DB}")).await?;
        let password = run_password();
        let role = ServiceRole::new(SCHEMA, ROLE, password.clone())?;
        role.provision(&admin).await?;
        let host = PG_TCP
            .rsplit_once('@')
            .map(|(_, host)| host)
            .ok_or("PG_TCP has no host part")?;
        let url = format!("postgres://{ROLE}:{password}@{host}/{BENCH_DB}?{PG_OPTIONS}");
        Ok(Service { admin, role, url })
    }

    /// A client builder logged in as the role, scoped to its schema, with
    /// entkit's default pool settings unless the caller changes them.
    pub fn builder(&self) -> ClientBuilder {
        Client::builder(self.url.as_str()).scope(SCHEMA)
    }

    /// A hand-written-sqlx pool logged in as the role, with the settings
    /// section A gives sqlx (entkit's defaults).
    pub fn sqlx_pool(&self) -> Result<sqlx::PgPool, BoxError> {
        Ok(tools::pool_options().connect_lazy_with(self.url.parse()?))
    }

    /// Drops the schema with its tables, and the role: the shared server
    /// keeps no role of the benchmark's between runs.
    pub async fn remove(self) -> Result<(), BoxError> {
        self.role.remove(&self.admin).await?;
        self.admin.close().await;
        Ok(())
    }
}

/// Creates both tables afresh as the role, and fails unless auto-migration
/// secured the tenant table (and only it).
pub async fn create_tables(app: &Client) -> Result<(), BoxError> {
    for table in ["plain_items", "tenant_items"] {
        app.execute_raw(&format!("DROP TABLE IF EXISTS {}", app.qualified(table)))
            .await?;
    }
    let report = app.auto_migrate(&tenancy_model::all_defs()).await?;
    let secured = &report.row_secured_tables;
    if secured.len() != 1 || !secured[0].ends_with("tenant_items") {
        return Err(
            format!("expected row-level security on tenant_items only: {secured:?}").into(),
        );
    }
    Ok(())
}

/// The keys of each tenant's rows, tenant `t` at index `t - 1`.
pub struct Keys {
    pub plain: Vec<Vec<i64>>,
    pub tenant: Vec<Vec<i64>>,
}

/// Seeds `ROWS_PER_TENANT` rows for each of `TENANTS` tenants in both
/// tables (the same names and colours), analyses them, and reads back the
/// keys per tenant.
pub async fn seed(app: &Client) -> Result<Keys, BoxError> {
    let name = |t: i64, i: usize| format!("Item {i} of tenant {t}");
    let colour = |i: usize| {
        if i.is_multiple_of(2) {
            "black"
        } else {
            "brown"
        }
    };
    let mut keys = Keys {
        plain: Vec::new(),
        tenant: Vec::new(),
    };
    for t in 1..=TENANTS {
        let rows = (0..ROWS_PER_TENANT).map(|i| {
            PlainItem::create()
                .tenant(t)
                .name(name(t, i))
                .hair_color(colour(i))
        });
        PlainItem::insert_many(app, rows).await?;
        let rows = (0..ROWS_PER_TENANT)
            .map(|i| TenantItem::create().name(name(t, i)).hair_color(colour(i)));
        TenantItem::insert_many(&app.for_tenant(t), rows).await?;
    }
    app.execute_raw(&format!(
        "ANALYZE {}, {}",
        app.qualified("plain_items"),
        app.qualified("tenant_items")
    ))
    .await?;
    // Hand-written SQL across tenants needs the all-tenants client: row-level
    // security shows the role nothing otherwise.
    let everyone = app.all_tenants();
    for t in 1..=TENANTS {
        for (table, out) in [
            ("plain_items", &mut keys.plain),
            ("tenant_items", &mut keys.tenant),
        ] {
            let sql = format!(
                "SELECT id FROM {} WHERE tenant = $1 ORDER BY id",
                app.qualified(table)
            );
            let rows: Vec<(i64,)> = RawQuery::new(sql).bind(t).fetch_all(&everyone).await?;
            if rows.len() != ROWS_PER_TENANT {
                return Err(format!("{table}: tenant {t} has {} rows", rows.len()).into());
            }
            out.push(rows.into_iter().map(|(id,)| id).collect());
        }
    }
    Ok(keys)
}

/// Proves that the database itself holds the role to the tenant policy:
/// hand-written SQL without a tenant sees no row of `tenant_items`, and
/// with one only that tenant's rows. Were the role exempt from row-level
/// security, the section would not measure it.
pub async fn check_row_security(app: &Client) -> Result<(), BoxError> {
    let sql = format!(
        "SELECT count(*)::bigint FROM {}",
        app.qualified("tenant_items")
    );
    let count = |client: Client| {
        let sql = sql.clone();
        async move {
            let rows: Vec<(i64,)> = RawQuery::new(sql).fetch_all(&client).await?;
            Ok::<i64, BoxError>(rows.first().map_or(0, |(n,)| *n))
        }
    };
    let unbound = count(app.clone()).await?;
    let bound = count(app.for_tenant(BOUND_TENANT)).await?;
    if unbound != 0 || bound != ROWS_PER_TENANT as i64 {
        return Err(format!(
            "row-level security is not in force for {ROLE}: {unbound} rows visible without a \
             tenant, {bound} for one tenant (expected 0 and {ROWS_PER_TENANT})"
        )
        .into());
    }
    Ok(())
}
