//! `graph.json`: the complete graph with evidence, the file queries read. One document, node,
//! sentence or edge a line: compact enough to load fast at half a million edges, still readable
//! and friendly to `grep` and `diff`. Evidence is stored as quotes into a table of sentence
//! texts (see [`crate::graph::quotes`]), so the file grows with the graph, not with how often
//! the corpus repeats itself.

use std::io::Write;

use serde::Serialize;

use crate::export::sink::Sink;
use crate::graph::KnowledgeGraph;
use crate::graph::quotes::{Quote, Quoter};

fn records<T: Serialize>(out: &mut Sink, key: &str, items: impl Iterator<Item = T>) {
    write!(out, "\"{key}\":[").expect("a sink takes every write");
    for (i, item) in items.enumerate() {
        out.push_bytes(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut *out, &item).expect("graph types serialize");
        out.record_end();
    }
    out.push_bytes(b"\n]");
}

/// Renders the graph as JSON, one record a line, with a trailing newline.
pub fn render(kg: &KnowledgeGraph) -> Vec<u8> {
    let mut s = Sink::memory();
    write(kg, &mut s);
    s.into_bytes()
}

/// Writes the graph as JSON into `out`, a record at a time.
pub fn write(kg: &KnowledgeGraph, out: &mut Sink) {
    writeln!(out, "{{\"version\":{},", crate::graph::FORMAT_VERSION)
        .expect("a sink takes every write");
    records(out, "documents", kg.documents.iter());
    out.push_bytes(b",\n");
    // Groups of copies of one story: the document counted first, then its copies.
    let mut groups: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for d in &kg.documents {
        if let Some(original) = &d.copy_of {
            groups.entry(original).or_default().push(&d.name);
        }
    }
    if !groups.is_empty() {
        let list = groups
            .into_iter()
            .map(|(original, copies)| std::iter::once(original).chain(copies).collect::<Vec<_>>());
        records(out, "copies", list);
        out.push_bytes(b",\n");
    }
    records(out, "nodes", kg.graph.node_weights());
    out.push_bytes(b",\n");
    let mut quoter = Quoter::new(kg.documents.iter().map(|d| d.name.as_str()));
    // Quotes first, so the sentence table can be written before the edges; one edge's records
    // at a time, into one buffer, so the graph's evidence is never all expanded at once.
    let mut buf = Vec::new();
    let quotes: Vec<Vec<Quote>> = kg
        .graph
        .edge_weights()
        .map(|e| match &e.evidence {
            crate::graph::Evidences::Kept(records, table) => quoter.quote_kept(records, table),
            other => {
                other.read_into(&mut buf);
                quoter.quote(&buf)
            }
        })
        .collect();
    records(out, "sentences", quoter.sentences().iter());
    out.push_bytes(b",\n");
    write!(out, "\"edges\":[").expect("a sink takes every write");
    for (i, (edge, quotes)) in kg.graph.edge_weights().zip(&quotes).enumerate() {
        out.push_bytes(if i == 0 { b"\n" } else { b",\n" });
        // The edge's own fields, then its quotes in place of the closing brace.
        serde_json::to_writer(&mut *out, edge).expect("graph types serialize");
        out.pop();
        out.push_bytes(b",\"evidence\":");
        serde_json::to_writer(&mut *out, quotes).expect("quotes serialize");
        out.push_bytes(b"}");
        out.record_end();
    }
    out.push_bytes(b"\n]}\n");
}

#[cfg(test)]
mod tests {
    #[test]
    fn empty_graph_is_valid_json() {
        let kg = crate::graph::KnowledgeGraph::from_file(crate::graph::GraphFile {
            version: 1,
            documents: Vec::new(),
            nodes: Vec::new(),
            edges: Vec::new(),
        });
        let text = String::from_utf8(super::render(&kg)).unwrap();
        assert_eq!(
            text,
            "{\"version\":2,\n\"documents\":[\n],\n\"nodes\":[\n],\n\"sentences\":[\n],\n\"edges\":[\n]}\n"
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["edges"].as_array().unwrap().len(), 0);
    }

    /// Every evidence field survives writing and reading: text shared by places in two
    /// documents, a copy, a trigger, qualifiers, a span before its sentence (a dateline).
    #[test]
    fn evidence_round_trips_through_the_sentence_table() {
        use std::sync::Arc;

        use crate::graph::{DocumentInfo, Edge, Evidences, GraphFile, KnowledgeGraph, Node};
        use crate::sentences::Span;

        let record = crate::testing::evidence;
        let wire = "Acme sued Bolt in court.";
        let mut copied = record("c.txt", 0, 0, wire);
        copied.copy_of = Some(Arc::from("a.txt"));
        let mut typed = record("a.txt", 3, 120, "Acme, Bolt said, sued.");
        typed.trigger = Some(Span::new(137, 141));
        typed.qualifiers.attributed_to = Some("Bolt".into());
        typed.source_span = Span::new(100, 104);
        let records = vec![
            record("a.txt", 1, 40, wire),
            typed,
            record("b.txt", 7, 900, wire),
            copied,
        ];
        let node = |id: &str| Node {
            id: id.into(),
            name: id.into(),
            kind: crate::gazetteer::EntityKind::Org,
            aliases: Vec::new(),
            discovered: false,
            confidence: None,
            evidence: Vec::new(),
            seen: vec![id.into()],
            mentions: 2,
            documents: 2,
            dates: None,
            latitude: None,
            longitude: None,
            country: None,
            within: Vec::new(),
        };
        let doc = |name: &str, copy_of: Option<&str>| DocumentInfo {
            name: name.into(),
            date: None,
            mentions: 2,
            copy_of: copy_of.map(String::from),
        };
        let kg = KnowledgeGraph::from_file(GraphFile {
            version: 2,
            documents: vec![
                doc("a.txt", None),
                doc("b.txt", None),
                doc("c.txt", Some("a.txt")),
            ],
            nodes: vec![node("acme"), node("bolt")],
            edges: vec![Edge {
                source: "acme".into(),
                target: "bolt".into(),
                relation: "sued".into(),
                directed: true,
                negated: false,
                open: false,
                weight: 4,
                significance: None,
                documents: 2,
                dates: None,
                evidence: Evidences::Parsed(records.clone()),
            }],
        });
        let text = String::from_utf8(super::render(&kg)).unwrap();
        // The wire sentence is written once, for the three places that print it.
        assert_eq!(text.matches(wire).count(), 1, "{text}");
        let back = KnowledgeGraph::parse(Arc::new(text)).unwrap();
        let edge = back.graph.edge_weights().next().unwrap();
        let mut expected = records;
        expected.sort();
        assert_eq!(edge.evidence.records().to_vec(), expected);
        assert_eq!(back.documents, kg.documents);
    }
}
