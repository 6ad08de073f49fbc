//! Generating the next migration: the schema the entities describe,
//! compared with the schema the migration directory produces.

use super::{MigrationSet, Migrator};
use crate::Backend;
use crate::client::Client;
use crate::error::Result;
use crate::migrate::catalog::{self, Catalog, Column};
use crate::migrate::ddl;
use crate::schema::EntityDef;

/// What `diff` may write.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiffOptions {
    /// Also write destructive steps (dropping tables or columns, narrowing a
    /// column type). Without it they are listed in [`Diff::skipped`] only.
    pub destructive: bool,
}

/// The SQL of the next migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// The up script.
    pub up: String,
    /// The down script (reverse order).
    pub down: String,
    /// Steps left out, described: destructive ones without `destructive`,
    /// and changes the backend cannot make in place (SQLite column types).
    pub skipped: Vec<String>,
}

impl MigrationSet {
    /// The version for a new migration: the current UTC time as
    /// `YYYYMMDDHHMMSS`, or one more than the latest version if that is larger.
    pub fn next_version(&self) -> i64 {
        let now: i64 = chrono::Utc::now()
            .format("%Y%m%d%H%M%S")
            .to_string()
            .parse()
            .unwrap_or(1);
        let last = self.migrations.last().map_or(0, |m| m.version);
        now.max(last + 1)
    }
}

/// Tables entkit keeps for itself in every migrated scope: never compared.
const BOOKKEEPING: [&str; 2] = ["entkit_migrations", "entkit_seeds"];

/// The part of a scope's catalog a comparison looks at: without entkit's
/// bookkeeping tables and without the indexes the database makes by itself
/// (primary keys, SQLite's automatic indexes for UNIQUE constraints).
fn comparable(mut catalog: Catalog) -> Catalog {
    let kept = |table: &String| !BOOKKEEPING.contains(&table.as_str());
    catalog.columns.retain(|table, _| kept(table));
    catalog.collations.retain(|table, _| kept(table));
    catalog.indexes.retain(|table, _| kept(table));
    for indexes in catalog.indexes.values_mut() {
        indexes.retain(|index| {
            !index.ends_with("_pkey")
                && index != "PRIMARY"
                && !index.starts_with("sqlite_autoindex")
        });
    }
    catalog.indexes.retain(|_, indexes| !indexes.is_empty());
    catalog
}

/// The comparable catalog of `client`'s scope.
async fn read_catalog(client: &Client) -> Result<Catalog> {
    let catalog = catalog::read(client.target(), client.scope_name()).await?;
    Ok(comparable(catalog))
}

/// A scratch scope on the client's server, dropped by `finish`.
async fn scratch(client: &Client, tag: &str) -> Result<Client> {
    use std::hash::{BuildHasher, Hasher};
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    client.scope(&format!(
        "entkit_diff_{tag}_{:012x}",
        random & 0xffff_ffff_ffff
    ))
}

/// Whether changing `old` to `new` keeps every value (a wider type).
fn is_widening(old: &str, new: &str) -> bool {
    let (old, new) = (old.to_ascii_lowercase(), new.to_ascii_lowercase());
    let int_rank = |t: &str| -> Option<u8> {
        let base = t.split('(').next().unwrap_or(t).trim();
        match base {
            "smallint" => Some(1),
            "int" | "integer" | "mediumint" => Some(2),
            "bigint" => Some(3),
            _ => None,
        }
    };
    if let (Some(a), Some(b)) = (int_rank(&old), int_rank(&new)) {
        return a < b;
    }
    let text_len = |t: &str| -> Option<u64> {
        if matches!(t, "text" | "longtext" | "mediumtext") {
            return Some(u64::MAX);
        }
        let inner = t
            .strip_prefix("varchar(")
            .or_else(|| t.strip_prefix("character varying("))?;
        inner.trim_end_matches(')').parse().ok()
    };
    if let (Some(a), Some(b)) = (text_len(&old), text_len(&new)) {
        return a < b;
    }
    matches!(
        (old.as_str(), new.as_str()),
        ("real" | "float", "double precision" | "double")
    )
}

/// Accumulates the up script and the down script (built in reverse).
#[derive(Default)]
struct Script {
    up: Vec<String>,
    down: Vec<String>,
    skipped: Vec<String>,
}

impl Script {
    fn step(&mut self, up: String, down: Option<String>) {
        self.up.push(up);
        self.down
            .push(down.unwrap_or_else(|| "-- (no automatic reverse for the step above)".into()));
    }
}

fn quoted(backend: Backend, name: &str) -> String {
    let mut s = String::new();
    backend.push_ident(&mut s, name);
    s
}

fn drop_index(backend: Backend, table: &str, index: &str) -> String {
    match backend {
        Backend::MySql => format!(
            "DROP INDEX {} ON {}",
            quoted(backend, index),
            quoted(backend, table)
        ),
        _ => format!("DROP INDEX {}", quoted(backend, index)),
    }
}

/// Compares `entities` with the schema `set` produces and returns the
/// migration that closes the gap, or `None` when nothing changed.
///
/// Both sides are built for real in scratch scopes on `client`'s server
/// (the migrations replayed into one, the entities auto-migrated into the
/// other) and read back from the catalog, so the comparison sees exactly
/// what the database sees; the scratch scopes are dropped afterwards.
/// Scripts are written without scope names: the migrator runs them in
/// each scope it migrates.
pub async fn diff(
    client: &Client,
    set: &MigrationSet,
    entities: &[&'static EntityDef],
    options: DiffOptions,
) -> Result<Option<Diff>> {
    let current = scratch(client, "current").await?;
    let wanted = scratch(client, "wanted").await?;
    let outcome = async {
        Migrator::new(set.clone()).up(&current, None).await?;
        wanted.auto_migrate(entities).await?;
        let (have, want) = (read_catalog(&current).await?, read_catalog(&wanted).await?);
        Ok::<_, crate::Error>(compare(client.backend(), &have, &want, entities, options))
    }
    .await;
    let _ = current.drop_scope().await;
    let _ = wanted.drop_scope().await;
    outcome
}

fn compare(
    backend: Backend,
    have: &Catalog,
    want: &Catalog,
    entities: &[&'static EntityDef],
    options: DiffOptions,
) -> Option<Diff> {
    let all = crate::migrate::auto_ordered(entities);
    let joins: Vec<ddl::JoinTable> = all.iter().flat_map(|d| ddl::JoinTable::of(d)).collect();
    let def_of = |table: &str| all.iter().copied().find(|d| d.table == table);
    let mut script = Script::default();

    // New tables, in dependency order: entity tables, then join tables.
    for def in &all {
        if want.columns.contains_key(def.table) && !have.columns.contains_key(def.table) {
            let mut up = vec![ddl::create_table(backend, None, def)];
            up.extend(ddl::comments(backend, None, def));
            up.extend(
                def.indexes
                    .iter()
                    .map(|i| ddl::create_index(backend, None, def, i)),
            );
            script.step(
                up.join(";\n"),
                Some(format!("DROP TABLE {}", quoted(backend, def.table))),
            );
        }
    }
    for join in &joins {
        if !have.columns.contains_key(join.table) {
            let up = [
                join.create(backend, None),
                join.create_reverse_index(backend, None),
            ]
            .join(";\n");
            script.step(
                up,
                Some(format!("DROP TABLE {}", quoted(backend, join.table))),
            );
        }
    }

    // Tables created before entkit's text compared exactly (MySQL's PAD
    // SPACE `utf8mb4_bin`): converted to the collation new tables get.
    for (table, collation) in &want.collations {
        let Some(old) = have.collations.get(table).filter(|old| *old != collation) else {
            continue;
        };
        let t = quoted(backend, table);
        script.step(
            format!(
                concat!(
                    "ALTER TABLE {} CONVERT TO CHARACTER SET utf8mb4",
                    crate::migrate::ddl::mysql_collation!()
                ),
                t
            ),
            // The old name comes from the catalog; written back only when
            // it is a plain collation name.
            old.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
                .then(|| format!("ALTER TABLE {t} CONVERT TO CHARACTER SET utf8mb4 COLLATE {old}")),
        );
    }

    // Changed tables.
    for (table, columns) in &want.columns {
        let Some(existing) = have.columns.get(table) else {
            continue;
        };
        let def = def_of(table);
        for Column {
            name: column,
            ty,
            not_null,
        } in columns
        {
            let field = def.and_then(|d| d.field_by_column(column));
            let renamed_from = field.and_then(|f| f.renamed_from);
            match existing.iter().find(|c| c.name == *column) {
                // Declared renames: RENAME COLUMN, not drop-and-add.
                None if renamed_from.is_some_and(|old| existing.iter().any(|c| c.name == old)) => {
                    let old = renamed_from.unwrap_or_default();
                    let t = quoted(backend, table);
                    let (o, n) = (quoted(backend, old), quoted(backend, column));
                    script.step(
                        format!("ALTER TABLE {t} RENAME COLUMN {o} TO {n}"),
                        Some(format!("ALTER TABLE {t} RENAME COLUMN {n} TO {o}")),
                    );
                }
                None => {
                    let Some((def, field)) = def.zip(field) else {
                        continue;
                    };
                    let up = ddl::add_column(backend, None, def, field);
                    let down = format!(
                        "ALTER TABLE {} DROP COLUMN {}",
                        quoted(backend, table),
                        quoted(backend, column)
                    );
                    script.step(up, Some(down));
                }
                Some(Column {
                    ty: old_ty,
                    not_null: old_not_null,
                    ..
                }) => {
                    let type_changed = old_ty != ty;
                    let null_changed = old_not_null != not_null;
                    if !type_changed && !null_changed {
                        continue;
                    }
                    let what = format!(
                        "{table}.{column}: {old_ty}{} -> {ty}{}",
                        if *old_not_null { " NOT NULL" } else { "" },
                        if *not_null { " NOT NULL" } else { "" }
                    );
                    if backend == Backend::Sqlite {
                        script.skipped.push(format!("{what} (SQLite cannot change a column in place: rebuild the table by hand)"));
                        continue;
                    }
                    let narrowing =
                        (type_changed && !is_widening(old_ty, ty)) || (*not_null && !old_not_null);
                    if narrowing && !options.destructive {
                        script.skipped.push(format!(
                            "{what} (may lose data or fail on existing rows: pass --destructive)"
                        ));
                        continue;
                    }
                    let t = quoted(backend, table);
                    let c = quoted(backend, column);
                    let (up, down) = match backend {
                        Backend::Postgres => {
                            let mut up = Vec::new();
                            let mut down = Vec::new();
                            if type_changed {
                                up.push(format!(
                                    "ALTER TABLE {t} ALTER COLUMN {c} TYPE {ty} USING {c}::{ty}"
                                ));
                                down.push(format!("ALTER TABLE {t} ALTER COLUMN {c} TYPE {old_ty} USING {c}::{old_ty}"));
                            }
                            if null_changed {
                                let set =
                                    |nn: bool| if nn { "SET NOT NULL" } else { "DROP NOT NULL" };
                                up.push(format!(
                                    "ALTER TABLE {t} ALTER COLUMN {c} {}",
                                    set(*not_null)
                                ));
                                down.push(format!(
                                    "ALTER TABLE {t} ALTER COLUMN {c} {}",
                                    set(*old_not_null)
                                ));
                            }
                            down.reverse();
                            (up.join(";\n"), down.join(";\n"))
                        }
                        _ => {
                            let nn = |b: bool| if b { " NOT NULL" } else { " NULL" };
                            (
                                format!("ALTER TABLE {t} MODIFY COLUMN {c} {ty}{}", nn(*not_null)),
                                format!(
                                    "ALTER TABLE {t} MODIFY COLUMN {c} {old_ty}{}",
                                    nn(*old_not_null)
                                ),
                            )
                        }
                    };
                    script.step(up, Some(down));
                }
            }
        }
        let renamed: Vec<&str> = def
            .map(|d| d.fields.iter().filter_map(|f| f.renamed_from).collect())
            .unwrap_or_default();
        let dropped = existing.iter().filter(|c| {
            !columns.iter().any(|n| n.name == c.name) && !renamed.contains(&c.name.as_str())
        });
        for Column {
            name: column,
            ty: old_ty,
            not_null: old_not_null,
        } in dropped
        {
            let what = format!("drop column {table}.{column}");
            if !options.destructive {
                script.skipped.push(format!("{what} (pass --destructive)"));
                continue;
            }
            let t = quoted(backend, table);
            let c = quoted(backend, column);
            let nn = if *old_not_null { " NOT NULL" } else { "" };
            script.step(
                format!("ALTER TABLE {t} DROP COLUMN {c}"),
                Some(format!("ALTER TABLE {t} ADD COLUMN {c} {old_ty}{nn}")),
            );
        }
        // Indexes.
        let want_ix = want.indexes.get(table).cloned().unwrap_or_default();
        let have_ix = have.indexes.get(table).cloned().unwrap_or_default();
        for index in want_ix.difference(&have_ix) {
            let def_index =
                def.and_then(|d| d.indexes.iter().find(|i| i.name == index).map(|i| (d, i)));
            if let Some((d, i)) = def_index {
                script.step(
                    ddl::create_index(backend, None, d, i),
                    Some(drop_index(backend, table, index)),
                );
            } else if let Some(join) = joins
                .iter()
                .find(|j| j.table == table && j.reverse_index() == *index)
            {
                script.step(
                    join.create_reverse_index(backend, None),
                    Some(drop_index(backend, table, index)),
                );
            }
        }
        for index in have_ix.difference(&want_ix) {
            // Indexes MySQL makes for foreign keys come and go with them.
            if backend == Backend::MySql && index.ends_with("_fkey") {
                continue;
            }
            script.step(drop_index(backend, table, index), None);
        }
    }

    // Tenant tables' row-level security (PostgreSQL), after their tables.
    for def in &all {
        let wanted = want.row_secured.contains(def.table);
        if wanted && !have.row_secured.contains(def.table) {
            script.step(
                ddl::row_security(backend, None, def).join(";\n"),
                Some(ddl::drop_row_security(backend, None, def).join(";\n")),
            );
        }
    }
    for table in have.row_secured.difference(&want.row_secured) {
        if let Some(def) = def_of(table).filter(|_| want.columns.contains_key(table)) {
            script.step(
                ddl::drop_row_security(backend, None, def).join(";\n"),
                Some(ddl::row_security(backend, None, def).join(";\n")),
            );
        }
    }

    // Dropped tables.
    for table in have
        .columns
        .keys()
        .filter(|t| !want.columns.contains_key(*t))
    {
        if options.destructive {
            script.step(format!("DROP TABLE {}", quoted(backend, table)), None);
        } else {
            script
                .skipped
                .push(format!("drop table {table} (pass --destructive)"));
        }
    }

    if script.up.is_empty() && script.skipped.is_empty() {
        return None;
    }
    let down: Vec<String> = script.down.into_iter().rev().collect();
    let join = |parts: Vec<String>| {
        if parts.is_empty() {
            String::new()
        } else {
            parts.join(";\n\n") + ";\n"
        }
    };
    Some(Diff {
        up: join(script.up),
        down: join(down),
        skipped: script.skipped,
    })
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
