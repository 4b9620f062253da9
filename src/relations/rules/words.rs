//! Word classes the constructions test: heads that make a name stand for its country,
//! auxiliaries before a verb, negations, hedges, reporting verbs, clause openers, determiners.

use std::sync::OnceLock;

/// Nouns after a demonym or country that make it stand for the country ("Mexican authorities").
const GENERIC_HEADS: &[&str] = &[
    "authorities",
    "authority",
    "government",
    "governments",
    "officials",
    "official",
    "forces",
    "military",
    "soil",
    "agencies",
    "agency",
    "intelligence",
    "troops",
    "army",
    "navy",
    "police",
    "sources",
    "side",
    "administration",
    "officers",
    "agents",
    "personnel",
    "security",
    "special",
    "armed",
    "law",
    "diplomats",
    "prosecutors",
    "leaders",
    "members",
    "streets",
    "market",
    "markets",
    "territory",
    "ports",
    "gunmen",
    "fighters",
    "militants",
    "hitmen",
    "operatives",
    "commandos",
    "soldiers",
    "marines",
];

/// Words allowed between the subject and the verb phrase.
const PREFIX_WORDS: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "being",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "shall",
    "did",
    "does",
    "do",
    "not",
    "never",
    "no",
    "n't",
    "didn't",
    "doesn't",
    "don't",
    "hasn't",
    "haven't",
    "wasn't",
    "weren't",
    "also",
    "who",
    "which",
    "that",
    "then",
    "later",
    "reportedly",
    "allegedly",
    "apparently",
    "already",
    ",",
    "-",
    "to",
    "and",
    "denied",
    "denies",
    "deny",
    "refused",
    "declined",
    "just",
    "now",
    "first",
    "once",
    "since",
    "still",
    "again",
    "even",
    "itself",
    "themselves",
];

const NEGATIONS: &[&str] = &[
    "not", "never", "no", "n't", "didn't", "doesn't", "don't", "hasn't", "haven't", "wasn't",
    "weren't", "denied", "denies", "deny", "refused", "declined",
];

const HEDGES: &[&str] = &[
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    "reputedly",
    "suspected",
    "alleged",
    "possibly",
    "likely",
];

const REPORTING: &[&str] = &[
    "said",
    "says",
    "reported",
    "reports",
    "told",
    "stated",
    "states",
    "claimed",
    "claims",
    "announced",
    "confirmed",
    "wrote",
    "declared",
    "added",
];

/// Words that may follow an object without making it a mere modifier of another noun.
const FOLLOWERS: &[&str] = &[
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "of",
    "and",
    "or",
    "but",
    "as",
    "that",
    "which",
    "who",
    "was",
    "is",
    "were",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "after",
    "before",
    "during",
    "since",
    "while",
    "when",
    "into",
    "about",
    "over",
    "under",
    "through",
    "said",
    "says",
    "itself",
    "last",
    "this",
    "on",
    "amid",
    "despite",
    "if",
    "because",
    "so",
    // Time expressions after a name do not make it a modifier ("in Puerto Vallarta hours later").
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "minutes",
    "earlier",
    "later",
    "ago",
    "yesterday",
    "today",
    "tonight",
    "overnight",
    "again",
    // Other prepositions and numbers ("in eastern Sudan near the border", "shot X two days
    // later"): what follows them is not a noun the name modifies.
    "near",
    "off",
    "outside",
    "inside",
    "across",
    "along",
    "around",
    "between",
    "against",
    "toward",
    "towards",
    "until",
    "where",
    "behind",
    "beyond",
    "within",
    "without",
    "among",
    "then",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
];

/// Words that open a new clause: a relation phrase never runs past them.
const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "who", "whose", "while", "when", "because", "but",
];

const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her"];

/// Words after which an -ing verb continues the clause of the subject before them.
const GERUND_JOINERS: &[&str] = &[
    "by", "while", "of", "to", "with", "in", "for", "after", "before", "from", "about", "without",
    "upon", "on",
];

// Word classes, as bits: every class test is one hash lookup instead of a scan of a list.
pub(super) const HEAD: u16 = 1;
pub(super) const PREFIX: u16 = 2;
pub(super) const NEGATION: u16 = 4;
pub(super) const HEDGE: u16 = 8;
pub(super) const REPORTING_VERB: u16 = 16;
pub(super) const FOLLOWER: u16 = 32;
pub(super) const CLAUSE: u16 = 64;
pub(super) const DETERMINER: u16 = 128;
pub(super) const GERUND_JOINER: u16 = 256;

type Classes = crate::normalize::WordClasses<u16>;

/// Whether `word` belongs to any of the classes in `class`.
pub(super) fn is(word: &str, class: u16) -> bool {
    classes(word) & class != 0
}

/// Every class `word` belongs to, as bits (0 for none): one lookup where a word is tested for
/// several.
pub(super) fn classes(word: &str) -> u16 {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    let classes = CLASSES.get_or_init(|| {
        crate::normalize::word_classes(&[
            (GENERIC_HEADS, HEAD),
            (PREFIX_WORDS, PREFIX),
            (NEGATIONS, NEGATION),
            (HEDGES, HEDGE),
            (REPORTING, REPORTING_VERB),
            (FOLLOWERS, FOLLOWER),
            (CLAUSE_WORDS, CLAUSE),
            (DETERMINERS, DETERMINER),
            (GERUND_JOINERS, GERUND_JOINER),
        ])
    });
    classes.get(word)
}

pub(super) fn is_word(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_alphanumeric)
}
