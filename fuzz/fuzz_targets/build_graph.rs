//! `kg build --open-relations` on one or several documents: the input is cut at each ASCII
//! record separator (0x1E) into up to eight files, each read as kg reads a file (a NUL byte
//! skips it, invalid UTF-8 is replaced), extracted with the built-in gazetteer and patterns,
//! discovery and open relations on, and folded into one graph; then all four files are
//! rendered in memory, as `export::write_all` renders them.
//!
//! Checks: each document's facts hold what the builder relies on (see `common::check_facts`);
//! node ids are unique and in order; every edge's ends are nodes and agree with the edge's
//! source and target; `graph.json` reads back into the same graph; GraphML and GEXF are
//! well-formed XML; and a second build of the same input gives identical bytes in every file.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

use kg::corpus::{DocId, Piece, Pieces};
use kg::export::view::{View, ViewOptions};
use kg::export::{dot, gexf, graphml, json};
use kg::graph::{DEFAULT_MAX_EVIDENCE, GraphBuilder, KnowledgeGraph};
use petgraph::visit::EdgeRef;

/// Files one input stands for.
const MAX_DOCUMENTS: usize = 8;

/// What `kg build` writes: graph.graphml, graph.gexf, graph.dot, graph.json.
type Files = [Vec<u8>; 4];

/// Builds the graph of `files` and renders it; `check` checks each document's facts on the way.
fn build(files: &[&[u8]], check: bool) -> Option<(KnowledgeGraph, Files)> {
    let pipeline = common::cli_pipeline();
    let mut builder = GraphBuilder::new(DEFAULT_MAX_EVIDENCE);
    for (i, bytes) in files.iter().enumerate() {
        let reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
        let name = format!("news/{i}.txt");
        for piece in Pieces::from_reader(name, reader, DocId(i as u32), false) {
            match piece.expect("reading from memory without --strict cannot fail") {
                Piece::Text(doc) => {
                    let facts = pipeline.extract(&doc);
                    if check {
                        common::check_facts(pipeline, &doc, &facts);
                    }
                    builder.add(facts);
                }
                Piece::Warning(_) => {}
            }
        }
    }
    let kg = builder.finish();
    // `kg build` writes nothing when every file was skipped.
    if kg.documents.is_empty() {
        return None;
    }
    // The CLI's default view: no --top, --min-weight 1, no --focus, --depth 1.
    let options = ViewOptions {
        top: None,
        min_weight: 1,
        focus: None,
        depth: 1,
        relations_only: false,
        backbone: None,
    };
    let view = View::new(&kg, &options).expect("the default view needs no entity");
    let files = [
        graphml::render(&kg),
        gexf::render(&kg),
        dot::render_view(&kg, &view),
        json::render(&kg),
    ];
    Some((kg, files))
}

fn check_graph(kg: &KnowledgeGraph) {
    let g = &kg.graph;
    let ids: Vec<&str> = g.node_weights().map(|n| n.id.as_str()).collect();
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "node ids are not unique and in order"
    );
    for e in g.edge_references() {
        let w = e.weight();
        for id in [&w.source, &w.target] {
            assert!(
                ids.binary_search(&id.as_str()).is_ok(),
                "edge {} -[{}]-> {} reaches {id}, which is no node",
                w.source,
                w.relation,
                w.target
            );
        }
        assert_eq!(
            (g[e.source()].id.as_str(), g[e.target()].id.as_str()),
            (w.source.as_str(), w.target.as_str()),
            "an edge's ends disagree with its source and target"
        );
    }
    let mut names: Vec<&str> = kg.documents.iter().map(|d| d.name.as_str()).collect();
    assert!(names.is_sorted(), "documents are not sorted by name");
    names.dedup();
    assert_eq!(
        names.len(),
        kg.documents.len(),
        "a document is listed twice"
    );
}

fuzz_target!(|data: &[u8]| {
    let files: Vec<&[u8]> = data.split(|&b| b == 0x1E).take(MAX_DOCUMENTS).collect();
    let Some((kg, out)) = build(&files, true) else {
        return;
    };
    check_graph(&kg);
    let [graphml, gexf, _dot, json] = &out;
    common::well_formed(graphml);
    common::well_formed(gexf);
    let text = String::from_utf8(json.clone()).expect("graph.json is UTF-8");
    let back = KnowledgeGraph::parse(std::sync::Arc::new(text)).expect("graph.json reads back");
    assert_eq!(back.graph.node_count(), kg.graph.node_count());
    assert_eq!(back.graph.edge_count(), kg.graph.edge_count());
    assert!(
        json::render(&back) == *json,
        "graph.json reads back as another graph"
    );
    // Determinism: the same input builds the same bytes (hash maps are seeded anew each time).
    let (_, again) = build(&files, false).expect("built once, builds again");
    for (name, (a, b)) in ["graph.graphml", "graph.gexf", "graph.dot", "graph.json"]
        .iter()
        .zip(out.iter().zip(&again))
    {
        assert!(
            a == b,
            "{name} differs between two builds of the same input"
        );
    }
});
