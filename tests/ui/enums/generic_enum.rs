// An enum column cannot be generic.
#[derive(Debug, Clone, Copy, PartialEq, entkit::Enum)]
pub enum Status<T> {
    Active,
    Other(std::marker::PhantomData<T>),
}

fn main() {}
