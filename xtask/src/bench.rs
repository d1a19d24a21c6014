//! `cargo xtask bench` (filled in below).

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("not yet implemented".into())
}
