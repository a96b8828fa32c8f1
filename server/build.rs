// Migrations are embedded (through `domain`); rebuild the binary when one changes.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
