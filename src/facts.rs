//! Document → facts: everything one document contributes to the graph (its entities, mentions,
//! co-occurrences and typed relations with evidence), with entities named by stable id. Facts
//! are what `kg extract` writes, one JSON object a line, and what the graph builder folds in; so
//! facts extracted in many runs, on many machines, merge into the graph a single run gives.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::gazetteer::{EntityKind, Rule};
use crate::relations::Evidence;

/// An entity named in the document, with what the graph needs to show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityFact {
    /// Stable id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Gazetteer aliases (for a discovered entity, the short forms that joined it).
    pub aliases: Vec<String>,
    /// For a discovered entity: how sure its type is (0.5 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// For a discovered entity: the cues that typed it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// For a place: its latitude in degrees, from the gazetteer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// For a place: its longitude in degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
    /// For a place: the country it is in (or is), ISO 3166-1 alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// For a place: the names of the subdivision and country it lies in ("Jalisco", "Mexico").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
}

/// One mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentionFact {
    /// Entity id.
    pub entity: Arc<str>,
    /// First byte in the document.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// The rule that linked it.
    pub how: Rule,
    /// Index of its sentence in the document (piece), for how many sentences name the entity.
    #[serde(default)]
    pub sentence: u32,
}

/// One relation read in one sentence (co-occurrence included).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationFact {
    /// Subject id (either entity for co-occurrence).
    pub source: Arc<str>,
    /// Object id.
    pub target: Arc<str>,
    /// `co_occurs` or a typed predicate.
    pub relation: Arc<str>,
    /// Where and how it was read.
    pub evidence: Evidence,
}

/// Everything one document contributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocFacts {
    /// Document name (the path as given).
    pub doc: String,
    /// Date from its `date` line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Which piece of a big file these facts cover (0 for the first or only one); pieces of a
    /// file follow each other, and sentence numbers in evidence count within the piece.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub part: u32,
    /// Sentences in the piece.
    pub sentences: u32,
    /// The document's fingerprint (first piece only), for folding copies of one story.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fingerprint: Vec<u32>,
    /// Entities it names, by id.
    pub entities: Vec<EntityFact>,
    /// Its mentions, in text order.
    pub mentions: Vec<MentionFact>,
    /// Its relations, sentence by sentence.
    pub relations: Vec<RelationFact>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}
