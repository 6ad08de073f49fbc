//! Section C, compile cost: a generated crate of 50 entities × 10 fields
//! with 10 `belongs_to` / `has_many` edge pairs, in three spellings —
//! entkit's derive, only `sqlx::FromRow` (the floor), and SeaORM's
//! `DeriveEntityModel` — built clean and rebuilt after one entity changed;
//! then the same generator at 300 entities (60 edge pairs), entkit and the
//! floor only, to show how the cost grows with the number of entities. Each
//! build's peak compiler memory is read with `/usr/bin/time`.
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

/// The crate sizes measured, in entities; SeaORM is built at the first only
/// (at 300 entities its builds alone would take about a quarter of an hour).
pub const SIZES: [usize; 2] = [50, 300];
pub const FIELDS: usize = 10;
/// Every `EDGE_EVERY`-th entity belongs to the one before it.
const EDGE_EVERY: usize = 5;
/// Timed builds of each kind per variant.
const REPEATS: usize = 2;

/// One generated crate's shape: how many entities, and their names.
#[derive(Debug, Clone, Copy)]
struct Shape {
    entities: usize,
}

impl Shape {
    /// Digits in entity names, so that they sort (`e07`, `e123`).
    fn width(self) -> usize {
        if self.entities > 100 { 3 } else { 2 }
    }

    /// The module (and table) of entity `i`: `e07`.
    fn module(self, i: usize) -> String {
        format!("e{i:0w$}", w = self.width())
    }

    /// The struct of entity `i`: `E07`.
    fn ty(self, i: usize) -> String {
        format!("E{i:0w$}", w = self.width())
    }

    fn has_parent(self, i: usize) -> bool {
        i % EDGE_EVERY == 1
    }

    fn has_child(self, i: usize) -> bool {
        i + 1 < self.entities && self.has_parent(i + 1)
    }

    /// The entity whose source changes for the rebuild.
    fn touched(self) -> usize {
        self.entities / 2
    }

    fn edges(self) -> usize {
        (0..self.entities).filter(|i| self.has_parent(*i)).count()
    }

    fn spellings(self) -> &'static [Variant] {
        if self.entities == SIZES[0] {
            &Variant::ALL
        } else {
            &[Variant::Entkit, Variant::FromRow]
        }
    }
}

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

/// The generated crate of a spelling and size, with or without the uses.
fn package(v: Variant, used: bool, shape: Shape) -> String {
    let used = if used { "_used" } else { "" };
    format!("{}{used}_{}", v.package(), shape.entities)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VariantResult {
    pub variant: Variant,
    /// Whether the crate also uses every entity (see the module docs).
    #[serde(default)]
    pub used: bool,
    pub clean_s: Vec<f64>,
    pub touched_s: Vec<f64>,
    /// Peak resident memory of the largest process of each build (rustc),
    /// in MiB, in the order of the timings.
    pub clean_peak_mib: Vec<f64>,
    pub touched_peak_mib: Vec<f64>,
    pub lines: usize,
}

/// The builds of one crate size.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SizeResult {
    pub entities: usize,
    pub edges: usize,
    pub results: Vec<VariantResult>,
}

impl SizeResult {
    /// A spelling's builds, with or without the uses.
    pub fn get(&self, variant: Variant, used: bool) -> Option<&VariantResult> {
        self.results
            .iter()
            .find(|r| r.variant == variant && r.used == used)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompileResult {
    pub fields: usize,
    pub sizes: Vec<SizeResult>,
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

/// The nine non-key fields: (name, Rust type); `renamed` changes one name,
/// which is the edit of the rebuild.
fn fields(shape: Shape, i: usize, renamed: bool) -> Vec<(String, &'static str)> {
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
    if shape.has_parent(i) {
        f.push((format!("{}_id", shape.module(i - 1)), "i64"));
    } else {
        f.push(("extra".to_owned(), "Option<i64>"));
    }
    debug_assert_eq!(f.len() + 1, FIELDS);
    f
}

fn entkit_entity(shape: Shape, i: usize, renamed: bool) -> String {
    let mut s = String::from("use entkit::Entity;\n\n#[derive(Entity)]\n");
    if shape.has_child(i) {
        let (m, t) = (shape.module(i + 1), shape.ty(i + 1));
        let _ = writeln!(
            s,
            "#[entity(has_many(children = crate::{m}::{t}, inverse = parent))]"
        );
    }
    let ty = shape.ty(i);
    let _ = writeln!(s, "pub struct {ty} {{\n    pub id: i64,");
    for (name, field_ty) in fields(shape, i, renamed) {
        if name.ends_with("_id") {
            let (m, t) = (shape.module(i - 1), shape.ty(i - 1));
            let _ = writeln!(
                s,
                "    #[entity(belongs_to(crate::{m}::{t}, edge = parent))]"
            );
        }
        let _ = writeln!(s, "    pub {name}: {field_ty},");
    }
    if shape.has_parent(i) || shape.has_child(i) {
        let _ = writeln!(s, "    #[entity(edges)]\n    pub edges: {ty}Edges,");
    }
    s.push_str("}\n");
    s
}

fn fromrow_entity(shape: Shape, i: usize, renamed: bool) -> String {
    let mut s = format!(
        "#[derive(sqlx::FromRow)]\npub struct {} {{\n    pub id: i64,\n",
        shape.ty(i)
    );
    for (name, ty) in fields(shape, i, renamed) {
        let _ = writeln!(s, "    pub {name}: {ty},");
    }
    s.push_str("}\n");
    s
}

fn seaorm_entity(shape: Shape, i: usize, renamed: bool) -> String {
    let mut s = format!(
        "use sea_orm::entity::prelude::*;\n\n\
         #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]\n\
         #[sea_orm(table_name = \"{}\")]\n\
         pub struct Model {{\n    #[sea_orm(primary_key)]\n    pub id: i64,\n",
        shape.module(i)
    );
    for (name, ty) in fields(shape, i, renamed) {
        let _ = writeln!(s, "    pub {name}: {ty},");
    }
    s.push_str(
        "}\n\n#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]\npub enum Relation {\n",
    );
    if shape.has_parent(i) {
        let (m, t) = (shape.module(i - 1), shape.ty(i - 1));
        let _ = writeln!(
            s,
            "    #[sea_orm(belongs_to = \"super::{m}::Entity\", from = \"Column::{t}Id\", \
             to = \"super::{m}::Column::Id\")]\n    Parent,"
        );
    }
    if shape.has_child(i) {
        let _ = writeln!(
            s,
            "    #[sea_orm(has_many = \"super::{}::Entity\")]\n    Children,",
            shape.module(i + 1)
        );
    }
    s.push_str("}\n\n");
    let related = |module: String, relation: &str| {
        format!(
            "impl Related<super::{module}::Entity> for Entity {{\n    fn to() -> RelationDef {{\n        \
             Relation::{relation}.def()\n    }}\n}}\n\n"
        )
    };
    if shape.has_parent(i) {
        s.push_str(&related(shape.module(i - 1), "Parent"));
    }
    if shape.has_child(i) {
        s.push_str(&related(shape.module(i + 1), "Children"));
    }
    s.push_str("impl ActiveModelBehavior for ActiveModel {}\n");
    s
}

fn entity_source(v: Variant, shape: Shape, i: usize, renamed: bool, used: bool) -> String {
    let mut s = match v {
        Variant::Entkit => entkit_entity(shape, i, renamed),
        Variant::FromRow => fromrow_entity(shape, i, renamed),
        Variant::SeaOrm => seaorm_entity(shape, i, renamed),
    };
    if used {
        s.push('\n');
        s.push_str(&use_source(v, shape, i, renamed));
    }
    s
}

/// The fields an insert must set, with a value of their type.
fn required_values(shape: Shape, i: usize, renamed: bool) -> Vec<(String, &'static str)> {
    fields(shape, i, renamed)
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
fn use_source(v: Variant, shape: Shape, i: usize, renamed: bool) -> String {
    let required = required_values(shape, i, renamed);
    let (ty, table) = (shape.ty(i), shape.module(i));
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
                 let all = {ty}::query().filter({ty}::RANK.gt(0)).all(c).await?;\n    \
                 let one = {ty}::find(c, 1).await?;\n    \
                 let new = {ty}::create(){setters}.save(c).await?;\n    \
                 Ok(all.len() + usize::from(one.is_some()) + new.id as usize)\n}}\n"
            );
        }
        Variant::FromRow => {
            let columns: Vec<String> = std::iter::once("id".to_owned())
                .chain(fields(shape, i, renamed).into_iter().map(|(n, _)| n))
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
                 let all: Vec<{ty}> = sqlx::query_as(\"SELECT {columns} FROM {table} WHERE rank > $1\")\
                 .bind(0i32).fetch_all(p).await?;\n    \
                 let one: Option<{ty}> = sqlx::query_as(\"SELECT {columns} FROM {table} WHERE id = $1\")\
                 .bind(1i64).fetch_optional(p).await?;\n    \
                 let new: {ty} = sqlx::query_as(\"INSERT INTO {table} ({}) VALUES ({}) RETURNING {columns}\")\
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

/// Every generated crate: each size's spellings, without and with the uses.
fn crates() -> Vec<(Variant, bool, Shape)> {
    let mut out = Vec::new();
    for entities in SIZES {
        let shape = Shape { entities };
        for used in [false, true] {
            out.extend(shape.spellings().iter().map(|v| (*v, used, shape)));
        }
    }
    out
}

/// Writes the workspace and its crates (see [`crates`]); returns source
/// lines per crate, in that order.
fn generate() -> Result<Vec<usize>, BoxError> {
    let root = workspace_dir();
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root)?;
    let crates = crates();
    let members: Vec<String> = crates
        .iter()
        .map(|(v, used, shape)| format!("{:?}", package(*v, *used, *shape)))
        .collect();
    let mut workspace = format!(
        "# Generated by entkit-bench (section C); rewritten on every run.\n\
         [workspace]\nresolver = \"3\"\nmembers = [{}]\n\n\
         [profile.release]\ndebug = \"line-tables-only\"\n",
        members.join(", ")
    );
    for (v, used, shape) in &crates {
        let _ = write!(
            workspace,
            "\n[profile.release.package.{}]\nincremental = true\n",
            package(*v, *used, *shape)
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
    for (v, used, shape) in crates {
        let name = package(v, used, shape);
        let dir = root.join(&name);
        std::fs::create_dir_all(dir.join("src"))?;
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [lib]\npath = \"src/lib.rs\"\n\n{deps}"
            ),
        )?;
        let mut lib = String::from("#![allow(dead_code)]\n");
        let mut count = 0;
        for i in 0..shape.entities {
            let module = shape.module(i);
            let _ = writeln!(lib, "pub mod {module};");
            let src = entity_source(v, shape, i, false, used);
            count += src.lines().count();
            std::fs::write(dir.join(format!("src/{module}.rs")), src)?;
        }
        std::fs::write(dir.join("src/lib.rs"), lib)?;
        lines.push(count);
    }
    Ok(lines)
}

/// One timed cargo command: seconds, and the peak resident memory of its
/// largest process in MiB (GNU time reports the maximum over the processes
/// cargo waited for, which is rustc's).
fn cargo(root: &Path, args: &[&str]) -> Result<(f64, f64), BoxError> {
    let peak_file = root.join("peak-kib");
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&peak_file)
        .arg(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .map_err(|e| format!("running /usr/bin/time (bench/setup.sh installs it): {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!(
            "cargo {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    let peak_kib: f64 = std::fs::read_to_string(&peak_file)?
        .lines()
        .last()
        .ok_or("GNU time wrote no peak memory")?
        .trim()
        .parse()?;
    Ok((seconds, peak_kib / 1024.0))
}

/// Writes the crates without building them, and says where they are.
pub fn generate_only() -> Result<(), BoxError> {
    generate()?;
    eprintln!(
        "wrote section C's crates under {} (build them with CARGO_TARGET_DIR={})",
        workspace_dir().display(),
        target_dir().display()
    );
    Ok(())
}

pub fn run() -> Result<CompileResult, BoxError> {
    let lines = generate()?;
    let root = workspace_dir();
    // Untimed: resolves the lock file and makes sure every dependency is
    // built (the crates declare the same dependencies).
    let first = Shape { entities: SIZES[0] };
    let floor = package(Variant::FromRow, false, first);
    cargo(&root, &["build", "--release", "-q", "-p", &floor])?;
    let mut sizes: Vec<SizeResult> = Vec::new();
    for ((v, used, shape), lines) in crates().into_iter().zip(lines) {
        if sizes.last().is_none_or(|s| s.entities != shape.entities) {
            eprintln!(
                "== compile cost: {} entities × {FIELDS} fields ==",
                shape.entities
            );
            sizes.push(SizeResult {
                entities: shape.entities,
                edges: shape.edges(),
                results: Vec::new(),
            });
        }
        let name = package(v, used, shape);
        let mut result = VariantResult {
            variant: v,
            used,
            clean_s: Vec::new(),
            touched_s: Vec::new(),
            clean_peak_mib: Vec::new(),
            touched_peak_mib: Vec::new(),
            lines,
        };
        for _ in 0..REPEATS {
            cargo(&root, &["clean", "--release", "-q", "-p", &name])?;
            let (s, mib) = cargo(&root, &["build", "--release", "-q", "-p", &name])?;
            result.clean_s.push(s);
            result.clean_peak_mib.push(mib);
        }
        for r in 0..REPEATS {
            let module = shape.module(shape.touched());
            let file = root.join(&name).join(format!("src/{module}.rs"));
            let source = entity_source(v, shape, shape.touched(), r % 2 == 0, used);
            std::fs::write(&file, source)?;
            let (s, mib) = cargo(&root, &["build", "--release", "-q", "-p", &name])?;
            result.touched_s.push(s);
            result.touched_peak_mib.push(mib);
        }
        eprintln!(
            "  {:<42} {:<10} clean {:>6.1} s ({:>5.0} MiB)   one entity touched {:>6.1} s",
            v.label(),
            if used { "+ uses" } else { "" },
            median(&result.clean_s),
            median(&result.clean_peak_mib),
            median(&result.touched_s)
        );
        sizes.last_mut().expect("pushed above").results.push(result);
    }
    Ok(CompileResult {
        fields: FIELDS,
        sizes,
    })
}
