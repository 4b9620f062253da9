//! `located_in` from the gazetteer: a place and the subdivision or country its geo keys put it
//! in, when the document names both ("Zapopan" and "Jalisco"). The text need not say it, so the
//! evidence is marked `how: gazetteer`, and its sentence is where the place is first named.

use std::collections::BTreeSet;

use super::{Evidence, Qualifiers, Relation};
use crate::corpus::Document;
use crate::gazetteer::{EntityId, Gazetteer};
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
    // The first mention of each listed entity stands for it, as in co-occurrence.
    let mut firsts: Vec<&crate::tagger::Mention> = Vec::new();
    for m in tagged.mentions.iter().filter(|m| listed(m.entity)) {
        if !firsts.iter().any(|f| f.entity == m.entity) {
            firsts.push(m);
        }
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
            let Some(c) = firsts.iter().find(|f| f.entity == container) else {
                continue;
            };
            if said.contains(&(m.entity, container)) {
                continue;
            }
            let Some(s) = sentences.iter().find(|s| s.index == m.sentence) else {
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
