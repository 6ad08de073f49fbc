//! Section C, compile cost: a generated crate of 50 entities × 10 fields
//! with 10 `belongs_to` / `has_many` edge pairs, in three spellings —
//! entkit's derive, only `sqlx::FromRow` (the floor), and SeaORM's
//! `DeriveEntityModel` — built clean and rebuilt after one entity changed.
//! Each spelling is built twice: with the definitions alone, and with one
//! function per entity that uses it (a filtered read, a read by key and an
//! insert), since generated and generic code is partly compiled only where
//! it is used.
//!
//! The crates are generated under `bench/target/compile-cost` and built into
//! `bench/target` with the `release` profile, so they reuse the dependency
//! artifacts the benchmark binary itself was built with: each generated
//! crate declares exactly the benchmark's dependencies, and only its own
//! code is compiled and timed. Like a `dev` build, the generated crates are
//! built incrementally (`incremental = true` for them only).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::harness::BoxError;
use crate::results::repo_root;

pub const ENTITIES: usize = 50;
pub const FIELDS: usize = 10;
/// Every `EDGE_EVERY`-th entity belongs to the one before it.
const EDGE_EVERY: usize = 5;
/// The entity whose source changes for the rebuild.
const TOUCHED: usize = 25;
/// Timed builds of each kind per variant.
const REPEATS: usize = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Variant {
    Entkit,
    FromRow,
    SeaOrm,
}

impl Variant {
    pub const ALL: [Variant; 3] = [Variant::Entkit, Variant::FromRow, Variant::SeaOrm];

    pub fn package(self) -> &'static str {
        match self {
            Variant::Entkit => "gen_entkit",
            Variant::FromRow => "gen_fromrow",
            Variant::SeaOrm => "gen_seaorm",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Variant::Entkit => "entkit `#[derive(Entity)]`",
            Variant::FromRow => "`#[derive(sqlx::FromRow)]` only (floor)",
            Variant::SeaOrm => "SeaORM `DeriveEntityModel`",
        }
    }
}

/// The generated crate of a spelling, with or without the uses.
fn package(v: Variant, used: bool) -> String {
    if used {
        format!("{}_used", v.package())
    } else {
        v.package().to_owned()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VariantResult {
    pub variant: Variant,
    /// Whether the crate also uses every entity (see the module docs).
    #[serde(default)]
    pub used: bool,
    pub clean_s: Vec<f64>,
    pub touched_s: Vec<f64>,
    pub lines: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompileResult {
    pub entities: usize,
    pub fields: usize,
    pub edges: usize,
    pub results: Vec<VariantResult>,
}

/// The median of a few timings.
pub fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    match s.len() {
        0 => 0.0,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

fn has_parent(i: usize) -> bool {
    i % EDGE_EVERY == 1
}

fn has_child(i: usize) -> bool {
    i + 1 < ENTITIES && has_parent(i + 1)
}

/// The nine non-key fields: (name, Rust type); `renamed` changes one name,
/// which is the edit of the rebuild.
fn fields(i: usize, renamed: bool) -> Vec<(String, &'static str)> {
    let mut f = vec![
        ("title".to_owned(), "String"),
        ("subtitle".to_owned(), "Option<String>"),
        ("rank".to_owned(), "i32"),
        ("total".to_owned(), "i64"),
        ("active".to_owned(), "bool"),
        ("score".to_owned(), "f64"),
        ("level".to_owned(), "Option<i32>"),
        (
            if renamed { "label_v2" } else { "label" }.to_owned(),
            "String",
        ),
    ];
    if has_parent(i) {
        f.push((format!("e{:02}_id", i - 1), "i64"));
    } else {
        f.push(("extra".to_owned(), "Option<i64>"));
    }
    debug_assert_eq!(f.len() + 1, FIELDS);
    f
}

fn entkit_entity(i: usize, renamed: bool) -> String {
    let mut s = String::from("use entkit::Entity;\n\n#[derive(Entity)]\n");
    if has_child(i) {
        let _ = writeln!(
            s,
            "#[entity(has_many(children = crate::e{:02}::E{:02}, inverse = parent))]",
            i + 1,
            i + 1
        );
    }
    let _ = writeln!(s, "pub struct E{i:02} {{\n    pub id: i64,");
    for (name, ty) in fields(i, renamed) {
        if name.ends_with("_id") {
            let _ = writeln!(
                s,
                "    #[entity(belongs_to(crate::e{:02}::E{:02}, edge = parent))]",
                i - 1,
                i - 1
            );
        }
        let _ = writeln!(s, "    pub {name}: {ty},");
    }
    if has_parent(i) || has_child(i) {
        let _ = writeln!(s, "    #[entity(edges)]\n    pub edges: E{i:02}Edges,");
    }
    s.push_str("}\n");
    s
}

fn fromrow_entity(i: usize, renamed: bool) -> String {
    let mut s = format!("#[derive(sqlx::FromRow)]\npub struct E{i:02} {{\n    pub id: i64,\n");
    for (name, ty) in fields(i, renamed) {
        let _ = writeln!(s, "    pub {name}: {ty},");
    }
    s.push_str("}\n");
    s
}

fn seaorm_entity(i: usize, renamed: bool) -> String {
    let mut s = format!(
        "use sea_orm::entity::prelude::*;\n\n\
         #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]\n\
         #[sea_orm(table_name = \"e{i:02}\")]\n\
         pub struct Model {{\n    #[sea_orm(primary_key)]\n    pub id: i64,\n"
    );
    for (name, ty) in fields(i, renamed) {
        let _ = writeln!(s, "    pub {name}: {ty},");
    }
    s.push_str(
        "}\n\n#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]\npub enum Relation {\n",
    );
    if has_parent(i) {
        let p = i - 1;
        let _ = writeln!(
            s,
            "    #[sea_orm(belongs_to = \"super::e{p:02}::Entity\", from = \"Column::E{p:02}Id\", \
             to = \"super::e{p:02}::Column::Id\")]\n    Parent,"
        );
    }
    if has_child(i) {
        let _ = writeln!(
            s,
            "    #[sea_orm(has_many = \"super::e{:02}::Entity\")]\n    Children,",
            i + 1
        );
    }
    s.push_str("}\n\n");
    if has_parent(i) {
        let _ = writeln!(
            s,
            "impl Related<super::e{:02}::Entity> for Entity {{\n    fn to() -> RelationDef {{\n        Relation::Parent.def()\n    }}\n}}\n",
            i - 1
        );
    }
    if has_child(i) {
        let _ = writeln!(
            s,
            "impl Related<super::e{:02}::Entity> for Entity {{\n    fn to() -> RelationDef {{\n        Relation::Children.def()\n    }}\n}}\n",
            i + 1
        );
    }
    s.push_str("impl ActiveModelBehavior for ActiveModel {}\n");
    s
}

fn entity_source(v: Variant, i: usize, renamed: bool, used: bool) -> String {
    let mut s = match v {
        Variant::Entkit => entkit_entity(i, renamed),
        Variant::FromRow => fromrow_entity(i, renamed),
        Variant::SeaOrm => seaorm_entity(i, renamed),
    };
    if used {
        s.push('\n');
        s.push_str(&use_source(v, i, renamed));
    }
    s
}

/// The fields an insert must set, with a value of their type.
fn required_values(i: usize, renamed: bool) -> Vec<(String, &'static str)> {
    fields(i, renamed)
        .into_iter()
        .filter(|(_, ty)| !ty.starts_with("Option"))
        .map(|(name, ty)| {
            let value = match ty {
                "String" => "\"x\"",
                "i32" => "1i32",
                "i64" => "1i64",
                "bool" => "true",
                _ => "0.5f64",
            };
            (name, value)
        })
        .collect()
}

/// `exercise`: a filtered read, a read by key and an insert of the entity,
/// in the spelling's own API (sqlx: hand-written SQL on PostgreSQL).
fn use_source(v: Variant, i: usize, renamed: bool) -> String {
    let required = required_values(i, renamed);
    let mut s =
        String::from("/// A filtered read, a read by key and an insert.\npub async fn exercise");
    match v {
        Variant::Entkit => {
            let setters: String = required
                .iter()
                .map(|(name, value)| format!(".{name}({value})"))
                .collect();
            let _ = write!(
                s,
                "(c: &entkit::Client) -> entkit::Result<usize> {{\n    \
                 let all = E{i:02}::query().filter(E{i:02}::RANK.gt(0)).all(c).await?;\n    \
                 let one = E{i:02}::find(c, 1).await?;\n    \
                 let new = E{i:02}::create(){setters}.save(c).await?;\n    \
                 Ok(all.len() + usize::from(one.is_some()) + new.id as usize)\n}}\n"
            );
        }
        Variant::FromRow => {
            let columns: Vec<String> = std::iter::once("id".to_owned())
                .chain(fields(i, renamed).into_iter().map(|(n, _)| n))
                .collect();
            let columns = columns.join(", ");
            let names: Vec<&str> = required.iter().map(|(n, _)| n.as_str()).collect();
            let params: Vec<String> = (1..=names.len()).map(|n| format!("${n}")).collect();
            let binds: String = required
                .iter()
                .map(|(_, v)| format!(".bind({v})"))
                .collect();
            let _ = write!(
                s,
                "(p: &sqlx::PgPool) -> Result<usize, sqlx::Error> {{\n    \
                 let all: Vec<E{i:02}> = sqlx::query_as(\"SELECT {columns} FROM e{i:02} WHERE rank > $1\")\
                 .bind(0i32).fetch_all(p).await?;\n    \
                 let one: Option<E{i:02}> = sqlx::query_as(\"SELECT {columns} FROM e{i:02} WHERE id = $1\")\
                 .bind(1i64).fetch_optional(p).await?;\n    \
                 let new: E{i:02} = sqlx::query_as(\"INSERT INTO e{i:02} ({}) VALUES ({}) RETURNING {columns}\")\
                 {binds}.fetch_one(p).await?;\n    \
                 Ok(all.len() + usize::from(one.is_some()) + new.id as usize)\n}}\n",
                names.join(", "),
                params.join(", ")
            );
        }
        Variant::SeaOrm => {
            let sets: String = required
                .iter()
                .map(|(name, value)| {
                    let value = if *value == "\"x\"" {
                        "\"x\".to_owned()"
                    } else {
                        value
                    };
                    format!("{name}: Set({value}), ")
                })
                .collect();
            let _ = write!(
                s,
                "(db: &DatabaseConnection) -> Result<usize, DbErr> {{\n    \
                 use sea_orm::{{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter}};\n    \
                 let all = Entity::find().filter(Column::Rank.gt(0)).all(db).await?;\n    \
                 let one = Entity::find_by_id(1i64).one(db).await?;\n    \
                 let new = ActiveModel {{ {sets}..Default::default() }}.insert(db).await?;\n    \
                 Ok(all.len() + usize::from(one.is_some()) + new.id as usize)\n}}\n"
            );
        }
    }
    s
}

/// The `[dependencies]` table of the benchmark's own manifest, verbatim, so
/// the generated crates resolve to the very same dependency artifacts.
fn bench_dependencies() -> Result<String, BoxError> {
    let manifest = std::fs::read_to_string(repo_root().join("bench/Cargo.toml"))?;
    let start = manifest.find("[dependencies]").ok_or("no [dependencies]")?;
    let rest = &manifest[start..];
    let end = rest[1..].find("\n[").map_or(rest.len(), |e| e + 1);
    Ok(rest[..end].replace(
        "path = \"../runtime\"",
        &format!(
            "path = {:?}",
            repo_root().join("runtime").display().to_string()
        ),
    ))
}

fn workspace_dir() -> PathBuf {
    repo_root().join("bench/target/compile-cost")
}

fn target_dir() -> PathBuf {
    repo_root().join("bench/target")
}

/// Writes the workspace and its six crates (three spellings, without and
/// with the uses); returns source lines per crate, in that order.
fn generate() -> Result<Vec<usize>, BoxError> {
    let root = workspace_dir();
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root)?;
    let crates: Vec<(Variant, bool)> = [false, true]
        .into_iter()
        .flat_map(|used| Variant::ALL.map(|v| (v, used)))
        .collect();
    let members: Vec<String> = crates
        .iter()
        .map(|(v, used)| format!("{:?}", package(*v, *used)))
        .collect();
    let mut workspace = format!(
        "# Generated by entkit-bench (section C); rewritten on every run.\n\
         [workspace]\nresolver = \"3\"\nmembers = [{}]\n\n\
         [profile.release]\ndebug = \"line-tables-only\"\n",
        members.join(", ")
    );
    for (v, used) in &crates {
        let _ = write!(
            workspace,
            "\n[profile.release.package.{}]\nincremental = true\n",
            package(*v, *used)
        );
    }
    std::fs::write(root.join("Cargo.toml"), workspace)?;
    // Same versions as the benchmark's lock file.
    std::fs::copy(
        repo_root().join("bench/Cargo.lock"),
        root.join("Cargo.lock"),
    )?;
    let deps = bench_dependencies()?;
    let mut lines = Vec::new();
    for (v, used) in crates {
        let dir = root.join(package(v, used));
        std::fs::create_dir_all(dir.join("src"))?;
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [lib]\npath = \"src/lib.rs\"\n\n{deps}",
                package(v, used)
            ),
        )?;
        let mut lib = String::from("#![allow(dead_code)]\n");
        let mut count = 0;
        for i in 0..ENTITIES {
            let _ = writeln!(lib, "pub mod e{i:02};");
            let src = entity_source(v, i, false, used);
            count += src.lines().count();
            std::fs::write(dir.join(format!("src/e{i:02}.rs")), src)?;
        }
        std::fs::write(dir.join("src/lib.rs"), lib)?;
        lines.push(count);
    }
    Ok(lines)
}

fn cargo(root: &Path, args: &[&str]) -> Result<f64, BoxError> {
    let started = Instant::now();
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir())
        .output()?;
    if !out.status.success() {
        return Err(format!(
            "cargo {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(started.elapsed().as_secs_f64())
}

pub fn run() -> Result<CompileResult, BoxError> {
    eprintln!("== compile cost: {ENTITIES} entities × {FIELDS} fields ==");
    let lines = generate()?;
    let root = workspace_dir();
    // Untimed: resolves the lock file and makes sure every dependency is
    // built (the crates declare the same dependencies).
    let floor = package(Variant::FromRow, false);
    cargo(&root, &["build", "--release", "-q", "-p", &floor])?;
    let crates = [false, true]
        .into_iter()
        .flat_map(|used| Variant::ALL.map(|v| (v, used)));
    let mut results = Vec::new();
    for ((v, used), lines) in crates.zip(lines) {
        let name = package(v, used);
        let mut clean = Vec::new();
        let mut touched = Vec::new();
        for _ in 0..REPEATS {
            cargo(&root, &["clean", "--release", "-q", "-p", &name])?;
            clean.push(cargo(&root, &["build", "--release", "-q", "-p", &name])?);
        }
        for r in 0..REPEATS {
            let file = root.join(&name).join(format!("src/e{TOUCHED:02}.rs"));
            std::fs::write(&file, entity_source(v, TOUCHED, r % 2 == 0, used))?;
            touched.push(cargo(&root, &["build", "--release", "-q", "-p", &name])?);
        }
        eprintln!(
            "  {:<42} {:<10} clean {:>6.1} s   one entity touched {:>6.1} s",
            v.label(),
            if used { "+ uses" } else { "" },
            median(&clean),
            median(&touched)
        );
        results.push(VariantResult {
            variant: v,
            used,
            clean_s: clean,
            touched_s: touched,
            lines,
        });
    }
    Ok(CompileResult {
        entities: ENTITIES,
        fields: FIELDS,
        edges: (0..ENTITIES).filter(|i| has_parent(*i)).count(),
        results,
    })
}
