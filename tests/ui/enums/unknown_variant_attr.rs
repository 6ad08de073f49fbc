// The only variant option is `rename`.
#[derive(Debug, Clone, Copy, PartialEq, entkit::Enum)]
pub enum Status {
    #[entity(renam = "on")]
    Active,
}

fn main() {}
