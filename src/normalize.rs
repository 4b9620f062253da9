//! Text → match buffer. Matching runs on a folded view of the text (lower case, accents removed,
//! every dash, quote and whitespace variant unified) while every reported span must stay a byte
//! range of the original. [`Normalized`] keeps, for each byte of the folded text, the original
//! character it came from, so a match maps back exactly.

use std::hash::Hasher;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A folded copy of a text plus the map back to the original bytes.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The folded text that matching runs on.
    pub text: String,
    /// For each byte of `text`: start of the original character it came from.
    starts: Vec<u32>,
    /// For each byte of `text`: end of the original character (or run) it came from.
    ends: Vec<u32>,
}

/// What a source character becomes in the match buffer.
enum Fold {
    /// Joins a run of separators that collapses to one space.
    Space,
    /// Dropped entirely (zero-width characters, soft hyphens, combining marks).
    Drop,
    /// Apostrophes and quotation marks of every kind.
    Quote,
    /// Anything else: decomposed, stripped of accents and lower-cased.
    Other,
}

fn classify(c: char) -> Fold {
    match c {
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        // Dashes separate words like spaces do: "JITF – CC", "JITF-CC" and "JITF CC" are one name.
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Fold::Space,
        '\'' | '"' | '`' | '\u{00B4}' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}'
        | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2032}' | '\u{2033}'
        | '\u{02BC}' | '\u{00AB}' | '\u{00BB}' | '\u{FF07}' | '\u{FF02}' => Fold::Quote,
        c if c.is_whitespace() => Fold::Space,
        c if is_combining_mark(c) => Fold::Drop,
        _ => Fold::Other,
    }
}

/// Folds `text` into a match buffer.
///
/// Rules, in order: zero-width characters vanish; any run of whitespace and dashes becomes one
/// space; every quote or apostrophe becomes `'`; other characters are decomposed (NFD), their
/// combining marks dropped and the rest lower-cased. Leading and trailing separators are kept as a
/// single space so offsets stay simple.
///
/// # Complexity
/// One pass, O(n) time; the buffer and its map use about 9 bytes per input byte.
pub fn normalize(text: &str) -> Normalized {
    let mut out = Builder {
        folded: Vec::with_capacity(text.len()),
        starts: Vec::with_capacity(text.len()),
        ends: Vec::with_capacity(text.len()),
    };
    let mut buf = [0u8; 4];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        // Most text is ASCII letters and digits: no decoding and no lookups for them.
        if ascii_class(byte) & ALNUM != 0 {
            out.push(&[byte.to_ascii_lowercase()], i as u32, i as u32 + 1);
            i += 1;
            continue;
        }
        let c = if byte < 0x80 {
            char::from(byte)
        } else {
            text[i..]
                .chars()
                .next()
                .expect("i is on a character boundary")
        };
        let (start, end) = (i as u32, (i + c.len_utf8()) as u32);
        i += c.len_utf8();
        match classify(c) {
            Fold::Drop => {}
            Fold::Space => {
                if out.folded.last() == Some(&b' ') {
                    // Extend the run so the space maps to all of it.
                    *out.ends.last_mut().expect("space was pushed") = end;
                } else {
                    out.push(b" ", start, end);
                }
            }
            Fold::Quote => out.push(b"'", start, end),
            Fold::Other => {
                if c.is_ascii() {
                    out.push(&[byte.to_ascii_lowercase()], start, end);
                    continue;
                }
                for d in std::iter::once(c).nfd() {
                    if is_combining_mark(d) {
                        continue;
                    }
                    for l in d.to_lowercase() {
                        out.push(l.encode_utf8(&mut buf).as_bytes(), start, end);
                    }
                }
            }
        }
    }
    Normalized {
        text: String::from_utf8(out.folded).expect("only whole characters were pushed"),
        starts: out.starts,
        ends: out.ends,
    }
}

/// The folded text as bytes while it is built: every push is whole characters, so it is checked
/// as UTF-8 once at the end.
struct Builder {
    folded: Vec<u8>,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl Builder {
    fn push(&mut self, s: &[u8], start: u32, end: u32) {
        self.folded.extend_from_slice(s);
        for _ in 0..s.len() {
            self.starts.push(start);
            self.ends.push(end);
        }
    }
}

/// Folds a gazetteer alias or a query the same way as text, trimmed of outer spaces.
pub fn fold(s: &str) -> String {
    // Most names are ASCII words between single spaces, which fold to their lower case; the
    // gazetteer folds hundreds of thousands of them, so they skip the offset bookkeeping.
    let plain = s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ')
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ");
    if plain {
        return s.to_ascii_lowercase();
    }
    normalize(s).text.trim().to_string()
}

impl Normalized {
    /// Where the original character behind folded byte `at` starts.
    pub fn original_start(&self, at: usize) -> usize {
        self.starts[at] as usize
    }

    /// Maps a byte range of the folded text back to a byte range of the original.
    ///
    /// # Panics
    /// If the range is empty or out of bounds.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        (self.starts[start] as usize, self.ends[end - 1] as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte table says what std's ASCII tests say, for all 256 bytes.
    #[test]
    fn ascii_classes_agree_with_std() {
        for b in 0..=255u8 {
            assert_eq!(
                ascii_class(b) & ALNUM != 0,
                b.is_ascii_alphanumeric(),
                "{b}"
            );
            assert_eq!(ascii_class(b) & UPPER != 0, b.is_ascii_uppercase(), "{b}");
            assert_eq!(ascii_class(b) & LOWER != 0, b.is_ascii_lowercase(), "{b}");
        }
    }

    proptest::proptest! {
        /// The shortcut for plain names folds exactly as the full normalizer does.
        #[test]
        fn plain_names_fold_as_text_does(s in "[A-Za-z0-9 ]{0,12}( ?[A-Za-z-é.]{0,3})?") {
            proptest::prop_assert_eq!(fold(&s), normalize(&s).text.trim().to_string());
        }
    }

    #[test]
    fn folds_and_maps_back() {
        // (input, folded text, folded range to map, expected original range)
        type Row = (&'static str, &'static str, (usize, usize), (usize, usize));
        let rows: &[Row] = &[
            ("Michoacán", "michoacan", (0, 9), (0, 10)),
            ("JITF – CC", "jitf cc", (0, 7), (0, 11)),
            ("JITF-CC", "jitf cc", (5, 7), (5, 7)),
            ("Mexico’s", "mexico's", (0, 6), (0, 6)),
            ("El\nMencho", "el mencho", (0, 9), (0, 9)),
            ("a\u{00A0}\u{00A0}b", "a b", (0, 3), (0, 6)),
            ("Gu\u{0301}zman", "guzman", (0, 6), (0, 8)),
            ("“CJNG”", "'cjng'", (1, 5), (3, 7)),
            ("soft\u{00AD}ware", "software", (0, 8), (0, 10)),
        ];
        for &(input, folded, (fs, fe), (os, oe)) in rows {
            let n = normalize(input);
            assert_eq!(n.text, folded, "folding {input:?}");
            assert_eq!(n.to_original(fs, fe), (os, oe), "mapping {input:?}");
        }
    }

    #[test]
    fn word_hasher_takes_a_short_tail_as_one_zero_padded_word() {
        use std::hash::Hasher;
        for text in ["", "abc", "abcdefgh", "abcdefghij", "mexicó"] {
            let mut h = WordHasher::default();
            h.write(text.as_bytes());
            let mut want = WordHasher::default();
            let mut chunks = text.as_bytes().chunks(8);
            for c in &mut chunks {
                let mut word = [0u8; 8];
                word[..c.len()].copy_from_slice(c);
                want.add(u64::from_le_bytes(word));
            }
            assert_eq!(h.finish(), want.finish(), "{text:?}");
        }
    }

    #[test]
    fn little_endian_is_a_zero_padded_copy() {
        let bytes = [0x11u8, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88];
        for n in 0..=8 {
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(
                little_endian(&bytes[..n]),
                u64::from_le_bytes(padded),
                "{n} bytes"
            );
        }
    }

    #[test]
    fn word_classes_find_short_and_long_words_and_nothing_else() {
        let classes = word_classes(&[
            (&["the", "of", "a"][..], 1u8),
            (
                &["of", "organisation", "u.s.", "abcdefgh", "abcdefghijklmno"][..],
                2u8,
            ),
            (&["abcdefghijklmnop", "government"][..], 4u8),
        ]);
        for (word, bits) in [
            ("the", 1),
            ("of", 3),
            ("a", 1),
            ("organisation", 2),
            ("u.s.", 2),
            // Seven, eight, fifteen and sixteen bytes: both packed forms and the map.
            ("abcdefgh", 2),
            ("abcdefghijklmno", 2),
            ("abcdefghijklmnop", 4),
            ("government", 4),
            ("", 0),
            ("th", 0),
            ("thee", 0),
            ("a\0", 0),
            ("organisations", 0),
            ("organisatio", 0),
            ("organisation\0", 0),
            ("of ", 0),
            ("abcdefg", 0),
            ("abcdefgh\0", 0),
            ("abcdefghi", 0),
            ("abcdefghijklmn", 0),
            ("abcdefghijklmnO", 0),
            ("abcdefghijklmnopq", 0),
            ("bcdefghijklmnop", 0),
            ("governments", 0),
        ] {
            assert_eq!(classes.get(word), bits, "{word:?}");
        }
    }

    #[test]
    fn fold_trims() {
        assert_eq!(
            fold(" Task Force–Counter Cartel "),
            "task force counter cartel"
        );
    }
}

/// ASCII byte classes as bits, for loops that read every byte of a text: one table lookup
/// where `is_ascii_alphanumeric` and its kin compare ranges (measured: 1.7% of the extraction's
/// instructions when discovery's word split switched to it). Bytes from 0x80 have no class.
pub const ALNUM: u8 = 1;
/// An ASCII capital letter.
pub const UPPER: u8 = 2;
/// An ASCII small letter.
pub const LOWER: u8 = 4;

static ASCII_CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if c.is_ascii_lowercase() {
            ALNUM | LOWER
        } else if c.is_ascii_digit() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The classes of byte `b`: [`ALNUM`], [`UPPER`], [`LOWER`].
#[inline]
pub fn ascii_class(b: u8) -> u8 {
    ASCII_CLASSES[b as usize]
}

/// A multiply-rotate hash taking eight bytes a step (the scheme of rustc's FxHash): keys are
/// short words and entity ids looked up once per token or relation, where SipHash's setup and a
/// byte-at-a-time loop dominate. Not for keys an adversary picks.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHasher(u64);

impl WordHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(26) ^ word).wrapping_mul(Self::K);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(little_endian(rest));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed by short words, hashed with [`WordHasher`].
pub type WordMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<WordHasher>>;

/// A hash set of short words, hashed with [`WordHasher`].
pub type WordSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<WordHasher>>;

/// Word classes as bits: each word of each list gets its list's bit, so testing a word against
/// any set of classes is one lookup instead of a scan of every list.
pub fn word_classes<B>(lists: &[(&[&'static str], B)]) -> WordClasses<B>
where
    B: Copy + Default + std::ops::BitOrAssign,
{
    let mut map: WordMap<&'static str, B> = WordMap::default();
    for (list, bit) in lists {
        for w in *list {
            *map.entry(*w).or_default() |= *bit;
        }
    }
    WordClasses::new(map)
}

/// Words and their values (class bits, or an index into a table of the caller's), asked of
/// every word of every document. A word of up to fifteen bytes (nearly every cue word, and
/// nearly every word of text) is packed with its length into two integers and found in an
/// open-addressed table by comparing integers: no string hash, no call to memcmp. Longer words
/// go to a hash map.
#[derive(Debug, Clone)]
pub struct WordClasses<B> {
    /// Power-of-two sized; key (0, 0) is an empty slot (a packed key holds its length).
    short: Vec<(Key, B)>,
    long: WordMap<Box<str>, B>,
}

/// A word of up to fifteen bytes: its first seven under its length, or its first eight and the
/// rest under its length.
type Key = (u64, u64);

impl<B: Copy + Default> Default for WordClasses<B> {
    fn default() -> Self {
        WordClasses::new(Vec::<(&str, B)>::new())
    }
}

impl<B: Copy + Default> WordClasses<B> {
    /// The table of distinct words and their values.
    pub fn new<K: AsRef<str>>(words: impl IntoIterator<Item = (K, B)>) -> WordClasses<B> {
        let words: Vec<(K, B)> = words.into_iter().collect();
        // A quarter full at most: most lookups (of words in no list) stop at the first slot.
        let size = (words.len() * 4).next_power_of_two().max(16);
        let mut short = vec![((0, 0), B::default()); size];
        let mut long = WordMap::default();
        for (word, bits) in words {
            let word = word.as_ref();
            match pack(word) {
                Some(key) => {
                    let mut at = slot(key, size);
                    while short[at].0 != (0, 0) {
                        at = (at + 1) & (size - 1);
                    }
                    short[at] = (key, bits);
                }
                None => {
                    long.insert(word.into(), bits);
                }
            }
        }
        WordClasses { short, long }
    }

    /// The classes of `word`; none (the default) for a word in no list.
    pub fn get(&self, word: &str) -> B {
        let Some(key) = pack(word) else {
            return self.long.get(word).copied().unwrap_or_default();
        };
        let size = self.short.len();
        let mut at = slot(key, size);
        loop {
            let (k, bits) = self.short[at];
            // One well-predicted branch to stop (a hit or an empty slot, nearly always the
            // first), then a select: whether a word is in a list is what text cannot predict.
            let hit = k == key;
            if hit | (k == (0, 0)) {
                return if hit { bits } else { B::default() };
            }
            at = (at + 1) & (size - 1);
        }
    }
}

/// A word of one to fifteen bytes as its [`Key`]; never (0, 0).
fn pack(word: &str) -> Option<Key> {
    let bytes = word.as_bytes();
    let len = (bytes.len() as u64) << 56;
    match bytes.len() {
        1..=7 => Some((little_endian(bytes) | len, 0)),
        8..=15 => {
            let (head, tail) = bytes.split_at(8);
            let head = u64::from_le_bytes(head.try_into().expect("eight bytes"));
            Some((head, little_endian(tail) | len))
        }
        _ => None,
    }
}

/// Up to eight bytes as the little-endian word a zero-padded copy would give, without the call
/// to memcpy a copy of unknown length costs: two loads that may overlap (their common bytes
/// agree), or for one to three bytes the first, middle and last.
fn little_endian(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    debug_assert!(n <= 8, "{n} bytes");
    let at = |i: usize| u64::from(bytes[i]) << (8 * i);
    match n {
        0 => 0,
        1..=3 => at(0) | at(n / 2) | at(n - 1),
        _ => {
            let four = |i: usize| {
                let word: [u8; 4] = bytes[i..i + 4].try_into().expect("four bytes");
                u64::from(u32::from_le_bytes(word)) << (8 * i)
            };
            four(0) | four(n - 4)
        }
    }
}

/// A packed word's first slot in a table of `size` (a power of two) slots.
fn slot((a, b): Key, size: usize) -> usize {
    ((a ^ b.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - size.trailing_zeros()))
        as usize
}
