//! Discovery: proper names that no gazetteer lists. Runs beside the tagger on the same document:
//! capitalized word sequences outside every gazetteer match become candidates (connectors such
//! as "of", "da", "al-" kept inside), sentence starts and headlines need more evidence, common
//! words are dropped, and each candidate's type is voted from its context: given names and
//! surnames, honorifics and titles, role appositions, organization and place head words, place
//! prepositions, "X, \<known place\>", verbs of speech. Votes add up over every occurrence of a
//! name in the document (one sense per document), and a surname or a short form after the full
//! name links to it ("Smith" after "John Smith").
//!
//! The output is plain data: the mentions found (with entity ids after the gazetteer's) and the
//! discovered entities, each with a confidence and the evidence that typed it.
//!
//! The steps, one module each, in order:
//!
//! 1. `words.rs`: the document's words, with their case, sentence starts and headlines
//!    (`lists.rs` holds the word lists of `gazetteer/discover/` they are checked against);
//! 2. `candidates.rs`: runs of capitalized words, trimmed; `places.rs` grows them over the
//!    gazetteer places inside ("Atlantic City Hospital");
//! 3. `votes.rs`: what each occurrence's words and neighbours say of its type;
//! 4. `typing.rs`: votes added up per name, names listed together of one type;
//! 5. `linking.rs`: short forms and acronyms that stand for a longer name;
//! 6. `accepting.rs`: names with enough evidence become entities and mentions;
//! 7. `senses.rs`: one sense per document over the gazetteer's guess (a town's name that is a
//!    person's surname, a place playing a game).

mod accepting;
mod candidates;
mod linking;
mod lists;
mod places;
mod senses;
mod typing;
mod votes;
mod words;

use crate::corpus::Document;
use crate::gazetteer::{Entity, EntityId, EntityKind};
use crate::sentences::{Sentence, Span};
use crate::tagger::{Mention, Tagged};

use places::Places;

/// Mentions of discovered names and the entities they name.
#[derive(Debug, Clone, Default)]
pub struct Discoveries {
    /// In text order; entity ids follow the gazetteer's (`first_id`, `first_id + 1`, ...).
    pub mentions: Vec<Mention>,
    /// Indexed by `entity id - first_id`: key `discovered:<slug>`, the name as written, short
    /// forms that joined it as aliases.
    pub entities: Vec<Entity>,
    /// How sure each entity's type is, from 0.5 (one cue, or cues that disagree) towards 1.
    pub confidence: Vec<f32>,
    /// What typed each entity ("given name", "organization head word", ...).
    pub evidence: Vec<Vec<&'static str>>,
}

/// What discovery needs to know of a gazetteer entity a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    /// A place inside another (a city, a state): it may be part of an organization's name
    /// ("Atlantic City Hospital").
    Place,
    /// A place inside no other (a country): a name of its own even before an organization
    /// ("the U.S. Joint Task Force" is two names).
    Country,
    /// A person or an organization.
    Other,
}

/// Finds the names of `doc` that `tagged` (the gazetteer's mentions) leaves out; `listed` says
/// what the gazetteer entity behind a mention is.
pub fn discover(
    doc: &Document,
    sentences: &[Sentence],
    tagged: &Tagged,
    first_id: u32,
    listed: impl Fn(EntityId) -> Listed,
) -> Discoveries {
    let known = Known::new(tagged, listed);
    let words = words::words(doc, sentences, &known.taken);
    let grown = candidates::candidates(&words, &doc.text)
        .into_iter()
        .map(|o| places::absorb_places(&words, o, &known))
        .collect();
    let occurrences = candidates::without_overlaps(grown);
    let (occurrences, both_orders) = places::names_in_both_orders(&words, occurrences, &known);
    let mut by_name = typing::tally(doc, &words, &occurrences, &known.places);
    let both_orders: Vec<(String, String)> = both_orders
        .iter()
        .map(|(r, f)| (r.text(&doc.text, &words), f.text(&doc.text, &words)))
        .collect();
    for name in both_orders.iter().flat_map(|(r, f)| [r, f]) {
        let name = by_name.get_mut(name).expect("tallied");
        name.votes
            .add(EntityKind::Person, 3.0, "name written in both orders");
    }
    typing::borrow_listed_types(doc, &words, &occurrences, &mut by_name);
    let mut parent = linking::short_forms(doc, &words, &occurrences, &by_name);
    linking::join_orders(&mut parent, &both_orders);
    linking::join_short_forms(&mut by_name, &parent);
    let shared = linking::shared_short_forms(&by_name);
    let mut accepted = accepting::accept(&words, &by_name, &parent, &shared, first_id);
    accepting::link_short_forms(&mut accepted, &by_name, &parent, first_id);
    accepting::link_shared(&mut accepted, &words, &by_name, &shared, first_id);
    let surnames = senses::surnames(&accepted);
    senses::surnames_over_places(&mut accepted, &words, &surnames, &known);
    senses::teams_over_places(&mut accepted, doc, &words, &known, first_id);
    Discoveries {
        mentions: accepting::mentions(doc, sentences, &words, accepted.mentions),
        entities: accepted.entities,
        confidence: accepted.confidence,
        evidence: accepted.evidence,
    }
}

/// Where the gazetteer's mentions stand.
struct Known {
    /// Every mention and anchor, sorted: words inside them are no one's to discover.
    taken: Vec<Span>,
    /// Places: a name next to one may be typed by it ("Springfield, Illinois").
    places: Places,
    /// Places inside another, which an organization's name may include.
    inner_places: Places,
    /// Demonym anchors ("Spanish"), which an organization's name may start with.
    demonyms: Places,
}

impl Known {
    fn new(tagged: &Tagged, listed: impl Fn(EntityId) -> Listed) -> Known {
        let mut taken: Vec<Span> = tagged
            .mentions
            .iter()
            .chain(&tagged.anchors)
            .map(|m| m.span)
            .collect();
        taken.sort();
        let places = Places::new(
            tagged
                .mentions
                .iter()
                .filter(|m| listed(m.entity) != Listed::Other)
                .map(|m| m.span)
                .collect(),
        );
        let inner_places = Places::new(
            tagged
                .mentions
                .iter()
                .filter(|m| listed(m.entity) == Listed::Place)
                .map(|m| m.span)
                .collect(),
        );
        let demonyms = Places::new(tagged.anchors.iter().map(|m| m.span).collect());
        Known {
            taken,
            places,
            inner_places,
            demonyms,
        }
    }
}

#[cfg(test)]
mod tests;
