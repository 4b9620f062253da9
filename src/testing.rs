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

/// An evidence record of `text` read at `start` of `doc`: the source is the first word's four
/// bytes, the target nine bytes on, no trigger, plain qualifiers; tests change what they need.
pub(crate) fn evidence(
    doc: &str,
    sentence: u32,
    start: usize,
    text: &str,
) -> crate::relations::Evidence {
    use crate::sentences::Span;
    crate::relations::Evidence {
        doc: doc.into(),
        sentence,
        start,
        end: start + text.len(),
        text: text.into(),
        source_span: Span::new(start, start + 4),
        target_span: Span::new(start + 9, start + 13),
        trigger: None,
        qualifiers: Default::default(),
        copy_of: None,
    }
}
