// An enum column needs at least one variant.
#[derive(Debug, Clone, Copy, PartialEq, entkit::Enum)]
pub enum Status {}

fn main() {}
