//! Hooks: ordering, rejection, and an audit trail written in the same
//! transaction as the change it records.

use std::sync::{Arc, Mutex};

use entkit::{Entity as _, Hook, HookContext, HookFuture, OnConflict, Operation};
use entkit_tests::{Kind, for_each_backend};

use crate::entities::{Article, Member, Note};
use crate::seed::{self, AuditLog, User};

/// Records every call as "name:before:op" / "name:after:op".
struct Recorder {
    name: &'static str,
    log: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    fn push(&self, stage: &str, ctx: &HookContext<'_, '_>) {
        let op = format!("{:?}", ctx.mutation.operation).to_lowercase();
        self.log
            .lock()
            .unwrap()
            .push(format!("{}:{stage}:{op}", self.name));
    }
}

impl Hook for Recorder {
    fn before<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        self.push("before", ctx);
        Box::pin(async { Ok(()) })
    }
    fn after<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        self.push("after", ctx);
        Box::pin(async { Ok(()) })
    }
}

/// Rejects notes whose title is "forbidden".
struct Guard;

impl Hook for Guard {
    fn before<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        Box::pin(async move {
            if ctx.mutation.field("title") == Some(&entkit::Value::Text("forbidden".into())) {
                return Err(entkit::Error::Rejected {
                    reason: "forbidden title".into(),
                });
            }
            Ok(())
        })
    }
}

#[tokio::test]
async fn hooks_run_in_order_and_can_reject() {
    for_each_backend("hooks_run_in_order_and_can_reject", |ctx| async move {
        ctx.migrate(&[Note::def(), User::def()]).await;
        let log = Arc::new(Mutex::new(Vec::new()));
        let c = ctx
            .client
            .with_hook(Recorder {
                name: "first",
                log: log.clone(),
            })
            .with_entity_hook::<Note>(Recorder {
                name: "notes",
                log: log.clone(),
            })
            .with_hook(Guard);
        let n = Note::create().title("ok").score(1).save(&c).await?;
        n.update().set_score(2).save(&c).await?;
        Note::delete_by_id(&c, n.id).await?;
        assert_eq!(
            *log.lock().unwrap(),
            [
                "first:before:create",
                "notes:before:create",
                "first:after:create",
                "notes:after:create",
                "first:before:update",
                "notes:before:update",
                "first:after:update",
                "notes:after:update",
                "first:before:delete",
                "notes:before:delete",
                "first:after:delete",
                "notes:after:delete",
            ]
        );
        // The entity hook is for notes only.
        log.lock().unwrap().clear();
        User::create().name("u").save(&c).await?;
        assert_eq!(
            *log.lock().unwrap(),
            ["first:before:create", "first:after:create"]
        );

        // A rejecting hook stops the mutation: nothing is written.
        let rejected = Note::create().title("forbidden").score(1).save(&c).await;
        assert!(
            matches!(rejected, Err(entkit::Error::Rejected { .. })),
            "{rejected:?}"
        );
        assert_eq!(
            Note::query()
                .filter(Note::TITLE.eq("forbidden"))
                .count(&c)
                .await?,
            0
        );
        // Hooks belong to the client that has them.
        Note::create()
            .title("forbidden")
            .score(1)
            .save(&ctx.client)
            .await?;
        Ok(())
    })
    .await;
}

/// Writes an audit row for every change to a user, in the change's transaction.
struct AuditTrail {
    actor: i64,
}

impl Hook for AuditTrail {
    fn after<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        Box::pin(async move {
            let action = format!(
                "user.{}:{}",
                format!("{:?}", ctx.mutation.operation).to_lowercase(),
                ctx.mutation
                    .key
                    .as_ref()
                    .map(|k| format!("{k:?}"))
                    .unwrap_or_default()
            );
            AuditLog::create()
                .actor_id(self.actor)
                .action(action)
                .save(ctx.executor())
                .await?;
            Ok(())
        })
    }
}

#[tokio::test]
async fn audit_rows_commit_and_roll_back_with_the_change() {
    for_each_backend(
        "audit_rows_commit_and_roll_back_with_the_change",
        |ctx| async move {
            ctx.migrate(&seed::all()).await;
            let admin = User::create().name("admin").save(&ctx.client).await?;
            let c = ctx
                .client
                .with_entity_hook::<User>(AuditTrail { actor: admin.id });

            // On a client: the hook's write and the change share one transaction.
            let ada = User::create().name("ada").save(&c).await?;
            assert_eq!(AuditLog::query().count(&c).await?, 1);
            assert_eq!(
                AuditLog::query().one(&c).await?.action,
                format!("user.create:{}i64", ada.id)
            );

            // Inside a transaction that rolls back, the audit row goes too.
            let mut tx = c.begin().await?;
            User::update_by_id(ada.id)
                .set_name("ada2")
                .save(&mut tx)
                .await?;
            assert_eq!(
                AuditLog::query().count(&mut tx).await?,
                2,
                "visible inside the transaction"
            );
            tx.rollback().await?;
            assert_eq!(AuditLog::query().count(&c).await?, 1);
            assert_eq!(User::get(&c, ada.id).await?.name, "ada");

            // A failing change writes no audit row (the after hook never runs).
            let too_long = "x".repeat(200);
            assert!(
                User::update_by_id(ada.id)
                    .set_name(too_long)
                    .save(&c)
                    .await
                    .is_err()
            );
            assert_eq!(AuditLog::query().count(&c).await?, 1);
            let _ = Operation::Create;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn bulk_writes_run_hooks_per_row_in_one_transaction() {
    for_each_backend(
        "bulk_writes_run_hooks_per_row_in_one_transaction",
        |ctx| async move {
            ctx.migrate(&[Note::def()]).await;
            let log = Arc::new(Mutex::new(Vec::new()));
            let c = ctx
                .client
                .with_hook(Recorder {
                    name: "r",
                    log: log.clone(),
                })
                .with_hook(Guard);
            let rows = ["a", "b"].map(|t| Note::create().title(t).score(1));
            Note::insert_many(&c, rows).await?;
            assert_eq!(
                *log.lock().unwrap(),
                [
                    "r:before:create",
                    "r:before:create",
                    "r:after:create",
                    "r:after:create"
                ]
            );
            // One rejected row rejects the whole insert.
            let rows = ["c", "forbidden", "d"].map(|t| Note::create().title(t).score(1));
            assert!(matches!(
                Note::insert_many(&c, rows).await,
                Err(entkit::Error::Rejected { .. })
            ));
            assert_eq!(Note::query().count(&c).await?, 2);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn an_upsert_that_writes_nothing_runs_no_after_hooks() {
    for_each_backend(
        "an_upsert_that_writes_nothing_runs_no_after_hooks",
        |ctx| async move {
            ctx.migrate(&[Member::def()]).await;
            let log = Arc::new(Mutex::new(Vec::new()));
            let c = ctx.client.with_hook(Recorder {
                name: "r",
                log: log.clone(),
            });
            let taken = |log: &Arc<Mutex<Vec<String>>>| std::mem::take(&mut *log.lock().unwrap());
            let ada = |handle: &str| Member::create().email("ada@x.io").org("o").handle(handle);
            let keep = OnConflict::on(Member::EMAIL).do_nothing();

            assert!(ada("ada").upsert(&c, &keep).await?.is_some());
            assert_eq!(taken(&log), ["r:before:create", "r:after:create"]);

            // The row exists: nothing is written, so an audit hook must not
            // record a create. MariaDB returns the existing row here, and
            // then the hooks cannot tell.
            let kept = ada("ada2").upsert(&c, &keep).await?;
            assert_eq!(kept.is_none(), ctx.kind != Kind::MySql, "{kept:?}");
            let expected: &[&str] = match kept {
                None => &["r:before:create"],
                Some(_) => &["r:before:create", "r:after:create"],
            };
            assert_eq!(taken(&log), expected);
            let kept = Member::upsert_many(&c, [ada("ada3")], &keep).await?;
            let expected: &[&str] = match kept.len() {
                0 => &["r:before:create"],
                _ => &["r:before:create", "r:after:create"],
            };
            assert_eq!(taken(&log), expected);

            // An upsert that updates the existing row is a change.
            let update = OnConflict::on(Member::EMAIL).update(Member::HANDLE);
            let updated = ada("ada4").upsert(&c, &update).await?.expect("the row");
            assert_eq!(updated.handle, "ada4");
            assert_eq!(taken(&log), ["r:before:create", "r:after:create"]);
            Ok(())
        },
    )
    .await;
}

/// An `after` hook's row: its email (as `Debug` shows the value) and key.
type SeenRow = (String, Option<entkit::Value>);

/// Records the key each `after` hook of a create sees, with the row's email.
struct Keys(Arc<Mutex<Vec<SeenRow>>>);

impl Hook for Keys {
    fn after<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        let email = ctx
            .mutation
            .fields
            .iter()
            .find(|(name, _)| *name == "email")
            .map(|(_, value)| format!("{value:?}"))
            .unwrap_or_default();
        self.0
            .lock()
            .unwrap()
            .push((email, ctx.mutation.key.clone()));
        Box::pin(async { Ok(()) })
    }
}

#[tokio::test]
async fn a_partial_upsert_runs_after_hooks_for_the_rows_it_wrote_with_their_keys() {
    for_each_backend(
        "a_partial_upsert_runs_after_hooks_for_the_rows_it_wrote_with_their_keys",
        |ctx| async move {
            ctx.migrate(&[Member::def()]).await;
            let seen = Arc::new(Mutex::new(Vec::new()));
            let c = ctx.client.with_hook(Keys(seen.clone()));
            let member =
                |email: &str, handle: &str| Member::create().email(email).org("o").handle(handle);
            let existing = member("a@x.io", "a").save(&ctx.client).await?;

            // b and c are new; a's conflict is resolved by doing nothing.
            let keep = OnConflict::on(Member::EMAIL).do_nothing();
            let rows = [
                member("b@x.io", "b"),
                member("a@x.io", "a2"),
                member("c@x.io", "c"),
            ];
            let stored = Member::upsert_many(&c, rows, &keep).await?;
            let id_of = |email: &str| {
                let found = Member::query().filter(Member::EMAIL.eq(email)).one(&c);
                async move { found.await.map(|m| m.id) }
            };
            let (b, c_id) = (id_of("b@x.io").await?, id_of("c@x.io").await?);
            let key = |id: i64| Some(entkit::Value::I64(id));
            let mut expected = vec![
                (
                    format!("{:?}", entkit::Value::Text("b@x.io".into())),
                    key(b),
                ),
                (
                    format!("{:?}", entkit::Value::Text("c@x.io".into())),
                    key(c_id),
                ),
            ];
            if ctx.kind == Kind::MySql {
                // MariaDB returns the row it kept too: its hooks run, with
                // that row's key.
                assert_eq!(stored.len(), 3);
                expected.insert(
                    1,
                    (
                        format!("{:?}", entkit::Value::Text("a@x.io".into())),
                        key(existing.id),
                    ),
                );
            } else {
                assert_eq!(stored.len(), 2);
            }
            let mut seen = std::mem::take(&mut *seen.lock().unwrap());
            seen.sort_by(|a, b| a.0.cmp(&b.0));
            expected.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(seen, expected);
            Ok(())
        },
    )
    .await;
}

/// Rejects every delete.
struct NoDeletes;

impl Hook for NoDeletes {
    fn before<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        let delete = ctx.mutation.operation == Operation::Delete;
        Box::pin(async move {
            if delete {
                return Err(entkit::Error::Rejected {
                    reason: "deletes are off".into(),
                });
            }
            Ok(())
        })
    }
}

#[tokio::test]
async fn restore_and_hard_delete_run_hooks() {
    for_each_backend("restore_and_hard_delete_run_hooks", |ctx| async move {
        ctx.migrate(&[Article::def()]).await;
        let log = Arc::new(Mutex::new(Vec::new()));
        let c = ctx.client.with_entity_hook::<Article>(Recorder {
            name: "articles",
            log: log.clone(),
        });
        let a = Article::create().title("a").save(&c).await?;
        Article::delete_by_id(&c, a.id).await?;
        log.lock().unwrap().clear();

        Article::restore_by_id(&c, a.id).await?;
        Article::hard_delete_by_id(&c, a.id).await?;
        assert_eq!(
            *log.lock().unwrap(),
            [
                "articles:before:update",
                "articles:after:update",
                "articles:before:delete",
                "articles:after:delete",
            ]
        );

        // A hook that rejects deletes keeps the row, hard delete or not.
        let b = Article::create().title("b").save(&ctx.client).await?;
        let guarded = ctx.client.with_hook(NoDeletes);
        let refused = Article::hard_delete_by_id(&guarded, b.id).await;
        assert!(
            matches!(refused, Err(entkit::Error::Rejected { .. })),
            "{refused:?}"
        );
        assert_eq!(Article::get(&ctx.client, b.id).await?.title, "b");
        Ok(())
    })
    .await;
}

/// Records each edge change as "op roles=<neighbour> of <row>".
struct EdgeLog(Arc<Mutex<Vec<String>>>);

impl Hook for EdgeLog {
    fn after<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        let m = ctx.mutation;
        let key = |v: Option<&entkit::Value>| match v {
            Some(entkit::Value::I64(i)) => i.to_string(),
            other => format!("{other:?}"),
        };
        let (edge, neighbour) = m
            .fields
            .first()
            .map_or(("-", None), |(name, value)| (*name, Some(value)));
        self.0.lock().unwrap().push(format!(
            "{:?} {edge}={} of {}",
            m.operation,
            key(neighbour),
            key(m.key.as_ref())
        ));
        Box::pin(async { Ok(()) })
    }
}

/// Refuses every new link.
struct NoLinks;

impl Hook for NoLinks {
    fn before<'a>(&'a self, ctx: &'a mut HookContext<'_, '_>) -> HookFuture<'a> {
        Box::pin(async move {
            if ctx.mutation.operation == Operation::Link {
                return Err(entkit::Error::Rejected {
                    reason: "no new links".into(),
                });
            }
            Ok(())
        })
    }
}

#[tokio::test]
async fn edge_membership_changes_run_hooks() {
    for_each_backend("edge_membership_changes_run_hooks", |ctx| async move {
        ctx.migrate(&seed::all()).await;
        let log = Arc::new(Mutex::new(Vec::new()));
        let c = ctx.client.with_entity_hook::<User>(EdgeLog(log.clone()));
        let ada = User::create().name("ada").save(&c).await?;
        let [r1, r2, r3] = [
            seed::Role::create().name("r1").save(&ctx.client).await?.id,
            seed::Role::create().name("r2").save(&ctx.client).await?.id,
            seed::Role::create().name("r3").save(&ctx.client).await?.id,
        ];
        log.lock().unwrap().clear();
        let (a, r) = (ada.id, |id: i64| id.to_string());

        ada.add_roles(&c, [r1, r2]).await?;
        assert_eq!(ada.remove_roles(&c, [r1]).await?, 1);
        ada.set_roles(&c, [r1, r3]).await?;
        assert_eq!(ada.clear_roles(&c).await?, 2);
        assert_eq!(
            *log.lock().unwrap(),
            [
                format!("Link roles={} of {a}", r(r1)),
                format!("Link roles={} of {a}", r(r2)),
                format!("Unlink roles={} of {a}", r(r1)),
                // set: the neighbour it had goes, the new ones come.
                format!("Unlink roles={} of {a}", r(r2)),
                format!("Link roles={} of {a}", r(r1)),
                format!("Link roles={} of {a}", r(r3)),
                // clear: each neighbour, read in the same transaction.
                format!("Unlink roles={} of {a}", r(r1)),
                format!("Unlink roles={} of {a}", r(r3)),
            ]
        );

        // A has_many edge (the neighbour's foreign key) is reported the same way.
        log.lock().unwrap().clear();
        let post = seed::Post::create().title("p").save(&ctx.client).await?;
        ada.add_posts(&c, [post.id]).await?;
        assert_eq!(
            *log.lock().unwrap(),
            [format!("Link posts={} of {a}", post.id)]
        );

        // A hook that refuses a link stops it: nothing is linked.
        let guarded = ctx.client.with_entity_hook::<User>(NoLinks);
        let refused = ada.add_roles(&guarded, [r2]).await;
        assert!(
            matches!(refused, Err(entkit::Error::Rejected { .. })),
            "{refused:?}"
        );
        let refused = ada.set_roles(&guarded, [r2]).await;
        assert!(matches!(refused, Err(entkit::Error::Rejected { .. })));
        assert_eq!(ada.query_roles().count(&ctx.client).await?, 0);

        // No hook for the target entity's side: a hook for roles sees nothing here.
        log.lock().unwrap().clear();
        let roles_only = ctx
            .client
            .with_entity_hook::<seed::Role>(EdgeLog(log.clone()));
        ada.add_roles(&roles_only, [r1]).await?;
        assert!(log.lock().unwrap().is_empty());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_scoped_client_keeps_its_hooks() {
    for_each_backend("a_scoped_client_keeps_its_hooks", |ctx| async move {
        let log = Arc::new(Mutex::new(Vec::new()));
        let hooked = ctx.root.with_hook(Recorder {
            name: "audit",
            log: log.clone(),
        });
        let other = ctx.extra_scope("hooked");
        let name = other.scope_name().expect("a scope").to_owned();
        entkit_tests::migrate_on(&other, &[Note::def()]).await;
        let scoped = hooked.scope(&name)?;
        Note::create().title("n").score(1).save(&scoped).await?;
        assert_eq!(
            *log.lock().unwrap(),
            ["audit:before:create", "audit:after:create"]
        );
        assert_eq!(Note::query().count(&other).await?, 1);
        Ok(())
    })
    .await;
}
