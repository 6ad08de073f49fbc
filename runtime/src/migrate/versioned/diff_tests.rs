//! The diff comparison with no database: catalogs built in memory (typed
//! the way each server spells them), compared with entity definitions, and
//! the up/down steps pinned in `tests/diff.snap`.

use std::fmt::Write as _;

use super::*;
use crate::Entity;
use crate::snapshot_tests as snapshot;

#[derive(crate::Entity)]
#[entity(table = "people", index(fields = [email]))]
#[entity(many_to_many(groups = Group, table = "people_groups"))]
pub struct Person {
    pub id: i64,
    #[entity(max_len = 100)]
    pub name: String,
    pub email: String,
    pub age: i64,
    #[entity(renamed_from = "nick")]
    pub handle: Option<String>,
    #[entity(edges)]
    pub edges: PersonEdges,
}

#[derive(crate::Entity)]
#[entity(table = "groups")]
pub struct Group {
    pub id: i64,
    pub title: String,
}

const BACKENDS: [Backend; 3] = [Backend::Postgres, Backend::MySql, Backend::Sqlite];

fn entities() -> [&'static EntityDef; 1] {
    [Person::def()]
}

/// A type as `backend`'s catalog spells it.
fn spelled(backend: Backend, ty: &str) -> String {
    let varchar = ty
        .strip_prefix("varchar(")
        .and_then(|n| n.strip_suffix(')'));
    match (backend, ty, varchar) {
        (Backend::Postgres, _, Some(n)) => format!("character varying({n})"),
        (Backend::Postgres, "int", _) => "integer".into(),
        (Backend::MySql, "int", _) => "int(11)".into(),
        (Backend::MySql, "bigint", _) => "bigint(20)".into(),
        (Backend::MySql, "text", _) => "longtext".into(),
        // MySQL cannot index LONGTEXT: indexed text is varchar(255) there.
        (Backend::MySql, "indexed text", _) => "varchar(255)".into(),
        (_, "indexed text", _) => spelled(backend, "text"),
        (Backend::Sqlite, _, Some(_)) | (Backend::Sqlite, "text", _) => "TEXT".into(),
        (Backend::Sqlite, _, _) => "INTEGER".into(),
        _ => ty.into(),
    }
}

fn put_table(catalog: &mut Catalog, backend: Backend, table: &str, columns: &[(&str, &str, bool)]) {
    let columns = columns
        .iter()
        .map(|(name, ty, not_null)| Column::new(name, &spelled(backend, ty), *not_null))
        .collect();
    catalog.columns.insert(table.to_owned(), columns);
    if backend == Backend::MySql {
        let collation = "utf8mb4_nopad_bin".to_owned();
        catalog.collations.insert(table.to_owned(), collation);
    }
}

fn put_index(catalog: &mut Catalog, table: &str, index: &str) {
    let indexes = catalog.indexes.entry(table.to_owned()).or_default();
    indexes.insert(index.to_owned());
}

fn column_mut<'c>(catalog: &'c mut Catalog, table: &str, column: &str) -> &'c mut Column {
    let columns = catalog.columns.get_mut(table).unwrap();
    columns.iter_mut().find(|c| c.name == column).unwrap()
}

/// The schema `Person` (and `Group`, reached over its edge) gets on `backend`,
/// as the comparison sees it (primary-key indexes left out).
fn wanted(backend: Backend) -> Catalog {
    let join = ddl::JoinTable::of(Person::def()).next().unwrap();
    let mut c = Catalog::default();
    put_table(
        &mut c,
        backend,
        "groups",
        &[("id", "bigint", true), ("title", "text", true)],
    );
    put_table(
        &mut c,
        backend,
        "people",
        &[
            ("id", "bigint", true),
            ("name", "varchar(100)", true),
            ("email", "indexed text", true),
            ("age", "bigint", true),
            ("handle", "text", false),
        ],
    );
    put_table(
        &mut c,
        backend,
        join.table,
        &[(join.source, "bigint", true), (join.to, "bigint", true)],
    );
    put_index(&mut c, "people", "people_email_idx");
    put_index(&mut c, join.table, &join.reverse_index());
    c
}

/// One case: how the current schema differs from the wanted one.
struct Case {
    title: &'static str,
    backends: &'static [Backend],
    have: fn(Backend) -> Catalog,
}

const ALL: &[Backend] = &BACKENDS;

fn cases() -> Vec<Case> {
    vec![
        Case {
            title: "new tables, their indexes and a join table (empty scope)",
            backends: ALL,
            have: |_| Catalog::default(),
        },
        Case {
            title: "new column with its index",
            backends: ALL,
            have: |b| {
                let mut c = wanted(b);
                c.columns
                    .get_mut("people")
                    .unwrap()
                    .retain(|c| c.name != "email");
                c.indexes.remove("people");
                c
            },
        },
        Case {
            title: "widened columns: varchar(40) -> varchar(100), int -> bigint",
            backends: ALL,
            have: |b| {
                let mut c = wanted(b);
                column_mut(&mut c, "people", "name").ty = spelled(b, "varchar(40)");
                column_mut(&mut c, "people", "age").ty = spelled(b, "int");
                c
            },
        },
        Case {
            title: "narrowed column: text -> varchar(100)",
            backends: ALL,
            have: |b| {
                let mut c = wanted(b);
                column_mut(&mut c, "people", "name").ty = spelled(b, "text");
                c
            },
        },
        Case {
            title: "column made NOT NULL, another made nullable",
            backends: ALL,
            have: |b| {
                let mut c = wanted(b);
                column_mut(&mut c, "people", "email").not_null = false;
                column_mut(&mut c, "people", "handle").not_null = true;
                c
            },
        },
        Case {
            title: "declared rename: nick -> handle",
            backends: ALL,
            have: |b| {
                let mut c = wanted(b);
                column_mut(&mut c, "people", "handle").name = "nick".into();
                c
            },
        },
        Case {
            title: "dropped column",
            backends: ALL,
            have: |b| {
                let mut c = wanted(b);
                let legacy = Column::new("legacy", &spelled(b, "int"), true);
                c.columns.get_mut("people").unwrap().push(legacy);
                c
            },
        },
        Case {
            title: "dropped index, and the index MySQL keeps for a foreign key",
            backends: ALL,
            have: |b| {
                let mut c = wanted(b);
                put_index(&mut c, "people", "people_age_idx");
                put_index(&mut c, "people_groups", "people_groups_group_id_fkey");
                c
            },
        },
        Case {
            title: "dropped table",
            backends: ALL,
            have: |b| {
                let mut c = wanted(b);
                put_table(&mut c, b, "archive", &[("id", "bigint", true)]);
                c
            },
        },
        Case {
            title: "PAD SPACE table converted to the exact collation",
            backends: &[Backend::MySql],
            have: |b| {
                let mut c = wanted(b);
                c.collations.insert("people".into(), "utf8mb4_bin".into());
                c.collations.insert("groups".into(), "weird-name".into());
                c
            },
        },
    ]
}

fn write_lines(out: &mut String, label: &str, text: &str) {
    writeln!(out, "{label}:").unwrap();
    for line in text.lines() {
        writeln!(out, "  {line}").unwrap();
    }
}

fn write_diff(out: &mut String, diff: Option<&Diff>) {
    let Some(diff) = diff else {
        writeln!(out, "(no migration)").unwrap();
        return;
    };
    write_lines(out, "up", &diff.up);
    write_lines(out, "down", &diff.down);
    for skipped in &diff.skipped {
        writeln!(out, "skipped: {skipped}").unwrap();
    }
}

fn render_all() -> String {
    let mut out = String::new();
    for case in cases() {
        writeln!(out, "## {}", case.title).unwrap();
        for backend in case.backends.iter().copied() {
            let have = (case.have)(backend);
            let want = wanted(backend);
            let diff = |destructive| {
                let options = DiffOptions { destructive };
                compare(backend, &have, &want, &entities(), options)
            };
            let (safe, destructive) = (diff(false), diff(true));
            writeln!(out, "### {backend:?}").unwrap();
            write_diff(&mut out, safe.as_ref());
            if destructive == safe {
                writeln!(out, "### {backend:?} --destructive: the same").unwrap();
            } else {
                writeln!(out, "### {backend:?} --destructive").unwrap();
                write_diff(&mut out, destructive.as_ref());
            }
        }
        out.push('\n');
    }
    out
}

#[test]
fn diff_steps_match_the_reviewed_snapshot() {
    snapshot::assert_matches(
        "diff.snap",
        "ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit --lib diff_steps",
        &render_all(),
    );
}

#[test]
fn an_unchanged_schema_needs_no_migration() {
    for backend in BACKENDS {
        let same = wanted(backend);
        for destructive in [false, true] {
            let options = DiffOptions { destructive };
            let diff = compare(backend, &same, &same, &entities(), options);
            assert_eq!(diff, None, "{backend:?}");
        }
    }
}

#[test]
fn bookkeeping_tables_and_automatic_indexes_are_not_compared() {
    let mut catalog = wanted(Backend::Sqlite);
    for table in BOOKKEEPING {
        put_table(
            &mut catalog,
            Backend::Sqlite,
            table,
            &[("version", "bigint", true)],
        );
    }
    put_index(&mut catalog, "people", "people_pkey");
    put_index(&mut catalog, "people", "PRIMARY");
    put_index(&mut catalog, "groups", "sqlite_autoindex_groups_1");
    assert_eq!(comparable(catalog), wanted(Backend::Sqlite));
}

#[test]
fn widening_is_what_keeps_every_value() {
    for (old, new, widening) in [
        ("smallint", "integer", true),
        ("int(11)", "bigint(20)", true),
        ("bigint", "integer", false),
        ("character varying(40)", "character varying(100)", true),
        ("varchar(100)", "varchar(40)", false),
        ("varchar(255)", "longtext", true),
        ("text", "character varying(100)", false),
        ("real", "double precision", true),
        ("double", "float", false),
        ("integer", "text", false),
    ] {
        assert_eq!(is_widening(old, new), widening, "{old} -> {new}");
    }
}
