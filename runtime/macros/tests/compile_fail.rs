//! What a misuse of the derives says: each `tests/ui/*.rs` must fail to compile with the
//! message in its `.stderr`, pointing at the code that is wrong. Run with `TRYBUILD=overwrite`
//! to rewrite the `.stderr` files after a deliberate change, and review them.

#[test]
fn misuses_of_the_derives_fail_with_clear_errors() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
