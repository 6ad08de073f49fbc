//! Resolving an edge into the hops a statement walks.

use crate::error::{Error, Result};
use crate::schema::{EdgeDef, EdgeKind, EntityDef};
use crate::sql::TableRef;

/// One step from a table to the next: `left` (a column of the current
/// table) matches `right` (a column of `table`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hop {
    pub left: &'static str,
    pub table: TableRef,
    pub right: &'static str,
}

fn invalid(def: &EntityDef, edge: &EdgeDef, reason: String) -> Error {
    Error::InvalidEdge {
        entity: def.name,
        edge: edge.name,
        reason,
    }
}

/// The `belongs_to` edge of `owner` named `name`, as (column, its def).
fn belongs_to(owner: &'static EntityDef, name: &str) -> Option<&'static str> {
    match owner.edge(name)?.kind {
        EdgeKind::BelongsTo { column, .. } => Some(column),
        _ => None,
    }
}

/// The join columns of a many-to-many edge named `name` on `owner`: (table, source, target).
fn join(
    owner: &'static EntityDef,
    name: &str,
) -> Option<(&'static str, &'static str, &'static str)> {
    match owner.edge(name)?.kind {
        EdgeKind::ManyToMany {
            table,
            source,
            target,
            ..
        } => Some((table, source, target)),
        _ => None,
    }
}

/// The hops from `def`'s table to the edge target's table (one or two).
pub(crate) fn resolve(def: &'static EntityDef, edge: &'static EdgeDef) -> Result<Vec<Hop>> {
    let target = (edge.target)();
    let target_table = TableRef::entity(target);
    let key = def.key().column;
    let target_key = target.key().column;
    Ok(match edge.kind {
        EdgeKind::BelongsTo { column, .. } => vec![Hop {
            left: column,
            table: target_table,
            right: target_key,
        }],
        EdgeKind::HasMany { inverse, .. } => {
            let column = belongs_to(target, inverse).ok_or_else(|| {
                invalid(
                    def,
                    edge,
                    format!("{} has no belongs_to edge `{inverse}`", target.name),
                )
            })?;
            vec![Hop {
                left: key,
                table: target_table,
                right: column,
            }]
        }
        EdgeKind::ManyToMany {
            table,
            source,
            target: to,
            ..
        } => vec![
            Hop {
                left: key,
                table: TableRef {
                    name: table,
                    scope_of: def,
                },
                right: source,
            },
            Hop {
                left: to,
                table: target_table,
                right: target_key,
            },
        ],
        EdgeKind::ManyToManyInverse { inverse } => {
            let (table, source, to) = join(target, inverse).ok_or_else(|| {
                invalid(
                    def,
                    edge,
                    format!("{} has no many_to_many edge `{inverse}`", target.name),
                )
            })?;
            vec![
                Hop {
                    left: key,
                    table: TableRef {
                        name: table,
                        scope_of: target,
                    },
                    right: to,
                },
                Hop {
                    left: source,
                    table: target_table,
                    right: target_key,
                },
            ]
        }
        EdgeKind::Through { through, from, to } => {
            let through = through();
            // Each side by the name the derive resolved, never by target
            // alone: a link from an entity to itself has two edges to it.
            let side = |name: &str, entity: &EntityDef| {
                let link = through.edge(name)?;
                match link.kind {
                    EdgeKind::BelongsTo { column, .. } if std::ptr::eq((link.target)(), entity) => {
                        Some(column)
                    }
                    _ => None,
                }
            };
            let source = side(from, def).ok_or_else(|| {
                invalid(
                    def,
                    edge,
                    format!(
                        "{} has no belongs_to edge `{from}` to {}",
                        through.name, def.name
                    ),
                )
            })?;
            let to = side(to, target).ok_or_else(|| {
                invalid(
                    def,
                    edge,
                    format!(
                        "{} has no belongs_to edge `{to}` to {}",
                        through.name, target.name
                    ),
                )
            })?;
            vec![
                Hop {
                    left: key,
                    table: TableRef::entity(through),
                    right: source,
                },
                Hop {
                    left: to,
                    table: target_table,
                    right: target_key,
                },
            ]
        }
    })
}
