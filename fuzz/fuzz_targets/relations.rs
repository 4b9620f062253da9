//! `kg relations --open-relations` on any text (invalid UTF-8 read with replacement
//! characters, as kg reads a file): the built-in gazetteer and patterns, discovery and open
//! relations on. Extraction never panics; every relation's ends are in the document's entity
//! table (`echo 'Paris, French officials said.' | kg relations -` once reached France through
//! the demonym "French" without listing it, and panicked); every span lies inside the text on
//! character boundaries and holds the text the facts say.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

use kg::corpus::{DocId, Document};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let doc = Document::new(DocId(0), "-", text);
    let pipeline = common::cli_pipeline();
    let facts = pipeline.extract(&doc);
    common::check_facts(pipeline, &doc, &facts);
});
