//! Gazetteer places inside discovered names: "Atlantic City Hospital", "University of
//! California", "FC Basel". The tagger matched the place; discovery grows the name over it.

use super::Known;
use super::candidates::{Occurrence, org_headed};
use super::lists::{
    CLUB_PREFIXES, COMPASS_POINTS, FACILITY_HEADS, ORG_HEADS, ORG_OPENERS, PLACE_HEADS, is, lists,
};
use super::words::{Word, bare, is_common, nameish, titlecase_in};
use crate::sentences::Span;

/// Gazetteer place mentions of a document, sorted, found by where they start or end in
/// O(log n).
pub(super) struct Places(Vec<Span>);

impl Places {
    pub(super) fn new(mut spans: Vec<Span>) -> Places {
        spans.sort();
        Places(spans)
    }

    /// The spans, sorted.
    pub(super) fn spans(&self) -> &[Span] {
        &self.0
    }

    pub(super) fn starting_at(&self, at: usize) -> Option<&Span> {
        let i = self.0.partition_point(|p| p.start < at);
        self.0.get(i).filter(|p| p.start == at)
    }

    fn ending_at(&self, at: usize) -> Option<&Span> {
        // Mentions never overlap, so ends are sorted as starts are.
        let i = self.0.partition_point(|p| p.end < at);
        self.0.get(i).filter(|p| p.end == at)
    }
}

/// The words `[first, last]` of the gazetteer place whose span is `span`, if words cover it.
fn place_words(words: &[Word], span: Span) -> Option<(usize, usize)> {
    let first = words.partition_point(|w| w.span.start < span.start);
    let last = words
        .partition_point(|w| w.span.end <= span.end)
        .checked_sub(1)?;
    (first <= last && words[first].span.start == span.start && words[last].span.end == span.end)
        .then_some((first, last))
}

/// A gazetteer place that names part of an organization: "Atlantic City Hospital", "New Jersey
/// Department of Public Safety", "University of California". The place joins the name when the
/// name ends (or, with "of", starts) with an organization head word, as the longest match
/// would; a place is never split. Places also join the names of clubs and teams named after
/// them, and people whose given name or surname is a place's.
pub(super) fn absorb_places(words: &[Word], o: Occurrence, known: &Known) -> Occurrence {
    if let Some(region) = compass_before_place(words, &known.places, o) {
        return region;
    }
    let places = &known.inner_places;
    let o = org_after_place(words, places, o, true);
    // "Spanish Air Force", "American Civil Liberties Union": a demonym names no place of its
    // own, so before an organization's name it is part of it (never before a person's).
    let o = org_after_place(words, &known.demonyms, o, false);
    // "Fiji Labour Party", "Bangladesh Army": a country written out in full names its own
    // organization; an abbreviation before one ("the U.S. Joint Task Force") is a modifier and
    // stays a mention of its own, as the news conventions have it.
    let o = org_after_country(words, &known.places, o);
    if let Some(person_or_club) = club_named_after_place(words, places, o)
        .or_else(|| given_name_then_place(words, places, o))
        .or_else(|| place_then_surname(words, places, o))
    {
        return person_or_club;
    }
    // After "of" a country belongs to the name too: "Amateur Hockey Association of Canada".
    let o = org_of_place(words, &known.places, o);
    named_after_town(words, places, o)
}

/// The words `[first, last]` of the gazetteer place that ends with word `w`.
fn place_ending_with(words: &[Word], places: &Places, w: usize) -> Option<(usize, usize)> {
    let p = places.ending_at(words[w].span.end)?;
    place_words(words, *p)
}

/// The words `[first, last]` of the gazetteer place that starts with word `w`.
fn place_starting_with(words: &[Word], places: &Places, w: usize) -> Option<(usize, usize)> {
    let p = places.starting_at(words[w].span.start)?;
    place_words(words, *p)
}

/// "Atlantic City Hospital", "Florida Department of Law Enforcement": a place, then a name
/// headed by an organization head word; with `sites`, by a place's or a building's head word too
/// ("Lincoln Reservoir", "Victoria Skating Rink").
fn org_after_place(words: &[Word], places: &Places, mut o: Occurrence, sites: bool) -> Occurrence {
    let site = || sites && words[o.to - 1].bare_is(PLACE_HEADS | FACILITY_HEADS);
    if o.from > 0
        && words[o.from].joined
        && (org_headed(words, o) || site())
        && !words[o.from].initial
        && let Some((first, _)) = place_ending_with(words, places, o.from - 1)
    {
        o.from = first;
        // "George Washington University Hospital": names before the place belong too.
        while o.from > 0
            && words[o.from].joined
            && nameish(&words[o.from - 1])
            && !(words[o.from - 1].initial && is_common(&words[o.from - 1]))
        {
            o.from -= 1;
        }
    }
    o
}

/// "West Africa", "Southern California": a compass point right before a gazetteer place names
/// a place of its own. Capitalized words going on after the place are still the name ("West
/// Jersey Railroad"), whose own head word types it.
fn compass_before_place(words: &[Word], places: &Places, o: Occurrence) -> Option<Occurrence> {
    if o.to - o.from != 1
        || !words[o.from].bare_is(COMPASS_POINTS)
        || !words.get(o.to).is_some_and(|w| w.joined)
    {
        return None;
    }
    let (_, last) = place_starting_with(words, places, o.to)?;
    let mut to = last + 1;
    while to < words.len() && words[to].joined && nameish(&words[to]) {
        to += 1;
    }
    Some(Occurrence { to, ..o })
}

/// `org_after_place` for any place, countries too, when the place is spelled out: a word of it
/// has a lower-case letter ("New Zealand", not "U.S." or "USA").
fn org_after_country(words: &[Word], places: &Places, o: Occurrence) -> Occurrence {
    let spelled_out = o.from > 0
        && place_ending_with(words, places, o.from - 1).is_some_and(|(first, last)| {
            words[first..=last]
                .iter()
                .any(|w| w.text.chars().any(char::is_lowercase))
        });
    if spelled_out {
        org_after_place(words, places, o, false)
    } else {
        o
    }
}

/// "FC Basel", "Club America": a club prefix, then the place it is named after.
fn club_named_after_place(words: &[Word], places: &Places, o: Occurrence) -> Option<Occurrence> {
    if words[o.to - 1].bare_is(CLUB_PREFIXES)
        && words.get(o.to).is_some_and(|w| w.joined)
        && let Some((_, end)) = place_starting_with(words, places, o.to)
    {
        return Some(Occurrence { to: end + 1, ..o });
    }
    None
}

/// "Philip Sheridan", "Michael Jordan": a given name, then a one-word place that is a surname.
fn given_name_then_place(words: &[Word], places: &Places, o: Occurrence) -> Option<Occurrence> {
    if o.to - o.from == 1
        && lists().first.contains(bare(words[o.from].text))
        && words.get(o.to).is_some_and(|w| w.joined && w.cap)
        && let Some((first, end)) = place_starting_with(words, places, o.to)
        && first == end
        && !words.get(end + 1).is_some_and(|w| w.joined && w.cap)
    {
        return Some(Occurrence { to: end + 1, ..o });
    }
    None
}

/// "Paris Hilton": a one-word place that is a given name, then a surname.
fn place_then_surname(words: &[Word], places: &Places, o: Occurrence) -> Option<Occurrence> {
    let lists = lists();
    if o.to - o.from == 1
        && o.from > 0
        && words[o.from].joined
        && titlecase_in(lists.surnames, bare(&words[o.from].lower))
        && let Some((first, end)) = place_ending_with(words, places, o.from - 1)
        && first == end
        && lists.first.contains(bare(words[first].text))
        && !words[first].initial
    {
        return Some(Occurrence { from: first, ..o });
    }
    None
}

/// "University of California", "Army of the Potomac": an organization head word, "of" (and
/// "the"), then a place.
fn org_of_place(words: &[Word], places: &Places, mut o: Occurrence) -> Occurrence {
    if !words[o.to - 1].bare_is(ORG_OPENERS)
        || !words.get(o.to).is_some_and(|w| w.lower == "of" && w.joined)
    {
        return o;
    }
    let mut at = o.to + 1;
    if words.get(at).is_some_and(|w| w.lower == "the" && w.joined) {
        at += 1;
    }
    if words.get(at).is_some_and(|w| w.joined)
        && let Some((_, end)) = place_starting_with(words, places, at)
    {
        o.to = end + 1;
    }
    o
}

/// "Perth Glory", "Texas Rangers": a town's name and a name after it, joined, make a team or a
/// company named after the town; the vote gives it the type.
fn named_after_town(words: &[Word], places: &Places, mut o: Occurrence) -> Occurrence {
    if o.from > 0
        && words[o.from].joined
        && !words[o.from].initial
        && o.to - o.from <= 2
        && let Some((first, _)) = place_ending_with(words, places, o.from - 1)
        && !lists().first.contains(bare(words[first].text))
        && !(first > 0 && words[first].joined && words[first - 1].cap)
    {
        o.from = first;
    }
    o
}

/// "Shikamaru Nara ... Nara Shikamaru": a word and a gazetteer place written in both orders are
/// a person's given and family names (or family and given), not a place and a name after it.
/// The place joins the name where it follows. Also gives each place-first occurrence with one of
/// the other order: spellings of one person's name.
pub(super) fn names_in_both_orders(
    words: &[Word],
    occurrences: Vec<Occurrence>,
    known: &Known,
) -> (Vec<Occurrence>, Vec<(Occurrence, Occurrence)>) {
    let places = &known.places;
    // The place right after a one-word occurrence, by the two texts.
    // A word that may be a given or family name: no ordinary word, no head word ("Hotel
    // Meridian" and "Meridian Hotel" are a hotel's names).
    let personal = |w: &Word| {
        !is_common(w)
            && !is(
                bare(&w.lower),
                ORG_HEADS | PLACE_HEADS | FACILITY_HEADS | super::lists::OTHER_HEADS,
            )
    };
    let place_after = |o: &Occurrence| {
        (o.to - o.from == 1
            && personal(&words[o.from])
            && words.get(o.to).is_some_and(|w| w.joined))
        .then(|| place_starting_with(words, places, o.to))
        .flatten()
    };
    let text = |a: usize, b: usize| {
        crate::normalize::fold(
            &words[a..=b]
                .iter()
                .map(|w| w.text)
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    let mut forward = crate::normalize::WordSet::default();
    for o in &occurrences {
        if let Some((first, last)) = place_after(o) {
            forward.insert((text(o.from, o.from), text(first, last)));
        }
    }
    if forward.is_empty() {
        return (occurrences, Vec::new());
    }
    // Place-first occurrences ("Nara Shikamaru") whose reverse is written too.
    let reversed = |o: &Occurrence| {
        let (first, last) = place_starting_with(words, places, o.from)?;
        (last + 2 == o.to && forward.contains(&(text(o.to - 1, o.to - 1), text(first, last))))
            .then_some(o.to - 1)
    };
    let mut reversals = Vec::new();
    let mut both = crate::normalize::WordMap::default();
    for o in &occurrences {
        if let Some(w) = reversed(o) {
            both.insert(text(w, w), None);
            reversals.push((*o, text(w, w)));
        }
    }
    let mut out = occurrences;
    for o in &mut out {
        if let Some((_, last)) = place_after(o)
            && let Some(first) = both.get_mut(&text(o.from, o.from))
        {
            o.to = last + 1;
            first.get_or_insert(*o);
        }
    }
    let pairs = reversals
        .into_iter()
        .filter_map(|(r, w)| Some((r, both[&w]?)))
        .collect();
    (out, pairs)
}
