//! One sense per document for names the gazetteer guessed: a town's name that is the surname of
//! a person the document names in full ("Sam Mendes" ... "Mendes"), and a place named as a team
//! in a sentence about a game ("losing to Tulsa 63-7"), become mentions of the person or of the
//! team, over the gazetteer's reading.

use crate::normalize::{WordMap, WordSet};

use super::accepting::{Accepted, push_entity, slug};
use super::candidates::Occurrence;
use super::words::Word;
use crate::corpus::Document;
use crate::gazetteer::{EntityId, Rule};

/// The surname of each person accepted with a name of two words or more; when several people
/// of the document share one, the one named most often (then first) keeps it, as for shared
/// short forms (see `accepting::link_shared`).
pub(super) fn surnames(out: &Accepted) -> WordMap<String, EntityId> {
    let mut named: WordMap<EntityId, (usize, usize)> = WordMap::default();
    for (o, id, _) in &out.mentions {
        let e = named.entry(*id).or_insert((0, usize::MAX));
        e.0 += 1;
        e.1 = e.1.min(o.from);
    }
    let mut by_surname: WordMap<String, (usize, std::cmp::Reverse<usize>, EntityId)> =
        WordMap::default();
    for e in &out.entities {
        if e.kind != crate::gazetteer::EntityKind::Person {
            continue;
        }
        if let Some((_, last)) = e.name.rsplit_once(' ') {
            let (count, first) = named.get(&e.id).copied().unwrap_or((0, usize::MAX));
            let rank = (count, std::cmp::Reverse(first), e.id);
            let best = by_surname.entry(last.to_string()).or_insert(rank);
            if rank > *best {
                *best = rank;
            }
        }
    }
    by_surname
        .into_iter()
        .map(|(s, (_, _, id))| (s, id))
        .collect()
}

/// One sense per document: once a person is named in full ("Sam Mendes"), the bare surname is
/// that person even where the gazetteer lists a town or a state of that name (Mendes, Brazil),
/// unless the words around it say place: a place preposition before it ("in Mendes") or a place
/// after a comma ("Mendes, Rio de Janeiro"). A country's name is left to the country.
pub(super) fn surnames_over_places(
    out: &mut Accepted,
    words: &[Word],
    surnames: &WordMap<String, EntityId>,
    known: &super::Known,
) {
    if surnames.is_empty() {
        return;
    }
    // A place already inside a discovered name ("Mendes Hospital") stays there.
    let covered: WordSet<usize> = out
        .mentions
        .iter()
        .flat_map(|(o, _, _)| o.from..o.to)
        .collect();
    // The surnames' first bytes: most words (all those in lower case) need no lookup.
    let mut firsts = [false; 256];
    for s in surnames.keys() {
        if let Some(&b) = s.as_bytes().first() {
            firsts[b as usize] = true;
        }
    }
    for (k, w) in words.iter().enumerate() {
        if !w
            .text
            .as_bytes()
            .first()
            .is_some_and(|&b| firsts[b as usize])
        {
            continue;
        }
        let Some(&id) = surnames.get(w.text) else {
            continue;
        };
        if covered.contains(&k) {
            continue;
        }
        let whole_place = known
            .inner_places
            .starting_at(w.span.start)
            .is_some_and(|p| p.end == w.span.end);
        if !whole_place {
            continue;
        }
        let preposition = k
            .checked_sub(1)
            .is_some_and(|p| words[p].is(super::lists::PLACE_PREPOSITIONS));
        // ", " and then a place.
        let place_after = words.get(k + 1).is_some_and(|next| {
            known.places.starting_at(next.span.start).is_some()
                && next.span.start - w.span.end <= 3
                && more_than_a_space(w, next)
        });
        if !preposition && !place_after {
            out.mentions
                .push((Occurrence { from: k, to: k + 1 }, id, Rule::PartialName));
        }
    }
}

/// A place named as a team in a sentence about a game is the team, an organization, there: the
/// subject of a result ("Bowling Green finished the season 8-5") or its object ("losing to Tulsa
/// 63-7"), when the sentence has a score or a word of sports (`gazetteer/discover/`). Each such
/// occurrence becomes a mention of a discovered organization of the place's name.
pub(super) fn teams_over_places(
    out: &mut Accepted,
    doc: &Document,
    words: &[Word],
    known: &super::Known,
    first_id: u32,
) {
    use super::lists::{PLAY_WORDS, RESULT_VERBS, SPORTS_WORDS};
    let covered: WordSet<usize> = out
        .mentions
        .iter()
        .flat_map(|(o, _, _)| o.from..o.to)
        .collect();
    let score = super::votes::is_score;
    // Where the last team found ends: a place listed right after it is one too ("played with
    // Footscray and North Melbourne").
    let mut last_team = None;
    // Places and words both in text order: one cursor through the places, not a search a word.
    let places = known.places.spans();
    let mut next_place = 0;
    let mut k = 0;
    while k < words.len() {
        let at = words[k].span.start;
        while next_place < places.len() && places[next_place].start < at {
            next_place += 1;
        }
        let Some(place) = places.get(next_place).filter(|p| p.start == at) else {
            k += 1;
            continue;
        };
        // The place's last word: stop at the first word reaching its end (a place always ends
        // on a word's end; the bound keeps a stray one from scanning the rest of the document).
        let Some(l) = (k..words.len())
            .find(|&l| words[l].span.end >= place.end)
            .filter(|&l| words[l].span.end == place.end)
        else {
            k += 1;
            continue;
        };
        let l = l + 1;
        let result_next = words.get(l).is_some_and(|w| !w.cap && w.is(RESULT_VERBS));
        let result_before = k > 0 && !words[k - 1].cap && words[k - 1].is(RESULT_VERBS);
        // "played 26 games for Lausanne", "signed with Coburg".
        let played_for =
            k > 1 && matches!(&*words[k - 1].lower, "for" | "with") && words[k - 2].is(PLAY_WORDS);
        let listed = last_team.is_some_and(|end| {
            end == k && doc.text[words[k - 1].span.end..words[k].span.start] == *", "
                || end + 1 == k && matches!(&*words[k - 1].lower, "and" | "or")
        });
        if (result_next || result_before || played_for || listed)
            && !(k..l).any(|i| covered.contains(&i))
        {
            // The sentence around it: from its first word to the next sentence's.
            let start = (0..=k).rev().find(|&i| words[i].initial).unwrap_or(0);
            let end = (l..words.len())
                .find(|&i| words[i].initial)
                .unwrap_or(words.len());
            // Playing for a place is sport in itself; a result needs a word of sport nearby.
            let sporty = played_for
                || listed
                || words[start..end]
                    .iter()
                    .any(|w| w.is(SPORTS_WORDS) || score(w));
            if sporty {
                let name = Occurrence { from: k, to: l }.text(&doc.text, words);
                let id = team(out, name, first_id);
                out.mentions
                    .push((Occurrence { from: k, to: l }, id, Rule::Discovered));
                last_team = Some(l);
            }
        }
        k = l;
    }
}

/// The discovered organization named `name`, made when the document has none yet.
fn team(out: &mut Accepted, name: String, first_id: u32) -> EntityId {
    let key = format!("discovered:{}", slug(&name));
    if let Some(e) = out
        .entities
        .iter()
        .find(|e| e.key == key && e.kind == crate::gazetteer::EntityKind::Org)
    {
        return e.id;
    }
    let id = EntityId(first_id + out.entities.len() as u32);
    let kind = crate::gazetteer::EntityKind::Org;
    push_entity(
        out,
        (id, key, kind, name),
        0.75,
        vec!["a place playing a game"],
    );
    id
}

/// Whether more than one blank stands between two words ("Mendes, Rio": a comma; words do not
/// carry the text between them, and a short gap of more than one character is punctuation).
fn more_than_a_space(a: &Word, b: &Word) -> bool {
    b.span.start > a.span.end + 1
}
