//! Eager loading: one statement per edge level (per key chunk on MySQL and
//! SQLite), whatever the number of parents.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::{Edge, Hop, resolve};
use crate::client::Target;
use crate::dialect::Backend;
use crate::entity::Entity;
use crate::error::Result;
use crate::query::Query;
use crate::row::RowRef;
use crate::sql::{self, Expr, SqlWriter, Statement};
use crate::value::{KeyRepr, Value};

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Loads one edge's neighbours into a slice of parents.
pub(crate) trait Loader<E>: Send + Sync {
    fn load<'t>(&'t self, target: Target<'t>, parents: &'t mut [E]) -> BoxFuture<'t, Result<()>>;
}

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
            let link_column = hops[0].left;
            let link_type = def
                .field_by_column(link_column)
                .map(|f| f.ty)
                .unwrap_or(def.key().ty);

            // Distinct, non-null link values of the parents, in first-seen order.
            let mut seen = HashMap::new();
            let mut links = Vec::new();
            for parent in parents.iter() {
                if let Some(value) = parent.link_value(link_column)
                    && let Some(repr) = value.key_repr()
                    && seen.insert(repr, ()).is_none()
                {
                    links.push(value);
                }
            }

            // (parent link, child) pairs, children decoded once per pair row.
            let mut rows: Vec<(Value, T)> = Vec::new();
            let state = target.state();
            for chunk in links.chunks(chunk_size(state.backend()).max(1)) {
                let stmt = render(
                    state.backend(),
                    state.scope(),
                    &hops,
                    chunk.to_vec(),
                    &self.query,
                );
                let decode = |row: RowRef<'_>| decode_pair::<T>(row, link_type);
                let mut fetched = target.reborrow().fetch_all(stmt, decode).await?;
                rows.append(&mut fetched);
            }

            // Unique children. Over one hop (belongs_to, has_many) every row is
            // a different child; only a join table can reach a child twice.
            let mut children: Vec<T> = Vec::with_capacity(rows.len());
            let mut pairs: Vec<(Value, usize)> = Vec::with_capacity(rows.len());
            if hops.len() == 1 {
                for (link, child) in rows {
                    pairs.push((link, children.len()));
                    children.push(child);
                }
            } else {
                let child_key = T::def().key().column;
                let mut index_of: HashMap<KeyRepr, usize> = HashMap::new();
                for (link, child) in rows {
                    let repr = child.link_value(child_key).and_then(|k| k.key_repr());
                    let slot = match repr {
                        Some(repr) => *index_of.entry(repr).or_insert_with(|| {
                            children.push(child);
                            children.len() - 1
                        }),
                        None => {
                            children.push(child);
                            children.len() - 1
                        }
                    };
                    pairs.push((link, slot));
                }
            }

            // The next level loads onto the unique children: one statement per level.
            for loader in &self.query.loads {
                loader.load(target.reborrow(), &mut children).await?;
            }

            let children: Vec<Arc<T>> = children.into_iter().map(Arc::new).collect();
            let mut by_link: HashMap<KeyRepr, Vec<Arc<T>>> = HashMap::new();
            for (link, slot) in pairs {
                if let Some(repr) = link.key_repr() {
                    by_link
                        .entry(repr)
                        .or_default()
                        .push(children[slot].clone());
                }
            }
            for parent in parents.iter_mut() {
                let loaded = parent
                    .link_value(link_column)
                    .and_then(|v| v.key_repr())
                    .and_then(|repr| by_link.get(&repr).cloned())
                    .unwrap_or_default();
                (self.edge.store)(parent, loaded);
            }
            Ok(())
        })
    }
}

/// Decodes a child row followed by the parent link column.
fn decode_pair<T: Entity>(row: RowRef<'_>, link_type: crate::ColumnType) -> Result<(Value, T)> {
    let child = T::from_row(row)?;
    let n = T::def().fields.len();
    Ok((Value::decode(row, n, link_type)?, child))
}

const PARENT: &str = "__entkit_parent";
const ROW_NUMBER: &str = "__entkit_rn";
const CHILD: &str = "__entkit_child";
const JOIN: &str = "__entkit_join";

/// `SELECT child.*, <link> FROM T child [JOIN J ON ...] WHERE <link> IN (...) [AND filter] [ORDER BY ...]`,
/// wrapped in `ROW_NUMBER() OVER (PARTITION BY <link>)` when the level has a limit or offset.
fn render<T: Entity>(
    backend: Backend,
    scope: Option<&str>,
    hops: &[Hop],
    links: Vec<Value>,
    query: &Query<T>,
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
    if windowed {
        w.push("SELECT ")
            .columns(def.fields.iter().map(|f| f.column))
            .push(", ")
            .ident(PARENT)
            .push(" FROM (");
    }
    w.push("SELECT ");
    for (i, f) in def.fields.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        w.ident(CHILD).push(".").ident(f.column);
    }
    w.push(", ")
        .ident(link_alias)
        .push(".")
        .ident(link_column)
        .push(" AS ")
        .ident(PARENT);
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
    if let Some(filter) = query.effective_filter() {
        w.push(" AND ").expr(filter);
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
    w.finish(Some(def))
}
