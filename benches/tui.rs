//! Placeholder replaced by the TUI benchmark (being written).
fn main() {}
