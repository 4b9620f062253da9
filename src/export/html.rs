//! `graph.html`: one self-contained page that draws the graph with sigma.js and graphology (a
//! pinned, vendored bundle, `assets/web/`), with search, filters and a side panel of neighbours
//! and their evidence sentences. It opens from disk with no server and no network.
//!
//! Positions come from [`super::layout`], so the page draws at once. The page holds the
//! [`DEFAULT_MAX`] most connected entities and the edges among them (a note says so when it
//! cut); the other files hold everything. The graph sits in a `<script type="application/json">`
//! block with `<`, `>`, `&`, U+2028 and U+2029 escaped, and the page's script writes names and
//! sentences with `textContent` only, so no name can end the block or run as markup.

use std::collections::HashMap;
use std::io::Write;

use petgraph::graph::NodeIndex;
use serde::Serialize;

use crate::export::kind_color;
use crate::export::view::{View, ViewOptions};
use crate::gazetteer::EntityKind;
use crate::graph::{Evidences, KnowledgeGraph};

/// Entities the page holds unless `--html-max` says otherwise.
pub const DEFAULT_MAX: usize = 5000;
/// Evidence sentences per edge the page shows; the panel says how many more `graph.json` has.
pub const PAGE_EVIDENCE: usize = 3;

const TEMPLATE: &str = include_str!("../../assets/web/template.html");
const BUNDLE: &str = include_str!("../../assets/web/bundle.min.js");
const PAGE: &str = include_str!("../../assets/web/page.js");

/// What goes into the page.
#[derive(Debug, Clone)]
pub struct HtmlOptions {
    /// The most entities the page holds (the most connected ones, by weighted degree).
    pub max: usize,
}

impl Default for HtmlOptions {
    fn default() -> HtmlOptions {
        HtmlOptions { max: DEFAULT_MAX }
    }
}

/// Writes the page of the whole graph (cut to `options.max` entities) to `out`.
///
/// # Errors
/// Whatever `out` fails with.
pub fn write(
    kg: &KnowledgeGraph,
    options: &HtmlOptions,
    mut out: impl Write,
) -> std::io::Result<()> {
    out.write_all(&render(kg, options))
}

/// The page of the whole graph, cut to `options.max` entities.
pub fn render(kg: &KnowledgeGraph, options: &HtmlOptions) -> Vec<u8> {
    let total = kg.graph.node_count();
    if total <= options.max {
        return render_view(kg, &View::all(kg));
    }
    let mut view = View::new(
        kg,
        &ViewOptions {
            top: Some(options.max),
            min_weight: 1,
            depth: 1,
            ..ViewOptions::default()
        },
    )
    .expect("a view without --focus names no entity");
    view.note = Some(format!(
        "this page holds the {} most connected of {total} entities and the edges among them; graph.json holds everything (kg build --html-max N to change it)",
        view.nodes.len()
    ));
    render_view(kg, &view)
}

#[derive(Serialize)]
struct Kind {
    color: String,
    shape: &'static str,
}

#[derive(Serialize)]
struct PageNode<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    aliases: &'a [String],
    discovered: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
    mentions: u32,
    documents: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    dates: Option<&'a (String, String)>,
    x: f64,
    y: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PageLink<'a> {
    s: usize,
    t: usize,
    relation: &'a str,
    directed: bool,
    negated: bool,
    open: bool,
    weight: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    significance: Option<f64>,
    documents: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    dates: Option<&'a (String, String)>,
    evidence_count: usize,
    /// `[sentence, document, source start, source end, target start, target end]`: indices into
    /// the page's tables, then the two names as UTF-16 offsets into the sentence (what
    /// JavaScript's strings count), 0 and 0 when a name lies outside it (a dateline).
    evidence: Vec<[usize; 6]>,
}

#[derive(Serialize)]
struct Page<'a> {
    summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    kinds: std::collections::BTreeMap<&'static str, Kind>,
    /// `[name, date]`.
    docs: Vec<(&'a str, Option<&'a str>)>,
    sentences: Vec<&'a str>,
    nodes: Vec<PageNode<'a>>,
    links: Vec<PageLink<'a>>,
}

/// The page of the part of the graph `view` selects; its note, if any, shows in the header.
pub fn render_view(kg: &KnowledgeGraph, view: &View) -> Vec<u8> {
    let g = &kg.graph;
    let nodes: Vec<NodeIndex> = view.nodes.iter().copied().collect();
    let local: HashMap<NodeIndex, usize> = nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let ends: Vec<(usize, usize)> = view
        .edges
        .iter()
        .map(|&e| {
            let (s, t) = g.edge_endpoints(e).expect("edge exists");
            (local[&s], local[&t])
        })
        .collect();
    let ids: Vec<&str> = nodes.iter().map(|&n| g[n].id.as_str()).collect();
    let weighted: Vec<(usize, usize, f64)> = view
        .edges
        .iter()
        .zip(&ends)
        .map(|(&e, &(s, t))| (s, t, f64::from(g[e].weight)))
        .collect();
    let positions = super::layout::layout(&ids, &weighted);

    let mut docs: Vec<(&str, Option<&str>)> = kg
        .documents
        .iter()
        .map(|d| (d.name.as_str(), d.date.as_deref()))
        .collect();
    let mut doc_index: HashMap<&str, usize> =
        docs.iter().enumerate().map(|(i, d)| (d.0, i)).collect();
    // Evidence is read edge by edge; the sentence texts are kept alive here for the page's
    // table, each once.
    let mut texts: Vec<std::sync::Arc<str>> = Vec::new();
    let mut text_index: HashMap<std::sync::Arc<str>, usize> = HashMap::new();
    let mut buf = Vec::new();
    let mut counts = Vec::with_capacity(view.edges.len());
    let mut quoted: Vec<Vec<Quoted>> = Vec::new();
    for &e in &view.edges {
        let edge = &g[e];
        // The first few records only: a built graph keeps up to 100 per edge, and expanding
        // them all was most of the page's cost.
        let count = match &edge.evidence {
            Evidences::Kept(records, table) => {
                buf.clear();
                buf.extend(
                    records
                        .iter()
                        .take(PAGE_EVIDENCE)
                        .map(|k| table.evidence(k)),
                );
                records.len()
            }
            other => {
                other.read_into(&mut buf);
                buf.len()
            }
        };
        let mut list = Vec::new();
        for ev in buf.iter().take(PAGE_EVIDENCE) {
            let sentence = match text_index.get(&ev.text) {
                Some(&i) => i,
                None => {
                    texts.push(ev.text.clone());
                    text_index.insert(ev.text.clone(), texts.len() - 1);
                    texts.len() - 1
                }
            };
            let [a, b] = [ev.source_span, ev.target_span].map(|span| {
                utf16_range(
                    &ev.text,
                    span.start.wrapping_sub(ev.start),
                    span.end.wrapping_sub(ev.start),
                )
            });
            list.push(Quoted {
                sentence,
                doc: ev.doc.clone(),
                names: [a.0, a.1, b.0, b.1],
            });
        }
        quoted.push(list);
        counts.push(count);
    }
    // Documents the evidence names that the graph's list lacks (a graph.json edited by hand):
    // listed after the others, undated.
    let missing: std::collections::BTreeSet<&str> = quoted
        .iter()
        .flatten()
        .map(|q| &*q.doc)
        .filter(|d| !doc_index.contains_key(d))
        .collect();
    for name in missing {
        doc_index.insert(name, docs.len());
        docs.push((name, None));
    }
    let doc_of = |name: &str| doc_index.get(name).copied().unwrap_or(0);
    let page_links: Vec<PageLink> = view
        .edges
        .iter()
        .zip(&ends)
        .zip(quoted.iter().zip(&counts))
        .map(|((&e, &(s, t)), (list, &count))| {
            let edge = &g[e];
            PageLink {
                s,
                t,
                relation: &edge.relation,
                directed: edge.directed,
                negated: edge.negated,
                open: edge.open,
                weight: edge.weight,
                significance: edge.significance.filter(|v| v.is_finite()).map(round2),
                documents: edge.documents,
                dates: edge.dates.as_ref(),
                evidence_count: count,
                evidence: list
                    .iter()
                    .map(|q| {
                        let [a, b, c, d] = q.names;
                        [q.sentence, doc_of(&q.doc), a, b, c, d]
                    })
                    .collect(),
            }
        })
        .collect();
    let page_nodes: Vec<PageNode> = nodes
        .iter()
        .zip(&positions)
        .map(|(&n, p)| {
            let node = &g[n];
            PageNode {
                id: &node.id,
                name: &node.name,
                kind: node.kind.as_str(),
                aliases: &node.aliases,
                discovered: node.discovered,
                confidence: node.confidence.filter(|c| c.is_finite()),
                mentions: node.mentions,
                documents: node.documents,
                dates: node.dates.as_ref(),
                x: round2(p[0]),
                y: round2(p[1]),
            }
        })
        .collect();
    let kinds = [EntityKind::Person, EntityKind::Org, EntityKind::Place]
        .into_iter()
        .map(|k| {
            let (r, gr, b) = kind_color(k);
            (
                k.as_str(),
                Kind {
                    color: format!("#{r:02X}{gr:02X}{b:02X}"),
                    shape: super::dot::shape(k),
                },
            )
        })
        .collect();
    let page = Page {
        summary: format!(
            "{}, {}",
            crate::cli::count(g.node_count(), "entity"),
            crate::cli::count(g.edge_count(), "edge")
        ),
        note: view.note.as_deref(),
        kinds,
        docs,
        sentences: texts.iter().map(|t| &**t).collect(),
        nodes: page_nodes,
        links: page_links,
    };
    let json = serde_json::to_string(&page).expect("page data serializes");
    fill(&script_safe(&json))
}

/// One evidence record as the page shows it: its sentence in the page's table, its document,
/// and where the two names lie in the sentence (UTF-16 offsets).
struct Quoted {
    sentence: usize,
    doc: std::sync::Arc<str>,
    names: [usize; 4],
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The UTF-16 offsets of bytes `start..end` of `text`, or `(0, 0)` when they do not lie on
/// character boundaries inside it.
fn utf16_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    if start >= end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return (0, 0);
    }
    let a = text[..start].encode_utf16().count();
    (a, a + text[start..end].encode_utf16().count())
}

/// JSON made safe inside a `<script>` element: `<`, `>` and `&` (so no `</script>` or `<!--`
/// can appear) and the two line separators older JavaScript parsers reject, all as `\u` escapes.
/// They can only occur inside JSON strings, where the escapes mean the same characters.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The template with its three marker lines replaced: the data, the bundle, the page script.
fn fill(data: &str) -> Vec<u8> {
    let mut out = String::with_capacity(TEMPLATE.len() + BUNDLE.len() + PAGE.len() + data.len());
    for line in TEMPLATE.split_inclusive('\n') {
        match line.trim_end() {
            "<!-- kg:data -->" => out.push_str(data),
            "<!-- kg:bundle -->" => out.push_str(BUNDLE.trim_end()),
            "<!-- kg:page -->" => out.push_str(PAGE.trim_end()),
            _ => {
                out.push_str(line);
                continue;
            }
        }
        out.push('\n');
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_escapes_what_could_end_the_block() {
        let json =
            serde_json::to_string("</script><script>alert(1)</script> & <!-- \u{2028}\u{2029}")
                .unwrap();
        let safe = script_safe(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert!(!safe.contains('\u{2028}') && !safe.contains('\u{2029}'));
        // Still the same string once parsed.
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(
            back,
            "</script><script>alert(1)</script> & <!-- \u{2028}\u{2029}"
        );
    }

    #[test]
    fn vendored_scripts_cannot_end_their_script_element() {
        for (name, text) in [("bundle", BUNDLE), ("page", PAGE)] {
            let lower = text.to_ascii_lowercase();
            assert!(
                !lower.contains("</script") && !lower.contains("<!--"),
                "{name}"
            );
        }
        for marker in ["<!-- kg:data -->", "<!-- kg:bundle -->", "<!-- kg:page -->"] {
            assert_eq!(TEMPLATE.matches(marker).count(), 1, "{marker}");
        }
    }

    #[test]
    fn utf16_offsets_count_what_javascript_counts() {
        // "é" is two bytes and one UTF-16 unit; "😀" four bytes and two units.
        let text = "é😀 Acme sued Bolt";
        let start = text.find("Acme").unwrap();
        assert_eq!(utf16_range(text, start, start + 4), (4, 8));
        assert_eq!(utf16_range(text, 1, 3), (0, 0), "not a character boundary");
        assert_eq!(utf16_range(text, 5, 999), (0, 0), "past the end");
    }
}
