//! Per-scope cache of fixed-shape statement text.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use crate::schema::EntityDef;

/// The fixed-shape statements rendered once per (entity, backend, scope).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum StatementKind {
    Insert,
    /// With `tenant`, the text filters by the tenant key too (a bind).
    SelectByKey {
        tenant: bool,
    },
    /// With `tenant`, the text filters by the tenant key too (a bind).
    DeleteByKey {
        tenant: bool,
    },
    /// A bulk `INSERT ... SELECT * FROM UNNEST(...)` (PostgreSQL).
    BulkUnnest {
        returning: bool,
    },
    /// A bulk `INSERT ... VALUES` of this many rows; cached for a bounded
    /// set of row counts only (see `mutation::bulk`).
    BulkValues {
        rows: usize,
        returning: bool,
    },
}

/// Maps (entity, kind) to rendered SQL. Entities are identified by the
/// address of their `'static` definition, which is unique per entity.
#[derive(Default)]
pub(crate) struct StatementCache {
    map: RwLock<HashMap<(usize, StatementKind), Arc<str>>>,
}

impl StatementCache {
    pub(crate) fn get_or_render(
        &self,
        def: &'static EntityDef,
        kind: StatementKind,
        render: &dyn Fn() -> String,
    ) -> Arc<str> {
        // `render` is a trait object: callers are generic over entities, and
        // this function is compiled once rather than for each of them.
        let key = (def as *const EntityDef as usize, kind);
        if let Some(sql) = self.map.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return sql.clone();
        }
        let sql: Arc<str> = Arc::from(render());
        self.map
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .entry(key)
            .or_insert(sql)
            .clone()
    }
}
