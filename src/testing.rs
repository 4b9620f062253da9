//! Helpers for the table-driven unit tests of the stages.

/// Runs `got` on the text of every row and compares with what the row expects; every mismatch
/// is reported at once, named by the row's rule.
pub(crate) fn check_rows(rows: &[(&str, &str, &[&str])], got: impl Fn(&str) -> Vec<String>) {
    let mut wrong = Vec::new();
    for (rule, text, expected) in rows {
        let found = got(text);
        if found != *expected {
            wrong.push(format!(
                "{rule}: {text:?}\n  want {expected:?}\n  got  {found:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
