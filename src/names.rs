//! The name lists every stage may consult: given names and surnames (US Census, public domain) and
//! the most frequent English words (wordfreq), as plain files under `gazetteer/names/` that a
//! user can read. Loaded once, on first use.

use std::sync::OnceLock;

use crate::normalize::WordSet;

static FIRST_NAMES: &str = include_str!("../gazetteer/names/first_names.txt");
static SURNAMES: &str = include_str!("../gazetteer/names/surnames.txt");
static COMMON: &str = include_str!("../gazetteer/names/common_words.txt");
static NEVER: &str = include_str!("../gazetteer/discover/never_names.txt");

/// The lists, as written (given names and surnames capitalized, common words in lower case).
pub struct Names {
    /// Given names ("Bill", "Lara").
    pub first: WordSet<&'static str>,
    /// The 20,000 most frequent surnames ("Jordan", "Mendes").
    pub surnames: WordSet<&'static str>,
    /// Frequent English words, without the given names and surnames.
    pub common: WordSet<&'static str>,
    /// Words capitalized for reasons other than being a name (days, months, "I"), lower case.
    pub never: WordSet<&'static str>,
}

/// The words of a list file: one a line, `#` lines are comments.
pub fn words_of(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The lists, loaded on first use.
pub fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| Names {
        first: words_of(FIRST_NAMES).collect(),
        surnames: words_of(SURNAMES).collect(),
        common: words_of(COMMON).collect(),
        never: words_of(NEVER).collect(),
    })
}
