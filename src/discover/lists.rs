//! The word lists discovery reads: names, common words and roles shared with the rest of `kg`,
//! and the cue words of `gazetteer/discover/`, each list a class bit in one table.

use std::sync::OnceLock;

use crate::names::words_of;
use crate::normalize::{WordMap, WordSet};

static ROLES: &str = include_str!("../../gazetteer/roles.txt");

/// The name lists (shared with the tagger, loaded once in [`crate::names`]) and the one-word
/// roles.
pub(super) struct Lists {
    pub(super) first: &'static WordSet<&'static str>,
    pub(super) surnames: &'static WordSet<&'static str>,
    pub(super) common: &'static WordSet<&'static str>,
    pub(super) roles: WordSet<&'static str>,
}

pub(super) fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let names = crate::names::names();
        Lists {
            first: &names.first,
            surnames: &names.surnames,
            common: &names.common,
            roles: words_of(ROLES).filter(|r| !r.contains(' ')).collect(),
        }
    })
}

// Word classes, as bits: every class test is one hash lookup instead of a scan of a list.
pub(super) const CONNECTORS: u32 = 1;
pub(super) const HONORIFICS: u32 = 2;
pub(super) const ORG_HEADS: u32 = 4;
pub(super) const ORG_OPENERS: u32 = 8;
pub(super) const CLUB_PREFIXES: u32 = 16;
pub(super) const PLACE_HEADS: u32 = 32;
pub(super) const FACILITY_HEADS: u32 = 64;
pub(super) const OTHER_HEADS: u32 = 128;
pub(super) const PLACE_PREPOSITIONS: u32 = 256;
pub(super) const SPEECH: u32 = 512;
pub(super) const NEVER_NAMES: u32 = 1024;
pub(super) const PARTICLES: u32 = 2048;
pub(super) const FUNCTION_WORDS: u32 = 4096;
pub(super) const RESULT_VERBS: u32 = 8192;
pub(super) const SPORTS_WORDS: u32 = 16384;
pub(super) const PERSON_NOUNS: u32 = 32768;
pub(super) const PLAY_WORDS: u32 = 65536;
pub(super) const PERSON_VERBS: u32 = 131072;
pub(super) const COMPASS_POINTS: u32 = 262144;
pub(super) const QUANTIFIERS: u32 = 524288;
pub(super) const WORD_PREFIXES: u32 = 1048576;
pub(super) const EVENT_OPENERS: u32 = 2097152;

/// A word list of `gazetteer/discover/`.
macro_rules! list {
    ($file:literal) => {
        include_str!(concat!("../../gazetteer/discover/", $file))
    };
}

/// The word lists of `gazetteer/discover/`, one class each.
const CLASS_LISTS: [(&str, u32); 22] = [
    (list!("connectors.txt"), CONNECTORS),
    (list!("honorifics.txt"), HONORIFICS),
    (list!("org_heads.txt"), ORG_HEADS),
    (list!("org_openers.txt"), ORG_OPENERS),
    (list!("club_prefixes.txt"), CLUB_PREFIXES),
    (list!("place_heads.txt"), PLACE_HEADS),
    (list!("facility_heads.txt"), FACILITY_HEADS),
    (list!("other_heads.txt"), OTHER_HEADS),
    (list!("place_prepositions.txt"), PLACE_PREPOSITIONS),
    (list!("speech_verbs.txt"), SPEECH),
    (list!("never_names.txt"), NEVER_NAMES),
    (list!("particles.txt"), PARTICLES),
    (list!("function_words.txt"), FUNCTION_WORDS),
    (list!("result_verbs.txt"), RESULT_VERBS),
    (list!("sports_words.txt"), SPORTS_WORDS),
    (list!("person_nouns.txt"), PERSON_NOUNS),
    (list!("play_words.txt"), PLAY_WORDS),
    (list!("person_verbs.txt"), PERSON_VERBS),
    (list!("compass_points.txt"), COMPASS_POINTS),
    (list!("quantifiers.txt"), QUANTIFIERS),
    (list!("word_prefixes.txt"), WORD_PREFIXES),
    (list!("event_openers.txt"), EVENT_OPENERS),
];

/// Whether `word` (lower case) belongs to any of the classes in `class`.
pub(super) fn is(word: &str, class: u32) -> bool {
    classes(word) & class != 0
}

/// The classes `word` (lower case) belongs to, as bits.
pub(super) fn classes(word: &str) -> u32 {
    static CLASSES: OnceLock<crate::normalize::WordClasses<u32>> = OnceLock::new();
    let classes = CLASSES.get_or_init(|| {
        let lists: Vec<(Vec<&'static str>, u32)> = CLASS_LISTS
            .iter()
            .map(|&(text, bit)| (words_of(text).collect(), bit))
            .collect();
        let lists: Vec<(&[&'static str], u32)> =
            lists.iter().map(|(l, bit)| (l.as_slice(), *bit)).collect();
        crate::normalize::word_classes(&lists)
    });
    classes.get(word)
}

/// "village" → PLACE, "manufacturer" → ORG, "singer" → PERSON: what a definition ("X is a
/// village in ...") says a name is, from `gazetteer/discover/definition_nouns.txt`.
pub(super) fn definition_noun(word: &str) -> Option<crate::gazetteer::EntityKind> {
    static NOUNS: OnceLock<WordMap<&'static str, crate::gazetteer::EntityKind>> = OnceLock::new();
    NOUNS
        .get_or_init(|| definition_nouns().collect())
        .get(word)
        .copied()
}

fn definition_nouns() -> impl Iterator<Item = (&'static str, crate::gazetteer::EntityKind)> {
    words_of(list!("definition_nouns.txt")).filter_map(|line| {
        let (noun, kind) = line.split_once('\t')?;
        Some((noun, crate::gazetteer::EntityKind::parse(kind)?))
    })
}

/// A lower-case word that may sit inside a name: an English connector or a name particle.
pub(super) fn is_connector(w: &str) -> bool {
    is(w, CONNECTOR)
}

/// The classes of a word that may sit inside a name: an English connector or a name particle.
pub(super) const CONNECTOR: u32 = CONNECTORS | PARTICLES;

#[cfg(test)]
mod tests {
    #[test]
    fn every_definition_noun_line_has_a_type() {
        let lines = crate::names::words_of(list!("definition_nouns.txt")).count();
        assert!(lines > 100);
        assert_eq!(super::definition_nouns().count(), lines);
    }
}
