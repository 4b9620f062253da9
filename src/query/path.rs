//! The shortest connection between two entities.

use std::collections::{BTreeMap, VecDeque};

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::gazetteer::EntityKind;
use crate::graph::KnowledgeGraph;
use crate::query::neighbours::{Adjacency, Filter, Link, Quote, connection};

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
    let adjacency = Adjacency::new(kg, filter);
    let mut parent: BTreeMap<NodeIndex, NodeIndex> = BTreeMap::new();
    parent.insert(a, a);
    let mut queue = VecDeque::from([a]);
    while let Some(cur) = queue.pop_front() {
        if cur == b {
            break;
        }
        // Typed relations say more than co-occurrence, so they are tried first.
        let strength = |edges: &[EdgeIndex]| -> (u32, u32) {
            let typed = edges.iter().filter(|&&e| g[e].directed && !g[e].negated);
            (
                typed.map(|&e| g[e].weight).sum(),
                edges.iter().map(|&e| g[e].weight).sum(),
            )
        };
        let list = adjacency.of(cur);
        let mut next: Vec<&(NodeIndex, Vec<EdgeIndex>)> = list.iter().collect();
        next.sort_by_key(|(_, edges)| std::cmp::Reverse(strength(edges)));
        for (n, _) in next {
            if let std::collections::btree_map::Entry::Vacant(v) = parent.entry(*n) {
                v.insert(cur);
                queue.push_back(*n);
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
                let (_, relations, mut quotes) = connection(kg, &adjacency, w[0], w[1], 1);
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
