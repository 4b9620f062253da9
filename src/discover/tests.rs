//! One row per discovery rule, on sentences of our own: the text and every discovered mention
//! expected from it as `text KIND how`.

use crate::Pipeline;
use crate::corpus::{DocId, Document};
use crate::gazetteer::{Gazetteer, parse};

const GAZETTEER: &str = "\
spain\tPLACE\tSpain\t-\tdemonym=Spanish
united_states\tPLACE\tUnited States\tU.S.
mexico\tPLACE\tMexico
mexico_city\tPLACE\tMexico City\t-\tin=mexico
velmar\tPLACE\tVelmar\t-\tin=spain
";

fn discovered(text: &str) -> Vec<String> {
    let g = Gazetteer::from_records(parse("t.tsv", GAZETTEER).unwrap()).unwrap();
    let mut pipeline = Pipeline::new(g, Vec::new());
    pipeline.discover = true;
    let doc = Document::new(DocId(0), "t", text);
    let a = pipeline.analyze(&doc);
    let known = a.known(&pipeline.gazetteer);
    a.tagged
        .mentions
        .iter()
        .filter(|m| known.entity(m.entity).key.starts_with("discovered:"))
        .map(|m| {
            let e = known.entity(m.entity);
            let how = serde_json::to_value(m.rule).unwrap();
            format!(
                "{} {} {} {}",
                &text[m.span.start..m.span.end],
                e.kind.as_str(),
                how.as_str().unwrap(),
                e.key
            )
        })
        .collect()
}

fn check(rows: &[(&str, &str, &[&str])]) {
    crate::testing::check_rows(rows, discovered);
}

/// Issue 22: boundaries, titles, shared surnames and one sense per document, each with a near
/// miss.
#[test]
fn boundaries_titles_and_one_sense_per_document() {
    check(&[
        (
            "a function word opens no name, even where no sentence starts",
            "After the war\nIn Korvath Province the rains came.",
            &["Korvath Province PLACE discovered discovered:korvath_province"],
        ),
        (
            "an English connector joins only after a head word",
            "Dario Fenwick for the Harbor Lions scored twice, Fenwick said.",
            &[
                "Dario Fenwick PERSON discovered discovered:dario_fenwick",
                "Fenwick PERSON partial-name discovered:dario_fenwick",
            ],
        ),
        (
            "titles inside a run go",
            "Conservative MP Sir Dario Fenwick spoke.",
            &["Dario Fenwick PERSON discovered discovered:dario_fenwick"],
        ),
        (
            "a title alone is no name",
            "Reporters asked the Division Commander about it.",
            &[],
        ),
        (
            "a middle name is the same person",
            "Dario Emil Fenwick was born in 1970. Dario Fenwick won. Fenwick won again.",
            &[
                "Dario Emil Fenwick PERSON discovered discovered:dario_fenwick",
                "Dario Fenwick PERSON discovered discovered:dario_fenwick",
                "Fenwick PERSON partial-name discovered:dario_fenwick",
            ],
        ),
        (
            "a shared surname is the person named just before",
            "Dario Fenwick won. Dario Fenwick won again. His father Tomas Fenwick cheered, and Fenwick smiled.",
            &[
                "Dario Fenwick PERSON discovered discovered:dario_fenwick",
                "Dario Fenwick PERSON discovered discovered:dario_fenwick",
                "Tomas Fenwick PERSON discovered discovered:tomas_fenwick",
                "Fenwick PERSON partial-name discovered:tomas_fenwick",
            ],
        ),
        (
            "a surname beats a gazetteer town once the person is named",
            "Anna Velmar, a lawyer, filed the appeal. Velmar said she would win.",
            &[
                "Anna Velmar PERSON discovered discovered:anna_velmar",
                "Velmar PERSON partial-name discovered:anna_velmar",
            ],
        ),
        (
            "near miss: the town after a place preposition",
            "Anna Velmar, a lawyer, filed the appeal. She flew to Velmar on Monday.",
            &["Anna Velmar PERSON discovered discovered:anna_velmar"],
        ),
        (
            "a class noun before the name",
            "Fans of the band Korvath Lights waited for hours.",
            &["Korvath Lights ORG discovered discovered:korvath_lights"],
        ),
        (
            "places playing a game are teams",
            "Velmar beat Spain 3-1 in the cup final.",
            &[
                "Velmar ORG discovered discovered:velmar",
                "Spain ORG discovered discovered:spain",
            ],
        ),
        (
            "near miss: no game in the sentence",
            "Velmar beat Spain in the vote on tariffs.",
            &[],
        ),
        (
            "playing for a place, and the places listed after it",
            "He played 26 games for Velmar, Spain and Mexico City.",
            &[
                "Velmar ORG discovered discovered:velmar",
                "Spain ORG discovered discovered:spain",
                "Mexico City ORG discovered discovered:mexico_city",
            ],
        ),
        (
            "near miss: a place after another word and \"for\"",
            "He voted for Velmar, Spain and Mexico City.",
            &[],
        ),
        (
            "a call sign is written like a name",
            "The radio station 4KV said its listeners called 4KV all night.",
            &[
                "4KV ORG discovered discovered:4kv",
                "4KV ORG discovered discovered:4kv",
            ],
        ),
        (
            "near miss: a time of day",
            "The talks end at 5PM on Friday.",
            &[],
        ),
        (
            "a single letter is no name",
            "Ana posted on X about it. X said nothing.",
            &[],
        ),
        (
            "shouting is no name",
            "TREASURE OF THE KORVATH\nThe film opened on Friday.",
            &[],
        ),
        (
            "an acronym with a dash",
            "The Joint Korvath Task Force Counter Cartel (JKTF – CC) met. JKTF – CC agreed.",
            &[
                "Joint Korvath Task Force Counter Cartel ORG discovered discovered:joint_korvath_task_force_counter_cartel",
                "JKTF – CC ORG acronym discovered:joint_korvath_task_force_counter_cartel",
                "JKTF – CC ORG acronym discovered:joint_korvath_task_force_counter_cartel",
            ],
        ),
    ]);
}

/// Each rule with a sentence of our own, and what discovery makes of it.
#[test]
fn every_rule_on_its_own_sentence() {
    check(&[
        (
            "connector of",
            "Analysts at the Bank of Ostravia cut their forecast.",
            &["Bank of Ostravia ORG discovered discovered:bank_of_ostravia"],
        ),
        (
            "connector van der",
            "Anna van der Berg, a lawyer, filed the appeal.",
            &["Anna van der Berg PERSON discovered discovered:anna_van_der_berg"],
        ),
        (
            "connector al-",
            "Talks with Omar al-Rashid, the minister, resumed on Monday.",
            &["Omar al-Rashid PERSON discovered discovered:omar_al_rashid"],
        ),
        (
            "apostrophe inside",
            "The vote was close, Kevin O'Brien told reporters.",
            &["Kevin O'Brien PERSON discovered discovered:kevin_o_brien"],
        ),
        (
            "possessive outside",
            "Yesterday Kevin O'Brien's office declined to comment.",
            &["Kevin O'Brien PERSON discovered discovered:kevin_o_brien"],
        ),
        (
            "headline",
            "Storm Hits Coastal Towns\n\nThe storm hit the coast on Friday.",
            &[],
        ),
        (
            "sentence start",
            "However, the plan failed. Nevertheless it was tried again.",
            &[],
        ),
        (
            "title before",
            "Yesterday Mr. Brandt spoke to the council.",
            &["Brandt PERSON discovered discovered:brandt"],
        ),
        (
            "military title",
            "Gen. Tomas Kowal inspected the troops in the north.",
            &["Tomas Kowal PERSON discovered discovered:tomas_kowal"],
        ),
        (
            "acronym",
            "The NTSB said the plane had been airworthy.",
            &["NTSB ORG discovered discovered:ntsb"],
        ),
        ("two-letter capitals", "He watched TV until late.", &[]),
        (
            "line break",
            "A statement from Harriet\nMoss, the mayor, was read out.",
            &["Harriet\nMoss PERSON discovered discovered:harriet_moss"],
        ),
        (
            "surname after full name",
            "Harriet Moss won the vote. Later Moss thanked her staff, and Ms. Moss left.",
            &[
                "Harriet Moss PERSON discovered discovered:harriet_moss",
                "Moss PERSON partial-name discovered:harriet_moss",
                "Moss PERSON partial-name discovered:harriet_moss",
            ],
        ),
        (
            "organization suffix",
            "Shares of Kestrel Motors Inc. fell sharply.",
            &["Kestrel Motors Inc. ORG discovered discovered:kestrel_motors_inc"],
        ),
        (
            "place before a known place",
            "She moved to Velmaro, Spain, in 2010.",
            &["Velmaro PLACE discovered discovered:velmaro"],
        ),
        (
            "-based",
            "The deal was struck by a Velmaro-based firm.",
            &["Velmaro PLACE discovered discovered:velmaro"],
        ),
        (
            "gazetteer place inside an organization",
            "He was treated at the Mexico City General Hospital.",
            &[
                "Mexico City General Hospital ORG discovered discovered:mexico_city_general_hospital",
            ],
        ),
        (
            "an abbreviated country is a name of its own; one spelled out names the organization",
            "The U.S. Joint Task Force sent the Spain Defence Council the data.",
            &[
                "Joint Task Force ORG discovered discovered:joint_task_force",
                "Spain Defence Council ORG discovered discovered:spain_defence_council",
            ],
        ),
        (
            "acronym defined after its name",
            "The Joint Task Force (JTF) met. Later the JTF left.",
            &[
                "Joint Task Force ORG discovered discovered:joint_task_force",
                "JTF ORG acronym discovered:joint_task_force",
                "JTF ORG acronym discovered:joint_task_force",
            ],
        ),
        (
            "a team named after a town",
            "Fans saw the Velmar Glory win again in Velmar.",
            &["Velmar Glory ORG discovered discovered:velmar_glory"],
        ),
        (
            "gazetteer place alone",
            "Mexico City reported more rain.",
            &[],
        ),
        (
            "days and months",
            "On Monday in March the talks resumed.",
            &[],
        ),
    ]);
}

/// Issue 22: people named by what stands around them: a kinship noun, an apposition, a nickname
/// in quotes; each with a near miss.
#[test]
fn people_named_by_kin_appositions_and_nicknames() {
    check(&[
        (
            "a kinship noun before a name",
            "He trained with his brother Toby every summer.",
            &["Toby PERSON discovered discovered:toby"],
        ),
        (
            "a kinship noun, the name between commas",
            "With his second wife, Karen, he moved north.",
            &["Karen PERSON discovered discovered:karen"],
        ),
        (
            "near miss: a kinship noun, then a sentence going on",
            "He thanked his wife, Harbor Lights played on.",
            &[],
        ),
        (
            "a verb only people do",
            "Later that year Oskar Venwe resigned, and Tamsin Okoro was soon executed.",
            &[
                "Oskar Venwe PERSON discovered discovered:oskar_venwe",
                "Tamsin Okoro PERSON discovered discovered:tamsin_okoro",
            ],
        ),
        (
            "near miss: a verb places and companies do too",
            "Later that year Harbor Lights grew, and Korvath Lights was soon sold.",
            &[],
        ),
        (
            "a place head word after a surname-like word",
            "They fished in Hancock Brook near Velmar.",
            &["Hancock Brook PLACE discovered discovered:hancock_brook"],
        ),
        (
            "an occupation in an apposition",
            "She married Frederic Diefenthal, a French actor.",
            &["Frederic Diefenthal PERSON discovered discovered:frederic_diefenthal"],
        ),
        (
            "a nickname in quotes between given name and surname",
            "William \"Cowboy\" Cowlard scored twice; Cowlard retired in 1947.",
            &[
                "William \"Cowboy\" Cowlard PERSON discovered discovered:william_cowboy_cowlard",
                "Cowlard PERSON partial-name discovered:william_cowboy_cowlard",
            ],
        ),
        (
            "near miss: a quoted title after a name",
            "Dario Fenwick \"Harbor Lights\" sold well.",
            &["Dario Fenwick PERSON discovered discovered:dario_fenwick"],
        ),
    ]);
}

/// Issue 22: a definition types the name it defines, even at the start of a sentence; near
/// misses define nothing.
#[test]
fn definitions_type_the_name() {
    check(&[
        (
            "an organization",
            "Korvath is a Danish chain of bakeries.",
            &["Korvath ORG discovered discovered:korvath"],
        ),
        (
            "a place",
            "Velnor is a small village in Velmar.",
            &["Velnor PLACE discovered discovered:velnor"],
        ),
        (
            "a person, a bracket between",
            "Tamsin Okoro (born 1983) is an English singer-songwriter.",
            &["Tamsin Okoro PERSON discovered discovered:tamsin_okoro"],
        ),
        (
            "near miss: no class noun",
            "Korvath is a word nobody knows.",
            &[],
        ),
        (
            "near miss: the class noun comes after a preposition",
            "Korvath is a name of a village.",
            &[],
        ),
    ]);
}

/// Issue 22: organizations whose name holds a place, a demonym or a head word with its
/// complement, each with a near miss.
#[test]
fn organization_names_around_places_and_head_words() {
    check(&[
        (
            "a place before a head word and its complement",
            "The Velmar Department of Water Supply opened an inquiry.",
            &[
                "Velmar Department of Water Supply ORG discovered discovered:velmar_department_of_water_supply",
            ],
        ),
        (
            "near miss: the place is not next to the name",
            "Velmar asked the Department of Water Supply to pay.",
            &["Department of Water Supply ORG discovered discovered:department_of_water_supply"],
        ),
        (
            "a head word keeps its type however the short form is used",
            "He coached at Korvane University. He won in Korvane, in Korvane, in Korvane, in \
             Korvane, in Korvane and in Korvane.",
            &[
                "Korvane University ORG discovered discovered:korvane_university",
                "Korvane ORG partial-name discovered:korvane_university",
                "Korvane ORG partial-name discovered:korvane_university",
                "Korvane ORG partial-name discovered:korvane_university",
                "Korvane ORG partial-name discovered:korvane_university",
                "Korvane ORG partial-name discovered:korvane_university",
                "Korvane ORG partial-name discovered:korvane_university",
            ],
        ),
        (
            "a demonym before an organization's name",
            "Jets of the Spanish Air Force flew over the coast.",
            &["Spanish Air Force ORG discovered discovered:spanish_air_force"],
        ),
        (
            "near miss: a demonym before a person's name",
            "The Spanish painter Tomas Ferrer arrived, and Spanish Tomas Ferrer left.",
            &[
                "Tomas Ferrer PERSON discovered discovered:tomas_ferrer",
                "Tomas Ferrer PERSON discovered discovered:tomas_ferrer",
            ],
        ),
        (
            "a head word inside the name keeps a title-like first word",
            "She pitched in Major League Hurling for six years.",
            &["Major League Hurling ORG discovered discovered:major_league_hurling"],
        ),
        (
            "an ordinal in figures numbers a unit",
            "The 42nd Fighter Wing flew north.",
            &["42nd Fighter Wing ORG discovered discovered:42nd_fighter_wing"],
        ),
        (
            "a cardinal numbers a unit too",
            "Redesignated 42 Fighter Wing on 24 July 1943.",
            &["42 Fighter Wing ORG discovered discovered:42_fighter_wing"],
        ),
        (
            "near miss: a cardinal counting the noun after the name",
            "He trained 20 Velmar Air Force pilots and 1943 Korvane Air Force cadets.",
            &[
                "Velmar Air Force ORG discovered discovered:velmar_air_force",
                "Korvane Air Force ORG discovered discovered:korvane_air_force",
            ],
        ),
        (
            "near miss: an ordinal before a person",
            "On the 4th Tomas Ferrer flew north.",
            &["Tomas Ferrer PERSON discovered discovered:tomas_ferrer"],
        ),
        (
            "near miss: a title before a person",
            "Major Tom Kessler led the patrol.",
            &["Tom Kessler PERSON discovered discovered:tom_kessler"],
        ),
    ]);
}

/// Issue 22, the tune part's largest families: a country spelled out before an organization's
/// name is part of it (an abbreviation is not), and a compass point before a place names a place
/// of its own; each with near misses.
#[test]
fn countries_in_organizations_and_compass_points_before_places() {
    check(&[
        (
            "a country spelled out before an organization's name",
            "He joined the Mexico Labour Party and later the United States Air Forces.",
            &[
                "Mexico Labour Party ORG discovered discovered:mexico_labour_party",
                "United States Air Forces ORG discovered discovered:united_states_air_forces",
            ],
        ),
        (
            "near miss: an abbreviated country stays a name of its own",
            "He joined the U.S. Joint Harbor Force.",
            &["Joint Harbor Force ORG discovered discovered:joint_harbor_force"],
        ),
        (
            "near miss: a possessive country stays a name of its own",
            "Mexico's Defense Ministry said so.",
            &["Defense Ministry ORG discovered discovered:defense_ministry"],
        ),
        (
            "near miss: a country before a person's name",
            "In Mexico Tomas Ferrer won.",
            &["Tomas Ferrer PERSON discovered discovered:tomas_ferrer"],
        ),
        (
            "a compass point before a place is a place",
            "They sailed along West Mexico and then to Southern Velmar.",
            &[
                "West Mexico PLACE discovered discovered:west_mexico",
                "Southern Velmar PLACE discovered discovered:southern_velmar",
            ],
        ),
        (
            "a compass point opening a sentence",
            "Northern Velmar is dry.",
            &["Northern Velmar PLACE discovered discovered:northern_velmar"],
        ),
        (
            "a name going on after the place takes its own head word's type",
            "He worked for the West Velmar Railroad until 1950.",
            &["West Velmar Railroad ORG discovered discovered:west_velmar_railroad"],
        ),
        (
            "near miss: a direction in lower case, or not next to the place",
            "They drove west to Velmar. North of Velmar it rains.",
            &[],
        ),
    ]);
}

/// Issue 22: head words of newspapers, hotels, streets and docks, and a town's name before a
/// site's head word; each with a near miss.
#[test]
fn newspapers_hotels_and_sites() {
    check(&[
        (
            "a town's newspaper, a hyphenated head word too",
            "The Velmar Chronicle and the Velmar American-Statesman ran it.",
            &[
                "Velmar Chronicle ORG discovered discovered:velmar_chronicle",
                "Velmar American-Statesman ORG discovered discovered:velmar_american_statesman",
            ],
        ),
        (
            "a hotel is a business; a hall is a building",
            "They dined at the Korvane Hotel and danced at the Korvane Hall.",
            &[
                "Korvane Hotel ORG discovered discovered:korvane_hotel",
                "Korvane Hall PLACE discovered discovered:korvane_hall",
            ],
        ),
        (
            "streets and docks named after people are places",
            "Boats moored at Fenwick Dock, near the corner of Dario Way and Nagel Place.",
            &[
                "Fenwick Dock PLACE discovered discovered:fenwick_dock",
                "Dario Way PLACE discovered discovered:dario_way",
                "Nagel Place PLACE discovered discovered:nagel_place",
            ],
        ),
        (
            "a town's name before a site's head word is part of its name",
            "The Velmar Reservoir fed the Velmar Skating Rink.",
            &[
                "Velmar Reservoir PLACE discovered discovered:velmar_reservoir",
                "Velmar Skating Rink PLACE discovered discovered:velmar_skating_rink",
            ],
        ),
        (
            "a hall of fame is an institution; a firm of associates too, and the start of its name",
            "He entered the Korvane Hurling Hall of Fame. Fenwick Design Associates hired him; \
             later Fenwick Design closed.",
            &[
                "Korvane Hurling Hall of Fame ORG discovered discovered:korvane_hurling_hall_of_fame",
                "Fenwick Design Associates ORG discovered discovered:fenwick_design_associates",
                "Fenwick Design ORG discovered discovered:fenwick_design_associates",
            ],
        ),
        (
            "near miss: a person's name opening an organization's stays the person",
            "Dario Fenwick said the Dario Fenwick Foundation would pay.",
            &[
                "Dario Fenwick PERSON discovered discovered:dario_fenwick",
                "Dario Fenwick Foundation ORG discovered discovered:dario_fenwick_foundation",
            ],
        ),
        (
            "near miss: a comma between the town and the site",
            "He lived in Velmar, Harbor Street.",
            &["Harbor Street PLACE discovered discovered:harbor_street"],
        ),
    ]);
}

/// Issue 22, mistakes among the most-mentioned entities of unseen articles, each kind with a
/// sentence of our own and a near miss: groups in the plural typed as people, a hyphenated
/// prefix read as a name particle, a clause read as a list ("In Explaining Hitler, Ron
/// Rosenbaum wrote"), weak cues adding up to a place, a person's name in Japanese order typed as
/// an organization named after a town, storms.
#[test]
fn groups_titles_shows_and_storms_are_no_people_or_places() {
    check(&[
        (
            "a counted plural is a group, not a person",
            "About 4,000 active Velmarites live in Korvane Province; officials suspected \
             several Velmarites of fraud.",
            &["Korvane Province PLACE discovered discovered:korvane_province"],
        ),
        (
            "a plural with a plural verb is a group, not a person",
            "The Korvanians were shipped abroad. Dr. Korvanians never was.",
            &[],
        ),
        (
            "near miss: a surname ending in s, one person",
            "Dario Jennings spoke first. Jennings said no.",
            &[
                "Dario Jennings PERSON discovered discovered:dario_jennings",
                "Jennings PERSON partial-name discovered:dario_jennings",
            ],
        ),
        (
            "an English prefix before a hyphen is no name particle",
            "The pre-Columbian Maya built towns; the al-Rashid family did not.",
            &[],
        ),
        (
            "near miss: a comma between a clause and its subject makes no list",
            "In Korvane Tales, Dario Fenwick wrote of the sea.",
            &["Dario Fenwick PERSON discovered discovered:dario_fenwick"],
        ),
        (
            "a list of three with commas alone",
            "He met Dario Fenwick, Tomas Ferrer, Korvane Velasko.",
            &[
                "Dario Fenwick PERSON discovered discovered:dario_fenwick",
                "Tomas Ferrer PERSON discovered discovered:tomas_ferrer",
                "Korvane Velasko PERSON discovered discovered:korvane_velasko",
            ],
        ),
        (
            "an ordinary word after place prepositions only is no place",
            "He fought on Raw. He won on Raw. He lost on Raw. He wrestled on Raw again.",
            &[],
        ),
        (
            "near miss: an ordinary word with a strong cue",
            "He moved to Harbor, Velmar.",
            &["Harbor PLACE discovered discovered:harbor"],
        ),
        (
            "a name and a place written in both orders are a person's names",
            "Tomoru Velmar is a ninja; in the other order, Velmar Tomoru. Later Tomoru won.",
            &[
                "Tomoru Velmar PERSON discovered discovered:tomoru_velmar",
                "Velmar Tomoru PERSON discovered discovered:tomoru_velmar",
                "Tomoru PERSON partial-name discovered:tomoru_velmar",
            ],
        ),
        (
            "near miss: a name after a town, in one order only, is named after the town",
            "Fans of the Velmar Tomoru cheered.",
            &["Velmar Tomoru ORG discovered discovered:velmar_tomoru"],
        ),
        (
            "a place after a comma that the document uses as a surname types nothing",
            "Korvath is an album by Dario Velmar. For Korvath, Velmar sang.",
            &[
                "Dario Velmar PERSON discovered discovered:dario_velmar",
                "Velmar PERSON partial-name discovered:dario_velmar",
            ],
        ),
        (
            "near miss: a place after a comma with no such person",
            "He moved to Korvath, Velmar.",
            &["Korvath PLACE discovered discovered:korvath"],
        ),
        (
            "a name used mostly otherwise than after a place preposition is no place",
            "Korvath sold well. Korvath was praised. Critics loved Korvath. Korvath won. \
             Songs from Korvath charted.",
            &[],
        ),
        (
            "near miss: a name after place prepositions often enough",
            "He lived in Korvath. Korvath is small. He died in Korvath.",
            &[
                "Korvath PLACE discovered discovered:korvath",
                "Korvath PLACE discovered discovered:korvath",
                "Korvath PLACE discovered discovered:korvath",
            ],
        ),
        (
            "a storm is an event",
            "Tropical Storm Dario and Hurricane Korvane hit Velmar.",
            &[],
        ),
    ]);
}

mod properties {
    use proptest::prelude::*;

    use crate::Pipeline;
    use crate::corpus::{DocId, Document};
    use crate::gazetteer::{Gazetteer, parse};

    /// Text made of what discovery looks at: names, connectors, titles, places, punctuation,
    /// line breaks and characters that are more than one byte.
    fn texty() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "Harriet",
            "Moss",
            "Mexico City",
            "Velmar",
            "General",
            "Hospital",
            "Bank",
            "of",
            "van",
            "al-",
            "O'",
            "Brien",
            "’s",
            "'s",
            "-based",
            "Inc.",
            "F.",
            "Mr.",
            "NTSB",
            "(",
            ")",
            ",",
            ".",
            " ",
            " ",
            " ",
            "\n",
            "\n\n",
            "\u{A0}",
            "é",
            "Ω",
            "İ",
            "ß",
            "José",
            "Λ",
            "the",
            "and",
            "The",
            "However",
            "Monday",
            "Spain",
            "-",
            "–",
        ]);
        prop::collection::vec(pieces, 0..50).prop_map(|v| v.concat())
    }

    proptest! {
        /// Discovered spans lie inside the text on character boundaries, never overlap each
        /// other or a gazetteer mention, and hold no line break but a single one inside a name.
        #[test]
        fn discovered_spans_are_sound(text in texty()) {
            let g = Gazetteer::from_records(parse("t.tsv", super::GAZETTEER).unwrap()).unwrap();
            let mut pipeline = Pipeline::new(g, Vec::new());
            pipeline.discover = true;
            let doc = Document::new(DocId(0), "t", text.clone());
            let a = pipeline.analyze(&doc);
            let mut last = 0;
            for m in &a.tagged.mentions {
                let (s, e) = (m.span.start, m.span.end);
                prop_assert!(s >= last && s < e && e <= text.len(), "{:?} at {}..{}", text, s, e);
                prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                prop_assert!(!text[s..e].contains("\n\n"));
                last = e;
            }
        }
    }
}
