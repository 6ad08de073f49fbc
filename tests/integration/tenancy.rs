//! Row-level tenancy: a client bound to a tenant reads and changes only
//! that tenant's rows of tenant entities; without a tenant every operation
//! fails before anything is sent; `all_tenants` crosses tenants on purpose.

pub mod entities;
pub mod random;

use entkit::{Client, ConstraintKind, Error, OnConflict, PageRequest, Tenancy, Value, count};
use entkit_tests::{expect_constraint, expect_not_found, for_each_backend};
use futures_util::TryStreamExt as _;

pub use entities::{TnDoc, TnLabel, TnMember, TnPlan, TnTask, TnTeam};

/// Asserts `result` is `TenantRequired` for `entity` and that no statement
/// went to the server meanwhile.
#[track_caller]
fn refused<T: std::fmt::Debug>(
    client: &Client,
    before: u64,
    entity: &str,
    result: entkit::Result<T>,
) {
    match result {
        Err(Error::TenantRequired { entity: e }) => assert_eq!(e, entity),
        other => panic!("expected TenantRequired for {entity}, got {other:?}"),
    }
    assert_eq!(
        client.statement_count(),
        before,
        "a refused operation sent a statement"
    );
}

#[tokio::test]
async fn every_operation_without_a_tenant_fails_and_sends_nothing() {
    for_each_backend(
        "every_operation_without_a_tenant_fails_and_sends_nothing",
        |ctx| async move {
            ctx.migrate(&entities::all()).await;
            let c = &ctx.client;
            assert_eq!(c.tenant(), &Tenancy::Unset);
            let org = c.for_tenant(1_i64);
            let m = TnMember::create().name("m").score(1).save(&org).await?;
            let team = TnTeam::create().name("t").save(&org).await?;

            // Each operation kind, on a client without a tenant.
            let n = c.statement_count();
            refused(
                c,
                n,
                "TnMember",
                TnMember::create().name("x").score(0).save(c).await,
            );
            let rows = || [TnMember::create().name("x").score(0)];
            refused(c, n, "TnMember", TnMember::create_many(c, rows()).await);
            refused(c, n, "TnMember", TnMember::insert_many(c, rows()).await);
            let on_code = OnConflict::on(TnLabel::CODE).update(TnLabel::HITS);
            let label = || TnLabel::create().code("l").hits(1);
            refused(c, n, "TnLabel", label().upsert(c, &on_code).await);
            refused(
                c,
                n,
                "TnLabel",
                TnLabel::upsert_many(c, [label()], &on_code).await,
            );
            refused(c, n, "TnMember", TnMember::get(c, m.id).await);
            refused(c, n, "TnMember", TnMember::find(c, m.id).await);
            refused(c, n, "TnMember", TnMember::query().all(c).await);
            refused(c, n, "TnMember", TnMember::query().first(c).await);
            refused(c, n, "TnMember", TnMember::query().one(c).await);
            refused(c, n, "TnMember", TnMember::query().count(c).await);
            refused(c, n, "TnMember", TnMember::query().exists(c).await);
            let streamed: entkit::Result<Vec<TnMember>> =
                TnMember::query().stream(c).try_collect().await;
            refused(c, n, "TnMember", streamed);
            let page = TnMember::query().paginate(c, PageRequest::first(10)).await;
            refused(c, n, "TnMember", page);
            let sums = TnMember::query()
                .select((count(), TnMember::SCORE.sum()))
                .all(c)
                .await;
            refused(c, n, "TnMember", sums);
            let update = TnMember::update_by_id(m.id).set_score(5).save(c).await;
            refused(c, n, "TnMember", update);
            refused(c, n, "TnMember", m.update().set_score(5).save(c).await);
            refused(
                c,
                n,
                "TnMember",
                TnMember::update_many().set_score(5).exec(c).await,
            );
            if c.backend() != entkit::Backend::MySql {
                let returned = TnMember::update_many().set_score(5).exec_returning(c).await;
                refused(c, n, "TnMember", returned);
            }
            refused(c, n, "TnMember", TnMember::delete_by_id(c, m.id).await);
            refused(c, n, "TnMember", TnMember::delete_many().exec(c).await);
            refused(
                c,
                n,
                "TnDoc",
                TnDoc::hard_delete_by_id(c, uuid::Uuid::now_v7()).await,
            );
            refused(
                c,
                n,
                "TnDoc",
                TnDoc::restore_by_id(c, uuid::Uuid::now_v7()).await,
            );
            // Edges: traversal, predicates, eager loads and membership.
            refused(c, n, "TnTeam", m.query_teams().all(c).await);
            let traversed = TnMember::query().traverse(TnMember::TEAMS).all(c).await;
            refused(c, n, "TnTeam", traversed);
            let loaded = TnTeam::query().with(TnTeam::MEMBERS, |q| q).all(c).await;
            refused(c, n, "TnTeam", loaded);
            refused(c, n, "TnTeam", team.add_members(c, [m.id]).await);
            refused(c, n, "TnTeam", team.remove_members(c, [m.id]).await);
            refused(c, n, "TnTeam", team.set_members(c, [m.id]).await);
            refused(c, n, "TnTeam", team.clear_members(c).await);
            // A tenant entity reached from a query of a tenant entity's
            // neighbour, and a predicate naming one.
            let tasks = TnTask::query()
                .filter(TnTask::OWNER.exists())
                .count(c)
                .await;
            refused(c, n, "TnTask", tasks);
            // In a transaction, nothing is sent either, beyond its BEGIN.
            let mut tx = c.begin().await?;
            let began = c.statement_count();
            refused(c, began, "TnMember", TnMember::query().all(&mut tx).await);
            tx.rollback().await?;

            // The tenant is there, but of another type than the key.
            let n = c.statement_count();
            let wrong = TnMember::query().count(&c.for_tenant("acme")).await;
            assert!(
                matches!(
                    wrong,
                    Err(Error::TenantType {
                        entity: "TnMember",
                        ..
                    })
                ),
                "{wrong:?}"
            );
            let wrong = TnLabel::query().count(&c.for_tenant(7_i64)).await;
            assert!(matches!(wrong, Err(Error::TenantType { .. })), "{wrong:?}");
            assert_eq!(c.statement_count(), n);
            // Integers convert where they fit.
            assert_eq!(TnMember::query().count(&c.for_tenant(1_i32)).await?, 1);

            // Entities without a tenant key ignore the tenant.
            TnPlan::create().name("free").save(c).await?;
            assert_eq!(TnPlan::query().count(&org).await?, 1);

            // The one thing all_tenants cannot do: create a tenant's row.
            let n = c.statement_count();
            let everyone = c.all_tenants();
            let created = TnMember::create().name("x").score(0).save(&everyone).await;
            refused(&everyone, n, "TnMember", created);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_tenant_reads_and_changes_only_its_own_rows() {
    for_each_backend(
        "a_tenant_reads_and_changes_only_its_own_rows",
        |ctx| async move {
            ctx.migrate(&entities::all()).await;
            let c = &ctx.client;
            let (a, b) = (c.for_tenant(1_i64), c.for_tenant(2_i64));
            assert_eq!(a.tenant(), &Tenancy::Tenant(Value::I64(1)));
            let a1 = TnMember::create().name("a1").score(1).save(&a).await?;
            assert_eq!(a1.org, 1, "the tenant comes from the client");
            let a2 = TnMember::create().name("a2").score(2).save(&a).await?;
            let b1 = TnMember::create().name("b1").score(3).save(&b).await?;
            let written = TnMember::insert_many(&b, [TnMember::create().name("b2").score(4)]);
            assert_eq!(written.await?, 1);

            assert_eq!(TnMember::query().count(&a).await?, 2);
            let names: Vec<String> = TnMember::query()
                .order_by(TnMember::NAME.asc())
                .all(&b)
                .await?
                .into_iter()
                .map(|m| m.name)
                .collect();
            assert_eq!(names, ["b1", "b2"]);
            expect_not_found(TnMember::get(&a, b1.id).await);
            assert!(TnMember::find(&b, a1.id).await?.is_none());
            let sum: Vec<(i64, Option<i64>)> = TnMember::query()
                .select((count(), TnMember::SCORE.sum()))
                .all(&a)
                .await?;
            assert_eq!(sum, [(2, Some(3))]);
            let page = TnMember::query()
                .order_by(TnMember::NAME.asc())
                .paginate(&b, PageRequest::first(1))
                .await?;
            assert_eq!(page.items[0].name, "b1");
            let next = page.next.expect("a second page");
            let page = TnMember::query()
                .order_by(TnMember::NAME.asc())
                .paginate(&b, PageRequest::after(next, 5))
                .await?;
            assert_eq!(page.items.len(), 1);
            assert_eq!(page.items[0].name, "b2");
            let streamed: Vec<TnMember> = TnMember::query().stream(&b).try_collect().await?;
            assert_eq!(streamed.len(), 2);
            assert!(streamed.iter().all(|m| m.org == 2), "{streamed:?}");

            // No API changes a row's tenant, not even the untyped builders.
            let mut update = entkit::builder::UpdateOne::<TnMember>::new(b1.id);
            entkit::builder::Assign::assign(&mut update, 1, Value::I64(1));
            let moved = update.save(&b).await;
            assert!(
                matches!(moved, Err(Error::Validation { field: "org", .. })),
                "{moved:?}"
            );
            let mut create = entkit::builder::Create::<TnMember>::new();
            create.set(1, Value::I64(1));
            create.set(2, Value::Text("x".into()));
            create.set(3, Value::I32(0));
            let foreign = create.save(&b).await;
            assert!(
                matches!(foreign, Err(Error::Validation { field: "org", .. })),
                "{foreign:?}"
            );

            // Changes by key of another tenant's row find nothing.
            expect_not_found(TnMember::update_by_id(b1.id).set_score(9).save(&a).await);
            expect_not_found(TnMember::delete_by_id(&a, b1.id).await);
            assert_eq!(TnMember::update_many().set_score(7).exec(&a).await?, 2);
            assert_eq!(
                TnMember::get(&b, b1.id).await?.score,
                3,
                "b's row untouched"
            );
            let gone = TnMember::delete_many()
                .filter(TnMember::NAME.eq("b1"))
                .exec(&a)
                .await?;
            assert_eq!(gone, 0);
            TnMember::delete_by_id(&a, a2.id).await?;
            assert_eq!(TnMember::query().count(&c.all_tenants()).await?, 3);

            // A transaction runs with the tenant of the client that began it.
            let mut tx = b.begin().await?;
            assert_eq!(TnMember::query().count(&mut tx).await?, 2);
            expect_not_found(TnMember::get(&mut tx, a1.id).await);
            tx.commit().await?;
            // A scope keeps the tenant.
            if let Some(scope) = c.scope_name() {
                assert_eq!(a.scope(scope)?.tenant(), a.tenant());
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn edges_and_join_tables_stay_within_the_tenant() {
    for_each_backend(
        "edges_and_join_tables_stay_within_the_tenant",
        |ctx| async move {
            ctx.migrate(&entities::all()).await;
            let c = &ctx.client;
            let (a, b) = (c.for_tenant(1_i64), c.for_tenant(2_i64));
            let ma = TnMember::create().name("ma").score(1).save(&a).await?;
            let mb = TnMember::create().name("mb").score(1).save(&b).await?;
            let ta = TnTeam::create().name("ta").save(&a).await?;
            let tb = TnTeam::create().name("tb").save(&b).await?;

            // A link needs both ends in the tenant, and the parent to be its own.
            ta.add_members(&a, [ma.id]).await?;
            expect_not_found(ta.add_members(&a, [mb.id]).await);
            expect_not_found(tb.add_members(&a, [ma.id]).await);
            expect_not_found(TnTeam::MEMBERS.add(&a, tb.id, [mb.id]).await);
            tb.add_members(&b, [mb.id]).await?;
            expect_not_found(tb.remove_members(&a, [mb.id]).await);
            expect_not_found(tb.clear_members(&a).await);
            expect_not_found(tb.set_members(&a, [ma.id]).await);
            assert_eq!(tb.query_members().count(&b).await?, 1, "b's link untouched");
            // A join table between tenant entities holds only same-tenant links.
            let everyone = c.all_tenants();
            let loaded = TnTeam::query()
                .order_by(TnTeam::NAME.asc())
                .with(TnTeam::MEMBERS, |q| q)
                .all(&everyone)
                .await?;
            let ids: Vec<Vec<i64>> = loaded
                .iter()
                .map(|t| Ok(t.edges.members()?.iter().map(|m| m.id).collect()))
                .collect::<entkit::Result<_>>()?;
            assert_eq!(ids, [vec![ma.id], vec![mb.id]]);

            // A foreign key to another tenant's row fails like one to no row.
            let task = TnTask::create().title("x").owner_id(mb.id).save(&a).await;
            let violation = expect_constraint(task, ConstraintKind::ForeignKey);
            assert_eq!(
                violation.constraint.as_deref(),
                Some("tn_tasks_owner_id_fkey")
            );
            let t = TnTask::create().title("t").owner_id(ma.id).save(&a).await?;
            let moved = TnTask::update_by_id(t.id)
                .set_owner_id(mb.id)
                .save(&a)
                .await;
            expect_constraint(moved, ConstraintKind::ForeignKey);
            let moved = TnTask::update_many().set_owner_id(mb.id).exec(&a).await;
            expect_constraint(moved, ConstraintKind::ForeignKey);
            TnTask::create().title("u").save(&b).await?;
            let tasks = TnTask::query().with(TnTask::OWNER, |q| q).all(&a).await?;
            assert_eq!(tasks.len(), 1);
            assert_eq!(tasks[0].edges.owner()?.map(|m| m.id), Some(ma.id));
            // has_many membership: another tenant's task is not moved.
            ma.add_tasks(&a, [t.id]).await?;
            assert_eq!(ma.query_tasks().count(&a).await?, 1);
            assert_eq!(mb.query_tasks().count(&b).await?, 0);
            expect_not_found(mb.add_tasks(&a, [t.id]).await);

            // Predicates and traversals see the tenant's neighbours only.
            let with_team = TnMember::query()
                .filter(TnMember::TEAMS.exists())
                .count(&a)
                .await?;
            assert_eq!(with_team, 1);
            let teams = TnMember::query().traverse(TnMember::TEAMS).all(&a).await?;
            assert_eq!(teams.iter().map(|t| t.id).collect::<Vec<_>>(), [ta.id]);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn upserts_leave_other_tenants_rows_alone() {
    for_each_backend("upserts_leave_other_tenants_rows_alone", |ctx| async move {
        ctx.migrate(&entities::all()).await;
        let c = &ctx.client;
        let (a, b) = (c.for_tenant("a"), c.for_tenant("b"));
        let on_code = OnConflict::on(TnLabel::CODE).update(TnLabel::HITS);
        let mine = TnLabel::create().code("x").hits(1).save(&a).await?;
        assert_eq!(mine.tenant, "a");
        let mariadb = c.backend() == entkit::Backend::MySql;
        let upserted = TnLabel::create()
            .code("x")
            .hits(5)
            .upsert(&b, &on_code)
            .await;
        match upserted {
            Ok(row) => assert!(row.is_none(), "another tenant's row returned: {row:?}"),
            // MySQL proper has no RETURNING; MariaDB has.
            Err(Error::Unsupported { .. }) if mariadb => {}
            Err(e) => return Err(e),
        }
        let many = TnLabel::upsert_many(&b, [TnLabel::create().code("x").hits(6)], &on_code);
        match many.await {
            Ok(rows) => assert!(rows.is_empty(), "{rows:?}"),
            Err(Error::Unsupported { .. }) if mariadb => {}
            Err(e) => return Err(e),
        }
        let everyone = c.all_tenants();
        let all = TnLabel::query().all(&everyone).await?;
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].tenant.as_str(), all[0].hits), ("a", 1));
        // The owner's own upsert updates it.
        let own = TnLabel::create()
            .code("x")
            .hits(2)
            .upsert(&a, &on_code)
            .await;
        match own {
            Ok(row) => assert_eq!(row.map(|l| l.hits), Some(2)),
            Err(Error::Unsupported { .. }) if mariadb => {}
            Err(e) => return Err(e),
        }

        // A uuid tenant on a soft-delete entity.
        let (s1, s2) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        let (d1, d2) = (c.for_tenant(s1), c.for_tenant(s2));
        let doc = TnDoc::create().title("d").save(&d1).await?;
        assert_eq!(doc.space, s1);
        expect_not_found(TnDoc::delete_by_id(&d2, doc.id).await);
        TnDoc::delete_by_id(&d1, doc.id).await?;
        expect_not_found(TnDoc::restore_by_id(&d2, doc.id).await);
        expect_not_found(TnDoc::hard_delete_by_id(&d2, doc.id).await);
        assert_eq!(TnDoc::query().only_deleted().count(&d2).await?, 0);
        TnDoc::restore_by_id(&d1, doc.id).await?;
        assert_eq!(TnDoc::get(&d1, doc.id).await?.title, "d");
        Ok(())
    })
    .await;
}
