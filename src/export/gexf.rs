//! `graph.gexf`, Gephi's native format (GEXF 1.3): the GraphML attributes plus `viz:color` and
//! `viz:size`, and, when documents carry dates, each node and edge spans from the first to the
//! last date it was seen, so Gephi's timeline can replay the story.
//!
//! Typed relations are `directed` edges; co-occurrence edges are `mutual` (both ways), which
//! Gephi draws without a direction and networkx reads as a pair of edges.
//!
//! The edge layout is set by what the three readers users open it with accept. Gephi Lite's
//! parser (`graphology-gexf`) makes its graph of the type of the *first* edge and has no `mutual`
//! graph type, so directed edges are written first (the graph then becomes mixed when the first
//! mutual edge arrives). networkx refuses an `undirected` edge in a graph whose default is
//! `directed`, so `mutual` is kept while there are directed edges. A graph of co-occurrence alone
//! is written as an `undirected` graph of `undirected` edges, which all three read as it is.

use std::fmt::Write;

use crate::export::sink::Sink;
use crate::export::{kind_color, xml_escape};
use crate::graph::KnowledgeGraph;

const NODE_ATTRS: &[(&str, &str)] = &[
    ("type", "string"),
    ("mentions", "integer"),
    ("documents", "integer"),
    ("aliases", "string"),
    ("discovered", "boolean"),
    ("confidence", "double"),
    ("latitude", "double"),
    ("longitude", "double"),
    ("country", "string"),
];

const EDGE_ATTRS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("directed", "boolean"),
    ("negated", "boolean"),
    ("open", "boolean"),
    ("documents", "integer"),
    ("significance", "double"),
    ("evidence_count", "integer"),
    ("evidence", "string"),
];

fn spell(dates: &Option<(String, String)>) -> String {
    match dates {
        Some((start, end)) => format!(" start=\"{start}\" end=\"{end}\""),
        None => String::new(),
    }
}

fn attvalues(s: &mut Sink, indent: &str, values: &[(&str, String)]) {
    let _ = writeln!(s, "{indent}<attvalues>");
    for (key, value) in values {
        let _ = writeln!(s, "{indent}  <attvalue for=\"{key}\" value=\"{value}\"/>");
    }
    let _ = writeln!(s, "{indent}</attvalues>");
}

/// Renders the graph as GEXF 1.3.
pub fn render(kg: &KnowledgeGraph) -> Vec<u8> {
    let mut s = Sink::memory();
    write(kg, &mut s);
    s.into_bytes()
}

/// Writes the graph as GEXF 1.3 into `s`, a record at a time.
pub fn write(kg: &KnowledgeGraph, s: &mut Sink) {
    let dynamic = kg.documents.iter().any(|d| d.date.is_some());
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n");
    s.push_str("  <meta>\n    <creator>kg</creator>\n    <description>knowledge graph of people, organizations and places</description>\n  </meta>\n");
    let mode = if dynamic {
        " mode=\"dynamic\" timeformat=\"date\""
    } else {
        " mode=\"static\""
    };
    let any_directed = kg.graph.edge_weights().any(|e| e.directed);
    let (default_type, cooccurrence_type) = if any_directed {
        ("directed", "mutual")
    } else {
        ("undirected", "undirected")
    };
    let _ = writeln!(s, "  <graph defaultedgetype=\"{default_type}\"{mode}>");
    for (class, attrs) in [("node", NODE_ATTRS), ("edge", EDGE_ATTRS)] {
        let _ = writeln!(s, "    <attributes class=\"{class}\" mode=\"static\">");
        for (id, ty) in attrs {
            let _ = writeln!(
                s,
                "      <attribute id=\"{id}\" title=\"{id}\" type=\"{ty}\"/>"
            );
        }
        s.push_str("    </attributes>\n");
    }
    s.push_str("    <nodes>\n");
    for n in kg.graph.node_weights() {
        let _ = writeln!(
            s,
            "      <node id=\"{}\" label=\"{}\"{}>",
            xml_escape(&n.id),
            xml_escape(&n.name),
            spell(&n.dates)
        );
        let mut values = vec![
            ("type", n.kind.as_str().to_string()),
            ("mentions", n.mentions.to_string()),
            ("documents", n.documents.to_string()),
            ("aliases", xml_escape(&n.aliases.join("|"))),
            ("discovered", n.discovered.to_string()),
            ("confidence", format!("{:.2}", n.confidence.unwrap_or(1.0))),
        ];
        // Only places with coordinates carry them (Gephi's Geo Layout reads these two).
        if let (Some(lat), Some(lon)) = (n.latitude, n.longitude) {
            values.push(("latitude", lat.to_string()));
            values.push(("longitude", lon.to_string()));
        }
        if let Some(c) = &n.country {
            values.push(("country", xml_escape(c)));
        }
        attvalues(s, "        ", &values);
        let (r, g, b) = kind_color(n.kind);
        let _ = writeln!(s, "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>");
        let _ = writeln!(
            s,
            "        <viz:size value=\"{:.1}\"/>",
            10.0 + 4.0 * f64::from(n.mentions).sqrt()
        );
        s.push_str("      </node>\n");
        s.record_end();
    }
    s.push_str("    </nodes>\n    <edges>\n");
    let directed_first = kg
        .graph
        .edge_weights()
        .filter(|e| e.directed)
        .chain(kg.graph.edge_weights().filter(|e| !e.directed));
    for (i, e) in directed_first.enumerate() {
        let kind = if e.directed {
            "directed"
        } else {
            cooccurrence_type
        };
        let _ = writeln!(
            s,
            "      <edge id=\"e{i}\" source=\"{}\" target=\"{}\" type=\"{kind}\" weight=\"{:.1}\" label=\"{}\"{}>",
            xml_escape(&e.source),
            xml_escape(&e.target),
            f64::from(e.weight),
            xml_escape(&e.label()),
            spell(&e.dates)
        );
        let (count, first) = e.evidence.summary();
        let first = first.as_deref().unwrap_or("");
        let mut values = vec![
            ("relation", xml_escape(&e.relation)),
            ("directed", e.directed.to_string()),
            ("negated", e.negated.to_string()),
            ("open", e.open.to_string()),
            ("documents", e.documents.to_string()),
            ("evidence_count", count.to_string()),
            ("evidence", xml_escape(first)),
        ];
        if let Some(g2) = e.significance {
            values.push(("significance", g2.to_string()));
        }
        attvalues(s, "        ", &values);
        s.push_str("      </edge>\n");
        s.record_end();
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
}
