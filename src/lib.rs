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
//! 5. [`graph`]: relations → a [`graph::KnowledgeGraph`] (petgraph), one node per entity.
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
//! let facts = pipeline.process(&doc);
//! let graph = pipeline.graph(&[facts]);
//! let edges: Vec<(&str, &str, &str)> = graph.graph.edge_weights()
//!     .map(|e| (e.source.as_str(), e.relation.as_str(), e.target.as_str()))
//!     .collect();
//! assert_eq!(edges, [("cia", "co_occurs", "mexico"), ("cia", "provided_intelligence_to", "mexico")]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod cli;
pub mod config;
pub mod corpus;
pub mod error;
pub mod export;
pub mod gazetteer;
pub mod graph;
pub mod normalize;
pub mod query;
pub mod relations;
pub mod sentences;
pub mod tagger;

pub use error::{Error, Result};

use corpus::Document;
use gazetteer::Gazetteer;
use graph::{DocumentFacts, KnowledgeGraph};
use relations::Pattern;
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
    pub patterns: Vec<Pattern>,
}

impl Pipeline {
    /// Compiles the tagger once.
    pub fn new(gazetteer: Gazetteer, patterns: Vec<Pattern>) -> Pipeline {
        let tagger = Tagger::new(&gazetteer);
        Pipeline {
            gazetteer,
            tagger,
            patterns,
        }
    }

    /// Sentences, mentions and relations of one document.
    pub fn process<'a>(&self, doc: &'a Document) -> DocumentFacts<'a> {
        let sentences = sentences::split(doc);
        let tagged = self.tagger.tag(doc, &sentences);
        let relations =
            relations::extract(doc, &sentences, &tagged, &self.gazetteer, &self.patterns);
        DocumentFacts {
            document: doc,
            mentions: tagged.mentions,
            relations,
        }
    }

    /// The graph of all processed documents.
    pub fn graph(&self, facts: &[DocumentFacts]) -> KnowledgeGraph {
        KnowledgeGraph::build(&self.gazetteer, facts)
    }
}
