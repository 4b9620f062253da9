//! Mentions and relations → the knowledge graph. One node per mentioned entity, one edge per
//! (subject, predicate, object, negated) with all its evidence; co-occurrence edges are
//! undirected, typed relations directed, and both may join the same pair. Everything is sorted
//! by stable ids so the same input always gives the same graph, whatever the input order.
//!
//! [`GraphFile`] is the serde form written to `graph.json` and read back by queries.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{Graph, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::corpus::Document;
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};
use crate::relations::{Evidence, Relation};
use crate::tagger::Mention;

/// Format version of `graph.json`.
pub const FORMAT_VERSION: u32 = 1;

/// A node: one entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Stable id from the gazetteer.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// PERSON, ORG or PLACE.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Gazetteer aliases (what queries accept besides id and name).
    pub aliases: Vec<String>,
    /// Surface forms found in the text, sorted.
    pub seen: Vec<String>,
    /// Number of mentions.
    pub mentions: u32,
    /// Number of documents mentioning it.
    pub documents: u32,
    /// Dates of the first and last dated documents mentioning it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<(String, String)>,
}

/// An edge: every sentence that states one relation between two entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Subject id (for co-occurrence, the smaller id).
    pub source: String,
    /// Object id.
    pub target: String,
    /// `co_occurs` or a typed predicate.
    pub relation: String,
    /// Typed relations are directed, co-occurrence is not.
    pub directed: bool,
    /// Every sentence stating it denies it.
    #[serde(default)]
    pub negated: bool,
    /// Number of sentences.
    pub weight: u32,
    /// Number of distinct documents.
    pub documents: u32,
    /// Dates of the first and last dated documents stating it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<(String, String)>,
    /// Where it was read, sorted by document and sentence.
    pub evidence: Vec<Evidence>,
}

/// A document that went into the graph.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocumentInfo {
    /// Name as given.
    pub name: String,
    /// Date from its `date` line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Mentions found in it.
    pub mentions: u32,
}

/// The serialized graph (`graph.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphFile {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// Input documents, sorted by name.
    pub documents: Vec<DocumentInfo>,
    /// Nodes sorted by id.
    pub nodes: Vec<Node>,
    /// Edges sorted by (source, target, relation, negated).
    pub edges: Vec<Edge>,
}

/// The knowledge graph: a petgraph multigraph plus an index by entity id.
#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    /// Nodes and edges; parallel edges allowed.
    pub graph: Graph<Node, Edge>,
    /// Node by stable id.
    pub index: BTreeMap<String, NodeIndex>,
    /// Documents, sorted by name.
    pub documents: Vec<DocumentInfo>,
}

/// Per-document facts the graph is built from.
pub struct DocumentFacts<'a> {
    /// The document.
    pub document: &'a Document,
    /// Its mentions.
    pub mentions: Vec<Mention>,
    /// Its relations (co-occurrence included).
    pub relations: Vec<Relation>,
}

impl KnowledgeGraph {
    /// Builds the graph from every document's facts.
    ///
    /// # Complexity
    /// O((m + r) log(m + r)) for m mentions and r relations.
    pub fn build(gazetteer: &Gazetteer, facts: &[DocumentFacts]) -> KnowledgeGraph {
        struct Tally {
            mentions: u32,
            docs: BTreeSet<String>,
            seen: BTreeSet<String>,
        }
        let mut tallies: BTreeMap<EntityId, Tally> = BTreeMap::new();
        let mut documents = Vec::new();
        type EdgeKey = (EntityId, EntityId, String, bool);
        let mut edges: BTreeMap<EdgeKey, Vec<Evidence>> = BTreeMap::new();
        for f in facts {
            let doc = f.document;
            documents.push(DocumentInfo {
                name: doc.name.clone(),
                date: doc.date.clone(),
                mentions: f.mentions.len() as u32,
            });
            for m in &f.mentions {
                let t = tallies.entry(m.entity).or_insert_with(|| Tally {
                    mentions: 0,
                    docs: BTreeSet::new(),
                    seen: BTreeSet::new(),
                });
                t.mentions += 1;
                t.docs.insert(doc.name.clone());
                t.seen.insert(
                    doc.text[m.span.start..m.span.end]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            for r in &f.relations {
                let key = (
                    r.source,
                    r.target,
                    r.predicate.clone(),
                    r.evidence.qualifiers.negated,
                );
                edges.entry(key).or_default().push(r.evidence.clone());
            }
        }
        let dates: BTreeMap<&str, &str> = facts
            .iter()
            .filter_map(|f| Some((f.document.name.as_str(), f.document.date.as_deref()?)))
            .collect();
        let mut nodes: Vec<Node> = tallies
            .into_iter()
            .map(|(id, t)| {
                let e = gazetteer.entity(id);
                Node {
                    id: e.key.clone(),
                    name: e.name.clone(),
                    kind: e.kind,
                    aliases: e.aliases.clone(),
                    seen: t.seen.into_iter().collect(),
                    mentions: t.mentions,
                    dates: date_range(&dates, t.docs.iter().map(String::as_str)),
                    documents: t.docs.len() as u32,
                }
            })
            .collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut edge_list: Vec<Edge> = edges
            .into_iter()
            .map(|((s, t, relation, negated), mut evidence)| {
                evidence.sort();
                evidence.dedup_by(|a, b| a.doc == b.doc && a.sentence == b.sentence);
                let docs = evidence
                    .iter()
                    .map(|e| e.doc.as_str())
                    .collect::<BTreeSet<_>>()
                    .len() as u32;
                let (mut source, mut target) = (
                    gazetteer.entity(s).key.clone(),
                    gazetteer.entity(t).key.clone(),
                );
                let directed = relation != crate::relations::CO_OCCURS;
                if !directed && source > target {
                    std::mem::swap(&mut source, &mut target);
                    for ev in &mut evidence {
                        std::mem::swap(&mut ev.source_span, &mut ev.target_span);
                    }
                }
                Edge {
                    source,
                    target,
                    relation,
                    directed,
                    negated,
                    weight: evidence.len() as u32,
                    documents: docs,
                    dates: date_range(&dates, evidence.iter().map(|e| e.doc.as_str())),
                    evidence,
                }
            })
            .collect();
        sort_edges(&mut edge_list);
        documents.sort();
        KnowledgeGraph::from_file(GraphFile {
            version: FORMAT_VERSION,
            documents,
            nodes,
            edges: edge_list,
        })
    }

    /// Rebuilds the graph from its serialized form. Edges whose ends are missing are dropped.
    pub fn from_file(file: GraphFile) -> KnowledgeGraph {
        let mut graph = Graph::new();
        let mut index = BTreeMap::new();
        for n in file.nodes {
            let id = n.id.clone();
            index.insert(id, graph.add_node(n));
        }
        for e in file.edges {
            if let (Some(&s), Some(&t)) = (index.get(&e.source), index.get(&e.target)) {
                graph.add_edge(s, t, e);
            }
        }
        KnowledgeGraph {
            graph,
            index,
            documents: file.documents,
        }
    }

    /// The serializable form, nodes and edges in their stable order.
    pub fn to_file(&self) -> GraphFile {
        GraphFile {
            version: FORMAT_VERSION,
            documents: self.documents.clone(),
            nodes: self.graph.node_weights().cloned().collect(),
            edges: self.graph.edge_weights().cloned().collect(),
        }
    }

    /// Number of mentions over all documents.
    pub fn mention_count(&self) -> u64 {
        self.documents.iter().map(|d| u64::from(d.mentions)).sum()
    }
}

/// First and last date among the dated documents named.
fn date_range<'a>(
    dates: &BTreeMap<&str, &str>,
    docs: impl Iterator<Item = &'a str>,
) -> Option<(String, String)> {
    let seen: BTreeSet<&str> = docs.filter_map(|d| dates.get(d).copied()).collect();
    Some((seen.first()?.to_string(), seen.last()?.to_string()))
}

fn sort_edges(edges: &mut [Edge]) {
    edges.sort_by(|a, b| {
        (&a.source, &a.target, &a.relation, a.negated).cmp(&(
            &b.source,
            &b.target,
            &b.relation,
            b.negated,
        ))
    });
}
