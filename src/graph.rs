//! Mentions and relations → the knowledge graph. One node per mentioned entity, one edge per
//! (subject, predicate, object, negated) with all its evidence; co-occurrence edges are
//! undirected, typed relations directed, and both may join the same pair. Everything is sorted
//! by stable ids so the same input always gives the same graph, whatever the input order.
//!
//! [`GraphFile`] is the serde form written to `graph.json` and read back by queries.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use petgraph::graph::{Graph, NodeIndex};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

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
    pub evidence: Evidences,
}

/// The evidence of an edge. A graph being built holds it parsed; a graph read back with
/// [`GraphFile::parse`] keeps only where each edge's evidence lies in the file and parses it when
/// a query prints it. Evidence is most of a big `graph.json`, so this is most of the load time.
#[derive(Debug, Clone)]
pub enum Evidences {
    /// Parsed records.
    Parsed(Vec<Evidence>),
    /// The JSON array as a byte range of the file text.
    InFile {
        /// The whole file.
        text: Arc<String>,
        /// Where the array starts.
        start: usize,
        /// Where it ends.
        end: usize,
    },
    /// The JSON array, copied (when the file text is not at hand).
    Raw(Box<RawValue>),
}

thread_local! {
    /// The text [`GraphFile::parse`] is reading, so evidence can point into it.
    static PARSING: std::cell::RefCell<Option<Arc<String>>> = const { std::cell::RefCell::new(None) };
}

impl Evidences {
    /// The records, parsed if need be (a malformed array reads as empty).
    pub fn records(&self) -> Cow<'_, [Evidence]> {
        match self {
            Evidences::Parsed(v) => Cow::Borrowed(v),
            Evidences::InFile { text, start, end } => {
                Cow::Owned(serde_json::from_str(&text[*start..*end]).unwrap_or_default())
            }
            Evidences::Raw(raw) => Cow::Owned(serde_json::from_str(raw.get()).unwrap_or_default()),
        }
    }
}

impl PartialEq for Evidences {
    fn eq(&self, other: &Evidences) -> bool {
        self.records() == other.records()
    }
}

impl Serialize for Evidences {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Evidences::Parsed(v) => v.serialize(s),
            Evidences::InFile { .. } => self.records().serialize(s),
            Evidences::Raw(raw) => raw.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Evidences {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Evidences, D::Error> {
        let raw: &'de RawValue = Deserialize::deserialize(d)?;
        let json = raw.get();
        Ok(PARSING
            .with(|p| {
                let p = p.borrow();
                let text = p.as_ref()?;
                // The borrowed value lies inside the text being parsed; its address gives its range.
                let start = (json.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
                let end = start + json.len();
                (end <= text.len() && text.get(start..end) == Some(json)).then(|| {
                    Evidences::InFile {
                        text: Arc::clone(text),
                        start,
                        end,
                    }
                })
            })
            .unwrap_or_else(|| Evidences::Raw(raw.to_owned())))
    }
}

impl KnowledgeGraph {
    /// Reads the text of a `graph.json` straight into a graph, leaving evidence unparsed until
    /// it is read. Edges whose ends are missing are dropped.
    ///
    /// # Errors
    /// When the text is not a kg graph.
    ///
    /// # Complexity
    /// One pass over the text; on a 210 MB graph of 50,000 nodes and 500,000 edges it takes
    /// under a second (`benches/big_graph.py`).
    pub fn parse(text: Arc<String>) -> serde_json::Result<KnowledgeGraph> {
        PARSING.with(|p| *p.borrow_mut() = Some(Arc::clone(&text)));
        let mut de = serde_json::Deserializer::from_str(&text);
        let graph = serde::Deserializer::deserialize_map(&mut de, GraphVisitor)
            .and_then(|g| de.end().map(|()| g));
        PARSING.with(|p| *p.borrow_mut() = None);
        graph
    }
}

/// Builds the graph while reading, so half a million edges are never held twice.
struct GraphVisitor;

impl<'de> serde::de::Visitor<'de> for GraphVisitor {
    type Value = KnowledgeGraph;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a kg graph object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<KnowledgeGraph, A::Error> {
        let mut graph = Graph::new();
        let mut lookup: HashMap<String, NodeIndex> = HashMap::new();
        let mut documents = Vec::new();
        let mut pending = Vec::new();
        let mut version = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "version" => version = Some(map.next_value::<u32>()?),
                "documents" => documents = map.next_value()?,
                "nodes" => {
                    for n in map.next_value::<Vec<Node>>()? {
                        let id = n.id.clone();
                        lookup.insert(id, graph.add_node(n));
                    }
                }
                "edges" => map.next_value_seed(EdgesSeed {
                    graph: &mut graph,
                    lookup: &lookup,
                    pending: &mut pending,
                })?,
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        if version.is_none() {
            return Err(serde::de::Error::missing_field("version"));
        }
        // Edges written before the nodes (a hand-edited file) are joined now.
        for e in pending {
            if let (Some(&s), Some(&t)) = (lookup.get(&e.source), lookup.get(&e.target)) {
                graph.add_edge(s, t, e);
            }
        }
        Ok(KnowledgeGraph { graph, documents })
    }
}

struct EdgesSeed<'g> {
    graph: &'g mut Graph<Node, Edge>,
    lookup: &'g HashMap<String, NodeIndex>,
    pending: &'g mut Vec<Edge>,
}

impl<'de> serde::de::DeserializeSeed<'de> for EdgesSeed<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> serde::de::Visitor<'de> for EdgesSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of edges")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(e) = seq.next_element::<Edge>()? {
            match (self.lookup.get(&e.source), self.lookup.get(&e.target)) {
                (Some(&s), Some(&t)) => {
                    self.graph.add_edge(s, t, e);
                }
                _ if self.lookup.is_empty() => self.pending.push(e),
                _ => {}
            }
        }
        Ok(())
    }
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

/// The knowledge graph: a petgraph multigraph of entities and relations.
#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    /// Nodes and edges; parallel edges allowed. Nodes are in id order.
    pub graph: Graph<Node, Edge>,
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
                    evidence: Evidences::Parsed(evidence),
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
        let mut graph = Graph::with_capacity(file.nodes.len(), file.edges.len());
        let mut lookup: HashMap<String, NodeIndex> = HashMap::with_capacity(file.nodes.len());
        for n in file.nodes {
            let id = n.id.clone();
            lookup.insert(id, graph.add_node(n));
        }
        for e in file.edges {
            if let (Some(&s), Some(&t)) = (lookup.get(&e.source), lookup.get(&e.target)) {
                graph.add_edge(s, t, e);
            }
        }
        KnowledgeGraph {
            graph,
            documents: file.documents,
        }
    }

    /// The node with stable id `id`.
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.graph.node_indices().find(|&i| self.graph[i].id == id)
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
