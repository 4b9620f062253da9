//! Mentions and relations → the knowledge graph. One node per mentioned entity, one edge per
//! (subject, predicate, object, negated) with all its evidence; co-occurrence edges are
//! undirected, typed relations directed, and both may join the same pair. Everything is sorted
//! by stable ids so the same input always gives the same graph, whatever the input order.
//!
//! [`GraphFile`] is the serde form written to `graph.json` and read back by queries.

mod builder;
pub mod kept;
pub mod quotes;
mod read;
pub mod significance;

pub use builder::{DEFAULT_MAX_EVIDENCE, GraphBuilder, SHARED_SURNAME};

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use petgraph::graph::{Graph, NodeIndex};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::gazetteer::EntityKind;
use crate::relations::Evidence;

/// Format version of `graph.json`.
pub const FORMAT_VERSION: u32 = 2;

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
    /// Found by `--discover`, not listed in any gazetteer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub discovered: bool,
    /// For a discovered entity: how sure its type is (0.5 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// For a discovered entity: the cues that typed it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Surface forms found in the text, sorted.
    pub seen: Vec<String>,
    /// Number of mentions.
    pub mentions: u32,
    /// Number of documents mentioning it.
    pub documents: u32,
    /// Dates of the first and last dated documents mentioning it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<(String, String)>,
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
    /// An open relation (`--open-relations`): its relation is the lemma of a verb that no
    /// pattern covers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    /// Number of sentences.
    pub weight: u32,
    /// For co-occurrence: how much more often the two share sentences than their frequencies
    /// predict (signed log-likelihood G², see [`significance::g2`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub significance: Option<f64>,
    /// Number of distinct documents.
    pub documents: u32,
    /// Dates of the first and last dated documents stating it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<(String, String)>,
    /// Where it was read, sorted by document and sentence. `graph.json`'s writer writes it as
    /// quotes into its sentence table.
    #[serde(skip_serializing)]
    pub evidence: Evidences,
}

impl Edge {
    /// What an edge is called in pictures and Gephi: its relation, "not ..." when denied.
    pub fn label(&self) -> String {
        if self.negated {
            format!("not {}", self.relation)
        } else {
            self.relation.clone()
        }
    }
}

/// The evidence of an edge. A graph being built holds it parsed; a graph read back with
/// [`GraphFile::parse`] keeps only where each edge's evidence lies in the file and parses it when
/// a query prints it. Evidence is most of a big `graph.json`, so this is most of the load time.
#[derive(Debug, Clone)]
pub enum Evidences {
    /// Parsed records.
    Parsed(Vec<Evidence>),
    /// Compact records, as the builder kept them, and the table they point into.
    Kept(Vec<kept::Kept>, Arc<kept::Table>),
    /// The JSON array as a byte range of the file text.
    InFile {
        /// The whole file.
        text: Arc<String>,
        /// Where the array starts.
        start: usize,
        /// Where it ends.
        end: usize,
        /// The file's documents and sentence table, known once the whole file is read.
        table: Arc<OnceLock<FileTable>>,
    },
    /// The JSON array of plain records, copied (when the file text is not at hand).
    Raw(Box<RawValue>),
}

/// What a `graph.json`'s quotes point into, as positions in the file text.
#[derive(Debug, Clone, Default)]
pub struct FileTable {
    /// The file's format: version 1 wrote plain records, with their sentence in each.
    pub version: u32,
    /// The `documents` list, in file order (places number them).
    pub documents: Vec<quotes::DocumentRef>,
    /// Where each JSON string of the `sentences` table lies in the file.
    pub sentences: Vec<(usize, usize)>,
}

impl Evidences {
    /// The records, parsed if need be (a malformed array reads as empty).
    pub fn records(&self) -> Cow<'_, [Evidence]> {
        match self {
            Evidences::Parsed(v) => Cow::Borrowed(v),
            Evidences::Kept(records, table) => {
                Cow::Owned(records.iter().map(|k| table.evidence(k)).collect())
            }
            Evidences::InFile {
                text,
                start,
                end,
                table,
            } => {
                let json = &text[*start..*end];
                let table = table.get_or_init(FileTable::default);
                if table.version < 2 {
                    return Cow::Owned(serde_json::from_str(json).unwrap_or_default());
                }
                let quotes = serde_json::from_str(json).unwrap_or_default();
                let sentence = |i: usize| {
                    let &(s, e) = table.sentences.get(i)?;
                    serde_json::from_str::<String>(&text[s..e])
                        .ok()
                        .map(Arc::from)
                };
                Cow::Owned(quotes::unquote(quotes, &table.documents, sentence))
            }
            Evidences::Raw(raw) => Cow::Owned(serde_json::from_str(raw.get()).unwrap_or_default()),
        }
    }
}

impl Evidences {
    /// How many records there are, and the first one's sentence (what GraphML and GEXF show),
    /// without reading them all.
    pub fn summary(&self) -> (usize, Option<Arc<str>>) {
        match self {
            Evidences::Kept(records, table) => (
                records.len(),
                records.first().map(|k| Arc::clone(table.text(k))),
            ),
            other => {
                let records = other.records();
                (records.len(), records.first().map(|e| Arc::clone(&e.text)))
            }
        }
    }

    /// The records into `buf` (cleared first): for walking every edge's evidence without an
    /// allocation per edge, which would leave the heap riddled with holes between longer-lived
    /// values.
    pub fn read_into(&self, buf: &mut Vec<Evidence>) {
        buf.clear();
        match self {
            Evidences::Kept(records, table) => {
                buf.extend(records.iter().map(|k| table.evidence(k)))
            }
            other => buf.extend_from_slice(&other.records()),
        }
    }
}

impl PartialEq for Evidences {
    fn eq(&self, other: &Evidences) -> bool {
        self.records() == other.records()
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
    /// When it is a copy of another document's story (near-duplicate text): that document.
    /// A copy adds nothing to weights and counts; its sentences stay in the evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
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

impl KnowledgeGraph {
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

    /// Number of mentions over all documents, copies of a story left out.
    pub fn mention_count(&self) -> u64 {
        self.documents
            .iter()
            .filter(|d| d.copy_of.is_none())
            .map(|d| u64::from(d.mentions))
            .sum()
    }

    /// Documents folded as copies of another's story.
    pub fn copy_count(&self) -> usize {
        self.documents
            .iter()
            .filter(|d| d.copy_of.is_some())
            .count()
    }
}
