//! The shortest connection between two entities.

use std::collections::{BTreeMap, VecDeque};

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use crate::gazetteer::EntityKind;
use crate::graph::KnowledgeGraph;
use crate::query::neighbours::{Filter, Link, Quote, connection, linked};

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hop {
    /// Stable id of the entity stepped from.
    pub from: String,
    /// Stable id of the entity stepped to.
    pub to: String,
    /// Canonical name of `to`.
    pub name: String,
    /// Type of `to`.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The relations joining the two (direction seen from `from`).
    pub relations: Vec<Link>,
    /// One evidence sentence, a typed relation's when there is one.
    pub evidence: Option<Quote>,
}

/// A shortest path (fewest hops) from `a` to `b` over the edges `filter` follows, or `None`
/// when they are not connected. Among equally short paths, the one found first when each
/// node's neighbours are visited by descending weight of typed relations, then of all edges,
/// then by id.
///
/// # Complexity
/// O(V + E) breadth-first search.
pub fn path(kg: &KnowledgeGraph, a: NodeIndex, b: NodeIndex, filter: &Filter) -> Option<Vec<Hop>> {
    let g = &kg.graph;
    let mut parent: BTreeMap<NodeIndex, NodeIndex> = BTreeMap::new();
    parent.insert(a, a);
    let mut queue = VecDeque::from([a]);
    while let Some(cur) = queue.pop_front() {
        if cur == b {
            break;
        }
        let mut next = linked(kg, cur, filter);
        // Typed relations say more than co-occurrence, so they are tried first.
        let strength = |n: NodeIndex| -> (u32, u32) {
            let edges = || g.edges_connecting(cur, n).chain(g.edges_connecting(n, cur));
            let typed = edges().filter(|e| e.weight().directed && !e.weight().negated);
            (
                typed.map(|e| e.weight().weight).sum(),
                edges().map(|e| e.weight().weight).sum(),
            )
        };
        next.sort_by_key(|&n| std::cmp::Reverse(strength(n)));
        for n in next {
            if let std::collections::btree_map::Entry::Vacant(v) = parent.entry(n) {
                v.insert(cur);
                queue.push_back(n);
            }
        }
    }
    if !parent.contains_key(&b) {
        return None;
    }
    let mut nodes = vec![b];
    while let Some(&p) = parent
        .get(nodes.last()?)
        .filter(|&&p| p != *nodes.last().expect("non-empty"))
    {
        nodes.push(p);
    }
    nodes.reverse();
    Some(
        nodes
            .windows(2)
            .map(|w| {
                let (_, relations, mut quotes) = connection(kg, w[0], w[1], filter, 1);
                Hop {
                    from: g[w[0]].id.clone(),
                    to: g[w[1]].id.clone(),
                    name: g[w[1]].name.clone(),
                    kind: g[w[1]].kind,
                    relations,
                    evidence: quotes.pop(),
                }
            })
            .collect(),
    )
}
