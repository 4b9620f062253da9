//! Which part of the graph a picture shows. A graph of thousands of entities renders as a
//! hairball, so the DOT export draws a [`View`]: the ego network of one entity, the top entities
//! by weighted degree, heavy edges only, or typed relations only. GraphML, GEXF and JSON always
//! hold everything.

use std::collections::{BTreeSet, VecDeque};

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::error::Result;
use crate::graph::KnowledgeGraph;

/// Entities drawn when the graph is too big and no option says what to draw.
pub const DEFAULT_LIMIT: usize = 150;
/// Edges drawn then.
pub const DEFAULT_EDGE_LIMIT: usize = 600;

/// What the user asked to see.
#[derive(Debug, Clone, Default)]
pub struct ViewOptions {
    /// Only the N entities with the highest weighted degree.
    pub top: Option<usize>,
    /// Only edges stated in at least this many sentences.
    pub min_weight: u32,
    /// Only the ego network of this entity (any name).
    pub focus: Option<String>,
    /// Hops around `focus`.
    pub depth: u32,
    /// Only typed relations, no co-occurrence.
    pub relations_only: bool,
    /// Only the co-occurrence backbone: edges the disparity filter finds significant at this
    /// level for at least one end (typed relations all stay).
    pub backbone: Option<f64>,
}

/// The nodes and edges to draw, and a note when the graph was cut without being asked.
#[derive(Debug, Clone)]
pub struct View {
    /// Nodes to draw.
    pub nodes: BTreeSet<NodeIndex>,
    /// Edges to draw (both ends in `nodes`).
    pub edges: Vec<EdgeIndex>,
    /// Set when the default limit cut the graph: what was left out and how to see it.
    pub note: Option<String>,
}

impl View {
    /// The graph this view shows, as a graph of its own: its nodes and edges in the graph's
    /// order, every document kept (evidence points into them).
    pub fn subgraph(&self, kg: &KnowledgeGraph) -> KnowledgeGraph {
        let edges: BTreeSet<EdgeIndex> = self.edges.iter().copied().collect();
        KnowledgeGraph {
            graph: kg.graph.filter_map(
                |n, node| self.nodes.contains(&n).then(|| node.clone()),
                |e, edge| edges.contains(&e).then(|| edge.clone()),
            ),
            documents: kg.documents.clone(),
        }
    }

    /// Everything.
    pub fn all(kg: &KnowledgeGraph) -> View {
        View {
            nodes: kg.graph.node_indices().collect(),
            edges: kg.graph.edge_indices().collect(),
            note: None,
        }
    }

    /// The part of `kg` that `opts` asks for.
    ///
    /// # Errors
    /// [`crate::Error::UnknownEntity`] when `focus` names no entity.
    pub fn new(kg: &KnowledgeGraph, opts: &ViewOptions) -> Result<View> {
        let g = &kg.graph;
        let backbone = opts.backbone.map(|alpha| backbone(kg, alpha));
        let keep_edge = |e: EdgeIndex| {
            let d = &g[e];
            d.weight >= opts.min_weight
                && (!opts.relations_only || d.directed)
                && backbone
                    .as_ref()
                    .is_none_or(|b| d.directed || b.contains(&e))
        };
        let mut nodes: BTreeSet<NodeIndex> = g.node_indices().collect();
        if let Some(name) = &opts.focus {
            let start = crate::query::resolve(kg, name)?;
            nodes = BTreeSet::from([start]);
            let mut queue = VecDeque::from([(start, 0)]);
            while let Some((n, d)) = queue.pop_front() {
                if d >= opts.depth.max(1) {
                    continue;
                }
                for e in g
                    .edges_directed(n, petgraph::Direction::Outgoing)
                    .chain(g.edges_directed(n, petgraph::Direction::Incoming))
                {
                    let other = if e.source() == n {
                        e.target()
                    } else {
                        e.source()
                    };
                    if keep_edge(e.id()) && nodes.insert(other) {
                        queue.push_back((other, d + 1));
                    }
                }
            }
        }
        let mut note = None;
        let unasked = opts.top.is_none() && opts.focus.is_none();
        let limit = match opts.top {
            Some(n) => Some(n),
            None if unasked && nodes.len() > DEFAULT_LIMIT * 2 => {
                note = Some(format!(
                    "drawing the {DEFAULT_LIMIT} most connected of {} entities; use --top N, --focus ENTITY or --min-weight W to draw others (graph.graphml, graph.gexf and graph.json hold everything)",
                    nodes.len()
                ));
                Some(DEFAULT_LIMIT)
            }
            None => None,
        };
        if let Some(n) = limit {
            let strength = |i: NodeIndex| -> u64 {
                g.edges_directed(i, petgraph::Direction::Outgoing)
                    .chain(g.edges_directed(i, petgraph::Direction::Incoming))
                    .filter(|e| keep_edge(e.id()))
                    .map(|e| u64::from(e.weight().weight))
                    .sum()
            };
            let mut ranked: Vec<NodeIndex> = nodes.iter().copied().collect();
            ranked.sort_by(|a, b| {
                strength(*b)
                    .cmp(&strength(*a))
                    .then_with(|| g[*a].id.cmp(&g[*b].id))
            });
            nodes = ranked.into_iter().take(n).collect();
        }
        let mut edges: Vec<EdgeIndex> = g
            .edge_indices()
            .filter(|&e| {
                let (s, t) = g.edge_endpoints(e).expect("edge exists");
                keep_edge(e) && nodes.contains(&s) && nodes.contains(&t)
            })
            .collect();
        if note.is_some() && edges.len() > DEFAULT_EDGE_LIMIT {
            // The hubs of a big graph are nearly all linked to each other: keep the heaviest
            // edges so the layout stays readable (and quick).
            let mut ranked = edges.clone();
            ranked.sort_by_key(|&e| (std::cmp::Reverse(g[e].weight), !g[e].directed, e));
            ranked.truncate(DEFAULT_EDGE_LIMIT);
            ranked.sort();
            edges = ranked;
            note = note.map(|n| {
                n.replacen(
                    "entities;",
                    &format!("entities and their {DEFAULT_EDGE_LIMIT} heaviest edges;"),
                    1,
                )
            });
        }
        if opts.min_weight > 1 || opts.relations_only || opts.backbone.is_some() {
            // Drop entities left without any drawn edge, except the focus itself.
            let focus = opts
                .focus
                .as_ref()
                .and_then(|f| crate::query::resolve(kg, f).ok());
            let linked: BTreeSet<NodeIndex> = edges
                .iter()
                .flat_map(|&e| {
                    let (s, t) = g.edge_endpoints(e).expect("edge exists");
                    [s, t]
                })
                .chain(focus)
                .collect();
            nodes.retain(|n| linked.contains(n));
        }
        Ok(View { nodes, edges, note })
    }
}

/// The co-occurrence edges that the disparity filter (Serrano, Boguñá and Vespignani 2009) keeps
/// at level `alpha`: an edge stays when, at either end, (1 − w/s)^(k − 1) < `alpha`, with w its
/// weight, s the end's strength (its co-occurrence weights summed) and k its co-occurrence degree.
pub fn backbone(kg: &KnowledgeGraph, alpha: f64) -> BTreeSet<EdgeIndex> {
    let g = &kg.graph;
    let mut strength = vec![0.0f64; g.node_count()];
    let mut degree = vec![0usize; g.node_count()];
    let co: Vec<EdgeIndex> = g.edge_indices().filter(|&e| !g[e].directed).collect();
    for &e in &co {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        for n in [s, t] {
            strength[n.index()] += f64::from(g[e].weight);
            degree[n.index()] += 1;
        }
    }
    co.into_iter()
        .filter(|&e| {
            let (s, t) = g.edge_endpoints(e).expect("edge exists");
            let w = f64::from(g[e].weight);
            [s, t].iter().any(|n| {
                crate::graph::significance::disparity(w, strength[n.index()], degree[n.index()])
                    < alpha
            })
        })
        .collect()
}
