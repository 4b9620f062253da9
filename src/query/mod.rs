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
pub use show::{Profile, RelationCount, place_line, show};

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
/// text, in any case and with or without accents. When several nodes answer, the one whose id
/// or canonical name it is, else the most mentioned.
///
/// # Errors
/// [`Error::UnknownEntity`] with up to five close names.
pub fn resolve(kg: &KnowledgeGraph, name: &str) -> Result<NodeIndex> {
    resolve_all(kg, name).map(|(node, _)| node)
}

/// [`resolve`], with the other nodes the name also answers, in the same order of preference
/// ("Carver" names Carver, and is an alias of Anna Carver and John Carver), so a caller can say
/// which one it took. None when the name is an id.
///
/// # Errors
/// As [`resolve`].
pub fn resolve_all(kg: &KnowledgeGraph, name: &str) -> Result<(NodeIndex, Vec<NodeIndex>)> {
    let wanted = fold(name);
    let mut found: Vec<NodeIndex> = kg
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
        .collect();
    found.sort_by_key(|&i| {
        let n = &kg.graph[i];
        (
            std::cmp::Reverse(n.id == name),
            std::cmp::Reverse(fold(&n.name) == wanted),
            std::cmp::Reverse(n.mentions),
            n.id.clone(),
        )
    });
    let Some((&best, others)) = found.split_first() else {
        return Err(Error::UnknownEntity {
            name: name.to_string(),
            suggestions: suggest(kg, &wanted),
        });
    };
    let others = if kg.graph[best].id == name {
        Vec::new()
    } else {
        others.to_vec()
    };
    Ok((best, others))
}

/// The country `name` means for `--within`: an ISO 3166-1 alpha-2 code ("MX", any case), or a
/// name or alias of a country node of the graph or of the built-in gazetteer's countries
/// ("Mexico", "United Mexican States"). Gives (code, the country's node id in `kg` if any).
///
/// # Errors
/// [`Error::Usage`] when nothing names a country so.
pub fn country(kg: &KnowledgeGraph, name: &str) -> Result<(String, Option<String>)> {
    let wanted = fold(name);
    let code = name.to_ascii_uppercase();
    let found = countries()
        .iter()
        .find(|(c, _)| name.len() == 2 && *c == code)
        .or_else(|| {
            countries()
                .iter()
                .find(|(_, names)| names.iter().any(|n| fold(n) == wanted))
        });
    let Some((code, names)) = found else {
        return Err(Error::Usage(format!(
            "--within {name}: no country has that name, alias or ISO code (Mexico, MX)"
        )));
    };
    // The country's own node, which is not inside itself.
    let node = kg
        .graph
        .node_weights()
        .find(|n| {
            n.country.as_ref() == Some(code) && names.iter().any(|x| fold(x) == fold(&n.name))
        })
        .map(|n| n.id.clone());
    Ok((code.clone(), node))
}

/// The built-in countries: (ISO code, names), from the gazetteer's countries file alone.
fn countries() -> &'static [(String, Vec<String>)] {
    static COUNTRIES: std::sync::OnceLock<Vec<(String, Vec<String>)>> = std::sync::OnceLock::new();
    COUNTRIES.get_or_init(|| {
        let (name, text) = crate::gazetteer::DEFAULT_FILES
            .iter()
            .find(|(n, _)| *n == "countries.tsv")
            .expect("the built-in gazetteer has countries.tsv");
        crate::gazetteer::parse(name, text)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|r| {
                let code = r.geo.as_ref()?.iso?.to_string();
                Some((code, std::iter::once(r.name).chain(r.aliases).collect()))
            })
            .collect()
    })
}

/// Up to five names close to `wanted`, most similar first; weak matches are left out, so a typo
/// is not answered with a name that merely contains three of its letters.
fn suggest(kg: &KnowledgeGraph, wanted: &str) -> Vec<String> {
    let mut scored: Vec<(std::cmp::Reverse<u32>, String)> = kg
        .graph
        .node_weights()
        .filter_map(|n| {
            let best = std::iter::once(&n.name)
                .chain(&n.aliases)
                .chain(&n.seen)
                .map(|a| similarity(&fold(a), wanted))
                .max()?;
            (best >= MIN_SIMILARITY).then(|| (std::cmp::Reverse(best), n.name.clone()))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(5).map(|(_, n)| n).collect()
}

/// Similarity in thousandths below which a name is not suggested.
const MIN_SIMILARITY: u32 = 600;

/// How alike a folded name and a folded query are, in thousandths: 1000 for equal; 900 when one
/// is a run of whole words of the other ("mencho" in "el mencho"); otherwise one minus the edit
/// distance over the longer length, against the whole name or its best word ("netanyahoo" is
/// two edits from the "netanyahu" of "benjamin netanyahu").
fn similarity(name: &str, wanted: &str) -> u32 {
    if name == wanted {
        return 1000;
    }
    let words = |s: &str| format!(" {s} ");
    let (long, short) = if name.len() >= wanted.len() {
        (name, wanted)
    } else {
        (wanted, name)
    };
    if short.chars().count() >= 3 && words(long).contains(&words(short)) {
        return 900;
    }
    let ratio = |a: &str, b: &str| {
        let longer = a.chars().count().max(b.chars().count()).max(1);
        let d = edit_distance(a, b).min(longer);
        (1000 * (longer - d) / longer) as u32
    };
    std::iter::once(name)
        .chain(name.split(' ').filter(|w| w.chars().count() >= 3))
        .map(|a| ratio(a, wanted))
        .max()
        .unwrap_or(0)
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

    #[test]
    fn suggestions_are_similar_names_not_names_sharing_a_few_letters() {
        // Issue 21: "eta" is inside "netanyahoo" but is no suggestion for it.
        assert_eq!(similarity("eta", "netanyahoo"), 300);
        assert_eq!(similarity("benjamin netanyahu", "netanyahoo"), 800);
        assert_eq!(similarity("el mencho", "mencho"), 900);
        assert_eq!(similarity("mencho", "mencho"), 1000);
        // A part of a word is not a word of the name.
        assert!(similarity("argentina", "tina") < MIN_SIMILARITY);
        assert!(similarity("cjng", "cjgn") >= 500);
    }
}
