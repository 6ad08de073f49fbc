//! The SQL text each backend gets for the main statement shapes, pinned in
//! a reviewed file (`tests/sql_text.snap`), with no database: the cheapest
//! tests, and the ones that catch a dialect regression. Regenerate after an
//! intended change with `ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit
//! sql_text` and review the diff.

use std::fmt::Write as _;

use crate::dialect::Backend;
use crate::migrate::ddl;
use crate::mutation::bulk::{unnest_sql, values_sql};
use crate::sql::{self, Statement};
use crate::value::Value;
use crate::{Entity, OnConflict, Predicate};

#[derive(crate::Entity)]
#[entity(many_to_many(tags = Tag, table = "note_tags"))]
#[entity(index(fields = [owner, title], unique))]
pub struct Note {
    pub id: i64,
    #[entity(max_len = 100)]
    pub title: String,
    pub owner: String,
    #[entity(default = 0, min = 0)]
    pub score: i32,
    pub body: Option<String>,
    #[entity(default = entkit::now)]
    pub created_at: chrono::DateTime<chrono::Utc>,
    #[entity(edges)]
    pub edges: NoteEdges,
}

#[derive(crate::Entity)]
#[entity(many_to_many(notes = Note, inverse = tags))]
pub struct Tag {
    pub id: i64,
    #[entity(unique, max_len = 40)]
    pub name: String,
    #[entity(edges)]
    pub edges: TagEdges,
}

/// A tenant entity: its tenant key travels as a bind in every shape.
#[derive(crate::Entity)]
#[entity(index(fields = [org, code], unique))]
pub struct Ledger {
    pub id: i64,
    #[entity(tenant)]
    pub org: i64,
    pub code: String,
    pub balance: i64,
}

const BACKENDS: [Backend; 3] = [Backend::Postgres, Backend::MySql, Backend::Sqlite];

/// Appends one shape rendered for every backend, with and without a scope.
fn shape(out: &mut String, title: &str, render: impl Fn(Backend, Option<&str>) -> String) {
    writeln!(out, "## {title}").unwrap();
    for backend in BACKENDS {
        for scope in [None, Some("tenant_a")] {
            let label = format!(
                "{backend:?}{}",
                scope.map_or(String::new(), |s| format!(" @{s}"))
            );
            writeln!(out, "{label:<20} {}", render(backend, scope)).unwrap();
        }
    }
    out.push('\n');
}

fn text(stmt: Statement) -> String {
    stmt.sql.to_string()
}

fn filter() -> Predicate<Note> {
    Note::TITLE
        .eq("a")
        .and(Note::SCORE.gt(1))
        .or(Note::BODY.is_null())
}

fn render_all() -> String {
    let mut out = String::new();
    shape(&mut out, "select: filter, order, limit, offset", |b, s| {
        let q = Note::query()
            .filter(filter())
            .order_by(Note::SCORE.desc().nulls_last())
            .limit(10)
            .offset(20);
        text(q.render(b, s))
    });
    shape(&mut out, "select: is_in, text predicates", |b, s| {
        let q = Note::query()
            .filter(Note::ID.is_in([1, 2, 3]))
            .filter(Note::TITLE.contains("x%"))
            .filter(Note::OWNER.has_prefix("a_"))
            .filter(Note::TITLE.eq_fold("ADA"));
        text(q.render(b, s))
    });
    shape(&mut out, "select: row lock, skip locked", |b, s| {
        let q = Note::query().for_update().skip_locked().limit(1);
        text(q.render(b, s))
    });
    shape(&mut out, "select: traversal over a join table", |b, s| {
        let q = Note::query()
            .filter(Note::OWNER.eq("ada"))
            .traverse(Note::TAGS);
        text(q.render(b, s))
    });
    shape(&mut out, "select: edge predicate", |b, s| {
        let q = Note::query().filter(Note::TAGS.any(Tag::NAME.eq("red")));
        text(q.render(b, s))
    });
    shape(&mut out, "count", |b, s| {
        let def = Note::def();
        text(sql::render_count(b, s, def, Some(filter().expr)))
    });
    shape(
        &mut out,
        "insert one (RETURNING where the backend has it)",
        |b, s| sql::insert_sql(b, s, Note::def(), b != Backend::MySql).to_string(),
    );
    shape(&mut out, "update by key", |b, s| {
        let def = Note::def();
        let sets = vec![
            (1, sql::SetValue::To(Value::Text("t".into()))),
            (3, sql::SetValue::Add(Value::I32(1))),
        ];
        let by_key = Note::ID.eq(7).expr;
        text(sql::render_update(b, s, def, sets, Some(by_key), true))
    });
    shape(&mut out, "delete by filter", |b, s| {
        text(sql::render_delete(b, s, Note::def(), Some(filter().expr)))
    });
    shape(
        &mut out,
        "bulk insert, 2 rows, upsert on (owner, title)",
        |b, s| {
            let conflict = OnConflict::on(Note::OWNER)
                .and(Note::TITLE)
                .update(Note::SCORE);
            values_sql::<Note>(b, s, 2, Some(&conflict), b != Backend::MySql)
        },
    );
    shape(
        &mut out,
        "bulk insert from 32 rows on PostgreSQL (UNNEST)",
        |b, s| match b {
            Backend::Postgres => unnest_sql::<Note>(s, None, true),
            _ => "(VALUES lists on this backend)".to_owned(),
        },
    );
    shape(
        &mut out,
        "tenant entity: select and delete by key",
        |b, s| {
            let def = Ledger::def();
            let select = sql::select_by_key_sql(b, s, def, true);
            format!("{select}; {}", sql::delete_by_key_sql(b, s, def, true))
        },
    );
    shape(
        &mut out,
        "tenant entity: count with the tenant's filter",
        |b, s| {
            let tenancy = crate::Tenancy::Tenant(Value::I64(7));
            let filter = Some(Ledger::CODE.eq("a").expr);
            let filter = crate::tenant::scoped_filter(&tenancy, Ledger::def(), filter).unwrap();
            text(sql::render_count(b, s, Ledger::def(), filter))
        },
    );
    shape(
        &mut out,
        "tenant entity: upsert keeps other tenants' rows",
        |b, s| {
            let conflict = OnConflict::on(Ledger::ORG)
                .and(Ledger::CODE)
                .update(Ledger::BALANCE)
                .update(Ledger::ORG);
            values_sql::<Ledger>(b, s, 1, Some(&conflict), b != Backend::MySql)
        },
    );
    shape(&mut out, "DDL: tables, indexes, join table", |b, s| {
        let mut ddl = vec![
            ddl::create_table(b, s, Tag::def()),
            ddl::create_table(b, s, Note::def()),
        ];
        for index in Note::def().indexes {
            ddl.push(ddl::create_index(b, s, Note::def(), index));
        }
        for join in ddl::JoinTable::of(Note::def()) {
            ddl.push(join.create(b, s));
            ddl.push(join.create_reverse_index(b, s));
        }
        ddl.join("\n                     ")
    });
    out
}

#[test]
fn sql_text_matches_the_reviewed_snapshot() {
    crate::snapshot_tests::assert_matches(
        "sql_text.snap",
        "ENTKIT_UPDATE_SNAPSHOTS=1 cargo test -p entkit --lib sql_text",
        &render_all(),
    );
}
