//! One row per pattern family and qualifier, over the default patterns: the sentence and every
//! typed relation expected from it as `subject predicate object`, with qualifiers in brackets.

use crate::Pipeline;
use crate::corpus::{DocId, Document};
use crate::gazetteer::{Gazetteer, parse};
use crate::relations::patterns::{DEFAULT_PATTERNS, parse as parse_patterns};

const GAZETTEER: &str = "\
mexico\tPLACE\tMexico\t-\tdemonym=Mexican|Mexicans
united_states\tPLACE\tUnited States\tUS|U.S.\tdemonym=American
jalisco\tPLACE\tJalisco\t-\tin=mexico
colima\tPLACE\tColima\t-\tin=mexico
tapalpa\tPLACE\tTapalpa\t-\tin=jalisco
cia\tORG\tCentral Intelligence Agency\tCIA
pentagon\tORG\tPentagon
defense_ministry\tORG\tDefense Ministry
reuters\tORG\tReuters
jitf\tORG\tJoint Task Force
cjng\tORG\tJalisco New Generation Cartel\tCJNG
el_mencho\tPERSON\tNemesio Oseguera Cervantes\tEl Mencho
john_ratcliffe\tPERSON\tJohn Ratcliffe
claudia_sheinbaum\tPERSON\tClaudia Sheinbaum
donald_trump\tPERSON\tDonald Trump\tTrump
ana_ruiz\tPERSON\tAna Ruiz
";

fn relations(text: &str) -> Vec<String> {
    relations_in(GAZETTEER, text, false)
}

/// Typed relations of `text` with the default patterns over `gazetteer`, as
/// `subject predicate object [qualifiers]`.
fn relations_in(gazetteer: &str, text: &str, open: bool) -> Vec<String> {
    let g = Gazetteer::from_records(parse("t.tsv", gazetteer).unwrap()).unwrap();
    let patterns = parse_patterns("p", DEFAULT_PATTERNS).unwrap();
    let mut pipeline = Pipeline::new(g, patterns);
    pipeline.patterns.open = open;
    let doc = Document::new(DocId(0), "t", text);
    let facts = pipeline.extract(&doc);
    facts
        .relations
        .iter()
        .filter(|r| &*r.relation != crate::relations::CO_OCCURS)
        .map(|r| {
            let q = &r.evidence.qualifiers;
            let mut tags = Vec::new();
            if q.negated {
                tags.push("negated".to_string());
            }
            if q.hedged {
                tags.push("hedged".to_string());
            }
            if let Some(a) = &q.attributed_to {
                tags.push(format!("by {a}"));
            }
            if let Some(r) = &q.role {
                tags.push(format!("role {r}"));
            }
            if let Some(d) = &q.demonym {
                tags.push(format!("demonym {d}"));
            }
            if let Some(a) = &q.designation {
                tags.push(format!("as {a}"));
            }
            if q.open {
                tags.push("open".to_string());
            }
            if let Some(v) = &q.via {
                tags.push(format!("via {v}"));
            }
            let tags = if tags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", tags.join("; "))
            };
            format!("{} {} {}{tags}", r.source, r.relation, r.target)
        })
        .collect()
}

fn check(rows: &[(&str, &str, &[&str])]) {
    for (family, text, expected) in rows {
        let mut got = relations(text);
        got.sort();
        assert_eq!(got, *expected, "{family}: {text}");
    }
}

#[test]
fn verb_families() {
    check(&[
        (
            "active",
            "The CIA tracked El Mencho.",
            &["cia tracked el_mencho"],
        ),
        (
            "passive",
            "El Mencho was tracked by the CIA.",
            &["cia tracked el_mencho"],
        ),
        (
            "auxiliary and adverb",
            "Donald Trump has repeatedly pressured Claudia Sheinbaum.",
            &["donald_trump pressured claudia_sheinbaum"],
        ),
        (
            "relative clause",
            "Ana Ruiz, who leads the Joint Task Force, spoke.",
            &["ana_ruiz leader_of jitf"],
        ),
        (
            "-led",
            "the Pentagon-led Joint Task Force",
            &["pentagon leader_of jitf"],
        ),
        (
            "led by",
            "the Joint Task Force, led by the Pentagon, grew.",
            &["pentagon leader_of jitf"],
        ),
        (
            "verb with words and preposition",
            "The CIA provided detailed information to Mexico.",
            &["cia provided_intelligence_to mexico"],
        ),
        (
            "reduced passive",
            "information provided by the CIA through the Joint Task Force helped.",
            &["cia provided_intelligence_via jitf"],
        ),
        (
            "gerund adjunct",
            "CJNG retaliated by engaging in gunfights in Jalisco and Colima.",
            &["cjng operates_in colima", "cjng operates_in jalisco"],
        ),
        (
            "participle after a comma",
            "CJNG launched reprisals, attacking Colima overnight.",
            &["cjng attacked colima"],
        ),
        (
            "object is a modifier",
            "Trump threatened US intervention.",
            &[],
        ),
        (
            "time after the object",
            "CJNG gunmen attacked a police station in Colima hours later.",
            &["cjng attacked colima"],
        ),
        (
            "listed subjects",
            "The United States, Mexico and Jalisco issued travel advisories for Colima.",
            &[
                "jalisco issued_advisory_for colima",
                "mexico issued_advisory_for colima",
                "united_states issued_advisory_for colima",
            ],
        ),
        (
            "designation",
            "Trump designated CJNG as a Foreign Terrorist Organization in 2025.",
            &["donald_trump designated cjng [as a Foreign Terrorist Organization]"],
        ),
    ]);
}

#[test]
fn noun_families() {
    check(&[
        (
            "apposition",
            "Nemesio Oseguera Cervantes, the longtime leader of the Jalisco New Generation Cartel, died.",
            &["el_mencho leader_of cjng"],
        ),
        (
            "title noun",
            "CJNG leader El Mencho died.",
            &["el_mencho leader_of cjng"],
        ),
        (
            "nominalization",
            "the killing of El Mencho by the CIA",
            &["cia killed el_mencho"],
        ),
        (
            "possessive nominalization",
            "The Trump administration's 2025 designation of CJNG surprised no one.",
            &["donald_trump designated cjng"],
        ),
        (
            "apposition with goods",
            "CJNG, a major supplier of fentanyl, cocaine and meth into the United States, grew.",
            &["cjng trafficked_drugs_to united_states"],
        ),
    ]);
}

#[test]
fn titles_places_and_possessives() {
    check(&[
        (
            "title",
            "CIA Director John Ratcliffe spoke.",
            &["john_ratcliffe holds_role_in cia [role Director]"],
        ),
        (
            "demonym title",
            "Mexican President Claudia Sheinbaum spoke.",
            &["claudia_sheinbaum holds_role_in mexico [role President; demonym object]"],
        ),
        (
            "possessive title",
            "Ana Ruiz, Mexico's secretary of defense, spoke.",
            &["ana_ruiz holds_role_in mexico [role secretary of defense]"],
        ),
        (
            "located_in apposition",
            "Tapalpa, a town in the western state of Jalisco, was quiet.",
            &["tapalpa located_in jalisco"],
        ),
        (
            "located_in by gazetteer",
            "in Tapalpa, Jalisco, on Sunday",
            &["tapalpa located_in jalisco"],
        ),
        (
            "part_of",
            "Mexico's Defense Ministry said so.",
            &["defense_ministry part_of mexico [by Defense Ministry]"],
        ),
    ]);
}

#[test]
fn demonyms_and_qualifiers() {
    check(&[
        (
            "demonym argument",
            "The CIA provided information to Mexican authorities.",
            &["cia provided_intelligence_to mexico [demonym object]"],
        ),
        (
            "bare demonym is no argument",
            "The CIA provided information to Mexican farmers.",
            &[],
        ),
        (
            "negation",
            "The CIA did not provide information to Mexico.",
            &["cia provided_intelligence_to mexico [negated]"],
        ),
        (
            "denial",
            "Mexico denied pressuring the United States.",
            &["mexico pressured united_states [negated]"],
        ),
        (
            "hedging",
            "The CIA reportedly tracked El Mencho.",
            &["cia tracked el_mencho [hedged]"],
        ),
        (
            "attribution",
            "According to Reuters, the CIA tracked El Mencho.",
            &["cia tracked el_mencho [by Reuters]"],
        ),
        (
            "reported speech",
            "Reuters said the CIA tracked El Mencho.",
            &["cia tracked el_mencho [by Reuters]"],
        ),
    ]);
}

/// Names nobody's gazetteer holds, for the constructions that need no trigger word (issue 13).
pub(crate) const FICTION: &str = "\
marta_quell\tPERSON\tMarta Quell
tomas_brandt\tPERSON\tTomas Brandt
ivo_petrak\tPERSON\tIvo Petrak
lena_ostrova\tPERSON\tLena Ostrova
norrland_bank\tORG\tNorrland Bank
harbor_times\tORG\tHarbor Times
kestrel_motors\tORG\tKestrel Motors
relay_news\tORG\tRelay News
vanta\tORG\tVanta Party
velmar\tPLACE\tVelmar
ostia\tPLACE\tOstia Province
brennport\tPLACE\tBrennport
caldera\tPLACE\tCaldera
";

/// Every row's relations, sorted, against what it expects.
pub(crate) fn check_in(gazetteer: &str, open: bool, rows: &[(&str, &str, &[&str])]) {
    crate::testing::check_rows(rows, |text| {
        let mut got = relations_in(gazetteer, text, open);
        got.sort();
        got
    });
}

#[test]
fn constructions_without_trigger_words() {
    check_in(
        FICTION,
        false,
        &[
            (
                "possessive",
                "Norrland Bank's Marta Quell declined to comment.",
                &["marta_quell works_for norrland_bank"],
            ),
            (
                "role before",
                "Norrland Bank spokesman Tomas Brandt denied the report.",
                &["tomas_brandt holds_role_in norrland_bank [role spokesman]"],
            ),
            (
                "apposition, name first",
                "The deal was signed by Lena Ostrova, a Kestrel Motors engineer, on Monday.",
                &["lena_ostrova holds_role_in kestrel_motors [role engineer]"],
            ),
            (
                "apposition, role first",
                "Ivo Petrak, the chief economist at Norrland Bank, warned of a slowdown.",
                &["ivo_petrak holds_role_in norrland_bank [role economist]"],
            ),
            (
                "role before the organization",
                "The chairman of Vanta Party, Tomas Brandt, resigned.",
                &["tomas_brandt holds_role_in vanta [role chairman]"],
            ),
            (
                "from",
                "Ivo Petrak, a farmer from Caldera, lost his land.",
                &[],
            ),
            (
                "person of place",
                "Marta Quell of Velmar won the race.",
                &[],
            ),
            (
                "organization of place",
                "Kestrel Motors of Brennport recalled its vans.",
                &["kestrel_motors based_in brennport"],
            ),
            (
                "organization in place",
                "Relay News in Caldera reported the fire.",
                &["relay_news based_in caldera [by Relay News]"],
            ),
            (
                "place before organization",
                "Caldera Relay News reported the vote.",
                &["relay_news based_in caldera [by Relay News]"],
            ),
            (
                "-based",
                "Velmar-based Kestrel Motors hired 200 workers.",
                &["kestrel_motors based_in velmar"],
            ),
            (
                "comma places",
                "The storm hit Brennport, Ostia Province, on Friday.",
                &["brennport located_in ostia"],
            ),
            (
                "a list is not a chain",
                "Prices rose in Velmar, Brennport and Caldera.",
                &[],
            ),
            (
                "a clause is not a chain",
                "Apart from Velmar, Caldera has new rules.",
                &[],
            ),
            (
                "dateline",
                "Brennport (Relay News) - Prices rose again.",
                &["relay_news based_in brennport"],
            ),
        ],
    );
}

#[test]
fn news_vocabulary_and_clauses() {
    check_in(
        FICTION,
        false,
        &[
            (
                "relative clause after a copula",
                "Marta Quell was the gunman who shot Tomas Brandt.",
                &["marta_quell killed tomas_brandt"],
            ),
            (
                "killer",
                "Tomas Brandt's killer, Ivo Petrak, was arrested.",
                &["ivo_petrak killed tomas_brandt"],
            ),
            (
                "gerund after a preposition",
                "Ivo Petrak was convicted of murdering Lena Ostrova.",
                &["ivo_petrak killed lena_ostrova"],
            ),
            (
                "passive with a coordinated verb",
                "Lena Ostrova was shot and fatally wounded by Ivo Petrak.",
                &["ivo_petrak killed lena_ostrova"],
            ),
            (
                "born, apposition, chain",
                "Lena Ostrova, a 40-year-old lawyer, was born in Brennport, Ostia Province.",
                &[
                    "brennport located_in ostia",
                    "lena_ostrova born_in brennport",
                    "lena_ostrova born_in ostia",
                ],
            ),
            (
                "relative clause with who",
                "Tomas Brandt, who works for Harbor Times, wrote the story.",
                &["tomas_brandt works_for harbor_times"],
            ),
            (
                "headquartered",
                "Kestrel Motors is headquartered in Velmar.",
                &["kestrel_motors based_in velmar"],
            ),
            (
                "met",
                "Marta Quell met with Ivo Petrak in Caldera.",
                &["marta_quell met_with ivo_petrak"],
            ),
            (
                "sued",
                "Harbor Times sued Kestrel Motors over the recall.",
                &["harbor_times sued kestrel_motors"],
            ),
            (
                "acquired",
                "Norrland Bank acquired Relay News last year.",
                &["norrland_bank acquired relay_news"],
            ),
        ],
    );
}

#[test]
fn open_relations_name_the_verb() {
    let open = "Marta Quell interviewed Ivo Petrak on Monday.";
    assert_eq!(relations_in(FICTION, open, false), Vec::<String>::new());
    check_in(
        FICTION,
        true,
        &[
            ("verb", open, &["marta_quell interview ivo_petrak [open]"]),
            (
                "passive",
                "Norrland Bank was criticized by Vanta Party.",
                &["vanta criticize norrland_bank [open]"],
            ),
            (
                "negated",
                "Tomas Brandt did not hire Lena Ostrova.",
                &["tomas_brandt hire lena_ostrova [negated; open]"],
            ),
            (
                "a pattern wins",
                "Harbor Times sued Kestrel Motors.",
                &["harbor_times sued kestrel_motors"],
            ),
            (
                "not across a clause",
                "Marta Quell left, and Ivo Petrak stayed.",
                &[],
            ),
            // Issue 21: after an auxiliary the next word is a verb only if the lexicon says so.
            (
                "a possessive after an auxiliary is no verb",
                "Marta Quell had his backing at Vanta Party.",
                &[],
            ),
            (
                "a lexicon verb after an auxiliary is",
                "Marta Quell had interviewed Ivo Petrak.",
                &["marta_quell interview ivo_petrak [open]"],
            ),
        ],
    );
}

#[test]
fn relations_through_references() {
    check_in(
        FICTION,
        false,
        &[
            (
                "a pronoun subject in the next sentence",
                "Marta Quell moved to Velmar. She joined Norrland Bank in May.",
                &[
                    "marta_quell lives_in velmar",
                    "marta_quell member_of norrland_bank [via She]",
                ],
            ),
            (
                "a description subject",
                "Vanta Party members met. The party attacked Kestrel Motors on Monday.",
                &["vanta attacked kestrel_motors [via The party]"],
            ),
            (
                "a possessive pronoun as a possessive",
                "Kestrel Motors grew. Its Velmar plant closed.",
                &[],
            ),
            (
                "near miss: she said with nobody before",
                "She joined Norrland Bank in May.",
                &[],
            ),
            (
                "near miss: a pronoun between two names does not block them",
                "Tomas Brandt died from his wounds in Velmar.",
                &["tomas_brandt killed_in velmar"],
            ),
            (
                "a pronoun in the next sentence",
                "Ivo Petrak left. He joined the Vanta Party.",
                &["ivo_petrak member_of vanta [via He]"],
            ),
            (
                "two references and no name",
                "Marta Quell praised Norrland Bank. She then joined it.",
                &[
                    "marta_quell member_of norrland_bank [via She; it]",
                    "marta_quell praised norrland_bank",
                ],
            ),
            (
                "near miss: a reference to the one entity its sentence names",
                "Marta Quell left. She praised Marta Quell.",
                &[],
            ),
        ],
    );
}

#[test]
fn co_occurrence_is_not_extended_through_references() {
    let g = Gazetteer::from_records(parse("t.tsv", FICTION).unwrap()).unwrap();
    let pipeline = Pipeline::new(g, parse_patterns("p", DEFAULT_PATTERNS).unwrap());
    let doc = Document::new(DocId(0), "t", "Ivo Petrak left. He joined the Vanta Party.");
    let facts = pipeline.extract(&doc);
    let edges: Vec<(&str, &str, &str)> = facts
        .relations
        .iter()
        .map(|r| (&*r.source, &*r.relation, &*r.target))
        .collect();
    assert_eq!(edges, [("ivo_petrak", "member_of", "vanta")]);
    assert_eq!(
        facts.relations[0].evidence.qualifiers.via.as_deref(),
        Some("He")
    );
}
