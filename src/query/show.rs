//! Everything the graph knows about one entity.

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

use crate::graph::{KnowledgeGraph, Node};
use crate::relations::CO_OCCURS;

/// A typed relation of the entity, counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationCount {
    /// The predicate.
    pub relation: String,
    /// Stable id of the other entity.
    pub other: String,
    /// Its canonical name.
    pub name: String,
    /// Sentences stating it.
    pub weight: u32,
    /// The sentences deny it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
    /// The words that stood for an argument in sentences read through a reference ("She").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
}

/// What `kg show` prints: the node as stored, and its relations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Id, name, type, aliases, forms seen, mention and document counts.
    #[serde(flatten)]
    pub node: Node,
    /// Entities it co-occurs with.
    pub co_occurring: usize,
    /// Typed relations from it, heaviest first.
    pub outgoing: Vec<RelationCount>,
    /// Typed relations towards it, heaviest first.
    pub incoming: Vec<RelationCount>,
}

/// The distinct words that stood for an argument of `edge`, in evidence order.
fn via(edge: &crate::graph::Edge) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for ev in edge.evidence.records().iter() {
        if let Some(v) = &ev.qualifiers.via
            && !out.contains(v)
        {
            out.push(v.clone());
        }
    }
    out
}

/// The profile of `node`.
pub fn show(kg: &KnowledgeGraph, node: NodeIndex) -> Profile {
    let g = &kg.graph;
    let n = &g[node];
    let typed = |dir: Direction| {
        let mut list: Vec<RelationCount> = g
            .edges_directed(node, dir)
            .filter(|e| e.weight().directed)
            .map(|e| {
                let other = if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                RelationCount {
                    relation: e.weight().relation.clone(),
                    other: g[other].id.clone(),
                    name: g[other].name.clone(),
                    weight: e.weight().weight,
                    negated: e.weight().negated,
                    via: via(e.weight()),
                }
            })
            .collect();
        list.sort_by(|a, b| {
            (std::cmp::Reverse(a.weight), &a.relation, &a.other).cmp(&(
                std::cmp::Reverse(b.weight),
                &b.relation,
                &b.other,
            ))
        });
        list
    };
    let mut co: Vec<NodeIndex> = g
        .edges_directed(node, Direction::Outgoing)
        .chain(g.edges_directed(node, Direction::Incoming))
        .filter(|e| e.weight().relation == CO_OCCURS)
        .map(|e| {
            if e.source() == node {
                e.target()
            } else {
                e.source()
            }
        })
        .collect();
    co.sort();
    co.dedup();
    Profile {
        node: n.clone(),
        co_occurring: co.len(),
        outgoing: typed(Direction::Outgoing),
        incoming: typed(Direction::Incoming),
    }
}

/// "Guadalajara, Jalisco, Mexico (20.68, -103.35)": a place, what it lies in and its point to
/// two decimals; `None` for an entity the gazetteer does not place.
pub fn place_line(n: &Node) -> Option<String> {
    let point = match (n.latitude, n.longitude) {
        (Some(lat), Some(lon)) => Some(format!("({lat:.2}, {lon:.2})")),
        _ => None,
    };
    if point.is_none() && n.within.is_empty() {
        return None;
    }
    let names: Vec<&str> = std::iter::once(n.name.as_str())
        .chain(n.within.iter().map(String::as_str))
        .collect();
    Some(match point {
        Some(p) => format!("{} {p}", names.join(", ")),
        None => names.join(", "),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_line_names_what_it_lies_in_and_its_point() {
        let mut n: Node = serde_json::from_str(
            r#"{"id":"guadalajara","name":"Guadalajara","type":"PLACE","aliases":[],"seen":[],
                "mentions":1,"documents":1,"latitude":20.67738,"longitude":-103.34749,
                "country":"MX","within":["Jalisco","Mexico"]}"#,
        )
        .unwrap();
        assert_eq!(
            place_line(&n).unwrap(),
            "Guadalajara, Jalisco, Mexico (20.68, -103.35)"
        );
        n.latitude = None;
        assert_eq!(place_line(&n).unwrap(), "Guadalajara, Jalisco, Mexico");
        n.within.clear();
        assert_eq!(place_line(&n), None);
    }
}
