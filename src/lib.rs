//! kg builds a knowledge graph from news text with a gazetteer.
//!
//! # Brief overview
//! The pipeline has one module per stage, and plain data flows from one to the next:
//!
//! 1. [`corpus`]: paths → [`corpus::Document`]s (binary and broken files reported by name).
//! 2. [`sentences`]: a document → [`sentences::Sentence`] spans ("U.S." and "Brig. Gen." are not
//!    sentence ends).
//! 3. [`gazetteer`] + [`normalize`] + [`tagger`]: a compiled [`tagger::Tagger`] finds
//!    [`tagger::Mention`]s: whole words, longest match first, accents, dashes and quotes folded,
//!    spans as byte offsets into the original text.
//!    [`discover`] (with `--discover`) adds the proper names the gazetteer does not list, typed
//!    from their context.
//! 4. [`relations`]: mentions → co-occurrence and typed [`relations::Relation`]s with evidence.
//! 5. [`facts`]: one document's mentions and relations by stable id, mergeable across runs;
//!    [`graph`]: facts → a [`graph::KnowledgeGraph`] (petgraph), one node per entity.
//! 6. [`export`]: GraphML, DOT and JSON, written atomically; [`query`] answers from the JSON.
//!
//! ```
//! use kg::{Pipeline, corpus::{DocId, Document}, gazetteer::{Gazetteer, parse}};
//!
//! let gazetteer = Gazetteer::from_records(parse("mini.tsv",
//!     "cia\tORG\tCentral Intelligence Agency\tCIA\nmexico\tPLACE\tMexico\n")?)?;
//! let patterns = kg::relations::patterns::parse("mini.patterns",
//!     "verb\tprovided_intelligence_to\t*\t*\t~provide ... to\n")?;
//! let pipeline = Pipeline::new(gazetteer, patterns);
//! let doc = Document::new(DocId(0), "note.txt", "The CIA provided tips to Mexico.");
//! let mut builder = kg::graph::GraphBuilder::new(100);
//! builder.add(pipeline.extract(&doc));
//! let graph = builder.finish();
//! let edges: Vec<(&str, &str, &str)> = graph.graph.edge_weights()
//!     .map(|e| (e.source.as_str(), e.relation.as_str(), e.target.as_str()))
//!     .collect();
//! assert_eq!(edges, [("cia", "co_occurs", "mexico"), ("cia", "provided_intelligence_to", "mexico")]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod batch;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod discover;
pub mod error;
pub mod export;
pub mod facts;
pub mod fingerprint;
pub mod gazetteer;
pub mod graph;
pub mod jsonl;
pub mod names;
pub mod normalize;
pub mod query;
pub mod relations;
pub mod sentences;
pub mod tagger;
#[cfg(test)]
mod testing;
pub mod titles;

pub use error::{Error, Result};

use corpus::Document;
use facts::{DocFacts, EntityFact, MentionFact, RelationFact};
use gazetteer::EntityId;
use gazetteer::{Gazetteer, Known};
use relations::{Pattern, PatternSet};
use tagger::Tagger;

/// The in-repo sample news text, built when `kg build` is given no path.
pub const SAMPLE: &[(&str, &str)] = &[
    (
        "examples/news/cartel_operation.txt",
        include_str!("../examples/news/cartel_operation.txt"),
    ),
    (
        "examples/news/border_talks.txt",
        include_str!("../examples/news/border_talks.txt"),
    ),
    (
        "examples/news/europe_security.txt",
        include_str!("../examples/news/europe_security.txt"),
    ),
];

/// A compiled gazetteer and pattern set, ready to process documents.
pub struct Pipeline {
    /// The entities.
    pub gazetteer: Gazetteer,
    /// The compiled matcher.
    pub tagger: Tagger,
    /// Relation patterns.
    pub patterns: PatternSet,
    /// Also discover names the gazetteer does not list.
    pub discover: bool,
    /// Fingerprint documents, so a build can fold copies of one story.
    pub fingerprint: bool,
    /// Link a place to the subdivision and country its geo keys name, when the document names
    /// them too (`located_in`, `how: gazetteer`).
    pub geo_links: bool,
}

/// One document read: its sentences, its mentions (discovered ones included, in text order) and
/// the entities discovered in it.
pub struct Analysis {
    /// Sentences.
    pub sentences: Vec<sentences::Sentence>,
    /// Mentions and demonym anchors.
    pub tagged: tagger::Tagged,
    /// Discovered entities (empty without `--discover`).
    pub discovered: discover::Discoveries,
}

impl Analysis {
    /// The entities its mentions may name.
    pub fn known<'a>(&'a self, gazetteer: &'a Gazetteer) -> Known<'a> {
        Known {
            gazetteer,
            discovered: &self.discovered.entities,
        }
    }

    /// Confidence and evidence of a discovered entity; `None` for a gazetteer entity.
    pub fn discovery(&self, gazetteer: &Gazetteer, id: EntityId) -> Option<(f32, &[&'static str])> {
        let i = (id.0 as usize).checked_sub(gazetteer.len())?;
        Some((
            self.discovered.confidence[i],
            self.discovered.evidence[i].as_slice(),
        ))
    }
}

/// A name the text breaks across lines ("Mexico\nCity", a wrapped "Harriet\nMoss") is one
/// mention, so the line break inside it ends no sentence: the sentences it spans become one and
/// every mention and anchor is renumbered, so a relation's sentence always holds its names.
fn join_broken_names(sentences: &mut Vec<sentences::Sentence>, tagged: &mut tagger::Tagged) {
    let mut joins = vec![false; sentences.len()];
    for m in tagged.mentions.iter().chain(&tagged.anchors) {
        let mut k = m.sentence as usize;
        while k + 1 < sentences.len() && m.span.end > sentences[k].span.end {
            joins[k] = true;
            k += 1;
        }
    }
    if !joins.contains(&true) {
        return;
    }
    let mut merged: Vec<sentences::Sentence> = Vec::with_capacity(sentences.len());
    let mut renumber = Vec::with_capacity(sentences.len());
    for (i, s) in sentences.iter().enumerate() {
        match merged.last_mut() {
            Some(last) if joins[i - 1] => last.span.end = s.span.end,
            _ => merged.push(sentences::Sentence {
                index: merged.len() as u32,
                ..*s
            }),
        }
        renumber.push(merged.len() as u32 - 1);
    }
    for m in tagged.mentions.iter_mut().chain(&mut tagged.anchors) {
        m.sentence = renumber[m.sentence as usize];
    }
    *sentences = merged;
}

impl Pipeline {
    /// Compiles the tagger once.
    pub fn new(gazetteer: Gazetteer, patterns: Vec<Pattern>) -> Pipeline {
        let tagger = Tagger::new(&gazetteer);
        Pipeline {
            gazetteer,
            tagger,
            patterns: PatternSet::new(patterns),
            discover: false,
            fingerprint: true,
            geo_links: true,
        }
    }

    /// Sentences and mentions of one document, discovered names included when asked for.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let sentences = sentences::split(doc);
        let mut tagged = self.tagger.tag(doc, &sentences);
        let discovered = if self.discover {
            let g = &self.gazetteer;
            let d = discover::discover(doc, &sentences, &tagged, g.len() as u32, |id| {
                let e = g.entity(id);
                match (e.kind, e.parent) {
                    (gazetteer::EntityKind::Place, Some(_)) => discover::Listed::Place,
                    (gazetteer::EntityKind::Place, None) => discover::Listed::Country,
                    _ => discover::Listed::Other,
                }
            });
            // A discovered organization may hold a gazetteer place ("Atlantic City Hospital").
            let inside = |s: sentences::Span| {
                let i = d.mentions.partition_point(|m| m.span.start <= s.start);
                i > 0 && s.end <= d.mentions[i - 1].span.end
            };
            tagged.mentions.retain(|m| !inside(m.span));
            // ... or a demonym ("Spanish Air Force"), which then anchors no relation.
            tagged.anchors.retain(|m| !inside(m.span));
            tagged.mentions.extend(d.mentions.iter().cloned());
            tagged.mentions.sort_by_key(|m| m.span);
            d
        } else {
            discover::Discoveries::default()
        };
        // "Anarchy in Tokyo", a song: names inside a quoted title are not mentions.
        if doc.text.contains(['"', '\u{201c}']) {
            let titles = titles::quoted_titles(&doc.text);
            tagged
                .mentions
                .retain(|m| !titles::strictly_inside(&titles, m.span));
        }
        let mut sentences = sentences;
        join_broken_names(&mut sentences, &mut tagged);
        Analysis {
            sentences,
            tagged,
            discovered,
        }
    }

    /// Sentences, mentions and relations of one document, as facts by stable id.
    pub fn extract(&self, doc: &Document) -> DocFacts {
        let analysis = self.analyze(doc);
        let (sentences, tagged) = (&analysis.sentences, &analysis.tagged);
        let known = analysis.known(&self.gazetteer);
        let mut relations = relations::extract(doc, sentences, tagged, &known, &self.patterns);
        if self.geo_links {
            let links = relations::geo::links(doc, sentences, tagged, &self.gazetteer, &relations);
            relations.extend(links);
        }
        // Each entity's id once per document, shared by its mentions and relations.
        let mut keys: normalize::WordMap<EntityId, std::sync::Arc<str>> = Default::default();
        let mut key = |id| {
            std::sync::Arc::clone(
                keys.entry(id)
                    .or_insert_with(|| known.entity(id).key.as_str().into()),
            )
        };
        // Every entity the document's facts name: its mentions and the ends of its relations
        // (a demonym anchors a relation to its country without mentioning it: "French
        // officials" reaches France), so no relation points outside the document's table.
        // A piece of a big file names a few thousand entities a hundred thousand times: they
        // are gathered distinct first, so only the few thousand are sorted.
        let mut distinct: normalize::WordSet<EntityId> = Default::default();
        distinct.extend(tagged.mentions.iter().map(|m| m.entity));
        distinct.extend(relations.iter().flat_map(|r| [r.source, r.target]));
        let mut ids: Vec<EntityId> = distinct.into_iter().collect();
        ids.sort_unstable();
        // Offsets count from the start of the file, whatever piece of it this is.
        let base = doc.base;
        let at = |s: sentences::Span| sentences::Span::new(s.start + base, s.end + base);
        DocFacts {
            doc: doc.name.clone(),
            date: doc.date.clone(),
            part: doc.part,
            sentences: sentences.len() as u32,
            fingerprint: if doc.part == 0 && self.fingerprint {
                fingerprint::fingerprint(&doc.text)
            } else {
                Vec::new()
            },
            entities: ids
                .into_iter()
                .map(|id| {
                    let e = known.entity(id);
                    let discovery = analysis.discovery(&self.gazetteer, id);
                    let geo = e.geo.as_deref();
                    let listed = (id.0 as usize) < self.gazetteer.len();
                    let within = if listed {
                        self.gazetteer.containers(id)
                    } else {
                        [None, None]
                    };
                    EntityFact {
                        id: e.key.clone(),
                        name: e.name.clone(),
                        kind: e.kind,
                        aliases: e.aliases.clone(),
                        confidence: discovery.map(|(c, _)| c),
                        evidence: discovery
                            .map(|(_, cues)| cues.iter().map(|c| c.to_string()).collect())
                            .unwrap_or_default(),
                        latitude: geo.and_then(|g| g.point).map(|p| p.0),
                        longitude: geo.and_then(|g| g.point).map(|p| p.1),
                        country: if listed {
                            self.gazetteer.country_of(id).map(String::from)
                        } else {
                            None
                        },
                        within: within
                            .into_iter()
                            .flatten()
                            .map(|c| self.gazetteer.entity(c).name.clone())
                            .collect(),
                    }
                })
                .collect(),
            mentions: tagged
                .mentions
                .iter()
                .map(|m| MentionFact {
                    entity: key(m.entity),
                    start: m.span.start + base,
                    end: m.span.end + base,
                    text: doc.text[m.span.start..m.span.end].to_string(),
                    how: m.rule,
                    sentence: m.sentence,
                })
                .collect(),
            relations: relations
                .into_iter()
                .map(|r| {
                    let mut evidence = r.evidence;
                    evidence.start += base;
                    evidence.end += base;
                    evidence.source_span = at(evidence.source_span);
                    evidence.target_span = at(evidence.target_span);
                    evidence.trigger = evidence.trigger.map(at);
                    RelationFact {
                        source: key(r.source),
                        target: key(r.target),
                        relation: r.predicate,
                        evidence,
                    }
                })
                .collect(),
        }
    }
}
