//! Type votes for one occurrence of a name: what its own words (given names, surnames, head
//! words) and its neighbours (a title before, a verb of speech or a known place after) say it is.

use super::candidates::Occurrence;
use super::lists::{
    CLUB_PREFIXES, COMPASS_POINTS, FACILITY_HEADS, HONORIFICS, ORG_HEADS, ORG_OPENERS,
    PERSON_NOUNS, PERSON_VERBS, PLACE_HEADS, PLACE_PREPOSITIONS, QUANTIFIERS, SPEECH, is, lists,
};
use super::places::Places;
use super::words::{Word, bare, is_common, titlecase_in};
use crate::corpus::Document;
use crate::gazetteer::EntityKind::{self, Org, Person, Place};

/// Type votes for one occurrence, with the cues that gave them.
#[derive(Debug, Default, Clone)]
pub(super) struct Votes {
    pub(super) person: f32,
    pub(super) org: f32,
    pub(super) place: f32,
    pub(super) cues: Vec<&'static str>,
    /// Counted or taking a plural verb ("4,000 Scientologists", "the Tetrarchs were"): a group,
    /// neither a person nor a place.
    pub(super) plural: bool,
}

impl Votes {
    pub(super) fn add(&mut self, kind: EntityKind, weight: f32, cue: &'static str) {
        match kind {
            EntityKind::Person => self.person += weight,
            EntityKind::Org => self.org += weight,
            EntityKind::Place => self.place += weight,
        }
        if !self.cues.contains(&cue) {
            self.cues.push(cue);
        }
    }

    pub(super) fn merge(&mut self, other: &Votes) {
        self.person += other.person;
        self.org += other.org;
        self.place += other.place;
        self.plural |= other.plural;
        for c in &other.cues {
            if !self.cues.contains(c) {
                self.cues.push(c);
            }
        }
    }

    pub(super) fn best(&self) -> Option<(EntityKind, f32, f32)> {
        let single = if self.plural { 0.0 } else { 1.0 };
        let mut all = [
            (EntityKind::Person, self.person * single),
            (EntityKind::Org, self.org),
            (EntityKind::Place, self.place * single),
        ];
        all.sort_by(|a, b| b.1.total_cmp(&a.1));
        (all[0].1 > 0.0).then_some((all[0].0, all[0].1, all[1].1))
    }
}

/// What the words of an occurrence and its neighbours say about its type.
pub(super) fn vote(
    doc: &Document,
    words: &[Word],
    occ: Occurrence,
    places: &Places,
    surnames: &crate::normalize::WordSet<&str>,
) -> Votes {
    let name = &words[occ.from..occ.to];
    let given = starts_with_given_name(name);
    let mut v = Votes::default();
    name_cues(&mut v, name, given);
    cues_before(&mut v, doc, words, occ, given);
    cues_after(&mut v, doc, words, occ, places, surnames);
    v.plural = counted(words, occ);
    v
}

/// "4,000 active Scientologists", "several Tetrarchs", "the Tetrarchs were": a one-word name in
/// the plural after a number or a quantifier (an adjective may stand between), or before "were"
/// or "are".
fn counted(words: &[Word], occ: Occurrence) -> bool {
    let w = &words[occ.from];
    let plural = occ.to - occ.from == 1
        && !w.caps
        && w.lower.ends_with('s')
        && !w.lower.ends_with("ss")
        && !w.lower.ends_with("us");
    if !plural {
        return false;
    }
    // A number in figures other than a year, or a quantifier.
    let counts = |k: usize| {
        let b = &words[k];
        !b.cap
            && (b.is(QUANTIFIERS)
                || b.lower.bytes().all(|c| c.is_ascii_digit())
                    && !(b.lower.len() == 4 && words[k].joined && !b.lower.starts_with('0')))
    };
    let before = occ.from > 0
        && w.joined
        && (counts(occ.from - 1)
            || occ.from > 1
                && !words[occ.from - 1].cap
                && words[occ.from - 1].joined
                && !words[occ.from - 1].is(super::lists::FUNCTION_WORDS)
                && counts(occ.from - 2));
    let after = words
        .get(occ.to)
        .is_some_and(|n| n.joined && matches!(&*n.lower, "were" | "are"));
    before || after
}

fn starts_with_given_name(name: &[Word]) -> bool {
    let lists = lists();
    lists.first.contains(name[0].text.trim_end_matches('.'))
        || titlecase_in(lists.first, bare(&name[0].lower))
}

/// The name's own words: head words, given names, surnames, initials.
fn name_cues(v: &mut Votes, name: &[Word], given: bool) {
    let lists = lists();
    let n = name.len();
    let first = bare(&name[0].lower);
    // Given name and surname cues hold for names of capitalized words only: a connector inside
    // ("Bank of Ostravia") points elsewhere.
    let all_capitalized = name.iter().all(|w| w.cap);
    // The head word ends the name or sits inside it before what qualifies it: "Major League
    // Baseball", "Florida Department of Law Enforcement".
    let org_head = n > 1
        && (name[1..].iter().any(|w| w.bare_is(ORG_HEADS))
            || is(
                super::candidates::hyphen_tail(&name[n - 1].lower),
                ORG_HEADS,
            ));
    if org_head {
        v.add(Org, 4.0, "organization head word");
    }
    if n > 1 && name[0].bare_is(CLUB_PREFIXES) {
        v.add(Org, 4.0, "organization head word");
    }
    if n > 2 && name[0].bare_is(ORG_OPENERS) && name[1].lower == "of" {
        v.add(Org, 4.0, "organization head word");
    }
    if n > 1 && (name[n - 1].bare_is(PLACE_HEADS) || matches!(first, "mount" | "lake" | "cape")) {
        v.add(Place, 3.0, "place head word");
    }
    // "West Africa": a compass point and a gazetteer place (see `places::compass_before_place`).
    if n == 2 && name[0].bare_is(COMPASS_POINTS) && name[1].taken {
        v.add(Place, 3.0, "compass point before a place");
    }
    if name[n - 1].bare_is(FACILITY_HEADS) && n > 1 {
        v.add(Place, 3.0, "building or site head word");
    }
    if name[0].taken
        && !v.cues.iter().any(|c| {
            matches!(
                *c,
                "organization head word" | "place head word" | "building or site head word"
            )
        })
    {
        v.add(Org, 2.0, "named after a place");
    }
    if n == 1 && name[0].caps && (3..=6).contains(&name[0].text.len()) {
        v.add(Org, 1.0, "acronym");
    }
    let surname = |w: &Word| titlecase_in(lists.surnames, bare(&w.lower));
    // A head word at the end names what the person's name is given to: "Wilson Center",
    // "Ford Foundation", "Lincoln Memorial" are no people.
    let headed = org_head || n > 1 && name[n - 1].bare_is(PLACE_HEADS | FACILITY_HEADS);
    let all_capitalized = all_capitalized && !headed;
    if given && (2..=4).contains(&n) && all_capitalized {
        v.add(Person, 2.5, "given name");
    }
    if (2..=4).contains(&n) && surname(&name[n - 1]) && all_capitalized && !is_common(&name[0]) {
        v.add(Person, 1.0, "surname");
    }
    if name[..n.saturating_sub(1)]
        .iter()
        .skip(1)
        .any(|w| w.text.len() == 2 && w.text.ends_with('.'))
    {
        v.add(Person, 2.0, "middle initial");
    }
}

/// The word before the name: a title, a role, a place preposition.
fn cues_before(v: &mut Votes, doc: &Document, words: &[Word], occ: Occurrence, given: bool) {
    let lists = lists();
    let name = &words[occ.from..occ.to];
    if occ.from > 0 {
        let before = &words[occ.from - 1];
        let b = bare(&before.lower);
        // The title right before the name, nothing but a space between them.
        if name[0].joined && (is(b, HONORIFICS) || lists.roles.contains(b)) {
            v.add(Person, 3.0, "title before");
        }
        // "his brother Toby"; "his second wife, Karen, ...".
        if is(b, PERSON_NOUNS) && !before.cap {
            let gap = &doc.text[before.span.end..name[0].span.start];
            let closed = words.get(occ.to).is_some_and(|w| {
                doc.text[name[name.len() - 1].span.end..w.span.start].starts_with(',')
            });
            if name[0].joined || gap == ", " && closed {
                v.add(Person, 3.0, "person noun before");
            }
        }
        if is(b, PLACE_PREPOSITIONS) && !before.cap {
            v.add(Place, 1.0, "place preposition");
            if b == "at" {
                v.add(Org, 0.5, "place preposition");
            }
        }
        if matches!(b, "by" | "with" | "and") && given {
            v.add(Person, 0.5, "given name");
        }
        // A class noun right before the name says what it is: "the band Linkin Park", "UK
        // post punk band Killing Joke", "the club Independiente".
        if name[0].joined && !before.cap && is(b, ORG_HEADS) && !is(b, PLACE_HEADS) {
            v.add(Org, 3.0, "class noun");
        }
    }
}

/// What a definition right after the name says it is: "Bilka is a Danish chain of
/// hypermarkets", "Candie Payne (born 1983) is an English singer-songwriter".
fn defined_as(doc: &Document, end: usize) -> Option<EntityKind> {
    let mut cut = doc.text.len().min(end + 160);
    while !doc.text.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut rest = doc.text[end..cut].trim_start();
    // A bracket after the name (dates, a local spelling) stands outside the sentence.
    if let Some(inner) = rest.strip_prefix('(') {
        rest = inner.split_once(')')?.1.trim_start();
    }
    let mut it = rest.split_whitespace();
    let (verb, article) = (it.next()?, it.next()?);
    if !matches!(verb, "is" | "was" | "are" | "were")
        || !matches!(article, "a" | "an" | "the" | "one")
    {
        return None;
    }
    for w in it.take(4) {
        let w = w.trim_end_matches([',', '.', ';']).to_lowercase();
        let kind = w.split('-').find_map(super::lists::definition_noun);
        if kind.is_some() {
            return kind;
        }
        if matches!(w.as_str(), "of" | "in" | "and" | "who" | "that" | "from") {
            return None;
        }
    }
    None
}

/// A score: "63-7".
pub(super) fn is_score(w: &Word) -> bool {
    w.text.split_once('-').is_some_and(|(a, b)| {
        [a, b]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
    })
}

/// What follows the name: a verb of speech, "-based", a known place, a role apposition, a
/// company suffix, an acronym in brackets.
fn cues_after(
    v: &mut Votes,
    doc: &Document,
    words: &[Word],
    occ: Occurrence,
    places: &Places,
    surnames: &crate::normalize::WordSet<&str>,
) {
    let lists = lists();
    let name = &words[occ.from..occ.to];
    let n = name.len();
    let end = name[n - 1].span.end;
    let mut cut = doc.text.len().min(end + 40);
    while !doc.text.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = &doc.text[end..cut];
    if let Some(next) = words.get(occ.to) {
        let w = next.lower.as_ref();
        if next.is(SPEECH) {
            v.add(Person, 1.0, "verb of speech");
            v.add(Org, 0.5, "verb of speech");
        }
        if let Some(kind) = defined_as(doc, end) {
            v.add(kind, 3.0, "definition");
        }
        // "Guido died", "Dou Jiande was later executed": what only people do.
        let verb = |k: usize| {
            words
                .get(k)
                .is_some_and(|w| !w.cap && w.bare_is(PERSON_VERBS))
        };
        let aux = matches!(w, "was" | "were" | "had" | "has");
        // One word may stand between: "was later executed", "had been married".
        let adverb = |k: usize| words.get(k).is_some_and(|w| !w.cap && w.joined);
        if next.joined
            && (verb(occ.to) || aux && (verb(occ.to + 1) || adverb(occ.to + 1) && verb(occ.to + 2)))
        {
            v.add(Person, 1.5, "verb of a person");
        }
        if rest.starts_with('-') && w.starts_with("based") {
            v.add(Place, 3.0, "-based");
        }
        // "Springfield, Illinois": a known place after a comma.
        if rest.starts_with(", ")
            && places.starting_at(next.span.start).is_some()
            && !surnames.contains(next.text)
        {
            v.add(Place, 3.0, "followed by a known place");
        }
        // "X, a spokesman", "X, 45,".
        if rest.starts_with(", ") {
            let after: Vec<&str> = words[occ.to..words.len().min(occ.to + 4)]
                .iter()
                .map(|w| bare(&w.lower))
                .collect();
            let role_at = |k: usize| {
                after
                    .get(k)
                    .is_some_and(|w| lists.roles.contains(w) || is(w, HONORIFICS | PERSON_NOUNS))
            };
            if matches!(after.first(), Some(&("a" | "an" | "the")))
                && (role_at(1) || role_at(2) || role_at(3))
                || after
                    .first()
                    .is_some_and(|w| w.parse::<u32>().is_ok_and(|a| a < 110))
            {
                v.add(Person, 2.0, "role apposition");
            }
        }
        // ... or right after it: "the Gardes Lafayette regiment", "the Deadsy band".
        if next.joined && !next.cap && is(bare(w), ORG_HEADS) && !is(bare(w), PLACE_HEADS) {
            v.add(Org, 3.0, "class noun");
        }
        if matches!(w, "inc" | "corp" | "ltd" | "llc" | "co") && next.joined {
            v.add(Org, 3.0, "organization suffix");
        }
        if rest.starts_with(" (") && words.get(occ.to).is_some_and(|w| w.caps) {
            v.add(Org, 1.0, "acronym after");
        }
    }
}
