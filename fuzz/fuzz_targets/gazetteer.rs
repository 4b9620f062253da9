//! The gazetteer and pattern parsers on any text: an error or a gazetteer, never a panic; a
//! gazetteer that loads compiles and tags.
#![no_main]
use libfuzzer_sys::fuzz_target;

use kg::corpus::{DocId, Document};
use kg::gazetteer::{Gazetteer, parse};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = kg::relations::patterns::parse("fuzz.patterns", &text);
    let _ = kg::gazetteer::check::check(&[kg::gazetteer::check::Source {
        name: "fuzz.tsv".into(),
        text: text.to_string(),
        report: true,
    }]);
    let Ok(records) = parse("fuzz.tsv", &text) else {
        return;
    };
    let Ok(g) = Gazetteer::from_records(records) else {
        return;
    };
    let tagger = kg::tagger::Tagger::new(&g);
    let doc = Document::new(DocId(0), "d", text.to_string());
    let sentences = kg::sentences::split(&doc);
    for m in tagger.tag(&doc, &sentences).mentions {
        assert!(m.span.end <= doc.text.len());
    }
});
