//! A document's words, with what discovery asks of each: its case, whether it starts a sentence,
//! sits inside a gazetteer mention, follows the previous word on the same line, or stands on a
//! headline.

use std::borrow::Cow;

use super::lists::{
    CONNECTOR, NEVER_NAMES, ORG_HEADS, WORD_PREFIXES, classes, is, is_connector, lists,
};
use crate::corpus::Document;
use crate::normalize::{ALNUM, LOWER, UPPER, ascii_class};
use crate::sentences::{Sentence, Span};

#[derive(Debug, Clone)]
pub(super) struct Word<'a> {
    pub(super) text: &'a str,
    /// Lower case; borrowed from the text for the many words already in lower case.
    pub(super) lower: Cow<'a, str>,
    pub(super) span: Span,
    pub(super) cap: bool,
    pub(super) caps: bool,
    /// First word of its sentence (after any opening quote or bracket).
    pub(super) initial: bool,
    /// Inside a gazetteer mention or a demonym.
    pub(super) taken: bool,
    /// Only blanks (at most one line break) since the previous word.
    pub(super) joined: bool,
    /// On a headline line: most words capitalized, no sentence end.
    pub(super) headline: bool,
    /// The word lists (`lists.rs`) `lower` is in, as class bits: looked up once a word, as
    /// every step asks of its neighbours.
    class: u32,
    /// The same of `lower` without the period of an abbreviation.
    bare_class: u32,
}

impl Word<'_> {
    /// Whether the word (lower case) is in any of the classes `class`.
    pub(super) fn is(&self, class: u32) -> bool {
        self.class & class != 0
    }

    /// Whether the word without an abbreviation's period is in any of the classes `class`.
    pub(super) fn bare_is(&self, class: u32) -> bool {
        self.bare_class & class != 0
    }

    /// A connector or a name particle (`lists::is_connector`).
    pub(super) fn connector(&self) -> bool {
        self.is(CONNECTOR)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits the text into words: letters and digits, with inner apostrophes and hyphens
/// ("O'Brien", "al-Assad") and the period of an initial or abbreviation ("F.", "Inc.").
pub(super) fn words<'a>(
    doc: &'a Document,
    sentences: &[Sentence],
    taken: &[Span],
) -> Vec<Word<'a>> {
    let text = doc.text.as_str();
    // About one word every six bytes of English: one allocation instead of a dozen doublings,
    // each of which copied the words so far into fresh pages.
    let mut out: Vec<Word> = Vec::with_capacity(text.len() / 6 + 8);
    let mut starts: Vec<usize> = sentences.iter().map(|s| s.span.start).collect();
    starts.sort_unstable();
    let (mut next_start, mut next_taken) = (0, 0);
    let mut i = 0;
    let mut gap_start = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        // ASCII between words needs no decoding.
        if bytes[i] < 0x80 && ascii_class(bytes[i]) & ALNUM == 0 {
            i += 1;
            continue;
        }
        // An ASCII byte here is a letter or digit (the others were stepped over above).
        if bytes[i] >= 0x80 {
            let c = text[i..].chars().next().expect("inside the text");
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        let start = i;
        let mut end = word_end(text, start);
        let word = &text[start..end];
        if text[end..].starts_with('.') && keeps_period(word) {
            end += 1;
        }
        let gap = &text[gap_start..start];
        // Most words follow one space: joined, no dash between.
        let joined = !out.is_empty() && (gap == " " || joins(gap, &out, word));
        while next_start < starts.len() && starts[next_start] <= start {
            next_start += 1;
        }
        // The sentence containing `start` begins at starts[next_start - 1].
        let sentence_start = next_start.checked_sub(1).map_or(0, |k| starts[k]);
        // The first word since the sentence began (words come in text order).
        let initial = out
            .last()
            .is_none_or(|w: &Word| w.span.start < sentence_start);
        while next_taken < taken.len() && taken[next_taken].end <= start {
            next_taken += 1;
        }
        let is_taken = taken
            .get(next_taken)
            .is_some_and(|t| t.start < end && start < t.end);
        let bytes_of_word = word.as_bytes();
        // One pass over an ASCII word (most are) counts its letters and capitals and sees a
        // hyphen; other words are read by character.
        let (n_letters, n_upper, hyphen, high) =
            bytes_of_word
                .iter()
                .fold((0, 0, false, 0), |(n, u, h, x), &b| {
                    (
                        n + usize::from(ascii_class(b) & (UPPER | LOWER) != 0),
                        u + usize::from(ascii_class(b) & UPPER != 0),
                        h || b == b'-',
                        x | b,
                    )
                });
        let ascii = high < 0x80;
        let (n_letters, n_upper, hyphen) = if ascii {
            (n_letters, n_upper, hyphen)
        } else {
            let letters = word.chars().filter(|c| c.is_alphabetic());
            let (n, u) = letters.fold((0, 0), |(n, u), c| {
                (n + 1, u + usize::from(c.is_uppercase()))
            });
            (n, u, bytes_of_word.contains(&b'-'))
        };
        let first = match bytes_of_word[0] {
            b if b < 0x80 => char::from(b),
            _ => word.chars().next().expect("a word"),
        };
        let lower = match (ascii, n_upper) {
            (true, 0) => Cow::Borrowed(word),
            (true, _) => Cow::Owned(word.to_ascii_lowercase()),
            _ => Cow::Owned(word.to_lowercase()),
        };
        let class = classes(&lower);
        let bare_class = match lower.strip_suffix('.') {
            Some(_) => classes(bare(&lower)),
            None => class,
        };
        out.push(Word {
            text: &text[start..end],
            lower,
            class,
            bare_class,
            span: Span::new(start, end),
            // "al-Rashid", "el-Sisi": a short lower-case particle before a capitalized name.
            // "6PR", "3AW": a call sign, digits then capitals, is written like a name.
            cap: match first {
                c if c.is_ascii() => ascii_class(c as u8) & UPPER != 0,
                c => c.is_uppercase(),
            } || first.is_ascii_digit()
                && n_upper >= 2
                && n_upper == n_letters
                && !word.ends_with("AM")
                && !word.ends_with("PM")
                || hyphen
                    && word.split_once('-').is_some_and(|(p, rest)| {
                        p.len() <= 3
                            && rest.starts_with(char::is_uppercase)
                            && !is(&p.to_lowercase(), WORD_PREFIXES)
                    }),
            caps: n_letters >= 2 && n_upper == n_letters,
            initial,
            taken: is_taken,
            joined,
            headline: false,
        });
        gap_start = end;
        i = end;
    }
    mark_headlines(text, &mut out);
    out
}

/// Whether `word` follows the last of `out` across `gap` as one name would: only blanks with at
/// most one line break, or a dash that joins.
fn joins(gap: &str, out: &[Word], word: &str) -> bool {
    // "JITF – CC", "AFL – CIO": a dash between two words in capitals joins them as one
    // name, as the tagger folds dashes.
    // So does one after an organization's head word: "Task Force – Counter Cartel".
    let dashed = matches!(gap.trim(), "-" | "–" | "—")
        && !gap.contains('\n')
        && out.last().is_some_and(|w: &Word| {
            w.caps && word.chars().count() >= 2 && !word.chars().any(char::is_lowercase)
                || w.is(ORG_HEADS) && word.starts_with(char::is_uppercase)
        });
    gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1 || dashed
}

/// Where the word starting at `start` ends, before any period.
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < text.len() {
        if ascii_class(bytes[end]) & ALNUM != 0 {
            end += 1;
            continue;
        }
        // Any other ASCII but an apostrophe or a hyphen ends the word: no decoding.
        if bytes[end] < 0x80 && !matches!(bytes[end], b'\'' | b'-') {
            break;
        }
        let ch = text[end..].chars().next().expect("inside the text");
        if is_word_char(ch) {
            end += ch.len_utf8();
            continue;
        }
        let after = end + ch.len_utf8();
        let next_is_word = text[after..].chars().next().is_some_and(is_word_char);
        let possessive = matches!(ch, '\'' | '’')
            && text[after..].starts_with(['s', 'S'])
            && !text[after + 1..].starts_with(is_word_char);
        // "Velmaro-based", "Pentagon-led": a capitalized word ends before a lower-case
        // suffix, which stays a word of its own.
        let suffix = ch == '-'
            && text[start..].starts_with(char::is_uppercase)
            && text[after..].starts_with(char::is_lowercase);
        if matches!(ch, '\'' | '’' | '-') && next_is_word && !possessive && !suffix {
            end = after;
            continue;
        }
        break;
    }
    end
}

/// "F." and "Inc.": a single capital or a known abbreviation keeps its period.
fn keeps_period(word: &str) -> bool {
    word.chars().count() == 1 && word.chars().all(char::is_uppercase)
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Mt"
                | "Jr"
                | "Sr"
                | "Inc"
                | "Corp"
                | "Co"
                | "Ltd"
                | "Gen"
                | "Sen"
                | "Gov"
                | "Rev"
                | "Lt"
                | "Col"
                | "Capt"
                | "Prof"
                | "Sgt"
                | "Maj"
                | "Adm"
                | "Rep"
                | "Ft"
        )
}

/// A line of three or more words, most of them capitalized, with no sentence end, is a headline:
/// capitals there say nothing about names.
fn mark_headlines(text: &str, words: &mut [Word]) {
    let mut i = 0;
    while i < words.len() {
        let line_start = text[..words[i].span.start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[words[i].span.start..]
            .find('\n')
            .map_or(text.len(), |p| words[i].span.start + p);
        let mut j = i;
        while j < words.len() && words[j].span.start < line_end {
            j += 1;
        }
        // Most lines of prose end a sentence: they are ruled out before their words are read.
        let ends = text[line_start..line_end]
            .trim_end()
            .ends_with(['.', '!', '?', ':', ';']);
        let (content, capitalized) = if ends {
            (0, 0)
        } else {
            words[i..j]
                .iter()
                .filter(|w| w.lower.chars().any(char::is_alphabetic) && !w.connector())
                .fold((0, 0), |(n, c), w| (n + 1, c + usize::from(w.cap)))
        };
        if content >= 3 && capitalized * 10 >= content * 8 {
            for w in &mut words[i..j] {
                w.headline = true;
            }
        }
        i = j.max(i + 1);
    }
}

/// A word without the period of an abbreviation.
pub(super) fn bare(w: &str) -> &str {
    w.trim_end_matches('.')
}

/// A capitalized word that may be part of a name.
pub(super) fn nameish(w: &Word) -> bool {
    w.cap && !w.taken && !w.bare_is(NEVER_NAMES) && w.text.chars().any(char::is_alphabetic)
}

pub(super) fn is_common(w: &Word) -> bool {
    // "NHL", "ESPN": a word in capitals is an acronym, whatever its frequency in lower case.
    if w.caps {
        return false;
    }
    let lists = lists();
    let lower = bare(&w.lower);
    lists.common.contains(lower) || is(lower, NEVER_NAMES) || is_connector(lower)
}

/// Whether `set` (a name list) holds `s` in title case ("smith" → "Smith"). A short ASCII word,
/// most of them, is title-cased on the stack: this runs for every candidate name.
pub(super) fn titlecase_in(set: &crate::normalize::WordSet<&str>, s: &str) -> bool {
    let mut buf = [0u8; 32];
    match s.as_bytes() {
        [first, rest @ ..] if s.is_ascii() && s.len() <= buf.len() => {
            buf[0] = first.to_ascii_uppercase();
            buf[1..s.len()].copy_from_slice(rest);
            let word = std::str::from_utf8(&buf[..s.len()]).expect("ASCII");
            set.contains(word)
        }
        _ => set.contains(titlecase(s).as_str()),
    }
}

/// "smith" → "Smith", as the name lists spell names.
pub(super) fn titlecase(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
