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
pub mod error;
pub mod export;
pub mod facts;
pub mod gazetteer;
pub mod graph;
pub mod normalize;
pub mod query;
pub mod relations;
pub mod sentences;
pub mod tagger;

pub use error::{Error, Result};

use corpus::Document;
use facts::{DocFacts, EntityFact, MentionFact, RelationFact};
use gazetteer::EntityId;
use gazetteer::Gazetteer;
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
}

impl Pipeline {
    /// Compiles the tagger once.
    pub fn new(gazetteer: Gazetteer, patterns: Vec<Pattern>) -> Pipeline {
        let tagger = Tagger::new(&gazetteer);
        Pipeline {
            gazetteer,
            tagger,
            patterns: PatternSet::new(patterns),
        }
    }

    /// Sentences, mentions and relations of one document, as facts by stable id.
    pub fn extract(&self, doc: &Document) -> DocFacts {
        let sentences = sentences::split(doc);
        let tagged = self.tagger.tag(doc, &sentences);
        let relations =
            relations::extract(doc, &sentences, &tagged, &self.gazetteer, &self.patterns);
        let key = |id| self.gazetteer.entity(id).key.clone();
        let mut ids: Vec<EntityId> = tagged.mentions.iter().map(|m| m.entity).collect();
        ids.sort();
        ids.dedup();
        // Offsets count from the start of the file, whatever piece of it this is.
        let base = doc.base;
        let at = |s: sentences::Span| sentences::Span::new(s.start + base, s.end + base);
        DocFacts {
            doc: doc.name.clone(),
            date: doc.date.clone(),
            part: doc.part,
            sentences: sentences.len() as u32,
            entities: ids
                .into_iter()
                .map(|id| {
                    let e = self.gazetteer.entity(id);
                    EntityFact {
                        id: e.key.clone(),
                        name: e.name.clone(),
                        kind: e.kind,
                        aliases: e.aliases.clone(),
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
