//! What changed between two graphs: entities and edges that appeared or disappeared, and edges
//! whose weight changed most, each with a sentence from the newer graph.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::graph::{Edge, KnowledgeGraph};

/// An evidence sentence and where it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Document.
    pub doc: String,
    /// The sentence.
    pub text: String,
}

/// One edge in a diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeChange {
    /// Subject id.
    pub source: String,
    /// Object id.
    pub target: String,
    /// `co_occurs` or a typed predicate (`not ...` when the sentences deny it).
    pub relation: String,
    /// Weight in the older graph (0 when it was not there).
    pub old_weight: u32,
    /// Weight in the newer graph (0 when it is gone).
    pub new_weight: u32,
    /// A sentence stating it, from the newer graph and a document the older one lacks when
    /// there is one (from the older graph for a removed edge).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Sentence>,
}

/// Entities that appeared and disappeared, by id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityChanges {
    /// In the newer graph only.
    pub added: Vec<String>,
    /// In the older graph only.
    pub removed: Vec<String>,
}

/// Edges that appeared, disappeared, or changed weight.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EdgeChanges {
    /// In the newer graph only, heaviest first.
    pub added: Vec<EdgeChange>,
    /// In the older graph only, heaviest first.
    pub removed: Vec<EdgeChange>,
    /// In both with another weight, the largest change first.
    pub changed: Vec<EdgeChange>,
}

/// What `kg diff` reports.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Diff {
    /// Entity changes.
    pub entities: EntityChanges,
    /// Edge changes.
    pub edges: EdgeChanges,
}

type Key = (String, String, String);

fn edges(kg: &KnowledgeGraph) -> BTreeMap<Key, &Edge> {
    kg.graph
        .edge_weights()
        .map(|e| ((e.source.clone(), e.target.clone(), e.label()), e))
        .collect()
}

/// A sentence of the edge, from a document `old_docs` lacks when there is one: what is new.
fn sentence(e: &Edge, old_docs: &BTreeSet<&str>) -> Option<Sentence> {
    let records = e.evidence.records();
    records
        .iter()
        .find(|ev| !old_docs.contains(&*ev.doc))
        .or(records.first())
        .map(|ev| Sentence {
            doc: ev.doc.to_string(),
            text: ev.text.split_whitespace().collect::<Vec<_>>().join(" "),
        })
}

/// The differences from `old` to `new`.
///
/// # Complexity
/// O((n + e) log (n + e)) for n nodes and e edges of both graphs.
pub fn diff(old: &KnowledgeGraph, new: &KnowledgeGraph) -> Diff {
    let ids = |kg: &KnowledgeGraph| -> BTreeSet<String> {
        kg.graph.node_weights().map(|n| n.id.clone()).collect()
    };
    let (old_ids, new_ids) = (ids(old), ids(new));
    let (old_edges, new_edges) = (edges(old), edges(new));
    let old_docs: BTreeSet<&str> = old.documents.iter().map(|d| d.name.as_str()).collect();
    let change = |key: &Key, before: Option<&Edge>, after: Option<&Edge>| EdgeChange {
        source: key.0.clone(),
        target: key.1.clone(),
        relation: key.2.clone(),
        old_weight: before.map_or(0, |e| e.weight),
        new_weight: after.map_or(0, |e| e.weight),
        evidence: after.or(before).and_then(|e| sentence(e, &old_docs)),
    };
    let mut out = Diff {
        entities: EntityChanges {
            added: new_ids.difference(&old_ids).cloned().collect(),
            removed: old_ids.difference(&new_ids).cloned().collect(),
        },
        edges: EdgeChanges::default(),
    };
    for (key, e) in &new_edges {
        match old_edges.get(key) {
            None => out.edges.added.push(change(key, None, Some(e))),
            Some(o) if o.weight != e.weight => {
                out.edges.changed.push(change(key, Some(o), Some(e)));
            }
            Some(_) => {}
        }
    }
    for (key, o) in &old_edges {
        if !new_edges.contains_key(key) {
            out.edges.removed.push(change(key, Some(o), None));
        }
    }
    let heaviest = |c: &EdgeChange| std::cmp::Reverse(c.old_weight.max(c.new_weight));
    out.edges.added.sort_by_key(heaviest);
    out.edges.removed.sort_by_key(heaviest);
    out.edges
        .changed
        .sort_by_key(|c| std::cmp::Reverse(c.new_weight.abs_diff(c.old_weight)));
    out
}
