//! `graph.json` text → [`KnowledgeGraph`], built while parsing, with evidence left in place.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use petgraph::graph::{Graph, NodeIndex};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{Edge, Evidences, FileTable, KnowledgeGraph, Node};

/// The text [`KnowledgeGraph::parse`] is reading, so evidence can point into it, and the table
/// its quotes point into, filled in once the whole file is read.
type Parsing = (Arc<String>, Arc<OnceLock<FileTable>>);

thread_local! {
    static PARSING: std::cell::RefCell<Option<Parsing>> = const { std::cell::RefCell::new(None) };
}

/// Where `json`, borrowed from the text being parsed, lies in it.
fn range_in(text: &str, json: &str) -> Option<(usize, usize)> {
    let start = (json.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start + json.len();
    (end <= text.len() && text.get(start..end) == Some(json)).then_some((start, end))
}

impl<'de> Deserialize<'de> for Evidences {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Evidences, D::Error> {
        let raw: &'de RawValue = Deserialize::deserialize(d)?;
        let json = raw.get();
        Ok(PARSING
            .with(|p| {
                let p = p.borrow();
                let (text, table) = p.as_ref()?;
                let (start, end) = range_in(text, json)?;
                Some(Evidences::InFile {
                    text: Arc::clone(text),
                    start,
                    end,
                    table: Arc::clone(table),
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
        let table = Arc::new(OnceLock::new());
        PARSING.with(|p| *p.borrow_mut() = Some((Arc::clone(&text), Arc::clone(&table))));
        let mut de = serde_json::Deserializer::from_str(&text);
        let graph = serde::Deserializer::deserialize_map(&mut de, GraphVisitor { text: &text })
            .and_then(|g| de.end().map(|()| g))
            .map(|(graph, found)| {
                let _ = table.set(found);
                graph
            });
        PARSING.with(|p| *p.borrow_mut() = None);
        graph
    }
}

/// Builds the graph while reading, so half a million edges are never held twice; also returns
/// the table the edges' quotes point into.
struct GraphVisitor<'t> {
    text: &'t str,
}

impl<'de> serde::de::Visitor<'de> for GraphVisitor<'_> {
    type Value = (KnowledgeGraph, FileTable);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a kg graph object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> Result<(KnowledgeGraph, FileTable), A::Error> {
        let mut graph = Graph::new();
        let mut lookup: HashMap<String, NodeIndex> = HashMap::new();
        let mut documents = Vec::new();
        let mut pending = Vec::new();
        let mut version = None;
        let mut sentences = Vec::new();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "version" => version = Some(map.next_value::<u32>()?),
                "documents" => documents = map.next_value()?,
                "sentences" => {
                    let raw: Vec<&'de RawValue> = map.next_value()?;
                    sentences = raw
                        .iter()
                        .map(|r| range_in(self.text, r.get()).unwrap_or_default())
                        .collect();
                }
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
        let Some(version) = version else {
            return Err(serde::de::Error::missing_field("version"));
        };
        // Edges written before the nodes (a hand-edited file) are joined now.
        for e in pending {
            if let (Some(&s), Some(&t)) = (lookup.get(&e.source), lookup.get(&e.target)) {
                graph.add_edge(s, t, e);
            }
        }
        let table = FileTable {
            version,
            documents: documents
                .iter()
                .map(|d: &super::DocumentInfo| {
                    (d.name.as_str().into(), d.copy_of.as_deref().map(Arc::from))
                })
                .collect(),
            sentences,
        };
        Ok((KnowledgeGraph { graph, documents }, table))
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::KnowledgeGraph;

    /// A graph.json written before the sentence table (version 1) still reads, so `kg diff` can
    /// compare against last month's graph.
    #[test]
    fn version_one_files_keep_their_evidence() {
        let text = r#"{"version":1,
"documents":[{"name":"a.txt","mentions":2}],
"nodes":[
{"id":"acme","name":"Acme","type":"ORG","aliases":[],"seen":["Acme"],"mentions":1,"documents":1},
{"id":"bolt","name":"Bolt","type":"ORG","aliases":[],"seen":["Bolt"],"mentions":1,"documents":1}],
"edges":[
{"source":"acme","target":"bolt","relation":"sued","directed":true,"negated":false,"weight":1,"documents":1,"evidence":[{"doc":"a.txt","sentence":0,"start":0,"end":15,"text":"Acme sued Bolt.","source_span":{"start":0,"end":4},"target_span":{"start":10,"end":14}}]}]}"#;
        let kg = KnowledgeGraph::parse(Arc::new(text.to_string())).unwrap();
        let edge = kg.graph.edge_weights().next().unwrap();
        let records = edge.evidence.records();
        assert_eq!(
            (&*records[0].text, records[0].target_span.start),
            ("Acme sued Bolt.", 10)
        );
    }
}
