use entkit::Entity;

#[derive(Entity)]
enum Status {
    Active,
    Disabled,
}

fn main() {}
