//! Accepting names: those with enough evidence become entities, numbered after the gazetteer's,
//! with a confidence from the margin of their vote; their occurrences and those of their short
//! forms become mentions.

use std::collections::HashMap;

use super::candidates::Occurrence;
use super::linking::ShortForms;
use super::typing::Names;
use super::words::{Word, bare, is_common};
use crate::corpus::Document;
use crate::gazetteer::{Entity, EntityId, Origin, Rule};
use crate::normalize::fold;
use crate::sentences::{Sentence, Span};
use crate::tagger::Mention;

/// The entities accepted, indexed by `entity id - first_id`, and where they stand.
#[derive(Debug, Default)]
pub(super) struct Accepted {
    pub(super) entities: Vec<Entity>,
    pub(super) confidence: Vec<f32>,
    pub(super) evidence: Vec<Vec<&'static str>>,
    /// The entity of each name accepted, under each of its spellings.
    ids: HashMap<String, EntityId>,
    pub(super) mentions: Vec<(Occurrence, EntityId, Rule)>,
}

/// The names with a type and enough evidence for it, short forms aside.
pub(super) fn accept(
    words: &[Word],
    by_name: &Names,
    parent: &ShortForms,
    shared: &super::linking::Shared,
    first_id: u32,
) -> Accepted {
    let mut out = Accepted::default();
    let mut by_key: HashMap<String, EntityId> = HashMap::new();
    // Ids in name order, so the same text always gives the same numbering.
    let mut names: Vec<&String> = by_name.keys().collect();
    names.sort();
    for name in names {
        let tally = &by_name[name];
        // A single letter ("X", "A.") is no name on its own, as in the tagger, nor two capitals
        // ("NY", "CR"): too many things are abbreviated so to tell which.
        let letters = name.chars().filter(|c| c.is_alphanumeric()).count();
        let caps = !name.chars().any(char::is_lowercase);
        if parent.contains_key(name)
            || shared.contains_key(name)
            || letters < 2
            || caps && letters < 3
        {
            continue;
        }
        let Some((kind, score, runner_up)) = tally.votes.best() else {
            continue;
        };
        if !enough_evidence(words, &tally.all, score) {
            continue;
        }
        let key = format!("discovered:{}", slug(name));
        // "MOSS" and "Moss" fold to one id: one entity, the later spelling an alias.
        if let Some(&id) = by_key.get(&key) {
            out.ids.insert(name.clone(), id);
            out.entities[(id.0 - first_id) as usize]
                .aliases
                .push(name.clone());
            for o in &tally.own {
                out.mentions.push((*o, id, Rule::Discovered));
            }
            continue;
        }
        let id = EntityId(first_id + out.entities.len() as u32);
        out.ids.insert(name.clone(), id);
        by_key.insert(key.clone(), id);
        let margin = score - runner_up;
        let confidence = (0.5 + 0.5 * (1.0 - (-margin / 3.0).exp())).min(0.99);
        let entity = (id, key, kind, name.clone());
        push_entity(&mut out, entity, confidence, tally.votes.cues.clone());
        for o in &tally.own {
            out.mentions.push((*o, id, Rule::Discovered));
        }
    }
    out
}

/// How far back (in bytes, about two sentences) a full name decides what a shared short form
/// right after it means.
const NEAR: usize = 300;

/// A one-word name several people of the document share ("Lesnar") stands, at each occurrence,
/// for the one of them named in full just before it, else for the one the document names most:
/// a father named once does not take his son's mentions, nor the son his father's in the lines
/// about him; no occurrence is guessed when none of them was accepted as a person.
pub(super) fn link_shared(
    out: &mut Accepted,
    words: &[Word],
    by_name: &Names,
    shared: &super::linking::Shared,
    first_id: u32,
) {
    for (short, heads) in shared {
        let people: Vec<(EntityId, Vec<usize>)> = heads
            .iter()
            .filter_map(|h| {
                let id = *out.ids.get(h)?;
                let e = &out.entities[(id.0 - first_id) as usize];
                (e.kind == crate::gazetteer::EntityKind::Person).then(|| {
                    let at = by_name[h].all.iter().map(|o| words[o.from].span.start);
                    (id, at.collect())
                })
            })
            .collect();
        if people.is_empty() {
            continue;
        }
        // Away from any of them, the one named most often (then first) is the one meant: the
        // subject of a biography, not the father named once in its first lines.
        let main = people
            .iter()
            .map(|(id, at)| (at.len(), std::cmp::Reverse(at.iter().min()), *id))
            .max()
            .map(|(_, _, id)| id);
        for o in &by_name[short].own {
            let here = words[o.from].span.start;
            let near = people
                .iter()
                .filter_map(|(id, at)| {
                    let last = at.iter().filter(|&&a| a < here).max()?;
                    (here - last <= NEAR).then_some((last, *id))
                })
                .max()
                .map(|(_, id)| id);
            if let Some(id) = near.or(main) {
                out.mentions.push((*o, id, Rule::PartialName));
            }
        }
    }
}

/// The surname of each person accepted with a name of two words or more; when several people
/// of the document share one, the one named most often (then first) keeps it, as for shared
/// short forms (see [`link_shared`]).
pub(super) fn surnames(out: &Accepted) -> HashMap<String, EntityId> {
    let mut named: HashMap<EntityId, (usize, usize)> = HashMap::new();
    for (o, id, _) in &out.mentions {
        let e = named.entry(*id).or_insert((0, usize::MAX));
        e.0 += 1;
        e.1 = e.1.min(o.from);
    }
    let mut by_surname: HashMap<String, (usize, std::cmp::Reverse<usize>, EntityId)> =
        HashMap::new();
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
    surnames: &HashMap<String, EntityId>,
    known: &super::Known,
) {
    if surnames.is_empty() {
        return;
    }
    // A place already inside a discovered name ("Mendes Hospital") stays there.
    let covered: std::collections::HashSet<usize> = out
        .mentions
        .iter()
        .flat_map(|(o, _, _)| o.from..o.to)
        .collect();
    for (k, w) in words.iter().enumerate() {
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
            .is_some_and(|p| super::lists::is(&words[p].lower, super::lists::PLACE_PREPOSITIONS));
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
    use super::lists::{RESULT_VERBS, SPORTS_WORDS, is};
    let covered: std::collections::HashSet<usize> = out
        .mentions
        .iter()
        .flat_map(|(o, _, _)| o.from..o.to)
        .collect();
    let score = super::votes::is_score;
    let mut k = 0;
    while k < words.len() {
        let Some(place) = known.places.starting_at(words[k].span.start) else {
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
        let result_next = words
            .get(l)
            .is_some_and(|w| !w.cap && is(&w.lower, RESULT_VERBS));
        let result_before = k > 0 && !words[k - 1].cap && is(&words[k - 1].lower, RESULT_VERBS);
        if (result_next || result_before) && !(k..l).any(|i| covered.contains(&i)) {
            // The sentence around it: from its first word to the next sentence's.
            let start = (0..=k).rev().find(|&i| words[i].initial).unwrap_or(0);
            let end = (l..words.len())
                .find(|&i| words[i].initial)
                .unwrap_or(words.len());
            let sporty = words[start..end]
                .iter()
                .any(|w| is(&w.lower, SPORTS_WORDS) || score(w));
            if sporty {
                let name = Occurrence { from: k, to: l }.text(&doc.text, words);
                let id = team(out, name, first_id);
                out.mentions
                    .push((Occurrence { from: k, to: l }, id, Rule::Discovered));
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

/// Adds the discovered entity `id` (the next number after those accepted).
fn push_entity(
    out: &mut Accepted,
    (id, key, kind, name): (EntityId, String, crate::gazetteer::EntityKind, String),
    confidence: f32,
    cues: Vec<&'static str>,
) {
    out.entities.push(Entity {
        id,
        key,
        kind,
        name,
        aliases: Vec::new(),
        demonyms: Vec::new(),
        parent: None,
        origin: Origin {
            path: "<discovered>".into(),
            line: 0,
        },
    });
    out.confidence.push(confidence);
    out.evidence.push(cues);
}

/// Whether more than one blank stands between two words ("Mendes, Rio": a comma; words do not
/// carry the text between them, and a short gap of more than one character is punctuation).
fn more_than_a_space(a: &Word, b: &Word) -> bool {
    b.span.start > a.span.end + 1
}

/// Short forms of an accepted name become its aliases, and their occurrences its mentions.
pub(super) fn link_short_forms(
    out: &mut Accepted,
    by_name: &Names,
    parent: &ShortForms,
    first_id: u32,
) {
    for (short, long) in parent {
        let Some(&id) = out.ids.get(long) else {
            continue;
        };
        let e = &mut out.entities[(id.0 - first_id) as usize];
        if !e.aliases.contains(short) {
            e.aliases.push(short.clone());
        }
        let rule =
            if short.chars().all(|c| !c.is_lowercase()) && long.chars().any(char::is_lowercase) {
                Rule::Acronym
            } else if short.contains(' ') {
                // The name with a middle name added: a spelling of its own, not a part.
                Rule::Discovered
            } else {
                Rule::PartialName
            };
        for o in &by_name[short].own {
            out.mentions.push((*o, id, rule));
        }
    }
    for e in &mut out.entities {
        e.aliases.sort();
        e.aliases.dedup();
    }
}

/// Whether a name has enough evidence: sentence starts and headlines need a cue and an
/// occurrence elsewhere; one common word needs strong cues.
fn enough_evidence(words: &[Word], occs: &[Occurrence], score: f32) -> bool {
    // Shouting is no evidence: a run of words in capitals ("TREASURE OF THE SUN", "GUNMEN KILL
    // FOUR") or an ordinary word in capitals ("LIVE") is a headline or a label, not a name,
    // unless the document also writes it otherwise. Acronyms ("NHL") are single uncommon words.
    let shouted = |o: &Occurrence| {
        let ws = &words[o.from..o.to];
        ws.iter().all(|w| w.caps)
            && (ws.len() > 1
                || ws[0].lower.chars().count() >= 4
                    && super::lists::lists().common.contains(bare(&ws[0].lower)))
    };
    if occs.iter().all(shouted) {
        return false;
    }
    let plain = |o: &Occurrence| !words[o.from].initial && !words[o.from].headline;
    let single_common = occs
        .iter()
        .all(|o| o.to - o.from == 1 && is_common(&words[o.from]));
    if single_common {
        return score >= 3.0 && occs.iter().any(plain);
    }
    if !occs.iter().any(plain) {
        let single = occs.iter().all(|o| o.to - o.from == 1);
        return score >= if single { 3.0 } else { 2.0 };
    }
    score >= 1.0
}

/// "Jean-Pierre O'Brien" → "jean_pierre_o_brien", for `discovered:<slug>` ids.
fn slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// The mentions in text order, each with its sentence.
pub(super) fn mentions(
    doc: &Document,
    sentences: &[Sentence],
    words: &[Word],
    mut found: Vec<(Occurrence, EntityId, Rule)>,
) -> Vec<Mention> {
    found.sort_by_key(|(o, _, _)| words[o.from].span.start);
    let sentence_of = |at: usize| {
        sentences
            .partition_point(|s| s.span.start <= at)
            .saturating_sub(1) as u32
    };
    found
        .into_iter()
        .map(|(o, entity, rule)| {
            let span = Span::new(words[o.from].span.start, words[o.to - 1].span.end);
            Mention {
                entity,
                doc: doc.id,
                sentence: sentence_of(span.start),
                span,
                rule,
                candidates: Vec::new(),
            }
        })
        .collect()
}
