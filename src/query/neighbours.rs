//! Who is connected to an entity, and how.

use std::collections::{BTreeMap, VecDeque};

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

use crate::gazetteer::EntityKind;
use crate::graph::{Edge, KnowledgeGraph};
use crate::relations::CO_OCCURS;

/// Which edges and neighbours a query considers.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only list neighbours of this type (others may still be walked through).
    pub kind: Option<EntityKind>,
    /// Only follow edges with this relation.
    pub relation: Option<String>,
    /// Only follow edges with at least this weight.
    pub min_weight: u32,
}

impl Filter {
    /// Whether an edge may be followed.
    pub fn follows(&self, e: &Edge) -> bool {
        e.weight >= self.min_weight && self.relation.as_ref().is_none_or(|r| *r == e.relation)
    }
}

/// Nodes joined to `node` by at least one followed edge, in id order.
pub(crate) fn linked(kg: &KnowledgeGraph, node: NodeIndex, filter: &Filter) -> Vec<NodeIndex> {
    let g = &kg.graph;
    let mut out: Vec<NodeIndex> = g
        .edges_directed(node, petgraph::Direction::Outgoing)
        .chain(g.edges_directed(node, petgraph::Direction::Incoming))
        .filter(|e| filter.follows(e.weight()))
        .map(|e| {
            if e.source() == node {
                e.target()
            } else {
                e.source()
            }
        })
        .filter(|&n| n != node)
        .collect();
    out.sort_by(|a, b| g[*a].id.cmp(&g[*b].id));
    out.dedup();
    out
}

/// How one relation joins a neighbour to the entity asked about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// `co_occurs` or a typed predicate.
    pub relation: String,
    /// `out` (entity → neighbour), `in` (neighbour → entity) or `both` (undirected).
    pub direction: String,
    /// Number of sentences.
    pub weight: u32,
    /// The sentences deny it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negated: bool,
}

/// One evidence sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Document name.
    pub doc: String,
    /// Sentence text.
    pub text: String,
}

/// A neighbour of the entity asked about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Neighbour {
    /// Stable id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Hops from the entity asked about.
    pub depth: u32,
    /// The entity it was reached through, beyond depth 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Co-occurrence weight with the entity (or with `via`): sentences naming both.
    pub weight: u32,
    /// Every relation joining them.
    pub relations: Vec<Link>,
    /// Evidence sentences, typed relations first.
    pub evidence: Vec<Quote>,
}

/// The relations and evidence joining two nodes.
pub(crate) fn connection(
    kg: &KnowledgeGraph,
    from: NodeIndex,
    to: NodeIndex,
    filter: &Filter,
    evidence: usize,
) -> (u32, Vec<Link>, Vec<Quote>) {
    let g = &kg.graph;
    let mut links = Vec::new();
    let mut quotes = Vec::new();
    let mut weight = 0;
    for e in g
        .edges_connecting(from, to)
        .chain(g.edges_connecting(to, from))
    {
        let data = e.weight();
        if !filter.follows(data) || from == to && e.source() != from {
            continue;
        }
        if data.relation == CO_OCCURS {
            weight += data.weight;
        }
        let direction = match (data.directed, e.source() == from) {
            (false, _) => "both",
            (true, true) => "out",
            (true, false) => "in",
        };
        links.push(Link {
            relation: data.relation.clone(),
            direction: direction.to_string(),
            weight: data.weight,
            negated: data.negated,
        });
        let typed = data.relation != CO_OCCURS && !data.negated;
        for ev in &data.evidence {
            quotes.push((
                !typed,
                Quote {
                    doc: ev.doc.clone(),
                    text: ev.text.clone(),
                },
            ));
        }
    }
    links.sort_by(|a, b| {
        (a.relation == CO_OCCURS, &a.relation, &a.direction).cmp(&(
            b.relation == CO_OCCURS,
            &b.relation,
            &b.direction,
        ))
    });
    links.dedup();
    quotes.sort_by_key(|q| q.0);
    let mut out: Vec<Quote> = Vec::new();
    for (_, q) in quotes {
        if out.len() < evidence && !out.contains(&q) {
            out.push(q);
        }
    }
    (weight, links, out)
}

/// Everyone within `depth` hops of `node` over the edges `filter` follows, nearest first, then
/// by co-occurrence weight, then by the weight of typed relations, then by name.
///
/// # Complexity
/// O(V + E) for the breadth-first walk, plus sorting the answer.
pub fn neighbours(
    kg: &KnowledgeGraph,
    node: NodeIndex,
    depth: u32,
    filter: &Filter,
    evidence: usize,
) -> Vec<Neighbour> {
    let g = &kg.graph;
    let mut seen: BTreeMap<NodeIndex, (u32, NodeIndex)> = BTreeMap::new();
    seen.insert(node, (0, node));
    let mut queue = VecDeque::from([node]);
    while let Some(cur) = queue.pop_front() {
        let d = seen[&cur].0;
        if d >= depth {
            continue;
        }
        for n in linked(kg, cur, filter) {
            if let std::collections::btree_map::Entry::Vacant(v) = seen.entry(n) {
                v.insert((d + 1, cur));
                queue.push_back(n);
            }
        }
    }
    let mut out: Vec<Neighbour> = seen
        .into_iter()
        .filter(|&(n, _)| n != node && filter.kind.is_none_or(|k| g[n].kind == k))
        .map(|(n, (d, parent))| {
            let (weight, relations, evidence) = connection(kg, parent, n, filter, evidence);
            let nd = &g[n];
            Neighbour {
                id: nd.id.clone(),
                name: nd.name.clone(),
                kind: nd.kind,
                depth: d,
                via: (d > 1).then(|| g[parent].id.clone()),
                weight,
                relations,
                evidence,
            }
        })
        .collect();
    let typed = |n: &Neighbour| -> u32 {
        n.relations
            .iter()
            .filter(|l| l.relation != CO_OCCURS)
            .map(|l| l.weight)
            .sum()
    };
    out.sort_by(|a, b| {
        (
            a.depth,
            std::cmp::Reverse(a.weight),
            std::cmp::Reverse(typed(a)),
            &a.name,
        )
            .cmp(&(
                b.depth,
                std::cmp::Reverse(b.weight),
                std::cmp::Reverse(typed(b)),
                &b.name,
            ))
    });
    out
}
