//! `graph.dot` for Graphviz, written with dot-writer. Shape and colour show the entity type (a
//! legend says which), pen width grows with weight, typed relations are dark labelled arrows,
//! open relations (`--open-relations`) grey dotted ones, and co-occurrence is a light undirected
//! line. Names are escaped for DOT strings.

use std::collections::BTreeMap;

use dot_writer::{Attributes, DotWriter};
use petgraph::graph::NodeIndex;

use crate::export::kind_color;
use crate::export::view::View;
use crate::gazetteer::EntityKind;
use crate::graph::{Edge, KnowledgeGraph};

/// Views with more edges than this are drawn with straight edges.
const SPLINE_LIMIT: usize = 250;

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

pub(crate) fn shape(kind: EntityKind) -> &'static str {
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

/// A legend as the graph's own label, so it shows whatever the layout engine.
fn legend(open: bool, discovered: bool) -> String {
    let cell = |kind: EntityKind| {
        let (r, g, b) = kind_color(kind);
        format!(
            "<TD BGCOLOR=\"#{r:02X}{g:02X}{b:02X}\"><FONT COLOR=\"white\"> {} ({}) </FONT></TD>",
            kind.as_str(),
            shape(kind)
        )
    };
    format!(
        "<<TABLE BORDER=\"0\" CELLSPACING=\"4\"><TR>{}{}{}{}<TD>&#8594; typed relation</TD>{}<TD><FONT COLOR=\"#999999\">&#8212; co-occurrence (width = sentences)</FONT></TD></TR></TABLE>>",
        cell(EntityKind::Person),
        cell(EntityKind::Org),
        cell(EntityKind::Place),
        if discovered {
            "<TD>dashed: discovered (no gazetteer lists it)</TD>"
        } else {
            ""
        },
        if open {
            "<TD><FONT COLOR=\"#7F8C8D\">&#8943;&#8594; open relation (verb, not vetted)</FONT></TD>"
        } else {
            ""
        }
    )
}

/// The label size of a node of `mentions` mentions; smaller on a map, where the map is what
/// gives the scale.
pub fn font_size(mentions: u32, map: bool) -> f64 {
    let grow = f64::from(mentions).sqrt();
    if map {
        (8.0 + grow).min(14.0).round()
    } else {
        (10.0 + 2.0 * grow).round()
    }
}

/// Renders the whole graph as DOT.
pub fn render(kg: &KnowledgeGraph) -> Vec<u8> {
    render_view(kg, &View::all(kg))
}

/// Renders the part of the graph a [`View`] selects as DOT.
pub fn render_view(kg: &KnowledgeGraph, view: &View) -> Vec<u8> {
    render_at(kg, view, None)
}

/// [`render_view`] with every node pinned where `at` puts it (points, for `neato -n`), edges
/// drawn straight and nodes left where they are.
pub fn render_at(
    kg: &KnowledgeGraph,
    view: &View,
    at: Option<&crate::export::geo::Positions>,
) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut writer = DotWriter::from(&mut bytes);
        writer.set_pretty_print(true);
        let mut g = writer.digraph();
        g.graph_attributes()
            // Fixed positions (`at`) keep their overlaps: removing them would move places off
            // their point.
            .set(
                "overlap",
                if at.is_some() { "true" } else { "false" },
                false,
            )
            // Curved edges that avoid nodes look best, but their routing grows steeply with the
            // edge count (10 s for 600 edges in sfdp): straight lines beyond a few hundred.
            .set(
                "splines",
                if view.edges.len() <= SPLINE_LIMIT && at.is_none() {
                    "true"
                } else {
                    "false"
                },
                false,
            )
            .set("outputorder", "edgesfirst", false)
            .set("fontname", "Helvetica", true);
        if at.is_some() {
            // Every place's name is drawn, even where it must overlap another.
            g.graph_attributes().set("forcelabels", "true", false);
        }
        g.node_attributes()
            .set("style", "filled", true)
            .set("fontname", "Helvetica", true)
            .set("fontcolor", "white", false)
            .set("penwidth", "0", false);
        g.edge_attributes()
            .set("fontname", "Helvetica", true)
            .set("fontsize", "9", false);
        g.graph_attributes()
            .set_html(&legend(
                view.edges.iter().any(|&e| kg.graph[e].open),
                view.nodes.iter().any(|&n| kg.graph[n].discovered),
            ))
            .set("labelloc", "b", false);
        for &idx in &view.nodes {
            let n = &kg.graph[idx];
            let size = font_size(n.mentions, at.is_some());
            let mut node = g.node_named(format!("n{}", idx.index()));
            node.set("label", &escape(&n.name), true)
                .set("tooltip", &escape(&n.id), true)
                .set("shape", shape(n.kind), false)
                .set("fillcolor", &hex(kind_color(n.kind)), false)
                .set("fontsize", &format!("{size:.0}"), false);
            if let Some(&(x, y)) = at.and_then(|at| at.get(&idx)) {
                node.set("pos", &format!("{x:.1},{y:.1}!"), true);
                // On a map a place is a small mark on its point, its name beside it (Graphviz
                // moves external labels off each other; the mark never moves).
                if n.latitude.is_some() && n.longitude.is_some() {
                    node.set("label", "", true)
                        .set("xlabel", &escape(&n.name), true)
                        .set("fixedsize", "true", false)
                        .set("width", "0.2", false)
                        .set("height", "0.18", false)
                        .set("fontcolor", "\"#1E8449\"", false);
                }
            }
            // Discovered names are drawn dashed: found by their shape, not listed anywhere.
            if n.discovered {
                node.set("style", "\"filled,dashed\"", false)
                    .set("color", "\"#222222\"", false)
                    .set("penwidth", "2", false);
            }
        }
        // Typed relations between one ordered pair share one arrow with one label line each, so
        // parallel labels do not pile up on top of each other.
        let mut typed: BTreeMap<(NodeIndex, NodeIndex, bool, bool), Vec<&Edge>> = BTreeMap::new();
        for &e in &view.edges {
            let (s, t) = kg.graph.edge_endpoints(e).expect("edge exists");
            let data = &kg.graph[e];
            if data.directed {
                typed
                    .entry((s, t, data.negated, data.open))
                    .or_default()
                    .push(data);
                continue;
            }
            g.edge(format!("n{}", s.index()), format!("n{}", t.index()))
                .attributes()
                .set("dir", "none", false)
                .set("color", "\"#99999966\"", false)
                .set("penwidth", &pen(data.weight), false)
                .set("weight", &data.weight.to_string(), false);
        }
        for ((s, t, negated, open), list) in typed {
            let lines: Vec<String> = list
                .iter()
                .map(|d| {
                    let name = d.label().replace('_', " ");
                    if d.weight > 1 {
                        format!("{name} ×{}", d.weight)
                    } else {
                        name
                    }
                })
                .collect();
            let weight = list.iter().map(|d| d.weight).sum();
            // Open relations (a verb no pattern covers) are dotted: read, not vetted.
            let (color, style) = if negated {
                ("\"#C0392B\"", "dashed")
            } else if open {
                ("\"#7F8C8D\"", "dotted")
            } else {
                ("\"#333333\"", "solid")
            };
            g.edge(format!("n{}", s.index()), format!("n{}", t.index()))
                .attributes()
                .set("label", &escape(&lines.join("\n")), true)
                .set("color", color, false)
                .set("style", style, false)
                .set("penwidth", &pen(weight), false);
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
