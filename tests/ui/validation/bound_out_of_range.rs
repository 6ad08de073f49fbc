use entkit::Entity;

#[derive(Entity)]
struct Quota {
    id: i64,
    // One past i64::MAX: no i64 column can be compared with it exactly.
    #[entity(max = 9_223_372_036_854_775_808)]
    limit: i64,
    // i64::MIN itself is fine.
    #[entity(min = -9_223_372_036_854_775_808)]
    floor: i64,
}

fn main() {}
