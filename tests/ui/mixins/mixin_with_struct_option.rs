#[entkit::mixin]
#[entity(table = "shared")]
struct Shared {
    note: String,
}

fn main() {}
