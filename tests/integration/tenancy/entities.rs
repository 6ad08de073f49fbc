//! Tenant entities: keys of each allowed type, and edges between them.

use chrono::{DateTime, Utc};
use entkit::Entity;

/// A member of an organisation (integer tenant key), in teams, owning tasks.
#[derive(Entity)]
#[entity(table = "tn_members")]
#[entity(many_to_many(teams = TnTeam, table = "tn_team_members"))]
#[entity(has_many(tasks = TnTask, inverse = owner))]
pub struct TnMember {
    pub id: i64,
    #[entity(tenant)]
    pub org: i64,
    pub name: String,
    pub score: i32,
    #[entity(edges)]
    pub edges: TnMemberEdges,
}

/// A team: the other side of a join table between tenant entities.
#[derive(Entity)]
#[entity(table = "tn_teams", many_to_many(members = TnMember, inverse = teams))]
pub struct TnTeam {
    pub id: i64,
    #[entity(tenant)]
    pub org: i64,
    pub name: String,
    #[entity(edges)]
    pub edges: TnTeamEdges,
}

/// A task, optionally owned by a member (a `belongs_to` between tenant entities).
#[derive(Entity)]
#[entity(table = "tn_tasks")]
pub struct TnTask {
    pub id: i64,
    #[entity(tenant)]
    pub org: i64,
    #[entity(belongs_to(TnMember, edge = owner, on_delete = set_null))]
    pub owner_id: Option<i64>,
    pub title: String,
    #[entity(edges)]
    pub edges: TnTaskEdges,
}

/// A string tenant key, and a code unique across tenants (for upserts that
/// meet another tenant's row).
#[derive(Entity)]
#[entity(table = "tn_labels")]
pub struct TnLabel {
    pub id: i64,
    #[entity(tenant)]
    pub tenant: String,
    #[entity(unique)]
    pub code: String,
    pub hits: i32,
}

/// A uuid tenant key on a soft-delete entity.
#[derive(Entity)]
#[entity(table = "tn_docs", soft_delete)]
pub struct TnDoc {
    pub id: uuid::Uuid,
    #[entity(tenant)]
    pub space: uuid::Uuid,
    pub title: String,
    pub deleted_at: Option<DateTime<Utc>>,
}

/// Not a tenant entity: ignores the client's tenant.
#[derive(Entity)]
#[entity(table = "tn_plans")]
pub struct TnPlan {
    pub id: i64,
    pub name: String,
}

/// Every definition, for `auto_migrate`.
pub fn all() -> [&'static entkit::EntityDef; 6] {
    [
        TnMember::def(),
        TnTeam::def(),
        TnTask::def(),
        TnLabel::def(),
        TnDoc::def(),
        TnPlan::def(),
    ]
}
