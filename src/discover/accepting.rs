//! Accepting names: those with enough evidence become entities, numbered after the gazetteer's,
//! with a confidence from the margin of their vote; their occurrences and those of their short
//! forms become mentions.

use crate::normalize::WordMap;

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
    ids: WordMap<String, EntityId>,
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
    let mut by_key: WordMap<String, EntityId> = WordMap::default();
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
        if !enough_evidence(words, &tally.all, score, &tally.votes) {
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

/// Adds the discovered entity `id` (the next number after those accepted).
pub(super) fn push_entity(
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
        geo: None,
        origin: Origin {
            path: "<discovered>".into(),
            line: 0,
        },
    });
    out.confidence.push(confidence);
    out.evidence.push(cues);
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
fn enough_evidence(
    words: &[Word],
    occs: &[Occurrence],
    score: f32,
    votes: &super::votes::Votes,
) -> bool {
    let cues = &votes.cues;
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
        // Weak cues do not add up to a strong one: "on Raw" thirty times names no place.
        let strong = cues.iter().any(|c| {
            !matches!(
                *c,
                "place preposition" | "verb of speech" | "listed with a name of that type"
            )
        });
        return score >= 3.0 && strong && occs.iter().any(plain);
    }
    // A name used mostly otherwise than after a place preposition is no place on the word of
    // the few that are ("songs from Independiente" in an article about the album).
    if cues.iter().all(|c| *c == "place preposition") && votes.place * 4.0 < occs.len() as f32 {
        return false;
    }
    if !occs.iter().any(plain) {
        let single = occs.iter().all(|o| o.to - o.from == 1);
        return score >= if single { 3.0 } else { 2.0 };
    }
    score >= 1.0
}

/// "Jean-Pierre O'Brien" → "jean_pierre_o_brien", for `discovered:<slug>` ids.
pub(super) fn slug(name: &str) -> String {
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
