//! Who is connected to an entity, and how.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};
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
    /// Only list places inside this country: (ISO 3166-1 alpha-2 code, the country's node id
    /// when the graph has it, which is left out).
    pub within: Option<(String, Option<String>)>,
}

impl Filter {
    /// Whether an edge may be followed.
    pub fn follows(&self, e: &Edge) -> bool {
        e.weight >= self.min_weight && self.relation.as_ref().is_none_or(|r| *r == e.relation)
    }
}

/// Each node's neighbours with the edges joining them, grouped on first use and kept, so that
/// walking the graph costs O(degree) per visited node however many parallel edges a hub has,
/// and a depth-1 question never looks at the rest of the graph.
/// A node's neighbours in id order, each with the edges joining them.
pub(crate) type Neighbourhood = Rc<Vec<(NodeIndex, Vec<EdgeIndex>)>>;

pub(crate) struct Adjacency<'g> {
    kg: &'g KnowledgeGraph,
    filter: &'g Filter,
    lists: RefCell<HashMap<NodeIndex, Neighbourhood>>,
}

impl<'g> Adjacency<'g> {
    /// An empty index over the edges `filter` follows.
    pub(crate) fn new(kg: &'g KnowledgeGraph, filter: &'g Filter) -> Adjacency<'g> {
        Adjacency {
            kg,
            filter,
            lists: RefCell::new(HashMap::new()),
        }
    }

    /// Neighbours of `n` in node (= id) order, with the edges to each.
    ///
    /// # Complexity
    /// O(d log d) the first time for a node of degree d, O(1) after.
    pub(crate) fn of(&self, n: NodeIndex) -> Neighbourhood {
        if let Some(list) = self.lists.borrow().get(&n) {
            return Rc::clone(list);
        }
        let g = &self.kg.graph;
        let mut pairs: Vec<(NodeIndex, EdgeIndex)> = g
            .edges_directed(n, Direction::Outgoing)
            .chain(g.edges_directed(n, Direction::Incoming))
            .filter(|e| self.filter.follows(e.weight()) && e.source() != e.target())
            .map(|e| {
                (
                    if e.source() == n {
                        e.target()
                    } else {
                        e.source()
                    },
                    e.id(),
                )
            })
            .collect();
        pairs.sort();
        let mut grouped: Vec<(NodeIndex, Vec<EdgeIndex>)> = Vec::new();
        for (other, e) in pairs {
            match grouped.last_mut() {
                Some((last, edges)) if *last == other => edges.push(e),
                _ => grouped.push((other, vec![e])),
            }
        }
        let list = Rc::new(grouped);
        self.lists.borrow_mut().insert(n, Rc::clone(&list));
        list
    }

    /// The followed edges between `a` and `b`, either way.
    pub(crate) fn between(&self, a: NodeIndex, b: NodeIndex) -> Vec<EdgeIndex> {
        let list = self.of(a);
        list.binary_search_by_key(&b, |(n, _)| *n)
            .map_or_else(|_| Vec::new(), |i| list[i].1.clone())
    }
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
    /// For co-occurrence: its signed G² (see `kg build`'s `significance`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub significance: Option<f64>,
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
    /// Signed G² of that co-occurrence: how much more often than chance they share sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub significance: Option<f64>,
    /// Every relation joining them.
    pub relations: Vec<Link>,
    /// Evidence sentences, typed relations first.
    pub evidence: Vec<Quote>,
}

/// The co-occurrence weight, relations and up to `evidence` sentences joining two nodes
/// (typed relations' sentences first). Evidence is parsed only as far as needed.
pub(crate) fn connection(
    kg: &KnowledgeGraph,
    adjacency: &Adjacency,
    from: NodeIndex,
    to: NodeIndex,
    evidence: usize,
) -> (u32, Vec<Link>, Vec<Quote>) {
    let g = &kg.graph;
    let mut links = Vec::new();
    let mut weight = 0;
    let edges = adjacency.between(from, to);
    for &e in &edges {
        let data = &g[e];
        if data.relation == CO_OCCURS {
            weight += data.weight;
        }
        let forward = g.edge_endpoints(e).is_some_and(|(s, _)| s == from);
        let direction = match (data.directed, forward) {
            (false, _) => "both",
            (true, true) => "out",
            (true, false) => "in",
        };
        links.push(Link {
            relation: data.relation.clone(),
            direction: direction.to_string(),
            weight: data.weight,
            negated: data.negated,
            significance: data.significance,
        });
    }
    links.sort_by(|a, b| {
        (a.relation == CO_OCCURS, &a.relation, &a.direction).cmp(&(
            b.relation == CO_OCCURS,
            &b.relation,
            &b.direction,
        ))
    });
    links.dedup();
    let mut ordered = edges;
    ordered.sort_by_key(|&e| !g[e].directed || g[e].negated);
    let mut quotes: Vec<Quote> = Vec::new();
    for e in ordered {
        if quotes.len() >= evidence {
            break;
        }
        for ev in g[e].evidence.records().iter() {
            let q = Quote {
                doc: ev.doc.to_string(),
                text: ev.text.to_string(),
            };
            if quotes.len() < evidence && !quotes.contains(&q) {
                quotes.push(q);
            }
        }
    }
    (weight, links, quotes)
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
    by_significance: bool,
) -> Vec<Neighbour> {
    let g = &kg.graph;
    let adjacency = Adjacency::new(kg, filter);
    let mut seen: Vec<Option<(u32, NodeIndex)>> = vec![None; g.node_count()];
    seen[node.index()] = Some((0, node));
    let mut order = Vec::new();
    let mut queue = VecDeque::from([node]);
    while let Some(cur) = queue.pop_front() {
        let d = seen[cur.index()].expect("queued nodes are seen").0;
        if d >= depth {
            continue;
        }
        for (n, _) in adjacency.of(cur).iter() {
            if seen[n.index()].is_none() {
                seen[n.index()] = Some((d + 1, cur));
                order.push(*n);
                queue.push_back(*n);
            }
        }
    }
    let mut out: Vec<Neighbour> = order
        .into_iter()
        .filter(|&n| filter.kind.is_none_or(|k| g[n].kind == k))
        .filter(|&n| {
            filter.within.as_ref().is_none_or(|(code, itself)| {
                g[n].country.as_deref() == Some(code.as_str()) && itself.as_ref() != Some(&g[n].id)
            })
        })
        .map(|n| {
            let (d, parent) = seen[n.index()].expect("visited");
            let (weight, relations, evidence) = connection(kg, &adjacency, parent, n, evidence);
            let nd = &g[n];
            Neighbour {
                id: nd.id.clone(),
                name: nd.name.clone(),
                kind: nd.kind,
                depth: d,
                via: (d > 1).then(|| g[parent].id.clone()),
                weight,
                significance: relations
                    .iter()
                    .find(|l| l.relation == CO_OCCURS)
                    .and_then(|l| l.significance),
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
    if by_significance {
        // Nearest first, then the most significant co-occurrence (none last), then by name.
        let key = |n: &Neighbour| n.significance.unwrap_or(f64::NEG_INFINITY);
        out.sort_by(|a, b| {
            a.depth
                .cmp(&b.depth)
                .then_with(|| key(b).total_cmp(&key(a)))
                .then_with(|| a.name.cmp(&b.name))
        });
        return out;
    }
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
