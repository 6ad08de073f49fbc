#[derive(entkit::Enum)]
enum Shape {
    Circle(f64),
    Square,
}

fn main() {}
