//! Quality on public dev data nobody here wrote, with floors: a change that loses quality fails.
//! The scorers live in `benches/quality/` and print the same figures for people.

use serde_json::Value;

use crate::util::{root, shared};

/// Runs a scorer of `benches/quality/` on `data` against the built kg and reads its JSON.
fn scorer(script: &str, data: &std::path::Path, args: &[&str]) -> Value {
    let out = std::process::Command::new("python3")
        .arg(root().join("benches/quality").join(script))
        .arg(data)
        .args(["--json", "--kg", env!("CARGO_BIN_EXE_kg")])
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// CoNLL04 dev with gold entities as the gazetteer (issues 13 and 26): labeled F1 at least 0.68,
/// precision at least 0.80, recall at least 0.58, every label at least 0.55. Measured: F1 0.714,
/// precision 0.873, recall 0.603, lowest label Work_For 0.667.
#[test]
#[ignore = "needs ../shared (the CoNLL04 dev split) and python3"]
fn conll04_dev_relations_hold_their_floor() {
    let split = shared().join("data/conll04/conll04_dev.json");
    let scores = scorer("conll04.py", &split, &[]);
    println!("conll04 dev: {scores}");
    let all = &scores["all"];
    assert!(all["f1"].as_f64().unwrap() >= 0.68, "{all}");
    assert!(all["p"].as_f64().unwrap() >= 0.80, "{all}");
    assert!(all["r"].as_f64().unwrap() >= 0.58, "{all}");
    for label in ["Kill", "Work_For", "Live_In", "Located_In", "OrgBased_In"] {
        let f1 = scores[label]["f1"].as_f64().unwrap();
        assert!(f1 >= 0.55, "{label}: {}", scores[label]);
    }
}

/// Wikigold with the built-in gazetteer and discovery (issue 14), on the held-out part (the last
/// 45 articles; the first 100 were used for tuning): PER/ORG/LOC exact-span F1 at least 0.69 and
/// PER at least 0.78, and on all 145 articles F1 at least 0.70, PER at least 0.78 and ORG at
/// least 0.55 (issue 22's targets), with default options (discovery on). Measured: held-out F1
/// 0.709, PER 0.797; tuning part 0.713; all 145 articles 0.712, PER 0.814, ORG 0.562.
#[test]
#[ignore = "needs ../shared (wikigold) and python3"]
fn wikigold_held_out_entities_hold_their_floor() {
    let data = shared().join("data/wikigold/wikigold.conll.txt");
    let scores = |part: &str| scorer("wikigold.py", &data, &["--part", part]);
    let held_out = scores("held-out");
    println!("wikigold held-out: {held_out}");
    assert!(
        held_out["all"]["f1"].as_f64().unwrap() >= 0.69,
        "{}",
        held_out["all"]
    );
    assert!(
        held_out["PER"]["f1"].as_f64().unwrap() >= 0.78,
        "{}",
        held_out["PER"]
    );
    let all = scores("all");
    println!("wikigold all: {all}");
    assert!(all["all"]["f1"].as_f64().unwrap() >= 0.70, "{}", all["all"]);
    assert!(all["PER"]["f1"].as_f64().unwrap() >= 0.78, "{}", all["PER"]);
    assert!(all["ORG"]["f1"].as_f64().unwrap() >= 0.55, "{}", all["ORG"]);
}

/// Issue 22: a default build of text nobody here wrote (122 Wikipedia articles), its 100
/// most-mentioned entities, the first thing a user looks at. Known-right entries are there with
/// the right type; none of the kinds of mistake the issue lists is.
#[test]
#[ignore = "needs ../shared (wikitext-2 articles)"]
fn the_most_mentioned_entities_of_unseen_articles_read_right() {
    let dir = crate::util::Dir::new("wiki-top");
    let articles = shared().join("bench/wikitext-2/articles");
    crate::util::ok(&dir.kg(&["build", articles.to_str().unwrap(), "--quiet"]));
    let graph: Value =
        serde_json::from_str(&crate::util::read(&dir.join("out/graph.json"))).unwrap();
    let mut nodes: Vec<&Value> = graph["nodes"].as_array().unwrap().iter().collect();
    nodes.sort_by_key(|n| std::cmp::Reverse(n["mentions"].as_u64().unwrap()));
    let top: Vec<(&str, &str, bool)> = nodes[..100]
        .iter()
        .map(|n| {
            (
                n["name"].as_str().unwrap(),
                n["type"].as_str().unwrap(),
                n["discovered"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    let has = |name: &str, kind: &str| top.iter().any(|t| t.0 == name && t.1 == kind);
    // People named in full once and by surname after: one node, a person, not a town.
    for person in [
        "Brock Lesnar",
        "Sam Mendes",
        "Randy Blythe",
        "Daniel Radcliffe",
        "Ricardo Arjona",
        "Ward Churchill",
        "Clayton Kershaw",
    ] {
        assert!(has(person, "PERSON"), "{person} missing from {top:?}");
    }
    // Groups in the plural, a book's title, a wrestling show, a storm, a culture with a
    // prefix, an album: no people or places (issue 22's second list). A person's name written
    // in both orders (Shikamaru Nara, Nara Shikamaru) is one person, not an organization named
    // after the town.
    for wrong in [
        "Scientologists",
        "Tetrarchs",
        "Explaining Hitler",
        "Raw",
        "pre-Columbian Maya",
        "Tropical Storm Josephine",
        "Independiente",
    ] {
        assert!(!top.iter().any(|t| t.0 == wrong), "{wrong} in {top:?}");
    }
    assert!(has("Shikamaru Nara", "PERSON"), "{top:?}");
    assert!(!top.iter().any(|t| t.0 == "Nara Shikamaru"), "{top:?}");
    // A constituent country comes from the built-in gazetteer, not from discovery.
    assert!(top.contains(&("England", "PLACE", false)), "{top:?}");
    let function_words = ["In", "With", "End", "The", "After", "When", "As"];
    for (name, kind, discovered) in &top {
        let words: Vec<&str> = name.split(' ').collect();
        // Surnames alone, typed as places or left apart from the full name.
        assert!(
            ![
                "Lesnar",
                "Mendes",
                "Blythe",
                "Radcliffe",
                "Arjona",
                "Churchill",
                "Stevens"
            ]
            .contains(name),
            "{name} {kind}"
        );
        // Boundaries: no function word first, no connector phrase joining two names.
        assert!(!function_words.contains(&words[0]), "{name}");
        assert!(!name.contains(" for the "), "{name}");
        // Shouting and single letters, and two-letter discoveries ("NY").
        let letters = name.chars().filter(|c| c.is_alphanumeric()).count();
        assert!(letters > 1, "{name}");
        assert!(!*discovered || letters >= 3, "{name}");
        assert!(
            words.len() == 1 || name.chars().any(char::is_lowercase),
            "{name}"
        );
        // Titles alone are no people.
        assert!(
            !(*kind == "PERSON" && ["Champion", "Commander"].contains(words.last().unwrap())),
            "{name}"
        );
    }
}
