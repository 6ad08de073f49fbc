//! PostgreSQL row-level security, the second wall behind the tenant filter.
//!
//! Superusers and table owners without `FORCE` bypass row-level security, so
//! every case here runs as a service role made by `ServiceRole` (a login
//! role that owns its schema and nothing else, no `BYPASSRLS`), which
//! auto-migrates its own tenant tables (`ENABLE` and `FORCE ROW LEVEL
//! SECURITY`, the `entkit_tenant` policy). Hand-written SQL through a
//! tenant client then reads and changes only that tenant's rows, through a
//! client without a tenant none, whichever tenant the pooled connection
//! served before.

use std::future::Future;
use std::panic::AssertUnwindSafe;

use entkit::{Client, Error, OnConflict, RawQuery, ServiceRole};
use entkit_tests::{Kind, selected_backends, unique_name};
use futures_util::FutureExt as _;

use crate::tenancy::entities::{self, TnLabel, TnMember};

/// A service role with its own schema, and a client logged in as it.
struct Service {
    admin: Client,
    role: ServiceRole,
    app: Client,
}

impl Service {
    /// `table` qualified with the service's schema, for hand-written SQL.
    fn table(&self, table: &str) -> String {
        self.app.qualified(table)
    }
}

/// Provisions a service role, connects as it with a pool of `pool`
/// connections, auto-migrates the tenant entities as it, runs `case`, and
/// removes the role and schema whatever happened. Skipped (returns) when
/// PostgreSQL is not among the selected backends.
async fn as_service_role<F, Fut>(tag: &str, pool: u32, case: F)
where
    F: FnOnce(Service) -> Fut,
    Fut: Future<Output = entkit::Result<()>>,
{
    if !selected_backends().contains(&Kind::Postgres) {
        return;
    }
    let url = Kind::Postgres.url();
    let admin = Client::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("{tag}: connect as the administrator: {e}"));
    let service = unique_name(tag);
    let role = ServiceRole::new(&service, &format!("{service}_app"), "rls-test-pw").expect("role");
    role.provision(&admin)
        .await
        .unwrap_or_else(|e| panic!("{tag}: provision: {e}"));
    let outcome = AssertUnwindSafe(async {
        let (scheme, rest) = url.split_once("://").expect("a URL with ://");
        let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
        let app = Client::builder(format!("{scheme}://{}:rls-test-pw@{host}", role.role()))
            .max_connections(pool)
            .scope(role.service())
            .connect()
            .await?;
        let report = app.auto_migrate(&entities::all()).await?;
        assert_eq!(
            report.row_secured_tables.len(),
            5,
            "every tenant table secured: {report:?}"
        );
        let service = Service {
            admin: admin.clone(),
            role: role.clone(),
            app,
        };
        case(service).await
    })
    .catch_unwind()
    .await;
    role.remove(&admin)
        .await
        .unwrap_or_else(|e| panic!("{tag}: remove the service role: {e}"));
    admin.close().await;
    match outcome {
        Ok(result) => result.unwrap_or_else(|e| panic!("{tag}: {e}")),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// `(org, name)` of every member row the client's session can see, read
/// with hand-written SQL (no tenant filter of entkit's).
async fn raw_members(client: &Client, table: &str) -> entkit::Result<Vec<(i64, String)>> {
    RawQuery::new(format!("SELECT org, name FROM {table} ORDER BY id"))
        .fetch_all(client)
        .await
}

/// Creates `n` members of `org`.
async fn seed_members(app: &Client, org: i64, n: usize) -> entkit::Result<()> {
    let tenant = app.for_tenant(org);
    for i in 0..n {
        TnMember::create()
            .name(format!("org{org}-{i}"))
            .score(0)
            .save(&tenant)
            .await?;
    }
    Ok(())
}

#[tokio::test]
async fn hand_written_sql_reads_and_changes_only_the_clients_tenant() {
    as_service_role("rls_raw", 1, |s| async move {
        let members = s.table("tn_members");
        seed_members(&s.app, 1, 3).await?;
        seed_members(&s.app, 2, 2).await?;
        // One pooled connection: every client below reuses it, so each must
        // set the session's tenant before its statement.
        let (one, two, none, all) = (
            s.app.for_tenant(1i64),
            s.app.for_tenant(2i64),
            s.app.clone(),
            s.app.all_tenants(),
        );
        for _ in 0..2 {
            let rows = raw_members(&one, &members).await?;
            assert_eq!(rows.len(), 3);
            assert!(rows.iter().all(|(org, _)| *org == 1), "{rows:?}");
            assert!(raw_members(&none, &members).await?.is_empty());
            let rows = raw_members(&two, &members).await?;
            assert_eq!(rows.len(), 2);
            assert!(rows.iter().all(|(org, _)| *org == 2), "{rows:?}");
            assert_eq!(raw_members(&all, &members).await?.len(), 5);
        }

        // Writes by hand touch only the tenant's rows.
        let bumped = RawQuery::new(format!("UPDATE {members} SET score = score + 1"))
            .execute(&two)
            .await?;
        assert_eq!(bumped, 2);
        let sums: Vec<(i64, i64)> = RawQuery::new(format!(
            "SELECT org, SUM(score)::bigint FROM {members} GROUP BY org ORDER BY org"
        ))
        .fetch_all(&all)
        .await?;
        assert_eq!(sums, [(1, 0), (2, 2)]);
        assert_eq!(
            none.execute_raw(&format!("DELETE FROM {members}")).await?,
            0
        );
        assert_eq!(
            one.execute_raw(&format!("DELETE FROM {members} WHERE org = 2"))
                .await?,
            0
        );
        // A row of another tenant cannot be written by hand either.
        let insert = format!("INSERT INTO {members} (org, name, score) VALUES (2, 'smuggled', 0)");
        match one.execute_raw(&insert).await {
            Err(Error::PermissionDenied { message }) => {
                assert!(message.contains("row-level security"), "{message}");
            }
            other => panic!("insert for another tenant: {other:?}"),
        }
        assert_eq!(raw_members(&all, &members).await?.len(), 5);

        // The same inside transactions, whose rollback must not undo the
        // session's tenant: the next client on the connection is checked.
        let mut tx = two.begin().await?;
        let rows: Vec<(i64, String)> = RawQuery::new(format!("SELECT org, name FROM {members}"))
            .fetch_all(&mut tx)
            .await?;
        assert!(rows.len() == 2 && rows.iter().all(|(org, _)| *org == 2));
        tx.rollback().await?;
        assert!(raw_members(&none, &members).await?.is_empty());
        let mut tx = one.begin().await?;
        tx.execute_raw(&format!("UPDATE {members} SET score = 7"))
            .await?;
        tx.rollback().await?;
        assert_eq!(raw_members(&one, &members).await?.len(), 3);

        // Streams from the pool run under the tenant too.
        use futures_util::TryStreamExt as _;
        let streamed: Vec<TnMember> = TnMember::query().stream(&two).try_collect().await?;
        assert_eq!(streamed.len(), 2);

        // The tenant settings are entkit's: hand-written SQL may not set them
        // or reset every setting, on any client.
        for sql in [
            "SET entkit.tenant = '2'",
            "SELECT set_config('entkit.all_tenants', 'on', false)",
            "RESET ALL",
            "discard  all",
        ] {
            let before = s.app.statement_count();
            match one.execute_raw(sql).await {
                Err(Error::TenantSettingReserved { .. }) => {}
                other => panic!("{sql}: expected TenantSettingReserved, got {other:?}"),
            }
            assert_eq!(s.app.statement_count(), before, "{sql} was sent");
        }
        let refused = RawQuery::new("SELECT current_setting('entkit.tenant')")
            .fetch_all::<(String,)>(&one)
            .await;
        assert!(matches!(refused, Err(Error::TenantSettingReserved { .. })));
        let _ = (&s.admin, &s.role);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn generated_operations_work_under_row_level_security() {
    as_service_role("rls_random", 2, |s| async move {
        // The random sequences of the tenancy suite (creates, bulk writes,
        // updates, deletes, edges, eager loads) as the application role.
        crate::tenancy::random::run(&s.app).await?;
        // Upserts meet another tenant's row only through the unique index:
        // the policy refuses to update it, as the application filter does.
        let a = s.app.for_tenant("a");
        let b = s.app.for_tenant("b");
        TnLabel::create().code("shared").hits(1).save(&a).await?;
        let on_code = OnConflict::on(TnLabel::CODE).update(TnLabel::HITS);
        let crossed = TnLabel::create()
            .code("shared")
            .hits(5)
            .upsert(&b, &on_code)
            .await;
        // Without row-level security the filter makes this a no-op; under
        // it, PostgreSQL refuses to let the conflict reach a row the
        // session cannot see.
        match crossed {
            Err(Error::PermissionDenied { message }) => {
                assert!(message.contains("row-level security"), "{message}");
            }
            other => panic!("upsert onto another tenant's row: {other:?}"),
        }
        let rows: Vec<(String, i32)> =
            RawQuery::new(format!("SELECT tenant, hits FROM {}", s.table("tn_labels")))
                .fetch_all(&s.app.all_tenants())
                .await?;
        assert_eq!(rows, [("a".to_owned(), 1)]);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn fifty_tasks_alternating_tenants_on_four_connections_never_cross() {
    const ORGS: [i64; 3] = [101, 202, 303];
    const PER_ORG: usize = 4;
    as_service_role("rls_concurrent", 4, |s| async move {
        for org in ORGS {
            seed_members(&s.app, org, PER_ORG).await?;
        }
        let members = s.table("tn_members");
        let tasks = (0..50).map(|task| {
            let (app, members) = (s.app.clone(), members.clone());
            tokio::spawn(async move {
                for round in 0..12 {
                    let org = ORGS[(task + round) % ORGS.len()];
                    let tenant = app.for_tenant(org);
                    match round % 4 {
                        0 => {
                            let rows = TnMember::query().all(&tenant).await?;
                            assert_eq!(rows.len(), PER_ORG);
                            assert!(rows.iter().all(|m| m.org == org), "task {task}: {org}");
                        }
                        1 => {
                            let rows = raw_members(&tenant, &members).await?;
                            assert_eq!(rows.len(), PER_ORG, "task {task}: {org}");
                            assert!(rows.iter().all(|(o, _)| *o == org), "task {task}");
                        }
                        2 => {
                            let changed =
                                RawQuery::new(format!("UPDATE {members} SET score = score + 1"))
                                    .execute(&tenant)
                                    .await?;
                            assert_eq!(changed, PER_ORG as u64, "task {task}: {org}");
                        }
                        _ => {
                            assert!(raw_members(&app, &members).await?.is_empty());
                            let everyone = raw_members(&app.all_tenants(), &members).await?;
                            assert_eq!(everyone.len(), PER_ORG * ORGS.len());
                        }
                    }
                }
                Ok::<_, Error>(())
            })
        });
        for outcome in futures_util::future::join_all(tasks).await {
            outcome.expect("task panicked")?;
        }
        // Every update landed on its own tenant's rows: 50 tasks × 3 update
        // rounds each, spread over the tenants by (task + round).
        let mut expected = [0i64; 3];
        for task in 0..50 {
            for round in (0..12).filter(|r| r % 4 == 2) {
                expected[(task + round) % 3] += 1;
            }
        }
        let sums: Vec<(i64, i64)> = RawQuery::new(format!(
            "SELECT org, SUM(score)::bigint FROM {members} GROUP BY org ORDER BY org"
        ))
        .fetch_all(&s.app.all_tenants())
        .await?;
        let wanted: Vec<(i64, i64)> = ORGS
            .iter()
            .zip(expected)
            .map(|(org, n)| (*org, n * PER_ORG as i64))
            .collect();
        assert_eq!(sums, wanted);
        assert!(s.app.pool_stats().max == 4);
        Ok(())
    })
    .await;
}
