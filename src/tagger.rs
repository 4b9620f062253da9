//! Documents → mentions. A trie of every folded surface form, walked from each word start of a
//! folded copy of the text, finds candidates (the longest first); each is kept only on whole-word
//! boundaries and when its case fits the form ("US" never matches "us"); then every match is
//! resolved to one entity using the document: acronyms it defines, people it names in full, and type cues around ambiguous names.
//!
//! ```
//! use kg::gazetteer::{Gazetteer, parse};
//! use kg::corpus::{DocId, Document};
//! use kg::tagger::Tagger;
//!
//! let g = Gazetteer::from_records(parse("t.tsv",
//!     "mexico\tPLACE\tMexico\nmexico_city\tPLACE\tMexico City\n")?)?;
//! let doc = Document::new(DocId(0), "d", "From Mexico City to Mexico’s coast.");
//! let tagger = Tagger::new(&g);
//! let keys: Vec<(&str, &str)> = tagger
//!     .tag(&doc, &kg::sentences::split(&doc))
//!     .mentions
//!     .iter()
//!     .map(|m| (&doc.text[m.span.start..m.span.end], g.entity(m.entity).key.as_str()))
//!     .collect();
//! assert_eq!(keys, [("Mexico City", "mexico_city"), ("Mexico", "mexico")]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::corpus::{DocId, Document};
use crate::gazetteer::{EntityId, EntityKind, Form, Gazetteer, Rule};
use crate::normalize::{ALNUM, Normalized, ascii_class, fold, normalize};
use crate::sentences::{Sentence, Span};

mod forms;
mod trie;
use forms::{Forms, Groups};
use trie::Trie;

/// One entity named in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The entity it resolves to.
    pub entity: EntityId,
    /// The document.
    pub doc: DocId,
    /// Index of the sentence it starts in.
    pub sentence: u32,
    /// Bytes in the original text.
    pub span: Span,
    /// The rule that linked it.
    pub rule: Rule,
    /// When the document could not decide: every entity the name may denote.
    pub candidates: Vec<EntityId>,
}

/// Mentions and demonym anchors of one document, in text order.
#[derive(Debug, Clone, Default)]
pub struct Tagged {
    /// Named mentions.
    pub mentions: Vec<Mention>,
    /// Demonyms ("Mexican"): not mentions, but they anchor relations to their country.
    pub anchors: Vec<Mention>,
}

/// A compiled gazetteer, ready to tag many documents.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Every distinct folded form.
    names: Trie,
    /// The few forms that can match a word starting in lower case ("de la Cruz"): by the case
    /// rule no other form can, so most words of running text cost one table lookup.
    lower: Trie,
    /// Forms behind each pattern (several forms may fold alike).
    patterns: Groups,
    forms: Forms,
    kinds: Vec<EntityKind>,
    parents: Vec<Option<EntityId>>,
    /// The subdivision and country the geo keys put a place in, where they add to its parent:
    /// kept apart so a gazetteer without geo keys pays nothing for them.
    regions: std::collections::HashMap<EntityId, [Option<EntityId>; 2]>,
}

/// The distinct folded forms, sorted, and the forms behind each. Forms that fold alike share one
/// pattern; sorting keeps the pattern order stable.
fn fold_forms(forms: &[Form], gazetteer: &Gazetteer) -> (Vec<String>, Vec<Vec<u32>>) {
    let mut folded: Vec<(String, u32)> = forms
        .par_iter()
        .enumerate()
        .map(|(i, f)| (fold(&f.text), i as u32))
        // A single letter ("X" for the company) is never a name on its own: it would tag every
        // "X" of running text.
        .filter(|(k, _)| k.chars().filter(|c| c.is_alphanumeric()).count() > 1)
        .collect();
    folded.par_sort_unstable();
    let mut keys: Vec<String> = Vec::new();
    let mut patterns: Vec<Vec<u32>> = Vec::new();
    for (key, i) in folded {
        if keys.last() == Some(&key) {
            patterns.last_mut().expect("pushed with its key").push(i);
        } else {
            keys.push(key);
            patterns.push(vec![i]);
        }
    }
    // A user's gazetteer wins: where a user's entity and a built-in one share a name, only the
    // user's is looked for ("Barcelona" the club in your file, not the city). Nothing to do
    // when every entity comes from one side.
    let user: Vec<bool> = (0..gazetteer.len() as u32)
        .map(|i| gazetteer.is_user(EntityId(i)))
        .collect();
    if user.contains(&true) && user.contains(&false) {
        let user = |f: u32| user[forms[f as usize].entity.0 as usize];
        for group in &mut patterns {
            if group.iter().any(|&f| user(f)) {
                group.retain(|&f| user(f));
            }
        }
    }
    (keys, patterns)
}

/// A match that passed boundary and case checks, before resolution.
struct Candidate<'t> {
    span: Span,
    /// The forms the match may be, borrowed from the tagger when every form of the name fits.
    forms: Cow<'t, [u32]>,
    /// Set for acronyms the document defines itself.
    acronym_of: Option<EntityId>,
}

/// Words before a name that say it is a person.
const PERSON_CUES: &[&str] = &[
    "president",
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "general",
    "senator",
    "sen",
    "gov",
    "governor",
    "secretary",
    "minister",
    "director",
    "judge",
    "sheriff",
    "king",
    "queen",
    "pope",
    "prince",
];
/// Words before a name that say it is a place.
const PLACE_CUES: &[&str] = &[
    "in", "near", "from", "to", "across", "at", "state of", "city of", "town of", "capital",
];

impl Tagger {
    /// Compiles every surface form of `gazetteer` into a trie.
    ///
    /// # Complexity
    /// Linear in the total length of the forms.
    pub fn new(gazetteer: &Gazetteer) -> Tagger {
        let forms = gazetteer.forms();
        let (keys, patterns) = fold_forms(&forms, gazetteer);
        let all: Vec<u32> = (0..keys.len() as u32).collect();
        // Which names may match lower-case text, asked of 600,000 names with a big gazetteer:
        // on both cores, in order.
        let lower: Vec<u32> = (0..patterns.len() as u32)
            .into_par_iter()
            .filter(|&p| {
                patterns[p as usize]
                    .iter()
                    .any(|&f| may_fit_lower_case(&forms[f as usize].text))
            })
            .collect();
        // The two tries on two cores, and what the tagger keeps of each entity beside them.
        let ((names, lower), (kinds, parents, regions)) = rayon::join(
            || rayon::join(|| Trie::new(&keys, &all), || Trie::new(&keys, &lower)),
            || {
                let entities = gazetteer.entities();
                let regions = entities
                    .iter()
                    .filter_map(|e| {
                        let [admin1, country] = gazetteer.containers(e.id);
                        let extra = [admin1, country].map(|c| c.filter(|&c| Some(c) != e.parent));
                        (extra != [None, None]).then_some((e.id, extra))
                    })
                    .collect();
                let kinds = entities.iter().map(|e| e.kind).collect();
                let parents = entities.iter().map(|e| e.parent).collect();
                (kinds, parents, regions)
            },
        );
        Tagger {
            names,
            lower,
            patterns: Groups::new(patterns),
            forms: Forms::new(&forms),
            kinds,
            parents,
            regions,
        }
    }

    /// The distinct folded names the tagger looks for, sorted (for baselines that scan the same
    /// names without kg's rules).
    pub fn folded_names(gazetteer: &Gazetteer) -> Vec<String> {
        fold_forms(&gazetteer.forms(), gazetteer).0
    }

    /// Finds and resolves every mention in `doc`.
    pub fn tag(&self, doc: &Document, sentences: &[Sentence]) -> Tagged {
        let norm = normalize(&doc.text);
        let mut found = self.scan(&doc.text, &norm);
        self.add_defined_acronyms(&doc.text, &norm, &mut found);
        self.resolve(doc, sentences, &found)
    }

    /// Tries every word start: walking the trie from there lists every form that starts at that
    /// word, and costs one or two transitions for the ordinary words between names. The longest form that ends on a word
    /// boundary and fits the case rule wins; a match can never start inside a word.
    fn scan(&self, text: &str, norm: &Normalized) -> Vec<Candidate<'_>> {
        let hay = norm.text.as_str();
        let bytes = hay.as_bytes();
        let mut out = Vec::new();
        let mut ends: Vec<(usize, u32)> = Vec::new();
        let mut pos = 0;
        while let Some(start) = next_word_start(hay, pos) {
            ends.clear();
            let first = text[norm.original_start(start)..].chars().next();
            let trie = if first.is_some_and(char::is_lowercase) {
                &self.lower
            } else {
                &self.names
            };
            if !trie.starts_with(bytes[start]) {
                pos = next_word(hay, start);
                continue;
            }
            trie.prefixes(&bytes[start..], &mut ends);
            let mut accepted = None;
            for &(len, pattern) in ends.iter().rev() {
                let (end, pattern) = (start + len, pattern as usize);
                if !right_bound(hay, end) {
                    continue;
                }
                let (os, oe) = norm.to_original(start, end);
                let found = &text[os..oe];
                // A common name ("Springfield") is the same text for hundreds of places: the
                // case rule is checked once per distinct text, not once per place.
                let mut last: Option<(&str, bool)> = None;
                let mut fits = |f: &u32| {
                    let text = self.forms.text(*f);
                    match last {
                        Some((t, fits)) if t == text => fits,
                        _ => {
                            let fits = case_fits(text, found);
                            last = Some((text, fits));
                            fits
                        }
                    }
                };
                let all = self.patterns.get(pattern);
                let forms: Cow<[u32]> = if all.iter().all(&mut fits) {
                    Cow::Borrowed(all)
                } else {
                    Cow::Owned(all.iter().copied().filter(|f| fits(f)).collect())
                };
                if !forms.is_empty() {
                    out.push(Candidate {
                        span: Span::new(os, oe),
                        forms,
                        acronym_of: None,
                    });
                    accepted = Some(end);
                    break;
                }
            }
            pos = match accepted {
                Some(end) => end,
                None => next_word(hay, start),
            };
        }
        out
    }

    /// "Jalisco New Generation Cartel (CJNG)" and "CJNG (Jalisco New Generation Cartel)" make
    /// "CJNG" name that entity for the rest of the document.
    fn add_defined_acronyms(&self, text: &str, norm: &Normalized, found: &mut Vec<Candidate>) {
        let mut defined: BTreeMap<String, EntityId> = BTreeMap::new();
        for c in found.iter() {
            let Some(entity) = self.sole_entity(c) else {
                continue;
            };
            let after = &text[c.span.end..];
            if let Some(acr) = after
                .trim_start_matches([' ', '\u{00A0}'])
                .strip_prefix('(')
                .and_then(|r| r.split_once(')'))
                .map(|(a, _)| a.trim())
                .filter(|a| is_acronym(a) && initials_fit(a, &text[c.span.start..c.span.end]))
            {
                defined.entry(acr.to_string()).or_insert(entity);
            }
            let before = text[..c.span.start].trim_end_matches([' ', '\u{00A0}']);
            if let Some(inner) = before.strip_suffix('(')
                && text[c.span.end..].trim_start().starts_with(')')
            {
                let head = inner.trim_end();
                let word_start = head
                    .char_indices()
                    .rev()
                    .find(|&(_, ch)| ch.is_whitespace() || ch == '(')
                    .map_or(0, |(p, ch)| p + ch.len_utf8());
                let acr = &head[word_start..];
                if is_acronym(acr) && initials_fit(acr, &text[c.span.start..c.span.end]) {
                    defined.entry(acr.to_string()).or_insert(entity);
                }
            }
        }
        // The spans found so far, by start: the scan's never overlap (it goes on from where a
        // match ends) and neither do those added here, so the one span that can overlap
        // [os, oe) is the last to start before oe. A piece of a big file defines dozens of
        // acronyms and uses them thousands of times; scanning every candidate for each use
        // was quadratic.
        let mut taken: BTreeMap<usize, usize> =
            found.iter().map(|c| (c.span.start, c.span.end)).collect();
        for (acr, entity) in defined {
            let key = fold(&acr);
            let hay = norm.text.as_str();
            for (at, _) in hay.match_indices(&key) {
                let end = at + key.len();
                if !left_bound(hay, at) || !right_bound(hay, end) {
                    continue;
                }
                let (os, oe) = norm.to_original(at, end);
                if !case_fits(&acr, &text[os..oe])
                    || taken
                        .range(..oe)
                        .next_back()
                        .is_some_and(|(_, &end)| os < end)
                {
                    continue;
                }
                taken.insert(os, oe);
                found.push(Candidate {
                    span: Span::new(os, oe),
                    forms: Cow::Borrowed(&[]),
                    acronym_of: Some(entity),
                });
            }
        }
        found.sort_by_key(|c| c.span);
    }

    /// The entity a candidate names when it can name only one, by a full name.
    fn sole_entity(&self, c: &Candidate) -> Option<EntityId> {
        if let Some(e) = c.acronym_of {
            return Some(e);
        }
        // A name that may also be someone's surname is no evidence for either reading.
        let mut forms = c
            .forms
            .iter()
            .map(|&f| self.forms.get(f))
            .filter(|f| f.rule != Rule::Demonym);
        let first = forms.next()?;
        let sole = forms.all(|f| f.entity == first.entity && f.rule != Rule::PartialName);
        (sole && first.rule != Rule::PartialName).then_some(first.entity)
    }

    fn resolve(&self, doc: &Document, sentences: &[Sentence], found: &[Candidate]) -> Tagged {
        // Entities the document names unambiguously by a full name: the evidence used below.
        let present: BTreeSet<EntityId> =
            found.iter().filter_map(|c| self.sole_entity(c)).collect();
        // The parents of what the document names, gathered once: "a child of e is named" is
        // then one lookup per candidate, not a scan of every entity named (issue 16).
        let parents_present: BTreeSet<EntityId> =
            present.iter().flat_map(|p| self.containers(*p)).collect();
        let mut tagged = Tagged::default();
        for c in found {
            if c.acronym_of.is_none() && inside_a_longer_name(&doc.text, sentences, c.span) {
                continue;
            }
            let sentence = sentence_of(sentences, c.span.start);
            let mut mention = Mention {
                entity: EntityId(0),
                doc: doc.id,
                sentence,
                span: c.span,
                rule: Rule::Acronym,
                candidates: Vec::new(),
            };
            if let Some(e) = c.acronym_of {
                mention.entity = e;
                tagged.mentions.push(mention);
                continue;
            }
            // Most names have one form and one reading: no bookkeeping for them.
            if let [only] = &*c.forms {
                let f = self.forms.get(*only);
                if f.rule != Rule::PartialName {
                    mention.entity = f.entity;
                    mention.rule = f.rule;
                    if f.rule == Rule::Demonym {
                        tagged.anchors.push(mention);
                    } else {
                        tagged.mentions.push(mention);
                    }
                    continue;
                }
            }
            // Best rule per entity; partial names only for people named in full here.
            let mut options: BTreeMap<EntityId, Rule> = BTreeMap::new();
            for f in c.forms.iter().map(|&f| self.forms.get(f)) {
                if f.rule == Rule::PartialName && !present.contains(&f.entity) {
                    continue;
                }
                let best = options.entry(f.entity).or_insert(f.rule);
                *best = (*best).min(f.rule);
            }
            // A surname alone stands for a person of the document only when one person of the
            // document has it: with Bill and Hillary Clinton named, "Clinton" is neither for
            // sure, and a guess would be a silent wrong edge.
            if options.len() > 1 && options.values().all(|r| *r == Rule::PartialName) {
                continue;
            }
            let demonym = !options.is_empty() && options.values().all(|r| *r == Rule::Demonym);
            options.retain(|_, r| demonym || *r != Rule::Demonym);
            let ids: Vec<EntityId> = options.keys().copied().collect();
            let Some(&first) = ids.first() else {
                continue;
            };
            let (entity, ambiguous) = if ids.len() == 1 {
                (first, false)
            } else {
                self.disambiguate(&doc.text, c.span, &ids, (&present, &parents_present))
            };
            mention.entity = entity;
            mention.rule = options[&entity];
            if ambiguous {
                mention.candidates = ids;
            }
            if demonym {
                tagged.anchors.push(mention);
            } else {
                tagged.mentions.push(mention);
            }
        }
        tagged
    }

    /// The `in=` parent of an entity, then the subdivision and country its geo keys name.
    fn containers(&self, e: EntityId) -> impl Iterator<Item = EntityId> + '_ {
        let regions = self.regions.get(&e).copied().unwrap_or_default();
        self.parents[e.0 as usize]
            .into_iter()
            .chain(regions.into_iter().flatten())
    }

    /// Picks one of several entities for a name: first by what else the document names (the
    /// entity itself, its parent or a child), then by the words before it; otherwise the first in
    /// gazetteer order, flagged as ambiguous.
    fn disambiguate(
        &self,
        text: &str,
        span: Span,
        ids: &[EntityId],
        (present, parents_present): (&BTreeSet<EntityId>, &BTreeSet<EntityId>),
    ) -> (EntityId, bool) {
        let related = |e: EntityId| {
            present.contains(&e)
                || self.containers(e).any(|p| present.contains(&p))
                || parents_present.contains(&e)
        };
        let mut pool: Vec<EntityId> = ids.iter().copied().filter(|&e| related(e)).collect();
        if pool.len() == 1 {
            return (pool[0], false);
        }
        if pool.is_empty() {
            pool = ids.to_vec();
        }
        if let Some(kind) = cue_kind(text, span) {
            let typed: Vec<EntityId> = pool
                .iter()
                .copied()
                .filter(|&e| self.kinds[e.0 as usize] == kind)
                .collect();
            if typed.len() == 1 {
                return (typed[0], false);
            }
        }
        (pool[0], true)
    }
}

/// The type the words just before a name call for, if any.
fn cue_kind(text: &str, span: Span) -> Option<EntityKind> {
    let before: Vec<String> = text[..span.start]
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let one = before.first()?.as_str();
    let two = before
        .get(1)
        .map(|w| format!("{w} {one}"))
        .unwrap_or_default();
    if PERSON_CUES.contains(&one) {
        return Some(EntityKind::Person);
    }
    if PLACE_CUES.contains(&one) || PLACE_CUES.contains(&two.as_str()) {
        return Some(EntityKind::Place);
    }
    let next = text[span.end..].split_whitespace().next().unwrap_or("");
    match next.trim_matches(|c: char| !c.is_alphanumeric()) {
        "state" | "city" | "county" => Some(EntityKind::Place),
        _ => None,
    }
}

/// The word directly before `at`, separated from it by spaces only ("Bill" in "Bill Jordan"; none
/// in "Bill, Jordan" or at the start of the text), and where it starts.
fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let head = &text[..at];
    let trimmed = head.trim_end_matches(' ');
    if trimmed.len() == head.len() {
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &trimmed[start..];
    (!word.is_empty()).then_some((start, word))
}

/// A capitalized word that may be part of a name: capital, then lower case ("Jordan", not
/// "JORDAN" or "the"), and not a word capitalized for other reasons (days, months).
fn name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && chars.all(char::is_lowercase)
        && !crate::names::names()
            .never
            .contains(word.to_lowercase().as_str())
}

/// A one-word match right after a given name is part of someone's name, not the entity listed
/// under that word: "Bill Jordan" (not the country), "Brian Lara" (not the Venezuelan state),
/// "Mr John Vance Langmore" (not JD Vance). A given name that opens the sentence may be an
/// ordinary word ("Will Mexico respond?") and is no evidence.
fn inside_a_longer_name(text: &str, sentences: &[Sentence], span: Span) -> bool {
    if text[span.start..span.end].contains(|c: char| !c.is_alphabetic()) {
        return false;
    }
    let Some((start, before)) = word_before(text, span.start) else {
        return false;
    };
    // Sentences are in text order: the one holding `start` is found by bisection, not a scan
    // (this runs for every candidate).
    let i = sentences.partition_point(|s| s.span.end <= start);
    let opens_sentence = sentences
        .get(i)
        .filter(|s| s.span.start <= start)
        .is_none_or(|s| {
            text[s.span.start..start]
                .trim_matches(|c: char| c.is_whitespace() || "\"'“‘(".contains(c))
                .is_empty()
        });
    // The set lookup first: most words before a name are no given name, and `name_word`
    // lower-cases its word.
    !opens_sentence && crate::names::names().first.contains(before) && name_word(before)
}

fn sentence_of(sentences: &[Sentence], at: usize) -> u32 {
    let i = sentences.partition_point(|s| s.span.end <= at);
    sentences
        .get(i)
        .map_or(sentences.len().saturating_sub(1), |s| s.index as usize) as u32
}

/// Characters that continue a word: letters, digits, and the joiners of handles and addresses.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '@'
}

/// [`is_word_char`] of an ASCII byte, read without decoding.
fn is_word_byte(b: u8) -> bool {
    ascii_class(b) & ALNUM != 0 || b == b'_' || b == b'@'
}

fn left_bound(hay: &str, start: usize) -> bool {
    let mut before = hay[..start].chars().rev();
    match before.next() {
        None => true,
        // "BrightU.AI": a dot glued to a word on its left continues that word.
        Some('.') => !before.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    }
}

fn right_bound(hay: &str, end: usize) -> bool {
    let mut after = hay[end..].chars();
    match after.next() {
        None => true,
        // "Reuters.com" is not "Reuters"; "U.S. officials" is fine.
        Some('.') => !after.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    }
}

/// The first position at or after `from` where a word starts.
fn next_word_start(hay: &str, from: usize) -> Option<usize> {
    let bytes = hay.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if is_word_byte(b) && left_bound(hay, i) {
                return Some(i);
            }
            i += 1;
        } else {
            let c = hay[i..].chars().next().expect("inside the text");
            if is_word_char(c) && left_bound(hay, i) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// The next position after the word containing `at`.
fn next_word(hay: &str, at: usize) -> usize {
    let bytes = hay.as_bytes();
    let mut i = at + hay[at..].chars().next().map_or(0, char::len_utf8);
    while i < bytes.len() {
        // ASCII, most of every text, needs no decoding.
        let (word, len) = match bytes[i] {
            b if b < 0x80 => (is_word_byte(b), 1),
            _ => {
                let c = hay[i..].chars().next().expect("inside the text");
                (is_word_char(c), c.len_utf8())
            }
        };
        if !word {
            return i;
        }
        i += len;
    }
    hay.len()
}

/// "CJNG", "JITF-CC", "FBI": 2 to 12 characters, mostly capitals.
/// Whether every letter of an acronym is the initial of a word of the name it stands beside:
/// "Red Hand Brigade (RHB)" and "Jalisco New Generation Cartel (CJNG)" define theirs, "Amateur
/// Hockey Association of Canada (AHAC)" defines nothing for Canada.
pub(crate) fn initials_fit(acronym: &str, name: &str) -> bool {
    let initials: Vec<char> = fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .collect();
    fold(acronym)
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| initials.contains(&c))
}

fn is_acronym(s: &str) -> bool {
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    (2..=12).contains(&s.chars().count())
        && upper >= 2
        && s.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || "-–&. ".contains(c))
}

/// Whether `form` could pass [`case_fits`] against text that starts with a lower-case letter:
/// only a form with lower case whose first word does not start with a capital.
fn may_fit_lower_case(form: &str) -> bool {
    // ASCII, most names, is read byte by byte, with the same answer.
    if form.is_ascii() {
        let bytes = form.as_bytes();
        return bytes.iter().any(u8::is_ascii_lowercase)
            && bytes
                .split(|b| !b.is_ascii_alphanumeric())
                .find_map(|w| w.first())
                .is_none_or(|b| !b.is_ascii_uppercase());
    }
    form.chars().any(char::is_lowercase)
        && form
            .split(|c: char| !c.is_alphanumeric())
            .find_map(|w| w.chars().next())
            .is_none_or(|c| !c.is_uppercase())
}

/// Case rule: a form in capitals ("US", "CIA") only matches capitals; any other form matches text
/// in capitals (headlines) or text whose words start with a capital wherever the form's do.
pub fn case_fits(form: &str, found: &str) -> bool {
    // Called for every candidate, so it allocates nothing.
    let no_lower = |s: &str| !s.chars().any(char::is_lowercase);
    let found_caps = no_lower(found);
    if no_lower(form) {
        return found_caps;
    }
    // Text in capitals matches a name written otherwise only in headlines and shouting: a
    // capitalized word of three letters or fewer in running text is an acronym ("ILO" is the
    // International Labour Organization, not Ilo in Peru; "EST" is no place).
    if found_caps {
        return found.chars().filter(|c| c.is_alphabetic()).count() > 3;
    }
    fn initials(s: &str) -> impl Iterator<Item = bool> + '_ {
        s.split(|c: char| !c.is_alphanumeric())
            .filter_map(|w| w.chars().next())
            .map(char::is_uppercase)
    }
    let (count_a, count_b) = (initials(form).count(), initials(found).count());
    if count_a != count_b {
        return initials(form).next() <= initials(found).next();
    }
    initials(form)
        .zip(initials(found))
        .all(|(need, got)| !need | got)
}

#[cfg(test)]
mod tests;
