//! `graph.dot` for Graphviz, written with dot-writer. Shape and colour show the entity type (a
//! legend says which), pen width grows with weight, typed relations are dark labelled arrows and
//! co-occurrence is a light undirected line. Names are escaped for DOT strings.

use dot_writer::{Attributes, DotWriter};

use crate::export::kind_color;
use crate::gazetteer::EntityKind;
use crate::graph::KnowledgeGraph;

/// Escapes a DOT double-quoted string: backslashes, quotes and line breaks.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn shape(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "ellipse",
        EntityKind::Org => "box",
        EntityKind::Place => "hexagon",
    }
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("\"#{r:02X}{g:02X}{b:02X}\"")
}

fn pen(weight: u32) -> String {
    format!("{:.1}", 1.0 + f64::from(weight).ln() * 1.5)
}

/// Renders the graph as DOT.
pub fn render(kg: &KnowledgeGraph) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut writer = DotWriter::from(&mut bytes);
        writer.set_pretty_print(true);
        let mut g = writer.digraph();
        g.graph_attributes()
            .set("overlap", "false", false)
            .set("splines", "true", false)
            .set("outputorder", "edgesfirst", false)
            .set("fontname", "Helvetica", true);
        g.node_attributes()
            .set("style", "filled", true)
            .set("fontname", "Helvetica", true)
            .set("fontcolor", "white", false)
            .set("penwidth", "0", false);
        g.edge_attributes()
            .set("fontname", "Helvetica", true)
            .set("fontsize", "9", false);
        {
            let mut legend = g.cluster();
            legend.set_label("Legend");
            legend.graph_attributes().set("color", "\"#BBBBBB\"", false);
            for kind in [EntityKind::Person, EntityKind::Org, EntityKind::Place] {
                legend
                    .node_named(format!("legend_{}", kind.as_str()))
                    .set("label", kind.as_str(), true)
                    .set("shape", shape(kind), false)
                    .set("fillcolor", &hex(kind_color(kind)), false);
            }
        }
        for idx in kg.graph.node_indices() {
            let n = &kg.graph[idx];
            let size = 10.0 + 2.0 * f64::from(n.mentions).sqrt();
            g.node_named(format!("n{}", idx.index()))
                .set("label", &escape(&n.name), true)
                .set("tooltip", &escape(&n.id), true)
                .set("shape", shape(n.kind), false)
                .set("fillcolor", &hex(kind_color(n.kind)), false)
                .set("fontsize", &format!("{size:.0}"), false);
        }
        for e in kg.graph.edge_indices() {
            let (s, t) = kg.graph.edge_endpoints(e).expect("edge exists");
            let data = &kg.graph[e];
            let edge = g.edge(format!("n{}", s.index()), format!("n{}", t.index()));
            let mut attrs = edge.attributes();
            if data.directed {
                let label = data.relation.replace('_', " ");
                let label = if data.negated {
                    format!("not {label}")
                } else {
                    label
                };
                attrs
                    .set("label", &escape(&label), true)
                    .set(
                        "color",
                        if data.negated {
                            "\"#C0392B\""
                        } else {
                            "\"#333333\""
                        },
                        false,
                    )
                    .set(
                        "style",
                        if data.negated { "dashed" } else { "solid" },
                        false,
                    )
                    .set("penwidth", &pen(data.weight), false);
            } else {
                attrs
                    .set("dir", "none", false)
                    .set("color", "\"#99999966\"", false)
                    .set("penwidth", &pen(data.weight), false)
                    .set("weight", &data.weight.to_string(), false);
            }
        }
    }
    bytes
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_dot_strings() {
        assert_eq!(super::escape("a\"b\\c\nd<e>"), "a\\\"b\\\\c\\nd<e>");
    }
}
