//! One row per normalization, boundary, overlap, alias and ambiguity rule: the text, and every
//! mention expected in it as (start, end, entity id, rule), spans in bytes of the original text.

use super::*;
use crate::corpus::{DocId, Document};
use crate::gazetteer::{Gazetteer, parse};

const GAZETTEER: &str = "\
mexico\tPLACE\tMexico\t-\tdemonym=Mexican
mexico_city\tPLACE\tMexico City\t-\tin=mexico
michoacan\tPLACE\tMichoacán\t-\tin=mexico
colima\tPLACE\tColima\t-\tin=mexico
jalisco\tPLACE\tJalisco\t-\tin=mexico
united_states\tPLACE\tUnited States\tUS|U.S.
cia\tORG\tCentral Intelligence Agency\tCIA
pentagon\tORG\tPentagon
jitf_cc\tORG\tJoint Interagency Task Force–Counter Cartel\tJITF-CC
cjng\tORG\tJalisco New Generation Cartel
nyt\tORG\tThe New York Times
el_mencho\tPERSON\tNemesio Oseguera Cervantes\tEl Mencho
el_chapo\tPERSON\tJoaquín Guzmán Loera\tEl Chapo|Joaquín Guzmán
donald_trump\tPERSON\tDonald Trump\tTrump
melania_trump\tPERSON\tMelania Trump
washington_dc\tPLACE\tWashington, D.C.\tWashington\tin=united_states
george_washington\tPERSON\tGeorge Washington\tWashington
georgia\tPLACE\tGeorgia
georgia_us\tPLACE\tGeorgia (U.S. state)\tGeorgia\tin=united_states
atlanta\tPLACE\tAtlanta\t-\tin=georgia_us
jordan\tPLACE\tJordan
ilo\tPLACE\tIlo
x_corp\tORG\tX Corp\tX
jd_vance\tPERSON\tJD Vance\tVance
bill_clinton\tPERSON\tBill Clinton
hillary_clinton\tPERSON\tHillary Clinton
";

type Row = (
    &'static str,
    &'static str,
    &'static [(usize, usize, &'static str, Rule)],
);

fn tag(text: &str) -> Vec<(usize, usize, String, Rule, bool)> {
    let g = Gazetteer::from_records(parse("t.tsv", GAZETTEER).unwrap()).unwrap();
    let doc = Document::new(DocId(0), "t", text);
    let tagger = Tagger::new(&g);
    tagger
        .tag(&doc, &crate::sentences::split(&doc))
        .mentions
        .iter()
        .map(|m| {
            let span = &doc.text[m.span.start..m.span.end];
            assert!(!span.is_empty(), "empty span");
            (
                m.span.start,
                m.span.end,
                g.entity(m.entity).key.clone(),
                m.rule,
                !m.candidates.is_empty(),
            )
        })
        .collect()
}

fn check(rows: &[Row]) {
    for (name, text, expected) in rows {
        let got: Vec<(usize, usize, String, Rule)> = tag(text)
            .into_iter()
            .map(|(s, e, k, r, _)| (s, e, k, r))
            .collect();
        let want: Vec<(usize, usize, String, Rule)> = expected
            .iter()
            .map(|&(s, e, k, r)| (s, e, k.to_string(), r))
            .collect();
        assert_eq!(got, want, "row {name}: {text:?}");
    }
}

use Rule::{Acronym, Alias, Name, Nickname, PartialName};

#[test]
fn normalization() {
    check(&[
        (
            "accent in text",
            "In Michoacán.",
            &[(3, 13, "michoacan", Name)],
        ),
        (
            "accent missing",
            "In Michoacan.",
            &[(3, 12, "michoacan", Name)],
        ),
        (
            "decomposed accent",
            "In Michoaca\u{301}n.",
            &[(3, 14, "michoacan", Name)],
        ),
        (
            "spaced en dash",
            "The JITF – CC said.",
            &[(4, 15, "jitf_cc", Alias)],
        ),
        (
            "hyphen for dash",
            "Joint Interagency Task Force-Counter Cartel",
            &[(0, 43, "jitf_cc", Name)],
        ),
        (
            "space for dash",
            "Joint Interagency Task Force Counter Cartel",
            &[(0, 43, "jitf_cc", Name)],
        ),
        (
            "line break in name",
            "the Jalisco New\nGeneration Cartel",
            &[(4, 33, "cjng", Name)],
        ),
        (
            "no-break space",
            "Mexico\u{A0}City",
            &[(0, 12, "mexico_city", Name)],
        ),
        (
            "headline capitals",
            "MEXICO CITY BRACES",
            &[(0, 11, "mexico_city", Name)],
        ),
        (
            "acronym needs capitals",
            "let us go; US says",
            &[(11, 13, "united_states", Alias)],
        ),
        ("title-case acronym", "Us and Cia", &[]),
        ("lower-case name", "a mexico city bus", &[]),
        (
            "dotted acronym",
            "U.S. officials",
            &[(0, 4, "united_states", Alias)],
        ),
    ]);
}

#[test]
fn boundaries() {
    check(&[
        ("inside a word", "Colimas and Mexicoland", &[]),
        (
            "hyphen compound",
            "Pentagon-led force",
            &[(0, 8, "pentagon", Name)],
        ),
        (
            "curly possessive",
            "the CIA’s role",
            &[(4, 7, "cia", Alias)],
        ),
        (
            "straight possessive",
            "Mexico's army",
            &[(0, 6, "mexico", Name)],
        ),
        (
            "en dash pair",
            "US–Mexico ties",
            &[(0, 2, "united_states", Alias), (5, 11, "mexico", Name)],
        ),
        ("domain", "read Mexico.com today", &[]),
        ("sentence end", "It was Colima.", &[(7, 13, "colima", Name)]),
    ]);
}

#[test]
fn overlaps() {
    check(&[
        (
            "longest place",
            "Mexico City",
            &[(0, 11, "mexico_city", Name)],
        ),
        (
            "org over place",
            "Jalisco New Generation Cartel",
            &[(0, 29, "cjng", Name)],
        ),
        (
            "nickname inside name",
            "Nemesio \"El Mencho\" Oseguera Cervantes died",
            &[(0, 38, "el_mencho", Nickname)],
        ),
        (
            "curly-quoted nickname",
            "Joaquín “El Chapo” Guzmán",
            &[(0, 31, "el_chapo", Nickname)],
        ),
        (
            "leading The outside",
            "The New York Times said",
            &[(4, 18, "nyt", Name)],
        ),
    ]);
}

#[test]
fn aliases_found_in_the_text() {
    check(&[
        (
            "acronym after name",
            "The Jalisco New Generation Cartel (JNGC) grew. JNGC won.",
            &[
                (4, 33, "cjng", Name),
                (35, 39, "cjng", Acronym),
                (47, 51, "cjng", Acronym),
            ],
        ),
        (
            "name after acronym",
            "JNGC (Jalisco New Generation Cartel) grew.",
            &[(0, 4, "cjng", Acronym), (6, 35, "cjng", Name)],
        ),
        // Found by proptest: a no-break space before the bracket used to split a character.
        (
            "name after acronym and no-break space",
            "\u{A0}JNGC\u{A0}(Jalisco New Generation Cartel)",
            &[(2, 6, "cjng", Acronym), (9, 38, "cjng", Name)],
        ),
        ("undefined acronym", "JNGC grew.", &[]),
        (
            "acronym used again and again, next to its name",
            "JNGC, JNGC and Jalisco New Generation Cartel (JNGC) JNGC.",
            &[
                (0, 4, "cjng", Acronym),
                (6, 10, "cjng", Acronym),
                (15, 44, "cjng", Name),
                (46, 50, "cjng", Acronym),
                (52, 56, "cjng", Acronym),
            ],
        ),
        (
            "surname after full name",
            "Nemesio Oseguera Cervantes fled. Later Oseguera Cervantes and Cervantes hid.",
            &[
                (0, 26, "el_mencho", Name),
                (39, 57, "el_mencho", PartialName),
                (62, 71, "el_mencho", PartialName),
            ],
        ),
        ("surname alone", "Cervantes wrote a novel.", &[]),
        (
            "title before surname",
            "Melania Trump spoke. Mrs. Trump left.",
            &[
                (0, 13, "melania_trump", Name),
                (26, 31, "melania_trump", PartialName),
            ],
        ),
    ]);
}

#[test]
fn ambiguity() {
    // (text, entity chosen for the ambiguous name, still flagged ambiguous)
    let rows: &[(&str, &str, &str, bool)] = &[
        ("Atlanta, Georgia", "Georgia", "georgia_us", false),
        ("Georgia and Armenia", "Georgia", "georgia", true),
        (
            "George Washington wrote. Washington won.",
            "Washington",
            "george_washington",
            false,
        ),
        (
            "President Washington said",
            "Washington",
            "george_washington",
            false,
        ),
        (
            "Talks in Washington ended",
            "Washington",
            "washington_dc",
            false,
        ),
        ("Washington said", "Washington", "washington_dc", true),
        (
            "Donald Trump and Melania Trump came. Trump spoke.",
            "Trump",
            "donald_trump",
            true,
        ),
    ];
    for (text, name, key, ambiguous) in rows {
        let at = text.rfind(name).unwrap();
        let got = tag(text);
        let m = got
            .iter()
            .find(|m| m.0 == at)
            .unwrap_or_else(|| panic!("{text}: {got:?}"));
        assert_eq!((m.2.as_str(), m.4), (*key, *ambiguous), "{text}");
    }
}

/// Issue 22: what the text says about a word beats what the gazetteer guesses.
#[test]
fn a_name_inside_someone_elses_name_is_no_mention() {
    check(&[
        // A given name right before a one-word name makes it a surname.
        ("given name then country", "He met Bill Jordan there.", &[]),
        (
            "a given name that opens the sentence may be a word",
            "Will Jordan sign?",
            &[(5, 11, "jordan", Name)],
        ),
        (
            "near miss: no given name",
            "He flew to Jordan.",
            &[(11, 17, "jordan", Name)],
        ),
        (
            "near miss: a comma",
            "Visitors from Israel, Jordan.",
            &[(22, 28, "jordan", Name)],
        ),
        (
            "a listed surname inside a longer name",
            "Mr John Vance Langmore spoke.",
            &[],
        ),
        (
            "the surname alone",
            "Mr Vance spoke.",
            &[(3, 8, "jd_vance", Alias)],
        ),
        // A surname alone is a person of the document only when one person has it.
        (
            "one Clinton",
            "Bill Clinton came. Clinton spoke.",
            &[
                (0, 12, "bill_clinton", Name),
                (19, 26, "bill_clinton", PartialName),
            ],
        ),
        (
            "two Clintons",
            "Bill Clinton and Hillary Clinton came. Clinton spoke.",
            &[
                (0, 12, "bill_clinton", Name),
                (17, 32, "hillary_clinton", Name),
            ],
        ),
    ]);
}

/// Issue 22: short capitals are acronyms, single letters are never names.
#[test]
fn short_capitals_and_single_letters() {
    check(&[
        (
            "a town's name in capitals is an acronym",
            "The ILO met.",
            &[],
        ),
        (
            "near miss: the town",
            "Ships left Ilo.",
            &[(11, 14, "ilo", Name)],
        ),
        (
            "a headline in capitals still matches",
            "TALKS IN JORDAN",
            &[(9, 15, "jordan", Name)],
        ),
        (
            "a single letter alone",
            "X marks the spot; X Corp grew.",
            &[(18, 24, "x_corp", Name)],
        ),
    ]);
}

mod properties {
    use proptest::prelude::*;

    use crate::corpus::{DocId, Document};
    use crate::gazetteer::{Gazetteer, parse};
    use crate::normalize::{fold, normalize};

    /// Text made of pieces the matching rules care about, so shrunk failures stay readable.
    fn texty() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Mexico",
            "México",
            "MEXICO",
            "City",
            "city",
            " ",
            "  ",
            "\n",
            "\u{A0}",
            "–",
            "-",
            "’s",
            "'",
            "\"",
            "U.S.",
            "US",
            "us",
            "CIA",
            "é",
            "e\u{301}",
            "\u{AD}",
            "\u{FEFF}",
            ".",
            ",",
            "(",
            ")",
            "Colimas",
            "ß",
            "İ",
            "ﬁ",
            "\u{202E}",
            "\0",
            "Washington",
            "George",
            "de",
            "la",
            "'s",
            "7",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn every_folded_byte_maps_inside_the_text(text in texty()) {
            let n = normalize(&text);
            for i in 0..n.text.len() {
                let (s, e) = n.to_original(i, i + 1);
                prop_assert!(s < e && e <= text.len());
                prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            }
        }

        /// The lower-case shard holds every form that could match a word starting in lower case.
        #[test]
        fn lower_case_words_need_only_the_lower_case_shard(form in texty(), found in texty()) {
            let starts_lower = found.chars().next().is_some_and(char::is_lowercase);
            if starts_lower && super::super::case_fits(&form, &found) {
                prop_assert!(super::super::may_fit_lower_case(&form), "{:?} fits {:?}", form, found);
            }
        }

        #[test]
        fn mentions_map_back_exactly_and_never_overlap(text in texty()) {
            let g = Gazetteer::from_records(parse("t.tsv", super::GAZETTEER).unwrap()).unwrap();
            let doc = Document::new(DocId(0), "t", text.clone());
            let tagged = super::Tagger::new(&g).tag(&doc, &crate::sentences::split(&doc));
            let mut last = 0;
            for m in &tagged.mentions {
                prop_assert!(m.span.start >= last && m.span.start < m.span.end && m.span.end <= text.len());
                last = m.span.end;
                let found = fold(&text[m.span.start..m.span.end]);
                let e = g.entity(m.entity);
                let names: Vec<String> = std::iter::once(&e.name).chain(&e.aliases).map(|n| fold(n)).collect();
                if matches!(m.rule, crate::gazetteer::Rule::Name | crate::gazetteer::Rule::Alias) {
                    prop_assert!(names.contains(&found), "{:?} is not a name of {}", found, e.key);
                }
            }
        }
    }
}

/// Which names may match lower-case text: those with a lower-case letter whose first word does
/// not start with a capital; ASCII names are read byte by byte and must answer as the rest do.
#[test]
fn names_that_may_fit_lower_case() {
    for (form, fits) in [
        ("van Gogh", true),
        ("Van Gogh", false),
        ("de la Cruz", true),
        ("eBay", true),
        ("US", false),
        ("3M", false),
        ("3m", true),
        ("'s Gravenhage", true),
        ("-ville", true),
        ("état", true),
        ("État", false),
        ("él Niño", true),
        ("ÉTAT", false),
    ] {
        assert_eq!(super::may_fit_lower_case(form), fits, "{form}");
    }
}
