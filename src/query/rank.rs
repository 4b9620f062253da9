//! The most central entities.

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use crate::gazetteer::EntityKind;
use crate::graph::KnowledgeGraph;
use crate::query::neighbours::{Adjacency, Filter};

/// Centrality measures for `kg top`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    /// Number of distinct neighbours.
    Degree,
    /// Sum of the weights of all edges.
    Weight,
    /// PageRank over edge weights (damping 0.85, 50 iterations).
    Pagerank,
    /// Betweenness: how many shortest paths pass through the entity (Brandes).
    Betweenness,
    /// Sum of the positive significance (signed G²) of its co-occurrences: entities tied to
    /// others more than their frequency explains.
    Significance,
}

/// One ranked entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    /// 1 for the most central.
    pub rank: usize,
    /// Stable id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The measure's value.
    pub score: f64,
    /// Mentions in the corpus.
    pub mentions: u32,
}

/// The `n` most central entities by `measure` (ties by name), optionally of one type.
///
/// # Complexity
/// Degree and weight O(V + E); PageRank O(50 (V + E)); betweenness O(V E), or O(500 E) on
/// graphs of more than 500 nodes (estimated from 500 sources).
pub fn top(kg: &KnowledgeGraph, measure: Measure, filter: &Filter, n: usize) -> Vec<Ranked> {
    let g = &kg.graph;
    let index = Adjacency::new(kg, filter);
    let adjacency: Vec<Vec<(usize, f64)>> = g
        .node_indices()
        .map(|i| {
            index
                .of(i)
                .iter()
                .map(|(j, edges)| {
                    (
                        j.index(),
                        edges.iter().map(|&e| f64::from(g[e].weight)).sum(),
                    )
                })
                .collect()
        })
        .collect();
    let scores: Vec<f64> = match measure {
        Measure::Degree => adjacency.iter().map(|a| a.len() as f64).collect(),
        Measure::Weight => adjacency
            .iter()
            .map(|a| a.iter().map(|(_, w)| w).sum())
            .collect(),
        Measure::Pagerank => pagerank(&adjacency),
        Measure::Betweenness => betweenness(&adjacency),
        Measure::Significance => g
            .node_indices()
            .map(|i| {
                index
                    .of(i)
                    .iter()
                    .flat_map(|(_, edges)| edges.iter())
                    .filter_map(|&e| g[e].significance)
                    .filter(|s| *s > 0.0)
                    .sum()
            })
            .collect(),
    };
    let mut order: Vec<NodeIndex> = g
        .node_indices()
        .filter(|&i| filter.kind.is_none_or(|k| g[i].kind == k))
        .collect();
    order.sort_by(|a, b| {
        scores[b.index()]
            .total_cmp(&scores[a.index()])
            .then_with(|| g[*a].name.cmp(&g[*b].name))
    });
    order
        .into_iter()
        .take(n)
        .enumerate()
        .map(|(r, i)| Ranked {
            rank: r + 1,
            id: g[i].id.clone(),
            name: g[i].name.clone(),
            kind: g[i].kind,
            score: (scores[i.index()] * 1e6).round() / 1e6,
            mentions: g[i].mentions,
        })
        .collect()
}

fn pagerank(adj: &[Vec<(usize, f64)>]) -> Vec<f64> {
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let d = 0.85;
    let mut rank = vec![1.0 / n as f64; n];
    let out: Vec<f64> = adj.iter().map(|a| a.iter().map(|(_, w)| w).sum()).collect();
    for _ in 0..50 {
        // Rank held by nodes without edges is spread evenly, so the total stays 1.
        let dangling: f64 = (0..n).filter(|&i| out[i] == 0.0).map(|i| rank[i]).sum();
        let mut next = vec![(1.0 - d) / n as f64 + d * dangling / n as f64; n];
        for (i, edges) in adj.iter().enumerate() {
            for &(j, w) in edges {
                next[j] += d * rank[i] * w / out[i];
            }
        }
        rank = next;
    }
    rank
}

/// Sources used by betweenness on graphs bigger than this; see [`betweenness`].
const BETWEENNESS_PIVOTS: usize = 500;

/// Brandes' algorithm on the unweighted, undirected graph. Exact up to [`BETWEENNESS_PIVOTS`]
/// nodes; beyond, the sum over that many evenly spaced source nodes, scaled up (Brandes and
/// Pich's pivot estimate), which keeps `kg top --by betweenness` at O(500 E).
fn betweenness(adj: &[Vec<(usize, f64)>]) -> Vec<f64> {
    let n = adj.len();
    let mut cb = vec![0.0; n];
    let step = n.div_ceil(BETWEENNESS_PIVOTS).max(1);
    let scale = if step > 1 {
        n as f64 / n.div_ceil(step) as f64
    } else {
        1.0
    };
    for s in (0..n).step_by(step) {
        let mut stack = Vec::new();
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut sigma = vec![0.0f64; n];
        let mut dist = vec![-1i64; n];
        sigma[s] = 1.0;
        dist[s] = 0;
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            stack.push(v);
            for &(w, _) in &adj[v] {
                if dist[w] < 0 {
                    dist[w] = dist[v] + 1;
                    queue.push_back(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        let mut delta = vec![0.0; n];
        while let Some(w) = stack.pop() {
            for &v in &preds[w] {
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }
            if w != s {
                cb[w] += delta[w];
            }
        }
    }
    // Each undirected path was counted from both ends.
    cb.iter().map(|c| c * scale / 2.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn betweenness_of_a_path_graph() {
        // a - b - c: only b lies between.
        let adj = vec![vec![(1, 1.0)], vec![(0, 1.0), (2, 1.0)], vec![(1, 1.0)]];
        assert_eq!(betweenness(&adj), vec![0.0, 1.0, 0.0]);
        let pr = pagerank(&adj);
        assert!((pr.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(pr[1] > pr[0] && (pr[0] - pr[2]).abs() < 1e-12);
    }
}
