//! Random sequences of operations by three tenants, checked against a model
//! of who owns what: no tenant ever reads or changes another's rows.
//!
//! A seeded xorshift picks each step (reproducible: a failure names its
//! seed and step). Every key an operation uses is drawn from all tenants'
//! rows, so most cross-tenant attempts are made on purpose.

use std::collections::{BTreeMap, BTreeSet};

use entkit::{Client, ConstraintKind, Error, PageRequest};
use entkit_tests::{Rng, for_each_backend};
use futures_util::FutureExt as _;
use std::panic::AssertUnwindSafe;

use super::{TnMember, TnTask, TnTeam, entities};

const TENANTS: [i64; 3] = [11, 22, 33];
const SEEDS: [u64; 3] = [
    0x9e37_79b9_7f4a_7c15,
    0x2545_f491_4f6c_dd1d,
    0x1234_5678_9abc_def1,
];
const STEPS: usize = 90;

/// Who owns what, as the operations so far should have left it.
#[derive(Default, Debug, PartialEq)]
struct Model {
    /// id → (tenant, name, score)
    members: BTreeMap<i64, (i64, String, i32)>,
    /// id → tenant
    teams: BTreeMap<i64, i64>,
    /// (team, member)
    links: BTreeSet<(i64, i64)>,
    /// id → (tenant, owner)
    tasks: BTreeMap<i64, (i64, Option<i64>)>,
}

impl Model {
    fn member_ids(&self) -> Vec<i64> {
        self.members.keys().copied().chain([i64::MAX]).collect()
    }

    fn team_ids(&self) -> Vec<i64> {
        self.teams.keys().copied().collect()
    }

    fn members_of(&self, tenant: i64) -> BTreeMap<i64, (i64, String, i32)> {
        self.members
            .iter()
            .filter(|(_, m)| m.0 == tenant)
            .map(|(id, m)| (*id, m.clone()))
            .collect()
    }

    fn owns_member(&self, tenant: i64, id: i64) -> bool {
        self.members.get(&id).is_some_and(|m| m.0 == tenant)
    }

    fn owns_team(&self, tenant: i64, id: i64) -> bool {
        self.teams.get(&id) == Some(&tenant)
    }

    fn remove_member(&mut self, id: i64) {
        self.members.remove(&id);
        self.links.retain(|(_, m)| *m != id);
        for task in self.tasks.values_mut() {
            if task.1 == Some(id) {
                task.1 = None; // on_delete = set_null
            }
        }
    }
}

fn members_map(rows: Vec<TnMember>) -> BTreeMap<i64, (i64, String, i32)> {
    rows.into_iter()
        .map(|m| (m.id, (m.org, m.name, m.score)))
        .collect()
}

/// The outcome an operation on a row must have: done when the tenant owns
/// it, `NotFound` when not.
#[track_caller]
fn expect_owned<T: std::fmt::Debug>(owned: bool, result: entkit::Result<T>, what: &str) -> bool {
    match (owned, result) {
        (true, Ok(_)) => true,
        (false, Err(Error::NotFound { .. })) => false,
        (owned, other) => panic!("{what}: owned={owned}, got {other:?}"),
    }
}

/// One step by `tenant` (client `c`) against the model.
async fn step(
    rng: &mut Rng,
    c: &Client,
    tenant: i64,
    model: &mut Model,
    n: usize,
) -> entkit::Result<()> {
    match rng.below(14) {
        0 => {
            let m = TnMember::create()
                .name(format!("m{n}"))
                .score(0)
                .save(c)
                .await?;
            assert_eq!(m.org, tenant);
            model.members.insert(m.id, (tenant, m.name, 0));
        }
        1 => {
            let names: Vec<String> = (0..1 + rng.below(3)).map(|i| format!("b{n}_{i}")).collect();
            let rows = names
                .iter()
                .map(|name| TnMember::create().name(name.as_str()).score(1));
            assert_eq!(TnMember::insert_many(c, rows).await?, names.len() as u64);
            let stored = TnMember::query()
                .filter(TnMember::NAME.is_in(names.clone()))
                .all(c)
                .await?;
            assert_eq!(stored.len(), names.len());
            model.members.extend(members_map(stored));
        }
        2 => {
            let team = TnTeam::create().name(format!("t{n}")).save(c).await?;
            assert_eq!(team.org, tenant);
            model.teams.insert(team.id, tenant);
        }
        3 => {
            let id = rng.pick(&model.member_ids()).unwrap_or(0);
            let found = TnMember::find(c, id).await?;
            let expected = model.members.get(&id).filter(|m| m.0 == tenant);
            assert_eq!(found.map(|m| (m.org, m.name, m.score)).as_ref(), expected);
        }
        4 => {
            let id = rng.pick(&model.member_ids()).unwrap_or(0);
            let score = rng.below(100) as i32;
            let result = TnMember::update_by_id(id).set_score(score).save(c).await;
            if expect_owned(model.owns_member(tenant, id), result, "update_by_id") {
                model.members.get_mut(&id).expect("in the model").2 = score;
            }
        }
        5 => {
            let (below, score) = (rng.below(100) as i32, rng.below(100) as i32);
            let n = TnMember::update_many()
                .filter(TnMember::SCORE.lt(below))
                .set_score(score)
                .exec(c)
                .await?;
            let mut expected = 0;
            for m in model.members.values_mut() {
                if m.0 == tenant && m.2 < below {
                    m.2 = score;
                    expected += 1;
                }
            }
            assert_eq!(n, expected, "update_many counted");
        }
        6 => {
            let id = rng.pick(&model.member_ids()).unwrap_or(0);
            let result = TnMember::delete_by_id(c, id).await;
            if expect_owned(model.owns_member(tenant, id), result, "delete_by_id") {
                model.remove_member(id);
            }
        }
        7 => {
            let (Some(team), Some(member)) =
                (rng.pick(&model.team_ids()), rng.pick(&model.member_ids()))
            else {
                return Ok(());
            };
            let owned = model.owns_team(tenant, team) && model.owns_member(tenant, member);
            let result = TnTeam::MEMBERS.add(c, team, [member]).await;
            if expect_owned(owned, result, "add link") {
                model.links.insert((team, member));
            }
        }
        8 => {
            let (Some(team), Some(member)) =
                (rng.pick(&model.team_ids()), rng.pick(&model.member_ids()))
            else {
                return Ok(());
            };
            let result = TnTeam::MEMBERS.remove(c, team, [member]).await;
            match (model.owns_team(tenant, team), result) {
                (true, Ok(removed)) => {
                    let had = model.links.remove(&(team, member));
                    assert_eq!(removed, u64::from(had), "links removed");
                }
                (false, Err(Error::NotFound { .. })) => {}
                (owned, other) => panic!("remove link: owned={owned}, got {other:?}"),
            }
        }
        9 => {
            let teams = TnTeam::query().with(TnTeam::MEMBERS, |q| q).all(c).await?;
            let got: BTreeMap<i64, BTreeSet<i64>> = teams
                .iter()
                .map(|t| Ok((t.id, t.edges.members()?.iter().map(|m| m.id).collect())))
                .collect::<entkit::Result<_>>()?;
            let expected: BTreeMap<i64, BTreeSet<i64>> = model
                .teams
                .iter()
                .filter(|(_, org)| **org == tenant)
                .map(|(id, _)| {
                    let members = model.links.iter().filter(|(t, _)| t == id).map(|(_, m)| *m);
                    (*id, members.collect())
                })
                .collect();
            assert_eq!(got, expected, "teams with their members");
        }
        10 => {
            let owner = if rng.below(4) == 0 {
                None
            } else {
                rng.pick(&model.member_ids())
            };
            let created = match owner {
                Some(owner) => TnTask::create().title("t").owner_id(owner).save(c).await,
                None => TnTask::create().title("t").save(c).await,
            };
            match (owner.is_none_or(|o| model.owns_member(tenant, o)), created) {
                (true, Ok(task)) => {
                    assert_eq!((task.org, task.owner_id), (tenant, owner));
                    model.tasks.insert(task.id, (tenant, owner));
                }
                (false, Err(Error::Constraint(v))) => {
                    assert_eq!(v.kind, ConstraintKind::ForeignKey)
                }
                (owned, other) => panic!("task owned by {owner:?} (ours: {owned}): {other:?}"),
            }
        }
        11 => {
            let members = TnMember::query()
                .with(TnMember::TASKS, |q| q)
                .all(c)
                .await?;
            for m in &members {
                let tasks: BTreeSet<i64> = m.edges.tasks()?.iter().map(|t| t.id).collect();
                let expected: BTreeSet<i64> = model
                    .tasks
                    .iter()
                    .filter(|(_, t)| t.1 == Some(m.id))
                    .map(|(id, _)| *id)
                    .collect();
                assert_eq!(tasks, expected, "tasks of member {}", m.id);
            }
            assert_eq!(members_map(members), model.members_of(tenant));
        }
        12 => {
            let expected = model.members_of(tenant);
            assert_eq!(TnMember::query().count(c).await?, expected.len() as u64);
            let page = TnMember::query().paginate(c, PageRequest::first(3)).await?;
            assert!(
                page.items.iter().all(|m| m.org == tenant),
                "a page of another tenant's rows"
            );
            let teams = TnMember::query().traverse(TnMember::TEAMS).all(c).await?;
            assert!(teams.iter().all(|t| model.owns_team(tenant, t.id)));
        }
        _ => {
            let above = rng.below(100) as i32;
            let n = TnMember::delete_many()
                .filter(TnMember::SCORE.gt(above))
                .exec(c)
                .await?;
            let doomed: Vec<i64> = model
                .members
                .iter()
                .filter(|(_, m)| m.0 == tenant && m.2 > above)
                .map(|(id, _)| *id)
                .collect();
            assert_eq!(n, doomed.len() as u64, "delete_many counted");
            for id in doomed {
                model.remove_member(id);
            }
        }
    }
    Ok(())
}

/// Everything in the database, read across tenants, against the model.
async fn check_everything(c: &Client, model: &Model) -> entkit::Result<()> {
    let everyone = c.all_tenants();
    let members = TnMember::query().all(&everyone).await?;
    assert_eq!(members_map(members), model.members);
    let teams = TnTeam::query()
        .with(TnTeam::MEMBERS, |q| q)
        .all(&everyone)
        .await?;
    let got: BTreeMap<i64, i64> = teams.iter().map(|t| (t.id, t.org)).collect();
    assert_eq!(got, model.teams);
    let mut links = BTreeSet::new();
    for team in &teams {
        for member in team.edges.members()? {
            assert_eq!(member.org, team.org, "a link across tenants");
            links.insert((team.id, member.id));
        }
    }
    assert_eq!(links, model.links);
    let tasks = TnTask::query().all(&everyone).await?;
    let got: BTreeMap<i64, (i64, Option<i64>)> =
        tasks.iter().map(|t| (t.id, (t.org, t.owner_id))).collect();
    assert_eq!(got, model.tasks);
    for (org, owner) in got.values() {
        if let Some(owner) = owner {
            assert_eq!(model.members[owner].0, *org, "a task owned across tenants");
        }
    }
    Ok(())
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "a panic".to_owned())
}

#[tokio::test]
async fn random_operations_by_three_tenants_never_cross() {
    for_each_backend(
        "random_operations_by_three_tenants_never_cross",
        |ctx| async move {
            ctx.migrate(&entities::all()).await;
            run(&ctx.client).await
        },
    )
    .await;
}

/// The random sequences on `c`'s scope, whose tenant tables exist; also run
/// under PostgreSQL row-level security as an application role (see
/// `row_security`).
pub async fn run(c: &Client) -> entkit::Result<()> {
    let clients: Vec<Client> = TENANTS.iter().map(|t| c.for_tenant(*t)).collect();
    let mut model = Model::default();
    let mut n = 0;
    for seed in SEEDS {
        let mut rng = Rng(seed);
        for at in 0..STEPS {
            n += 1;
            let who = rng.below(TENANTS.len());
            let (client, tenant) = (&clients[who], TENANTS[who]);
            let label = format!("seed {seed:#x}, step {at}, tenant {tenant}");
            let run = step(&mut rng, client, tenant, &mut model, n);
            match AssertUnwindSafe(run).catch_unwind().await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => panic!("{label}: {e}"),
                Err(panic) => {
                    std::panic::resume_unwind(Box::new(format!("{label}: {}", panic_text(&*panic))))
                }
            }
        }
        check_everything(c, &model).await?;
    }
    assert!(!model.members.is_empty() && !model.links.is_empty());
    Ok(())
}
