//! Short forms: a one-word name that is the first or last word of one longer name ("Smith" after
//! "John Smith", "Acme" after "Acme Corporation"), or of several that are one person's name with
//! and without a middle name ("Lesnar" with "Brock Lesnar" and "Brock Edward Lesnar"); a longer
//! name that only adds middle words to a shorter one ("Brock Edward Lesnar"); or an acronym in
//! brackets after a name whose initials it spells ("Joint Task Force (JTF)"): each stands for
//! that name.

use std::collections::BTreeMap;

use super::candidates::Occurrence;
use super::typing::Names;
use super::words::Word;
use crate::corpus::Document;

/// Each short form and the longer name it stands for, in name order (the order votes are
/// merged in, so the same document always gives the same result).
pub(super) type ShortForms = BTreeMap<String, String>;

/// The short forms among the names of a document.
pub(super) fn short_forms(
    doc: &Document,
    words: &[Word],
    occurrences: &[Occurrence],
    by_name: &Names,
) -> ShortForms {
    let mut parent = partial_names(by_name);
    for (short, long) in organization_prefixes(by_name) {
        parent.entry(short).or_insert(long);
    }
    for (acr, name) in acronyms(doc, words, occurrences, by_name) {
        // The acronym of a spelling stands for the name that spelling stands for.
        let name = parent.get(&name).cloned().unwrap_or(name);
        parent.entry(acr).or_insert(name);
    }
    // "JITF-CC" after "(JITF–CC)": spellings that fold alike (dashes, accents, case) stand
    // for the same name.
    let folded: BTreeMap<String, String> = parent
        .iter()
        .map(|(short, long)| (crate::normalize::fold(short), long.clone()))
        .collect();
    for name in by_name.keys() {
        if !parent.contains_key(name)
            && let Some(long) = folded.get(&crate::normalize::fold(name))
            && long != name
        {
            parent.insert(name.clone(), long.clone());
        }
    }
    parent
}

/// "Brock Edward Lesnar" → ("Brock", "Lesnar"): a name of two words or more by its first and
/// last word, which is what a middle name leaves alone.
fn ends(name: &str) -> Option<(&str, &str)> {
    let (first, _) = name.split_once(' ')?;
    let (_, last) = name.rsplit_once(' ')?;
    Some((first, last))
}

/// Longer names that share their first and last words are one name with and without middle
/// words; the most mentioned spelling (then the shortest, then the first in order) stands for
/// the group.
fn groups(by_name: &Names) -> BTreeMap<(&str, &str), &String> {
    let mut best: BTreeMap<(&str, &str), &String> = BTreeMap::new();
    fn rank<'n>(by_name: &Names, n: &'n String) -> (std::cmp::Reverse<usize>, usize, &'n str) {
        (
            std::cmp::Reverse(by_name[n].own.len()),
            n.split(' ').count(),
            n.as_str(),
        )
    }
    for name in by_name.keys() {
        if let Some(key) = ends(name) {
            let slot = best.entry(key).or_insert(name);
            if !std::ptr::eq(*slot, name) && rank(by_name, name) < rank(by_name, slot) {
                *slot = name;
            }
        }
    }
    best
}

/// One-word names that are the first or last word of several groups of longer names ("Lesnar"
/// with Brock Lesnar and his father Richard Lesnar), with those groups' names: each occurrence
/// stands for the nearest person before it (see `accepting::link_shared`).
pub(super) type Shared = BTreeMap<String, Vec<String>>;

/// The one-word names that several groups of longer names share.
pub(super) fn shared_short_forms(by_name: &Names) -> Shared {
    let mut shared = Shared::new();
    for (word, heads) in edge_words(&groups(by_name)) {
        if heads.len() > 1 && by_name.contains_key(word) {
            shared.insert(word.to_string(), heads.into_iter().cloned().collect());
        }
    }
    shared
}

/// The groups by their first and last words, so each short form looks up its candidates.
fn edge_words<'a>(
    groups: &BTreeMap<(&'a str, &'a str), &'a String>,
) -> BTreeMap<&'a str, Vec<&'a String>> {
    use super::lists::{FACILITY_HEADS, ORG_HEADS, PLACE_HEADS, is, lists};
    let mut by_edge_word: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for (&(first, last), &head) in groups {
        // The first word stands for the whole only as a given name ("John" of "John Smith") or
        // before a head word ("Acme" of "Acme Corporation"): "Butler" is not "The Butler Way".
        let headed = is(
            &last.to_lowercase(),
            ORG_HEADS | PLACE_HEADS | FACILITY_HEADS,
        );
        if headed || lists().first.contains(first) {
            by_edge_word.entry(first).or_default().push(head);
        }
        if last != first {
            by_edge_word.entry(last).or_default().push(head);
        }
    }
    by_edge_word
}

/// Names that are the first or last word of one group of longer names, and of no other; and
/// longer names that are a group's spelling with more middle words.
fn partial_names(by_name: &Names) -> ShortForms {
    let groups = groups(by_name);
    let mut parent = ShortForms::new();
    let by_edge_word = edge_words(&groups);
    for name in by_name.keys() {
        match ends(name) {
            // Only one-word short forms: two-word ones ("Bowling Green") are names of their own.
            None => {
                if let Some([one]) = by_edge_word.get(name.as_str()).map(Vec::as_slice) {
                    parent.insert(name.clone(), (*one).clone());
                }
            }
            Some(key) => {
                let head = groups[&key];
                if head != name {
                    parent.insert(name.clone(), head.clone());
                }
            }
        }
    }
    parent
}

/// "Cesaroni Design" of "Cesaroni Design Associates": a name of two words or more that nothing
/// types and that opens a longer name headed by an organization head word stands for it. A
/// typed one ("John Smith" of "John Smith Foundation") stays a name of its own.
fn organization_prefixes(by_name: &Names) -> Vec<(String, String)> {
    use super::lists::{ORG_HEADS, is};
    let mut out = Vec::new();
    for name in by_name.keys() {
        let words: Vec<&str> = name.split(' ').collect();
        let last = words[words.len() - 1].to_lowercase();
        if words.len() < 3 || !is(last.trim_end_matches('.'), ORG_HEADS) {
            continue;
        }
        for k in 2..words.len() {
            let prefix = words[..k].join(" ");
            if by_name
                .get(&prefix)
                .is_some_and(|t| t.votes.best().is_none())
            {
                out.push((prefix, name.clone()));
            }
        }
    }
    // Name order, so the same document always links the same way.
    out.sort();
    out
}

/// "Nara Shikamaru" for "Shikamaru Nara": a name written in the other order is a spelling of
/// the name, and what stood for it stands for the name.
pub(super) fn join_orders(parent: &mut ShortForms, pairs: &[(String, String)]) {
    for (reversed, name) in pairs {
        if reversed == name || parent.contains_key(name) || parent.contains_key(reversed) {
            continue;
        }
        for long in parent.values_mut() {
            if long == reversed {
                long.clone_from(name);
            }
        }
        parent.insert(reversed.clone(), name.clone());
    }
}

/// Acronyms in brackets right after a name, whose letters are the name's initials, and the name:
/// the acronym stands for it wherever the document uses it.
fn acronyms(
    doc: &Document,
    words: &[Word],
    occurrences: &[Occurrence],
    by_name: &Names,
) -> BTreeMap<String, String> {
    let mut acronyms: BTreeMap<String, String> = BTreeMap::new();
    for o in occurrences {
        let end = words[o.to - 1].span.end;
        let rest = doc.text[end..].trim_start_matches([' ', '\u{00A0}']);
        let Some(inside) = rest.strip_prefix('(').and_then(|r| r.split_once(')')) else {
            continue;
        };
        let acr = inside.0.trim();
        let name = o.text(&doc.text, words);
        if acr.len() >= 2
            && acr
                .chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '–' | '—' | ' '))
            && crate::tagger::initials_fit(acr, &name)
            && by_name.contains_key(acr)
            && acr != name
        {
            acronyms.entry(acr.to_string()).or_insert(name);
        }
    }
    acronyms
}

/// A short form's votes count for the name it stands for, and so does the evidence around it
/// ("Gradsky said").
pub(super) fn join_short_forms(by_name: &mut Names, parent: &ShortForms) {
    for (short, long) in parent {
        let short = &by_name[short];
        let (votes, own) = (short.votes.clone(), short.own.clone());
        let entry = by_name.get_mut(long).expect("listed");
        // A name whose head word says what it is ("Butler University") keeps that type however
        // its short form is used: "at Butler", "in Butler" eighty times make no town of it.
        let headed = entry.votes.cues.iter().any(|c| {
            matches!(
                *c,
                "organization head word" | "place head word" | "building or site head word"
            )
        });
        if !headed {
            entry.votes.merge(&votes);
        }
        entry.all.extend(own);
    }
}
