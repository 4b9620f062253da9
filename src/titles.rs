//! Titles in quotes: "Anarchy in Tokyo", "Made in Miami", "Time to Wake Up". A song's, a book's
//! or a show's title names no place or person by the names inside it, so a mention strictly
//! inside one is dropped; a quoted name that is the whole quote ("El Mencho") stays, and so
//! does whatever a quoted sentence says ("We will go to Tokyo," she said: lower-case words, not a
//! title).

use crate::sentences::Span;

/// Words a title leaves in lower case.
const MINOR: [&str; 16] = [
    "a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "with", "from", "de",
    "la",
];

/// The longest quote read as a title, in bytes: a title is a few words, speech may run on.
const MAX_TITLE: usize = 80;

/// The spans of the quoted titles of `text`, quotes excluded, in text order.
pub fn quoted_titles(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = open_quote(text, from) {
        let open = text[i..].chars().next().expect("found").len_utf8();
        let start = i + open;
        let close = text[start..]
            .char_indices()
            .take_while(|&(k, c)| k <= MAX_TITLE && c != '\n')
            .find(|&(_, c)| c == '"' || c == '\u{201d}')
            .map(|(k, _)| start + k);
        let Some(end) = close else {
            from = start;
            continue;
        };
        if is_title(&text[start..end]) {
            out.push(Span { start, end });
        }
        from = end + text[end..].chars().next().expect("a quote").len_utf8();
    }
    out
}

/// Where the next opening quote ('"' or '“') at or after `from` is. Bytes, not characters, are
/// read: a text is scanned whole, and '"' and the first byte of '“' never occur inside another
/// character.
fn open_quote(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(k) = bytes[i..].iter().position(|&b| b == b'"' || b == 0xE2) {
        let at = i + k;
        if bytes[at] == b'"' || bytes[at..].starts_with("\u{201c}".as_bytes()) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Two words or more, each capitalized but the minor ones, none ending a clause.
fn is_title(quoted: &str) -> bool {
    let words: Vec<&str> = quoted.split_whitespace().collect();
    let lettered = || words.iter().filter(|w| w.chars().any(char::is_alphabetic));
    lettered().count() >= 2
        && lettered().all(|w| {
            let first = w.chars().find(|c| c.is_alphanumeric());
            first.is_some_and(|c| c.is_uppercase() || c.is_numeric()) || MINOR.contains(w)
        })
        && !words[..words.len() - 1]
            .iter()
            .any(|w| w.ends_with([',', '.', '!', '?', ';']))
}

/// Whether `span` lies inside one of `titles` (sorted) without being all of it.
pub fn strictly_inside(titles: &[Span], span: Span) -> bool {
    let i = titles.partition_point(|t| t.start <= span.start);
    i > 0 && {
        let t = titles[i - 1];
        span.end <= t.end && (span.start, span.end) != (t.start, t.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<&str> {
        quoted_titles(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn titles_are_capitalized_quotes_and_speech_is_not() {
        assert_eq!(
            titles("a song called \"Anarchy in Tokyo\" and \u{201c}Made in Miami\u{201d}."),
            ["Anarchy in Tokyo", "Made in Miami"]
        );
        // Speech, a single word, an unclosed quote and a quote across lines are no titles.
        assert!(titles("\"We will go to Tokyo,\" she said.").is_empty());
        assert!(titles("the word \"Tokyo\" and \"Open the Door, Tokyo\" he shouted").is_empty());
        assert!(titles("a quote \"Anarchy in\nTokyo\" broken").is_empty());
        assert!(titles("an open \"Anarchy in Tokyo").is_empty());
    }

    #[test]
    fn open_quotes_are_found_among_other_three_byte_characters() {
        // '–' and '”' start with the same byte as '“'.
        let text = "a – b \u{201d} c \u{201c}d\" e";
        assert_eq!(open_quote(text, 0), Some(text.find('\u{201c}').unwrap()));
        let after = text.find('\u{201c}').unwrap() + 1;
        assert_eq!(open_quote(text, after), Some(text.find('"').unwrap()));
        assert_eq!(open_quote("none – here", 0), None);
    }

    #[test]
    fn a_mention_inside_a_title_but_not_all_of_it() {
        let text = "\"Anarchy in Tokyo\" by \"El Mencho\"";
        let t = quoted_titles(text);
        assert!(strictly_inside(&t, Span { start: 12, end: 17 }));
        // The whole quote is a name (a nickname), and text outside the quotes.
        assert!(!strictly_inside(&t, Span { start: 24, end: 33 }));
        assert!(!strictly_inside(&t, Span { start: 19, end: 21 }));
    }
}
