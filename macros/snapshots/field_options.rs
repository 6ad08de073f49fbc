//! Every field option and column type, with a generated UUID key.

use entkit::{Entity, Enum};

#[derive(Entity)]
#[entity(table = "accounts", scope = "identity", comment = "Sign-in accounts")]
#[entity(index(fields = [org, handle], unique), index(fields = [created_at], name = "accounts_by_age"))]
pub struct Account {
    #[entity(id, default = entkit::new_uuid)]
    pub key: uuid::Uuid,
    #[entity(unique, max_len = 120, min_len = 3, pattern = "^[^@]+@[^@]+$")]
    pub email: String,
    #[entity(column = "organisation", index)]
    pub org: String,
    #[entity(validate = check_handle, comment = "Shown to other users")]
    pub handle: String,
    #[entity(sensitive)]
    pub password_hash: String,
    #[entity(default = 0, min = 0, max = 1000)]
    pub logins: i32,
    #[entity(default = 1.5, min = 0.0)]
    pub weight: f64,
    #[entity(default = true)]
    pub active: bool,
    #[entity(default = "en")]
    pub locale: String,
    pub nickname: Option<String>,
    pub avatar: Option<Vec<u8>>,
    pub small: i16,
    pub big: Option<i64>,
    pub ratio: Option<f32>,
    pub birthday: Option<chrono::NaiveDate>,
    pub settings: serde_json::Value,
    pub status: Status,
    #[entity(default = entkit::now, immutable)]
    pub created_at: chrono::DateTime<chrono::Utc>,
    #[entity(default = entkit::now, update_default = entkit::now)]
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Entity)]
#[entity(no_debug, serialize)]
pub struct Token {
    #[entity(id)]
    pub code: String,
    pub account: uuid::Uuid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum Status {
    Active,
    Suspended,
}

/// A handle is refused when it holds a space.
pub fn check_handle(handle: &str) -> Result<(), String> {
    match handle.contains(' ') {
        true => Err("no spaces".to_owned()),
        false => Ok(()),
    }
}
