//! `graph.json`: the complete graph with evidence, the file queries read. One document, node
//! or edge a line: compact enough to load fast at half a million edges, still readable and
//! friendly to `grep` and `diff`.

use std::io::Write;

use serde::Serialize;

use crate::graph::KnowledgeGraph;

fn records<T: Serialize>(out: &mut Vec<u8>, key: &str, items: impl Iterator<Item = T>) {
    write!(out, "\"{key}\":[").expect("writing to memory");
    for (i, item) in items.enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut *out, &item).expect("graph types serialize");
    }
    out.extend_from_slice(b"\n]");
}

/// Renders the graph as JSON, one record a line, with a trailing newline.
pub fn render(kg: &KnowledgeGraph) -> Vec<u8> {
    let mut out = Vec::new();
    writeln!(out, "{{\"version\":{},", crate::graph::FORMAT_VERSION).expect("writing to memory");
    records(&mut out, "documents", kg.documents.iter());
    out.extend_from_slice(b",\n");
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
        records(&mut out, "copies", list);
        out.extend_from_slice(b",\n");
    }
    records(&mut out, "nodes", kg.graph.node_weights());
    out.extend_from_slice(b",\n");
    records(&mut out, "edges", kg.graph.edge_weights());
    out.extend_from_slice(b"}\n");
    out
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
            "{\"version\":1,\n\"documents\":[\n],\n\"nodes\":[\n],\n\"edges\":[\n]}\n"
        );
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["edges"].as_array().unwrap().len(), 0);
    }
}
