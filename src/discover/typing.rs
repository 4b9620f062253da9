//! One sense per document: the votes of every occurrence of a name add up, and names listed
//! together ("Karol Balinski, Teofil Lenartowicz and Eweryst Estkowski") are of one type.

use crate::normalize::{WordMap, WordSet};

use super::candidates::Occurrence;
use super::places::Places;
use super::votes::{Votes, vote};
use super::words::Word;
use crate::corpus::Document;
use crate::gazetteer::EntityKind;

/// What a document says of one name.
#[derive(Debug, Default, Clone)]
pub(super) struct Tally {
    pub(super) votes: Votes,
    /// Where the name itself stands.
    pub(super) own: Vec<Occurrence>,
    /// Where it stands and, once short forms join it, where they stand.
    pub(super) all: Vec<Occurrence>,
}

/// Every candidate name of a document, by its text.
pub(super) type Names = WordMap<String, Tally>;

/// The votes of every occurrence, added up per name.
pub(super) fn tally(
    doc: &Document,
    words: &[Word],
    occurrences: &[Occurrence],
    places: &Places,
) -> Names {
    let mut by_name = Names::default();
    // "Ricardo Arjona": the last words of names opening with a given name are surnames, which say
    // nothing of the name before them even where the gazetteer lists a place of that name ("For
    // Independiente, Arjona returns").
    let first = &super::lists::lists().first;
    let surnames: WordSet<&str> = occurrences
        .iter()
        .filter(|o| o.to - o.from >= 2 && first.contains(super::words::bare(words[o.from].text)))
        .map(|o| words[o.to - 1].text)
        .collect();
    for o in occurrences {
        let v = vote(doc, words, *o, places, &surnames);
        // Most names come back: a key is made only for a new one.
        let name = o.name(&doc.text, words);
        if !by_name.contains_key(&*name) {
            by_name.insert(name.to_string(), Tally::default());
        }
        let e = by_name.get_mut(&*name).expect("inserted");
        e.votes.merge(&v);
        e.own.push(*o);
        e.all.push(*o);
    }
    by_name
}

/// A name without a type borrows the type of a name listed beside it, with nothing but commas,
/// "and", "or" or "&" between them.
pub(super) fn borrow_listed_types(
    doc: &Document,
    words: &[Word],
    occurrences: &[Occurrence],
    by_name: &mut Names,
) {
    let mut borrowed: Vec<(String, EntityKind)> = Vec::new();
    // The text between two occurrences, if nothing but a list's separators: commas, "and",
    // "or", "&".
    let gap = |a: &Occurrence, b: &Occurrence| {
        let gap = &doc.text[words[a.to - 1].span.end..words[b.from].span.start];
        let listed = gap.contains(',') || gap.contains(" and ") || gap.contains('&');
        (listed
            && gap
                .split(|c: char| c.is_whitespace() || c == ',')
                .all(|w| w.is_empty() || matches!(w, "and" | "or" | "&")))
        .then_some(gap)
    };
    for (i, pair) in occurrences.windows(2).enumerate() {
        let (a, b) = (pair[0], pair[1]);
        let Some(between) = gap(&a, &b) else {
            continue;
        };
        // A comma alone is a list only with a third member on either side: "In Explaining
        // Hitler, Ron Rosenbaum wrote" is a clause and its subject.
        let conjunction = |g: &str| g.split([' ', ',']).any(|w| matches!(w, "and" | "or" | "&"));
        let third = occurrences.get(i + 2).and_then(|c| gap(&b, c)).is_some()
            || i > 0 && gap(&occurrences[i - 1], &a).is_some();
        if !conjunction(between) && !third {
            continue;
        }
        let (na, nb) = (a.text(&doc.text, words), b.text(&doc.text, words));
        let (ka, kb) = (by_name[&na].votes.best(), by_name[&nb].votes.best());
        match (ka, kb) {
            (Some((k, ..)), None) => borrowed.push((nb, k)),
            (None, Some((k, ..))) => borrowed.push((na, k)),
            _ => {}
        }
    }
    for (name, kind) in borrowed {
        let votes = &mut by_name.get_mut(&name).expect("listed").votes;
        if votes.best().is_none() {
            votes.add(kind, 1.0, "listed with a name of that type");
        }
    }
}
