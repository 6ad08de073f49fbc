//! What the fuzz targets share: the fixed entities and orderings that
//! cursors are decoded against.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use entkit::{Client, ColumnType, Entity, OrderTerm, PageRequest};
use uuid::Uuid;

/// An entity whose ordering covers every column type a cursor can carry.
#[derive(Entity, Clone)]
#[entity(table = "fuzz_items")]
pub struct Item {
    pub id: i64,
    pub flag: bool,
    pub small: i16,
    pub medium: i32,
    pub single: f32,
    pub double: f64,
    pub title: String,
    pub blob: Vec<u8>,
    pub uid: Uuid,
    pub at: DateTime<Utc>,
    pub day: NaiveDate,
    pub doc: serde_json::Value,
    pub rank: Option<i32>,
}

/// Another entity with the same column names and types: a cursor made
/// for [`Item`] must not be usable on it.
#[derive(Entity, Clone)]
#[entity(table = "fuzz_others")]
pub struct Other {
    pub id: i64,
    pub flag: bool,
    pub small: i16,
    pub medium: i32,
    pub single: f32,
    pub double: f64,
    pub title: String,
    pub blob: Vec<u8>,
    pub uid: Uuid,
    pub at: DateTime<Utc>,
    pub day: NaiveDate,
    pub doc: serde_json::Value,
    pub rank: Option<i32>,
}

/// The ordering the cursor target decodes against: every column type,
/// mixed directions; paginate appends the key.
pub fn item_order() -> Vec<OrderTerm<Item>> {
    vec![
        Item::FLAG.asc(),
        Item::SMALL.desc(),
        Item::MEDIUM.asc(),
        Item::SINGLE.asc(),
        Item::DOUBLE.desc(),
        Item::TITLE.asc(),
        Item::BLOB.asc(),
        Item::UID.asc(),
        Item::AT.desc(),
        Item::DAY.asc(),
        Item::DOC.asc(),
        Item::RANK.asc(),
    ]
}

/// The same ordering on [`Other`].
pub fn other_order() -> Vec<OrderTerm<Other>> {
    vec![
        Other::FLAG.asc(),
        Other::SMALL.desc(),
        Other::MEDIUM.asc(),
        Other::SINGLE.asc(),
        Other::DOUBLE.desc(),
        Other::TITLE.asc(),
        Other::BLOB.asc(),
        Other::UID.asc(),
        Other::AT.desc(),
        Other::DAY.asc(),
        Other::DOC.asc(),
        Other::RANK.asc(),
    ]
}

/// A short ordering (title, then the key) for seeds that are simpler to mutate.
pub fn item_title_order() -> Vec<OrderTerm<Item>> {
    vec![Item::TITLE.asc()]
}

/// The column types (and whether NULL may appear) a decoded
/// [`item_order`] cursor must hold, in order: the terms, then the key.
pub fn item_order_types() -> Vec<(ColumnType, bool)> {
    let def = Item::def();
    [
        "flag", "small", "medium", "single", "double", "title", "blob", "uid", "at", "day", "doc",
        "rank", "id",
    ]
    .iter()
    .map(|c| {
        let f = def.field_by_column(c).expect("a column of Item");
        (f.ty, f.nullable)
    })
    .collect()
}

/// Writes cursors made by `Query::paginate` (on an in-memory SQLite
/// database, for [`item_order`] and [`item_title_order`]) into `dir`, as
/// seeds for the cursor target. Returns how many.
pub fn write_cursor_seeds(dir: &str) -> entkit::Result<usize> {
    std::fs::create_dir_all(dir).expect("create the corpus directory");
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
        .block_on(async {
            let client = Client::connect("sqlite::memory:").await?;
            client.auto_migrate(&[Item::def()]).await?;
            let rows = (0..40i64).map(|i| {
                Item::create()
                    .flag(i % 2 == 0)
                    .small((i % 5) as i16 - 2)
                    .medium((i * 7919 % 100) as i32)
                    .single(i as f32 / 3.0)
                    .double(-(i as f64) * 1.25e10)
                    .title(format!("t{}'\"; é{}", i % 4, "x".repeat((i % 3) as usize)))
                    .blob(vec![i as u8, 0, 255])
                    .uid(uuid::Uuid::from_u128(i as u128 * 0x9e37_79b9_7f4a_7c15))
                    .at(Utc
                        .timestamp_opt(1_700_000_000 + i * 3_600, 123_456_000)
                        .unwrap())
                    .day(
                        chrono::NaiveDate::from_ymd_opt(2000 + i as i32, 2, 28 - (i % 2) as u32)
                            .unwrap(),
                    )
                    .doc(serde_json::json!({"n": i, "tags": ["a", i % 3]}))
                    .rank(if i % 3 == 0 { None } else { Some(i as i32) })
            });
            Item::insert_many(&client, rows).await?;
            let mut written = 0;
            for order in [item_order(), item_title_order()] {
                let query = || order.iter().fold(Item::query(), |q, t| q.order_by(*t));
                let mut page = query().paginate(&client, PageRequest::first(7)).await?;
                loop {
                    for cursor in page.next.iter().chain(page.prev.iter()) {
                        std::fs::write(format!("{dir}/cursor-{written}"), cursor.as_str())
                            .expect("write a seed");
                        written += 1;
                    }
                    let Some(next) = page.next.clone() else { break };
                    page = query()
                        .paginate(&client, PageRequest::after(next, 7))
                        .await?;
                }
            }
            Ok(written)
        })
}
