// `rename` is given once per variant.
#[derive(Debug, Clone, Copy, PartialEq, entkit::Enum)]
pub enum Status {
    #[entity(rename = "on", rename = "active")]
    Active,
}

fn main() {}
