//! Mentions → relations. Two extractors run per sentence: co-occurrence (every pair of distinct
//! entities named in it) and the typed patterns of `gazetteer/relations.patterns` (verbs, nouns,
//! titles, place appositions, possessives). Each relation carries its evidence: the document, the
//! sentence and its byte offsets, the two argument spans and the trigger words, with qualifiers
//! (negated, hedged, attributed) that a reader needs before trusting it.

pub mod geo;
pub mod patterns;
pub mod reference;
mod rules;

use serde::{Deserialize, Serialize};

use crate::corpus::Document;
use crate::gazetteer::{EntityId, Known};
use crate::sentences::{Sentence, Span};
use crate::tagger::Tagged;

pub use patterns::{Family, Pattern, PatternSet};

/// The predicate of co-occurrence edges.
pub const CO_OCCURS: &str = "co_occurs";

/// Where a relation was read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    /// Document name (shared by every relation read in the document).
    pub doc: std::sync::Arc<str>,
    /// Sentence index in the document.
    pub sentence: u32,
    /// Sentence bytes in the document.
    pub start: usize,
    /// End of the sentence.
    pub end: usize,
    /// The sentence text (shared by every relation read in the sentence).
    pub text: std::sync::Arc<str>,
    /// Span of the subject (or first entity) in the document.
    pub source_span: Span,
    /// Span of the object (or second entity).
    pub target_span: Span,
    /// The trigger words, for typed relations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Span>,
    /// Qualifiers of a typed relation.
    #[serde(default, skip_serializing_if = "Qualifiers::is_plain")]
    pub qualifiers: Qualifiers,
    /// Read in a copy of this document's story: kept as evidence, not counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<std::sync::Arc<str>>,
}

/// What the sentence says about how sure the relation is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Qualifiers {
    /// The sentence denies it ("denied", "no ... were present"): not a positive edge.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
    /// "reportedly", "allegedly".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hedged: bool,
    /// Who says so ("according to Reuters", "X said").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
    /// The title, for `holds_role_in`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Which argument a demonym phrase stands for ("Mexican authorities"): `subject`/`object`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demonym: Option<String>,
    /// What the object was designated as ("designated CJNG as a Foreign Terrorist
    /// Organization").
    #[serde(default, rename = "as", skip_serializing_if = "Option::is_none")]
    pub designation: Option<String>,
    /// The words that stood for an argument named earlier in the document ("She", "the
    /// group"): the relation was read through a reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Read by `--open-relations`: a verb no pattern covers, the predicate its lemma.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    /// `gazetteer` for a `located_in` the gazetteer's geo keys state (both places named in the
    /// document), not the sentence: the sentence is where the first is named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
}

impl Qualifiers {
    pub(crate) fn is_plain(&self) -> bool {
        self == &Qualifiers::default()
    }
}

/// One relation between two entities, read in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Relation {
    /// Subject (for co-occurrence: the entity first in gazetteer order).
    pub source: EntityId,
    /// Object.
    pub target: EntityId,
    /// `co_occurs` or a pattern predicate (shared: most relations are co-occurrences).
    pub predicate: std::sync::Arc<str>,
    /// Where it was read.
    pub evidence: Evidence,
}

/// Mentions grouped by sentence index, in one pass.
fn by_sentence(
    list: &[crate::tagger::Mention],
    sentences: usize,
) -> Vec<Vec<&crate::tagger::Mention>> {
    let mut groups = vec![Vec::new(); sentences];
    for m in list {
        if let Some(g) = groups.get_mut(m.sentence as usize) {
            g.push(m);
        }
    }
    groups
}

/// Extracts co-occurrences and typed relations from one tagged document.
pub fn extract(
    doc: &Document,
    sentences: &[Sentence],
    tagged: &Tagged,
    gazetteer: &Known,
    patterns: &PatternSet,
) -> Vec<Relation> {
    let mut out = Vec::new();
    let co_occurs: std::sync::Arc<str> = CO_OCCURS.into();
    let name: std::sync::Arc<str> = doc.name.as_str().into();
    // Mentions and anchors are in text order, so each sentence takes the next run of them.
    let mention_groups = by_sentence(&tagged.mentions, sentences.len());
    let mut anchor_groups = by_sentence(&tagged.anchors, sentences.len());
    // Pronouns and descriptions take part in typed relations, never in co-occurrence.
    let references = reference::resolve(doc, sentences, &tagged.mentions, gazetteer);
    let mut reference_groups = vec![Vec::new(); sentences.len()];
    for r in &references {
        if let Some(g) = reference_groups.get_mut(r.sentence as usize) {
            g.push(r);
        }
    }
    for (s, mentions) in sentences.iter().zip(mention_groups) {
        if mentions.is_empty() && reference_groups[s.index as usize].is_empty() {
            continue;
        }
        let text: std::sync::Arc<str> = doc.text[s.span.start..s.span.end].into();
        let evidence = |source: Span, target: Span| Evidence {
            doc: std::sync::Arc::clone(&name),
            sentence: s.index,
            start: s.span.start,
            end: s.span.end,
            text: std::sync::Arc::clone(&text),
            source_span: source,
            target_span: target,
            trigger: None,
            qualifiers: Qualifiers::default(),
            copy_of: None,
        };
        // Co-occurrence: first mention of each entity stands for it.
        let mut firsts: Vec<&crate::tagger::Mention> = Vec::new();
        for m in &mentions {
            if !firsts.iter().any(|f| f.entity == m.entity) {
                firsts.push(m);
            }
        }
        for (i, a) in firsts.iter().enumerate() {
            for b in &firsts[i + 1..] {
                let (a, b) = if a.entity <= b.entity { (a, b) } else { (b, a) };
                out.push(Relation {
                    source: a.entity,
                    target: b.entity,
                    predicate: std::sync::Arc::clone(&co_occurs),
                    evidence: evidence(a.span, b.span),
                });
            }
        }
        let anchors = std::mem::take(&mut anchor_groups[s.index as usize]);
        let refs = std::mem::take(&mut reference_groups[s.index as usize]);
        let mut args = rules::Args {
            mentions: &mentions,
            anchors: &anchors,
            references: &[],
        };
        let mut found = rules::sentence_relations(doc, s, &args, gazetteer, patterns);
        // References in a second reading, so that a pronoun never stands between two names
        // that relate without it ("X died from his wounds in Y"); it adds only what it reads
        // through a reference.
        if !refs.is_empty() {
            args.references = &refs;
            let named: crate::normalize::WordSet<(EntityId, &str, EntityId)> = found
                .iter()
                .map(|f| (f.subject, f.predicate.as_str(), f.object))
                .collect();
            let through: Vec<rules::Found> =
                rules::sentence_relations(doc, s, &args, gazetteer, patterns)
                    .into_iter()
                    .filter(|f| {
                        f.qualifiers.via.is_some()
                            && !named.contains(&(f.subject, f.predicate.as_str(), f.object))
                    })
                    .collect();
            found.extend(through);
        }
        for found in found {
            let mut ev = evidence(found.subject_span, found.object_span);
            ev.trigger = found.trigger;
            ev.qualifiers = found.qualifiers;
            out.push(Relation {
                source: found.subject,
                target: found.object,
                predicate: found.predicate.into(),
                evidence: ev,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
