use entkit::Entity;

enum Status {
    Active,
    Disabled,
}

#[derive(Entity)]
struct Account {
    id: i64,
    status: Status,
}

fn main() {}
