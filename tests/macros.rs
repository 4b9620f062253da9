/// Like `assert_eq!` for text, but prints expected and got as separate blocks.
macro_rules! eqnice {
    ($expected:expr, $got:expr) => {{
        let expected: &str = &$expected;
        let got: &str = &$got;
        if expected != got {
            panic!("\n\nexpected:\n{}\n\ngot:\n{}\n", expected, got);
        }
    }};
}
