//! The normalizer, tagger, discovery and relations on any text: every span lies inside the text
//! on character boundaries, and maps back exactly (the original bytes fold to the form that
//! matched).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

use kg::corpus::{DocId, Document};
use kg::normalize::{fold, normalize};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let norm = normalize(&text);
    for i in 0..norm.text.len() {
        if norm.text.is_char_boundary(i) {
            let end = norm.text[i..]
                .chars()
                .next()
                .map_or(i, |c| i + c.len_utf8());
            let (s, e) = norm.to_original(i, end);
            assert!(
                s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
            );
        }
    }
    let pipeline = common::pipeline();
    let (g, tagger) = (&pipeline.gazetteer, &pipeline.tagger);
    let doc = Document::new(DocId(0), "fuzz", text.clone());
    let sentences = kg::sentences::split(&doc);
    for s in &sentences {
        assert!(s.span.start < s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
    }
    let tagged = tagger.tag(&doc, &sentences);
    let mut last_end = 0;
    for m in tagged.mentions.iter().chain(&tagged.anchors) {
        let (s, e) = (m.span.start, m.span.end);
        assert!(
            s < e && e <= text.len(),
            "span {s}..{e} outside {}",
            text.len()
        );
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        let found = fold(&text[s..e]);
        let entity = g.entity(m.entity);
        if m.rule == kg::gazetteer::Rule::Name {
            assert_eq!(
                found,
                fold(entity.name.trim_start_matches("The ")),
                "{:?}",
                &text[s..e]
            );
        }
    }
    for m in &tagged.mentions {
        assert!(m.span.start >= last_end, "mentions overlap");
        last_end = m.span.end;
    }
    // Discovery keeps every span inside the text, on character boundaries, without overlaps.
    let analysis = pipeline.analyze(&doc);
    let mut last_end = 0;
    for m in &analysis.tagged.mentions {
        let (s, e) = (m.span.start, m.span.end);
        assert!(
            s >= last_end && s < e && e <= text.len(),
            "discovered span {s}..{e}"
        );
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        last_end = e;
    }
    // Relations (open ones too) never panic and point inside the text.
    let known = analysis.known(g);
    for r in kg::relations::extract(
        &doc,
        &sentences,
        &analysis.tagged,
        &known,
        &pipeline.patterns,
    ) {
        assert!(r.evidence.end <= text.len() && r.evidence.source_span.end <= text.len());
    }
});
