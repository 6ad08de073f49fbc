// Two variants cannot be stored under the same name.
#[derive(Debug, Clone, Copy, PartialEq, entkit::Enum)]
pub enum Status {
    Active,
    #[entity(rename = "active")]
    Enabled,
}

fn main() {}
