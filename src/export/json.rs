//! `graph.json`: the complete graph with evidence, the file queries read.

use crate::graph::KnowledgeGraph;

/// Renders the graph as pretty JSON with a trailing newline.
pub fn render(kg: &KnowledgeGraph) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&kg.to_file()).expect("graph types serialize");
    out.push(b'\n');
    out
}
