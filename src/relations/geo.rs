//! `located_in` from the gazetteer: a place and the subdivision or country its geo keys put it
//! in, when the document names both ("Zapopan" and "Jalisco"). The text need not say it, so the
//! evidence is marked `how: gazetteer`, and its sentence is where the place is first named.

use std::collections::BTreeSet;

use super::{Evidence, Qualifiers, Relation};
use crate::corpus::Document;
use crate::gazetteer::{EntityId, Gazetteer};
use crate::normalize::WordMap;
use crate::sentences::Sentence;
use crate::tagger::Tagged;

/// The predicate these links carry.
pub const LOCATED_IN: &str = "located_in";

/// The links the gazetteer adds to a document whose relations are `read`: one per (place,
/// container) named in it that the text itself does not already link that way.
pub fn links(
    doc: &Document,
    sentences: &[Sentence],
    tagged: &Tagged,
    gazetteer: &Gazetteer,
    read: &[Relation],
) -> Vec<Relation> {
    let listed = |e: EntityId| (e.0 as usize) < gazetteer.len();
    // The first mention of each listed entity stands for it, as in co-occurrence. Found through
    // maps: a piece of a big file names thousands of entities in thousands of sentences.
    let mut firsts: Vec<&crate::tagger::Mention> = Vec::new();
    let mut first_of: WordMap<EntityId, usize> = WordMap::default();
    for m in tagged.mentions.iter().filter(|m| listed(m.entity)) {
        first_of.entry(m.entity).or_insert_with(|| {
            firsts.push(m);
            firsts.len() - 1
        });
    }
    let mut sentence_of: WordMap<u32, &Sentence> = WordMap::default();
    for s in sentences {
        sentence_of.entry(s.index).or_insert(s);
    }
    let said: BTreeSet<(EntityId, EntityId)> = read
        .iter()
        .filter(|r| &*r.predicate == LOCATED_IN)
        .map(|r| (r.source, r.target))
        .collect();
    let predicate: std::sync::Arc<str> = LOCATED_IN.into();
    let name: std::sync::Arc<str> = doc.name.as_str().into();
    let mut out = Vec::new();
    for m in &firsts {
        for container in gazetteer.containers(m.entity).into_iter().flatten() {
            let Some(c) = first_of.get(&container).map(|&i| firsts[i]) else {
                continue;
            };
            if said.contains(&(m.entity, container)) {
                continue;
            }
            let Some(s) = sentence_of.get(&m.sentence) else {
                continue;
            };
            out.push(Relation {
                source: m.entity,
                target: container,
                predicate: std::sync::Arc::clone(&predicate),
                evidence: Evidence {
                    doc: std::sync::Arc::clone(&name),
                    sentence: s.index,
                    start: s.span.start,
                    end: s.span.end,
                    text: doc.text[s.span.start..s.span.end].into(),
                    source_span: m.span,
                    target_span: c.span,
                    trigger: None,
                    qualifiers: Qualifiers {
                        how: Some("gazetteer".to_string()),
                        ..Qualifiers::default()
                    },
                    copy_of: None,
                },
            });
        }
    }
    out
}
