//! `graph.json` text → [`KnowledgeGraph`], built while parsing, with evidence left in place.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use petgraph::graph::{Graph, NodeIndex};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{Edge, Evidences, KnowledgeGraph, Node};

thread_local! {
    /// The text [`GraphFile::parse`] is reading, so evidence can point into it.
    static PARSING: std::cell::RefCell<Option<Arc<String>>> = const { std::cell::RefCell::new(None) };
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
