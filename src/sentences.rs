//! Document → sentences. A sentence ends at `.`, `!` or `?` followed by a space and a capital,
//! digit, quote or bullet, unless the word before is an abbreviation ("U.S.", "Brig. Gen.",
//! "Feb."); at a blank line; and at a single line break unless the line break falls inside a
//! sentence ("According to\nReuters,"), which is how names broken across lines stay whole.

use serde::{Deserialize, Serialize};

use crate::corpus::{DocId, Document};

/// A byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Builds a span.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// One sentence of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// The document.
    pub doc: DocId,
    /// Position in the document, from 0.
    pub index: u32,
    /// Its bytes, trimmed of surrounding blanks.
    pub span: Span,
}

/// Abbreviations that end with a period but rarely end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Brig", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt",
    "Cpl", "Adm", "Cmdr", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Supt", "Insp", "St", "Mt",
    "Ft", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "No", "Nos", "Inc", "Corp", "Ltd", "Co", "Jr", "Sr", "vs", "approx", "est", "Dept", "Univ",
    "Ave", "Blvd", "al", "cf", "e.g", "i.e",
];

/// Words that cannot end a sentence, so a line break after them joins the next line.
const JOINING_WORDS: &[&str] = &[
    "to", "of", "the", "a", "an", "and", "or", "but", "by", "from", "about", "for", "with", "in",
    "on", "at", "as", "into", "than", "that", "per", "via", "under", "over", "between", "its",
    "their", "his", "her", "is", "was", "were", "are", "this", "these", "those",
];

/// Splits a document into sentences.
///
/// # Complexity
/// O(n) in the length of the text.
pub fn split(doc: &Document) -> Vec<Sentence> {
    let text = doc.text.as_str();
    let bytes = text.as_bytes();
    let mut cuts = Vec::new();
    // Every byte that may end a sentence is ASCII, which never occurs inside another character:
    // the text is read byte by byte, not decoded, and eight bytes at a time where none of them
    // may end one (most of every text).
    let mut i = 0;
    while i < bytes.len() {
        if let Some(eight) = bytes.get(i..i + 8)
            && !may_end(u64::from_le_bytes(eight.try_into().expect("eight bytes")))
        {
            i += 8;
            continue;
        }
        let b = bytes[i];
        match b {
            b'.' | b'!' | b'?' if ends_sentence(text, i) => {
                // Closing quotes and brackets stay with their sentence.
                let mut end = i + 1;
                while let Some(q) = text[end..].chars().next() {
                    if matches!(q, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
                        end += q.len_utf8();
                    } else {
                        break;
                    }
                }
                cuts.push(end);
            }
            b'\n' if line_break_ends(text, i) => cuts.push(i),
            _ => {}
        }
        i += 1;
    }
    cuts.push(bytes.len());
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts {
        if cut < start {
            continue;
        }
        let piece = &text[start..cut];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if lead < piece.len() {
            for span in bounded(text, Span::new(start + lead, cut - trail)) {
                out.push(Sentence {
                    doc: doc.id,
                    index: out.len() as u32,
                    span,
                });
            }
        }
        start = cut;
    }
    out
}

/// Whether any of the eight bytes packed in `word` is `.`, `!`, `?` or a line feed: each test
/// is the classic "has a zero byte" on the word XORed with that byte in every lane, which never
/// answers yes wrongly.
fn may_end(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let has = |b: u8| zero_in(word ^ (ONES * u64::from(b)));
    has(b'.') | has(b'!') | has(b'?') | has(b'\n') != 0
}

/// The longest sentence kept whole, in bytes. Real sentences stay far below it (the longest
/// of the 10 MB varied benchmark text is about 1,000 bytes); text with no sentence ends (a
/// list, a table, a transcript without punctuation) would otherwise be one "sentence" whose
/// every pair of names co-occurs and whose text every edge repeats in GraphML and GEXF.
pub const MAX_SENTENCE: usize = 2_000;

/// `span` cut into parts of at most [`MAX_SENTENCE`] bytes, each at the last semicolon, else
/// comma, else blank of its second half (else at a character boundary), trimmed.
fn bounded(text: &str, span: Span) -> Vec<Span> {
    let mut parts = Vec::new();
    let mut start = span.start;
    while span.end - start > MAX_SENTENCE {
        let mut limit = start + MAX_SENTENCE;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let mut half = start + MAX_SENTENCE / 2;
        while !text.is_char_boundary(half) {
            half -= 1;
        }
        let window = &text[half..limit];
        let cut = [';', ',']
            .iter()
            .find_map(|&c| window.rfind(c).map(|i| half + i + 1))
            .or_else(|| window.rfind(char::is_whitespace).map(|i| half + i))
            .unwrap_or(limit);
        let part = &text[start..cut];
        let trimmed = part.trim_end();
        if !trimmed.is_empty() {
            parts.push(Span::new(start, start + trimmed.len()));
        }
        let rest = &text[cut..span.end];
        start = cut + (rest.len() - rest.trim_start().len());
    }
    if start < span.end {
        parts.push(Span::new(start, span.end));
    }
    parts
}

/// The word (letters, digits and inner periods) that ends just before byte `i`.
fn word_before(text: &str, i: usize) -> &str {
    let head = &text[..i];
    let from = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |p| {
            p + head[p..].chars().next().map_or(1, char::len_utf8)
        });
    &head[from..]
}

fn ends_sentence(text: &str, i: usize) -> bool {
    let after = &text[i + 1..];
    let rest = after.trim_start_matches(['"', '\'', '”', '’', ')', ']', '»']);
    let next = rest.chars().next();
    // Periods inside numbers, domains and ellipses are not ends.
    if !next.is_none_or(char::is_whitespace) {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    let word = word_before(text, i);
    let bare = word.trim_start_matches('.');
    let blank = rest.trim_start_matches([' ', '\t', '\u{00A0}']);
    let line_ends = blank.is_empty() || blank.starts_with(['\n', '\r']);
    if ABBREVIATIONS.contains(&bare) {
        return false;
    }
    // Initials and dotted acronyms ("J.", "U.S.", "D.C.") end a sentence only at a line end.
    let initial = bare.chars().count() == 1 && bare.chars().all(char::is_uppercase);
    if (initial || bare.contains('.')) && !line_ends {
        return false;
    }
    match blank.trim_start().chars().next() {
        None => true,
        Some(c) => c.is_uppercase() || c.is_numeric() || "\"'“‘(-–—•[".contains(c) || line_ends,
    }
}

/// A single line break ends a sentence unless the line clearly runs on.
fn line_break_ends(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end_matches(['\r', ' ', '\t']);
    let after = text[i + 1..].trim_start_matches([' ', '\t', '\r']);
    if before.is_empty() || after.is_empty() || after.starts_with('\n') {
        return true;
    }
    let last = before.chars().next_back().unwrap_or('.');
    if matches!(last, ',' | '(' | '&') {
        return false;
    }
    let first = after.chars().next().unwrap_or('A');
    if first.is_lowercase() {
        return false;
    }
    let word = word_before(before, before.len()).to_lowercase();
    !JOINING_WORDS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    /// Every byte at every place in a word of eight, beside neighbours that may end a sentence
    /// or not: the word test agrees with the byte test.
    #[test]
    fn eight_bytes_at_a_time_miss_no_end() {
        let ends = |b: u8| matches!(b, b'.' | b'!' | b'?' | b'\n');
        for around in [b'a', b' ', 0x80, 0xff, b'-', b'/', b'>', 0x2d, 0x0b] {
            for at in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [around; 8];
                    bytes[at] = b;
                    assert_eq!(
                        super::may_end(u64::from_le_bytes(bytes)),
                        ends(b) || ends(around),
                        "{b:#x} at {at} among {around:#x}"
                    );
                }
            }
        }
    }

    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let doc = Document::new(DocId(0), "t", s);
        split(&doc)
            .iter()
            .map(|x| doc.text[x.span.start..x.span.end].to_string())
            .collect()
    }

    /// A text with no sentence end is cut into parts no longer than [`MAX_SENTENCE`], after a
    /// semicolon or comma where there is one, losing no word; a long real sentence stays whole.
    #[test]
    fn text_without_sentence_ends_is_cut_into_bounded_parts() {
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        // A list with commas only: 6,000 bytes.
        let list = "Ana Ruiz of Lisbon, ".repeat(300);
        let parts = texts(&list);
        assert_eq!(
            parts.len(),
            3,
            "{:?}",
            parts.iter().map(String::len).collect::<Vec<_>>()
        );
        assert!(
            parts
                .iter()
                .all(|p| p.len() <= MAX_SENTENCE && p.ends_with(','))
        );
        assert_eq!(words(&parts.join(" ")), words(&list));
        // Semicolons win over commas.
        let clauses = "one, two; ".repeat(400);
        assert!(texts(&clauses).iter().all(|p| p.ends_with(';')));
        // No punctuation: cut at a blank; no blank at all: at a character boundary.
        let plain = "Lisbon Madrid Paris ".repeat(200);
        let parts = texts(&plain);
        assert!(parts.len() > 1 && parts.iter().all(|p| p.len() <= MAX_SENTENCE));
        assert_eq!(words(&parts.join(" ")), words(&plain));
        let one_word = "é".repeat(2_500);
        let parts = texts(&one_word);
        assert_eq!(parts.concat(), one_word);
        assert!(parts.iter().all(|p| p.len() <= MAX_SENTENCE));
        // Near miss: a sentence just under the limit is one sentence.
        let long = format!("{}ended.", "word, ".repeat((MAX_SENTENCE - 10) / 6));
        assert!(long.len() <= MAX_SENTENCE);
        assert_eq!(texts(&long), vec![long.clone()]);
    }

    #[test]
    fn splits_like_a_reader() {
        let rows: &[(&str, &str, &[&str])] = &[
            (
                "plain",
                "One went. Two came! Three?",
                &["One went.", "Two came!", "Three?"],
            ),
            (
                "us",
                "The U.S. Army moved. It won.",
                &["The U.S. Army moved.", "It won."],
            ),
            (
                "titles",
                "Brig. Gen. Ana Ruiz spoke. Then left.",
                &["Brig. Gen. Ana Ruiz spoke.", "Then left."],
            ),
            (
                "date",
                "On Feb. 22 it ended. Done.",
                &["On Feb. 22 it ended.", "Done."],
            ),
            (
                "quote",
                "He said “no.” Then he left.",
                &["He said “no.”", "Then he left."],
            ),
            (
                "broken line",
                "According to\nReuters, it rained.",
                &["According to\nReuters, it rained."],
            ),
            (
                "headline",
                "Cartel boss killed\nThe army said so.",
                &["Cartel boss killed", "The army said so."],
            ),
            (
                "bullets",
                "Title\n- First point.\n- Second point.",
                &["Title", "- First point.", "- Second point."],
            ),
            (
                "lowercase run-on",
                "he went to the\nmarket today.",
                &["he went to the\nmarket today."],
            ),
            (
                "decimal",
                "It cost 1.5 million. Yes.",
                &["It cost 1.5 million.", "Yes."],
            ),
            (
                "domain",
                "Read Reuters.com today.",
                &["Read Reuters.com today."],
            ),
            (
                "paragraph",
                "No stop here\n\nNew paragraph",
                &["No stop here", "New paragraph"],
            ),
            (
                "us at end",
                "Help came from the U.S.\nNext day.",
                &["Help came from the U.S.", "Next day."],
            ),
        ];
        for (name, input, expected) in rows {
            assert_eq!(texts(input), *expected, "case {name}");
        }
    }
}
