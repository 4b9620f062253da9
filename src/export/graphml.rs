//! `graph.graphml` for Gephi, networkx, igraph and graphology. Every key is declared with a real
//! `attr.type`; key ids are prefixed (`n_`, `e_`) so none collides with the ids Gephi treats
//! specially.
//!
//! The graph is declared directed: networkx and igraph refuse a file that mixes directed and
//! undirected edges, so co-occurrence edges (written from the smaller id to the larger) carry
//! `directed = false` as data instead, which Gephi users can filter or partition on.

use std::fmt::Write;

use crate::export::sink::Sink;
use crate::export::{kind_color, xml_escape};
use crate::graph::KnowledgeGraph;

const NODE_KEYS: &[(&str, &str, &str)] = &[
    ("n_label", "label", "string"),
    ("n_type", "type", "string"),
    ("n_mentions", "mentions", "int"),
    ("n_documents", "documents", "int"),
    ("n_aliases", "aliases", "string"),
    ("n_discovered", "discovered", "boolean"),
    ("n_confidence", "confidence", "double"),
    ("n_r", "r", "int"),
    ("n_g", "g", "int"),
    ("n_b", "b", "int"),
    ("n_size", "size", "double"),
    ("n_latitude", "latitude", "double"),
    ("n_longitude", "longitude", "double"),
    ("n_country", "country", "string"),
];

const EDGE_KEYS: &[(&str, &str, &str)] = &[
    ("e_weight", "weight", "double"),
    ("e_relation", "relation", "string"),
    ("e_directed", "directed", "boolean"),
    ("e_negated", "negated", "boolean"),
    ("e_open", "open", "boolean"),
    ("e_documents", "documents", "int"),
    ("e_significance", "significance", "double"),
    ("e_evidence_count", "evidence_count", "int"),
    ("e_evidence", "evidence", "string"),
    ("e_label", "label", "string"),
];

/// Renders the graph as GraphML.
pub fn render(kg: &KnowledgeGraph) -> Vec<u8> {
    let mut s = Sink::memory();
    write(kg, &mut s);
    s.into_bytes()
}

/// Writes the graph as GraphML into `s`, a record at a time.
pub fn write(kg: &KnowledgeGraph, s: &mut Sink) {
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (scope, keys) in [("node", NODE_KEYS), ("edge", EDGE_KEYS)] {
        for (id, name, ty) in keys {
            let _ = writeln!(
                s,
                "  <key id=\"{id}\" for=\"{scope}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
            );
        }
    }
    s.push_str("  <graph id=\"kg\" edgedefault=\"directed\">\n");
    for n in kg.graph.node_weights() {
        let (r, g, b) = kind_color(n.kind);
        let _ = writeln!(s, "    <node id=\"{}\">", xml_escape(&n.id));
        let size = 10.0 + 4.0 * f64::from(n.mentions).sqrt();
        let values = [
            ("n_label", xml_escape(&n.name)),
            ("n_type", n.kind.as_str().to_string()),
            ("n_mentions", n.mentions.to_string()),
            ("n_documents", n.documents.to_string()),
            ("n_aliases", xml_escape(&n.aliases.join("|"))),
            ("n_discovered", n.discovered.to_string()),
            (
                "n_confidence",
                format!("{:.2}", n.confidence.unwrap_or(1.0)),
            ),
            ("n_r", r.to_string()),
            ("n_g", g.to_string()),
            ("n_b", b.to_string()),
            ("n_size", format!("{size:.1}")),
        ];
        for (key, value) in values {
            let _ = writeln!(s, "      <data key=\"{key}\">{value}</data>");
        }
        // Only places with coordinates carry them (Gephi's Geo Layout reads these two).
        if let (Some(lat), Some(lon)) = (n.latitude, n.longitude) {
            let _ = writeln!(s, "      <data key=\"n_latitude\">{lat}</data>");
            let _ = writeln!(s, "      <data key=\"n_longitude\">{lon}</data>");
        }
        if let Some(c) = &n.country {
            let _ = writeln!(s, "      <data key=\"n_country\">{}</data>", xml_escape(c));
        }
        s.push_str("    </node>\n");
        s.record_end();
    }
    for (i, e) in kg.graph.edge_weights().enumerate() {
        let _ = writeln!(
            s,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            xml_escape(&e.source),
            xml_escape(&e.target)
        );
        let (count, first) = e.evidence.summary();
        let first = first.as_deref().unwrap_or("");
        let values = [
            ("e_weight", format!("{:.1}", f64::from(e.weight))),
            ("e_relation", xml_escape(&e.relation)),
            ("e_directed", e.directed.to_string()),
            ("e_negated", e.negated.to_string()),
            ("e_open", e.open.to_string()),
            ("e_documents", e.documents.to_string()),
            ("e_evidence_count", count.to_string()),
            ("e_evidence", xml_escape(first)),
            ("e_label", xml_escape(&e.label())),
        ];
        for (key, value) in values {
            let _ = writeln!(s, "      <data key=\"{key}\">{value}</data>");
        }
        if let Some(g2) = e.significance {
            let _ = writeln!(s, "      <data key=\"e_significance\">{g2}</data>");
        }
        s.push_str("    </edge>\n");
        s.record_end();
    }
    s.push_str("  </graph>\n</graphml>\n");
}
