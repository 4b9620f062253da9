//! Short forms: a one-word name that is the first or last word of exactly one longer name
//! ("Smith" after "John Smith", "Acme" after "Acme Corporation"), or an acronym in brackets
//! after a name whose initials it spells ("Joint Task Force (JTF)"), stands for that name.

use std::collections::HashMap;

use super::candidates::Occurrence;
use super::typing::Names;
use super::words::Word;
use crate::corpus::Document;

/// Each short form and the longer name it stands for.
pub(super) type ShortForms = HashMap<String, String>;

/// The short forms among the names of a document.
pub(super) fn short_forms(
    doc: &Document,
    words: &[Word],
    occurrences: &[Occurrence],
    by_name: &Names,
) -> ShortForms {
    let mut parent = partial_names(by_name);
    for (acr, name) in acronyms(doc, words, occurrences, by_name) {
        if !parent.contains_key(&name) {
            parent.insert(acr, name);
        }
    }
    parent
}

/// Names that are the first or last word of one longer name, and of no other.
fn partial_names(by_name: &Names) -> ShortForms {
    // Longer names by their first and last words, so each short form looks up its candidates.
    let mut by_edge_word: HashMap<&str, Vec<&String>> = HashMap::new();
    for name in by_name.keys() {
        if let Some((first, _)) = name.split_once(' ') {
            let last = name.rsplit_once(' ').map_or(name.as_str(), |(_, l)| l);
            by_edge_word.entry(first).or_default().push(name);
            if last != first {
                by_edge_word.entry(last).or_default().push(name);
            }
        }
    }
    let mut parent = ShortForms::new();
    for short in by_name.keys() {
        // Only one-word short forms: two-word ones ("Bowling Green") are names of their own.
        if short.contains(' ') {
            continue;
        }
        if let Some([one]) = by_edge_word.get(short.as_str()).map(Vec::as_slice) {
            parent.insert(short.clone(), (*one).clone());
        }
    }
    parent
}

/// Acronyms in brackets right after a name, whose letters are the name's initials, and the name:
/// the acronym stands for it wherever the document uses it.
fn acronyms(
    doc: &Document,
    words: &[Word],
    occurrences: &[Occurrence],
    by_name: &Names,
) -> HashMap<String, String> {
    let mut acronyms: HashMap<String, String> = HashMap::new();
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
                .all(|c| c.is_uppercase() || c == '.' || c == '-')
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
        entry.votes.merge(&votes);
        entry.all.extend(own);
    }
}
