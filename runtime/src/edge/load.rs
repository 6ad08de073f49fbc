//! Eager loading: one statement per edge level (per key chunk on MySQL and
//! SQLite), whatever the number of parents.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Edge, Hop, resolve};
use crate::backend::RowRef;
use crate::dialect::Backend;
use crate::entity::Entity;
use crate::error::Result;
use crate::exec::{ClientState, Target};
use crate::query::{BoxFuture, Loader, Query};
use crate::sql::{self, Expr, SqlWriter, Statement};
use crate::tenant;
use crate::value::{KeyRepr, Value};

/// The loader behind `Query::with(edge, |q| q...)`.
pub(crate) struct EdgeLoad<E, T> {
    pub edge: Edge<E, T>,
    pub query: Query<T>,
}

/// Keys per statement on backends without array parameters, leaving room
/// for the inner query's own binds.
fn chunk_size(backend: Backend) -> usize {
    match backend {
        Backend::Postgres => usize::MAX,
        other => other.max_binds() / 2,
    }
}

impl<E: Entity, T: Entity> Loader<E> for EdgeLoad<E, T> {
    fn load<'t>(
        &'t self,
        mut target: Target<'t>,
        parents: &'t mut [E],
    ) -> BoxFuture<'t, Result<()>> {
        Box::pin(async move {
            let def = E::def();
            let hops = resolve(def, self.edge.def())?;
            let links = Links::of_parents(parents, hops[0].left);
            let link_type = def
                .field_by_column(hops[0].left)
                .map(|f| f.ty)
                .unwrap_or(def.key().ty);
            let one_hop = hops.len() == 1;

            // Each child with the slot of the parent link it was found through.
            // Over one hop the link is a column of the child itself; through a
            // join table it is selected after the child's columns.
            let decode = |row: RowRef<'_>| -> Result<(Option<usize>, T)> {
                let child = T::from_row(row)?;
                let link = if one_hop {
                    child.link_value(hops[0].right)
                } else {
                    Some(Value::decode(row, T::def().fields.len(), link_type)?)
                };
                Ok((link.and_then(|v| links.slot(&v)), child))
            };
            let mut rows: Vec<(Option<usize>, T)> = Vec::new();
            let state = target.state();
            let filters = Filters::of(state, &hops, &self.query)?;
            for chunk in links.values.chunks(chunk_size(state.backend()).max(1)) {
                let stmt = render(
                    state.backend(),
                    state.scope(),
                    &hops,
                    chunk.to_vec(),
                    &self.query,
                    filters.clone(),
                );
                let fetched = target.reborrow().fetch_all(stmt, &decode).await?;
                if rows.is_empty() {
                    rows = fetched;
                } else {
                    rows.extend(fetched);
                }
            }

            let (pairs, mut children) = if one_hop {
                // Over one hop every row is a different child.
                rows.into_iter()
                    .enumerate()
                    .map(|(index, (slot, child))| ((slot, index), child))
                    .unzip()
            } else {
                unique_children(rows)
            };

            // The next level loads onto the unique children: one statement per level.
            for loader in &self.query.loads {
                loader.load(target.reborrow(), &mut children).await?;
            }

            let mut groups: Vec<Vec<Arc<T>>> = vec![Vec::new(); links.values.len()];
            let children = children.into_iter().map(Arc::new);
            if one_hop {
                // Each child belongs to exactly one group: move it there.
                for ((slot, _), child) in pairs.into_iter().zip(children) {
                    if let Some(slot) = slot {
                        groups[slot].push(child);
                    }
                }
            } else {
                let children: Vec<Arc<T>> = children.collect();
                for (slot, index) in pairs {
                    if let Some(slot) = slot {
                        groups[slot].push(children[index].clone());
                    }
                }
            }
            links.distribute(parents, groups, self.edge.store);
            Ok(())
        })
    }
}

/// The parents' distinct link values (first-seen order) and the slot of the
/// value each parent holds. Keys come from the database, so the fast
/// non-cryptographic Fx hash is safe here.
struct Links {
    values: Vec<Value>,
    slot_of: FxHashMap<KeyRepr, usize>,
    parent_slots: Vec<Option<usize>>,
}

impl Links {
    fn of_parents<E: Entity>(parents: &[E], column: &str) -> Self {
        let mut links = Links {
            values: Vec::new(),
            slot_of: FxHashMap::default(),
            parent_slots: Vec::with_capacity(parents.len()),
        };
        for parent in parents {
            let slot = parent.link_value(column).and_then(|value| {
                let repr = value.key_repr()?;
                let next = links.values.len();
                let slot = *links.slot_of.entry(repr).or_insert(next);
                if slot == next {
                    links.values.push(value);
                }
                Some(slot)
            });
            links.parent_slots.push(slot);
        }
        links
    }

    /// The slot of a link value read from a child row.
    fn slot(&self, link: &Value) -> Option<usize> {
        self.slot_of.get(&link.key_repr()?).copied()
    }

    /// Stores each slot's group into the parents holding that link. Parents
    /// that share a link (belongs_to) get copies of the `Arc`s; the last of
    /// them, and the only one over has_many, takes the group itself.
    fn distribute<E, T>(
        self,
        parents: &mut [E],
        mut groups: Vec<Vec<Arc<T>>>,
        store: fn(&mut E, Vec<Arc<T>>),
    ) {
        let mut sharing = vec![0usize; groups.len()];
        for slot in self.parent_slots.iter().flatten() {
            sharing[*slot] += 1;
        }
        for (parent, slot) in parents.iter_mut().zip(self.parent_slots) {
            let loaded = match slot {
                Some(slot) => {
                    sharing[slot] -= 1;
                    if sharing[slot] == 0 {
                        std::mem::take(&mut groups[slot])
                    } else {
                        groups[slot].clone()
                    }
                }
                None => Vec::new(),
            };
            store(parent, loaded);
        }
    }
}

/// De-duplicates children reached through a join table (a tag shared by
/// several posts is decoded per row but kept once): the unique children, and
/// per row its link slot and the index of its child.
fn unique_children<T: Entity>(
    rows: Vec<(Option<usize>, T)>,
) -> (Vec<(Option<usize>, usize)>, Vec<T>) {
    let child_key = T::def().key().column;
    let mut children: Vec<T> = Vec::with_capacity(rows.len());
    let mut pairs = Vec::with_capacity(rows.len());
    let mut index_of: FxHashMap<KeyRepr, usize> = FxHashMap::default();
    for (slot, child) in rows {
        let repr = child.link_value(child_key).and_then(|k| k.key_repr());
        let next = children.len();
        let index = match repr {
            Some(repr) => *index_of.entry(repr).or_insert(next),
            None => next,
        };
        if index == next {
            children.push(child);
        }
        pairs.push((slot, index));
    }
    (pairs, children)
}

/// What narrows one level's rows besides the parents' links: the child
/// query's filter with soft delete and the tenant, and the tenant of a join
/// table that is an entity of its own (`through`).
#[derive(Clone)]
struct Filters {
    child: Option<Expr>,
    join: Option<Expr>,
}

impl Filters {
    fn of<T: Entity>(state: &ClientState, hops: &[Hop], query: &Query<T>) -> Result<Self> {
        let tenancy = &state.tenancy;
        let child = tenant::scoped_filter(tenancy, T::def(), query.effective_filter())?;
        let join = match hops {
            [first, _] if first.table.name == first.table.scope_of.table => {
                tenant::row_filter(tenancy, first.table.scope_of)?
            }
            _ => None,
        };
        Ok(Filters { child, join })
    }
}

const PARENT: &str = "__entkit_parent";
const ROW_NUMBER: &str = "__entkit_rn";
const CHILD: &str = "__entkit_child";
const JOIN: &str = "__entkit_join";

/// `SELECT child.*[, <join link>] FROM T child [JOIN J ON ...] WHERE <link> IN (...) [AND filter] [ORDER BY ...]`,
/// wrapped in `ROW_NUMBER() OVER (PARTITION BY <link>)` when the level has a limit or offset.
fn render<T: Entity>(
    backend: Backend,
    scope: Option<&str>,
    hops: &[Hop],
    links: Vec<Value>,
    query: &Query<T>,
    filters: Filters,
) -> Statement {
    let def = T::def();
    let mut w = SqlWriter::new(backend, scope);
    // The link column: in the child table (one hop) or the join table (two).
    let (link_alias, link_column) = match hops {
        [only] => (CHILD, only.right),
        [first, ..] => (JOIN, first.right),
        [] => (CHILD, def.key().column),
    };
    let windowed = query.limit.is_some() || query.offset.is_some();
    // Over one hop the child's own column is the link; a join table's link
    // column is returned after the child's columns.
    let returns_link = hops.len() > 1;
    if windowed {
        w.push("SELECT ")
            .columns(def.fields.iter().map(|f| f.column));
        if returns_link {
            w.push(", ").ident(PARENT);
        }
        w.push(" FROM (");
    }
    w.push("SELECT ");
    for (i, f) in def.fields.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        w.ident(CHILD).push(".").ident(f.column);
    }
    if returns_link || windowed {
        w.push(", ")
            .ident(link_alias)
            .push(".")
            .ident(link_column)
            .push(" AS ")
            .ident(PARENT);
    }
    if windowed {
        w.push(", ROW_NUMBER() OVER (PARTITION BY ")
            .ident(link_alias)
            .push(".")
            .ident(link_column);
        w.alias = Some(CHILD);
        if query.order.is_empty() {
            w.push(" ORDER BY ").column(def.key().column);
        } else {
            sql::order_by(&mut w, &query.order);
        }
        w.alias = None;
        w.push(") AS ").ident(ROW_NUMBER);
    }
    w.push(" FROM ").table(def).push(" ").ident(CHILD);
    if let [first, second] = hops {
        w.push(" JOIN ")
            .table_ref(first.table)
            .push(" ")
            .ident(JOIN)
            .push(" ON ")
            .ident(JOIN)
            .push(".")
            .ident(second.left)
            .push(" = ")
            .ident(CHILD)
            .push(".")
            .ident(second.right);
    }
    w.push(" WHERE ");
    w.alias = Some(link_alias);
    w.expr(Expr::InList {
        column: link_column,
        values: links,
        negated: false,
    });
    w.alias = Some(CHILD);
    if let Some(filter) = filters.child {
        w.push(" AND ").expr(filter);
    }
    if let Some(filter) = filters.join {
        w.alias = Some(JOIN);
        w.push(" AND ").expr(filter);
        w.alias = Some(CHILD);
    }
    if windowed {
        w.alias = None;
        w.push(") ")
            .ident("__entkit_level")
            .push(" WHERE ")
            .ident(ROW_NUMBER);
        let offset = query.offset.unwrap_or(0);
        w.push(" > ").bind(Value::I64(offset as i64));
        if let Some(limit) = query.limit {
            w.push(" AND ")
                .ident(ROW_NUMBER)
                .push(" <= ")
                .bind(Value::I64(offset.saturating_add(limit) as i64));
        }
        w.push(" ORDER BY ")
            .ident(PARENT)
            .push(", ")
            .ident(ROW_NUMBER);
    } else if !query.order.is_empty() {
        sql::order_by(&mut w, &query.order);
    }
    w.finish_read(Some(def))
}
