//! Questions asked of a built graph. `graph.json` → a [`KnowledgeGraph`] → answers: which node a
//! name means ([`resolve`]), who is connected to it and how ([`neighbours`]), the shortest
//! connection between two entities ([`path`]), the most central entities ([`top`]) and what the
//! graph knows of one entity ([`show`]).

mod diff;
mod neighbours;
mod path;
mod rank;
mod show;

pub use diff::{Diff, EdgeChange, EdgeChanges, EntityChanges, diff};
pub use neighbours::{Filter, Link, Neighbour, Quote, neighbours};
pub use path::{Hop, path};
pub use rank::{Measure, Ranked, top};

/// How `kg neighbors` orders its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Sort {
    /// Heaviest co-occurrence first.
    #[default]
    Weight,
    /// Most significant co-occurrence (signed G²) first.
    Significance,
}
pub use show::{Profile, RelationCount, show};

use std::path::Path;

use petgraph::graph::NodeIndex;

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::normalize::fold;

/// Reads a `graph.json`.
///
/// # Errors
/// [`Error::Io`] if unreadable, [`Error::Graph`] if it is not a kg graph.
pub fn load(path: &Path) -> Result<KnowledgeGraph> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    KnowledgeGraph::parse(std::sync::Arc::new(text)).map_err(|e| Error::Graph {
        path: path.to_path_buf(),
        message: format!("not a kg graph.json ({e})"),
    })
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
