// Shared by the fuzz targets: a small gazetteer that exercises every matching rule, the
// pipeline `kg relations` and `kg build` run, and the invariants their output relies on.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};

use kg::corpus::Document;
use kg::facts::{DocFacts, EntityFact};
use kg::gazetteer::{Gazetteer, parse};

pub const GAZETTEER: &str = "\
mexico\tPLACE\tMexico\tMéxico\tdemonym=Mexican
mexico_city\tPLACE\tMexico City\t-\tin=mexico
us\tPLACE\tUnited States\tUS|U.S.\tdemonym=American
cia\tORG\tCentral Intelligence Agency\tCIA
jitf\tORG\tJoint Interagency Task Force–Counter Cartel\tJITF-CC
el_mencho\tPERSON\tNemesio Oseguera Cervantes\tEl Mencho
dc\tPLACE\tWashington, D.C.\tWashington
gw\tPERSON\tGeorge Washington\tWashington
ss\tPLACE\tStraße\tİstanbul|ﬁnland
";

pub fn gazetteer() -> Gazetteer {
    Gazetteer::from_records(parse("fuzz.tsv", GAZETTEER).unwrap()).unwrap()
}

/// Built once per process: the fuzzers spend their time on inputs, not on setup.
pub fn pipeline() -> &'static kg::Pipeline {
    static PIPELINE: std::sync::OnceLock<kg::Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| {
        let patterns =
            kg::relations::patterns::parse("p", kg::relations::patterns::DEFAULT_PATTERNS).unwrap();
        let mut pipeline = kg::Pipeline::new(gazetteer(), patterns);
        pipeline.discover = true;
        pipeline.patterns.open = true;
        pipeline
    })
}

/// The pipeline of `kg relations --open-relations` and `kg build --open-relations`: the
/// built-in gazetteer and patterns, discovery on (the default), open relations on, configured
/// exactly as the CLI configures it. Built once per process (compiling the built-in gazetteer
/// takes a fraction of a second).
pub fn cli_pipeline() -> &'static kg::Pipeline {
    static PIPELINE: std::sync::OnceLock<kg::Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| {
        kg::config::GazetteerConfig {
            open_relations: true,
            discover: true,
            ..Default::default()
        }
        .pipeline()
        .expect("the built-in gazetteer and patterns load")
    })
}

/// `doc.text[start..end]` for offsets counted from the start of the file (`doc.base` is where
/// the piece starts), after checking they lie inside the text on character boundaries.
fn slice<'a>(doc: &'a Document, start: usize, end: usize, what: &str) -> &'a str {
    let (text, base) = (&doc.text, doc.base);
    assert!(
        base <= start && start <= end && end - base <= text.len(),
        "{what} {start}..{end} lies outside the text ({} bytes from {base})",
        text.len()
    );
    let (s, e) = (start - base, end - base);
    assert!(
        text.is_char_boundary(s) && text.is_char_boundary(e),
        "{what} {start}..{end} cuts a character"
    );
    &text[s..e]
}

/// What `kg relations`, `kg extract` and the graph builder rely on in one document's facts:
/// every entity a mention or relation names is in the entity table; every span (mention,
/// relation source, target and trigger, sentence) lies inside the text on character
/// boundaries, inside its sentence, and holds the text the facts say; a relation end that is a
/// mention's span names that mention's entity; the facts line `kg extract` prints reads back.
pub fn check_facts(pipeline: &kg::Pipeline, doc: &Document, facts: &DocFacts) {
    let base = doc.base;
    assert_eq!(facts.doc, doc.name);
    assert_eq!(facts.part, doc.part);
    let mut entities: BTreeMap<&str, &EntityFact> = BTreeMap::new();
    for e in &facts.entities {
        assert!(
            entities.insert(e.id.as_str(), e).is_none(),
            "entity {} listed twice",
            e.id
        );
    }
    // The sentences the pipeline read: the splitter's, joined where a name runs across a line
    // break.
    let sentences = pipeline.analyze(doc).sentences;
    assert_eq!(facts.sentences as usize, sentences.len());
    let sentence = |i: u32, what: &str| {
        let s = sentences
            .get(i as usize)
            .unwrap_or_else(|| panic!("{what} in sentence {i} of {}", sentences.len()));
        (s.span.start + base, s.span.end + base)
    };
    // Mentions: in text order, apart, each in its sentence, named in the table.
    let mut last_end = base;
    let mut mentioned: HashMap<(usize, usize), &str> = HashMap::new();
    for m in &facts.mentions {
        let text = slice(doc, m.start, m.end, "mention");
        assert!(m.start < m.end, "empty mention at {}", m.start);
        assert_eq!(text, m.text, "mention text");
        assert!(
            m.start >= last_end,
            "mention {:?} at {} overlaps the one before or comes before it",
            m.text,
            m.start
        );
        last_end = m.end;
        let (s, e) = sentence(m.sentence, "mention");
        assert!(
            s <= m.start && m.start < e && m.end <= e,
            "mention {:?} outside its sentence",
            m.text
        );
        assert!(
            entities.contains_key(&*m.entity),
            "mention {:?} names {}, which is not in the document's entity table",
            m.text,
            m.entity
        );
        mentioned.insert((m.start, m.end), &m.entity);
    }
    // Relations: both ends in the table (what `kg relations` looks up), every span printable.
    for r in &facts.relations {
        let ev = &r.evidence;
        for id in [&r.source, &r.target] {
            assert!(
                entities.contains_key(&**id),
                "relation {} {} -> {} names {id}, which is not in the document's entity table",
                r.relation,
                r.source,
                r.target
            );
        }
        assert_eq!(&*ev.doc, doc.name.as_str());
        assert_eq!(
            (ev.start, ev.end),
            sentence(ev.sentence, "relation"),
            "relation's sentence span"
        );
        assert_eq!(&*ev.text, slice(doc, ev.start, ev.end, "sentence"));
        let ends = [
            ("source", ev.source_span, &r.source),
            ("target", ev.target_span, &r.target),
        ];
        for (what, span, id) in ends {
            let text = slice(doc, span.start, span.end, what);
            assert!(span.start < span.end, "empty {what} at {}", span.start);
            assert!(
                ev.start <= span.start && span.start < ev.end && span.end <= ev.end,
                "{what} {text:?} outside its sentence"
            );
            if let Some(named) = mentioned.get(&(span.start, span.end)) {
                assert_eq!(
                    named, &&**id,
                    "{} {what} {text:?} is a mention of another entity",
                    r.relation
                );
            }
        }
        if let Some(t) = ev.trigger {
            let text = slice(doc, t.start, t.end, "trigger");
            assert!(
                ev.start <= t.start && t.end <= ev.end,
                "trigger {text:?} outside its sentence"
            );
        }
    }
    // `kg extract` prints the facts as one JSON line; `kg build --facts` reads it back.
    let line = serde_json::to_string(facts).expect("facts serialize");
    assert!(!line.contains('\n'), "a facts line holds a line break");
    let back: DocFacts = serde_json::from_str(&line).expect("a facts line reads back");
    assert!(back == *facts, "a facts line reads back as other facts");
}

/// Fails on XML a reader rejects.
pub fn well_formed(xml: &[u8]) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("malformed XML at {}: {e}", reader.buffer_position()),
        }
        buf.clear();
    }
}
