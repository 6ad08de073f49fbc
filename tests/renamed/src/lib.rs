//! A crate that depends on entkit as `ek` and re-exports it as `db`, the
//! way a shared data-access crate would.
//!
//! [`Member`] and [`Level`] name no path: their derives find the runtime
//! through `ek`, the name `Cargo.toml` gives entkit. [`Team`] and [`Role`]
//! are declared through the re-export with `crate = ...`, as a crate that
//! sees entkit only through such a facade has to.

use ek::{Entity, Enum};

/// The facade: entkit re-exported under a path of this crate.
pub mod facade {
    pub use ek as db;
}

/// A membership level, stored as text; derived with entkit renamed.
#[derive(Debug, Clone, Copy, PartialEq, Enum)]
pub enum Level {
    /// Can read.
    Reader,
    /// Can write.
    #[entity(rename = "rw")]
    Writer,
}

/// A role level, derived through the facade.
#[derive(Debug, Clone, Copy, PartialEq, Enum)]
#[entity(crate = crate::facade::db)]
pub enum Role {
    /// Leads the team.
    Lead,
    /// Works in the team.
    Staff,
}

/// A team, declared through the facade.
#[derive(Entity)]
#[entity(crate = crate::facade::db, has_many(members = Member, inverse = team))]
pub struct Team {
    /// Key.
    pub id: i64,
    /// Unique name.
    #[entity(unique, max_len = 40)]
    pub name: String,
    /// The role teams play.
    pub role: Option<Role>,
    /// Members, once loaded.
    #[entity(edges)]
    pub edges: TeamEdges,
}

/// A member of a team, declared with entkit renamed.
#[derive(Entity)]
pub struct Member {
    /// Key.
    pub id: i64,
    /// Display name, never blank.
    #[entity(validate = nonblank, min_len = 1)]
    pub name: String,
    /// The member's level.
    pub level: Level,
    /// Points, zero to start with.
    #[entity(default = 0, min = 0)]
    pub points: i32,
    /// The member's team.
    #[entity(belongs_to(Team, edge = team, on_delete = cascade))]
    pub team_id: i64,
    /// Loaded neighbours.
    #[entity(edges)]
    pub edges: MemberEdges,
}

fn nonblank(name: &str) -> Result<(), &'static str> {
    if name.trim().is_empty() {
        Err("blank")
    } else {
        Ok(())
    }
}

/// The migrations of the example service, embedded with entkit renamed.
pub fn migrations() -> ek::Result<ek::MigrationSet> {
    Ok(ek::embed_migrations!("../../migrations/identity/sqlite")?)
}

/// The same, naming entkit through the facade.
pub fn migrations_through_facade() -> ek::Result<ek::MigrationSet> {
    Ok(ek::embed_migrations!(
        "../../migrations/identity/sqlite",
        crate = crate::facade::db
    )?)
}
