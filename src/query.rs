//! Questions asked of a built graph. `graph.json` → a [`KnowledgeGraph`] → answers: which node a
//! name means ([`resolve`]), and who is connected to it and how ([`neighbours`]).

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::gazetteer::EntityKind;
use crate::graph::{GraphFile, KnowledgeGraph};
use crate::normalize::fold;
use crate::relations::CO_OCCURS;

/// Reads a `graph.json`.
///
/// # Errors
/// [`Error::Io`] if unreadable, [`Error::Graph`] if it is not a kg graph.
pub fn load(path: &Path) -> Result<KnowledgeGraph> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let file: GraphFile = serde_json::from_str(&text).map_err(|e| Error::Graph {
        path: path.to_path_buf(),
        message: format!("not a kg graph.json ({e})"),
    })?;
    Ok(KnowledgeGraph::from_file(file))
}

/// The node a name means: its id, canonical name, any gazetteer alias or any form seen in the
/// text, in any case and with or without accents. When several nodes answer, the most mentioned.
///
/// # Errors
/// [`Error::UnknownEntity`] with up to five close names.
pub fn resolve(kg: &KnowledgeGraph, name: &str) -> Result<NodeIndex> {
    let wanted = fold(name);
    let best = kg
        .graph
        .node_indices()
        .filter(|&i| {
            let n = &kg.graph[i];
            n.id == name
                || std::iter::once(&n.name)
                    .chain(&n.aliases)
                    .chain(&n.seen)
                    .any(|a| fold(a) == wanted)
        })
        .max_by_key(|&i| {
            (
                kg.graph[i].mentions,
                std::cmp::Reverse(kg.graph[i].id.clone()),
            )
        });
    best.ok_or_else(|| Error::UnknownEntity {
        name: name.to_string(),
        suggestions: suggest(kg, &wanted),
    })
}

fn suggest(kg: &KnowledgeGraph, wanted: &str) -> Vec<String> {
    let mut scored: Vec<(usize, String)> = kg
        .graph
        .node_weights()
        .map(|n| {
            let score = std::iter::once(&n.name)
                .chain(&n.aliases)
                .chain(&n.seen)
                .map(|a| {
                    let a = fold(a);
                    if a.contains(wanted) || wanted.contains(&a) {
                        0
                    } else {
                        edit_distance(&a, wanted)
                    }
                })
                .min()
                .unwrap_or(usize::MAX);
            (score, n.name.clone())
        })
        .filter(|(score, _)| *score <= wanted.chars().count().max(4) / 2)
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(5).map(|(_, n)| n).collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
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

/// Everyone within `depth` hops of `node`, nearest first, then by weight.
///
/// # Complexity
/// O(V + E) for the breadth-first walk, plus sorting the answer.
pub fn neighbours(
    kg: &KnowledgeGraph,
    node: NodeIndex,
    depth: u32,
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
        let mut next: Vec<NodeIndex> = g.neighbors_undirected(cur).collect();
        next.sort_by(|a, b| g[*a].id.cmp(&g[*b].id));
        for n in next {
            if let std::collections::btree_map::Entry::Vacant(v) = seen.entry(n) {
                v.insert((d + 1, cur));
                queue.push_back(n);
            }
        }
    }
    let mut out: Vec<Neighbour> = seen
        .into_iter()
        .filter(|&(n, _)| n != node)
        .map(|(n, (d, parent))| {
            let mut links = Vec::new();
            let mut quotes = Vec::new();
            let mut weight = 0;
            for e in g
                .edges_connecting(parent, n)
                .chain(g.edges_connecting(n, parent))
            {
                let data = e.weight();
                if data.relation == CO_OCCURS {
                    weight += data.weight;
                }
                let direction = match (data.directed, e.source() == parent) {
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
                let typed = data.relation != CO_OCCURS;
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
                (a.relation == CO_OCCURS, &a.relation).cmp(&(b.relation == CO_OCCURS, &b.relation))
            });
            links.dedup();
            quotes.sort_by_key(|q| q.0);
            let mut evidence_out: Vec<Quote> = Vec::new();
            for (_, q) in quotes {
                if evidence_out.len() < evidence && !evidence_out.contains(&q) {
                    evidence_out.push(q);
                }
            }
            let nd = &g[n];
            Neighbour {
                id: nd.id.clone(),
                name: nd.name.clone(),
                kind: nd.kind,
                depth: d,
                via: (d > 1).then(|| g[parent].id.clone()),
                weight,
                relations: links,
                evidence: evidence_out,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let typed = |n: &Neighbour| {
            n.relations
                .iter()
                .filter(|l| l.relation != CO_OCCURS)
                .count()
        };
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

/// Escapes control and bidi characters in text taken from documents before it reaches a
/// terminal, so a crafted name cannot reorder or hide what is printed.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
        if c == '\n' || c == '\t' || c == '\r' {
            out.push(' ');
        } else if c.is_control() || bidi {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_and_sanitize() {
        assert_eq!(edit_distance("mencho", "mencha"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(sanitize("a\u{202E}b\nc\u{7}"), "a\\u{202e}b c\\u{7}");
    }
}
