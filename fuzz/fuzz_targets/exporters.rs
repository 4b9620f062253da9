//! Any text through the whole pipeline to every exporter: the JSON parses and reads back into
//! the same graph, GraphML and GEXF are well-formed XML, DOT strings are closed.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

use kg::corpus::{DocId, Document};
use kg::export::{dot, gexf, graphml, json};
use kg::graph::{GraphBuilder, KnowledgeGraph};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let pipeline = common::pipeline();
    let mut builder = GraphBuilder::new(3);
    // The text also names the document, so odd characters reach every attribute.
    let name: String = text.chars().take(20).collect();
    builder.add(pipeline.extract(&Document::new(DocId(0), name, text.clone())));
    let kg = builder.finish();
    let out = json::render(&kg);
    let back = KnowledgeGraph::parse(std::sync::Arc::new(String::from_utf8(out.clone()).unwrap()))
        .unwrap();
    assert_eq!(json::render(&back), out);
    common::well_formed(&graphml::render(&kg));
    common::well_formed(&gexf::render(&kg));
    let d = String::from_utf8(dot::render(&kg)).unwrap();
    for line in d.lines() {
        // Every quote inside a string is escaped, so quotes pair up on each line.
        let unescaped = line.replace("\\\\", "").replace("\\\"", "");
        assert_eq!(unescaped.matches('"').count() % 2, 0, "{line}");
    }
});
