use serde_json::Value;

use crate::util::{Dir, ids, node_ids, ok, stderr};

fn built(name: &str) -> Dir {
    let dir = Dir::with_news(name);
    ok(&dir.kg_mini(&["build", "news"]));
    dir
}

#[test]
fn neighbors_json_lists_relations_and_weights() {
    let dir = built("nb-json");
    let out = ok(&dir.kg(&["neighbors", "jane roe", "--json"]));
    let list: Vec<Value> = serde_json::from_str(&out).unwrap();
    let rows: Vec<String> = list
        .iter()
        .map(|n| {
            let rels: Vec<String> = n["relations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    format!(
                        "{}/{}",
                        r["relation"].as_str().unwrap(),
                        r["direction"].as_str().unwrap()
                    )
                })
                .collect();
            format!(
                "{} {} {} [{}]",
                n["id"].as_str().unwrap(),
                n["type"].as_str().unwrap(),
                n["weight"],
                rels.join(",")
            )
        })
        .collect();
    eqnice!(
        "\
acme ORG 2 [hired/in,co_occurs/both]
north_port PLACE 2 [co_occurs/both]
ivan_petrov PERSON 1 [co_occurs/both]
red_hand ORG 1 [co_occurs/both]
valdoria PLACE 1 [co_occurs/both]",
        rows.join("\n")
    );
    assert_eq!(list[0]["name"], "Acme Corporation");
    assert_eq!(
        list[0]["evidence"][0]["text"],
        "Acme Corporation hired Jane Roe in North Port, a city in Valdoria."
    );
}

#[test]
fn neighbors_accepts_any_alias_and_goes_deeper() {
    let dir = built("nb-depth");
    let out = ok(&dir.kg(&["neighbors", "RHB", "--depth", "2", "--json"]));
    let list: Vec<Value> = serde_json::from_str(&out).unwrap();
    let ids: Vec<(&str, u64)> = list
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n["depth"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        ids,
        [
            ("acme", 1),
            ("jane_roe", 1),
            ("valdoria", 1),
            ("ivan_petrov", 2),
            ("north_port", 2)
        ]
    );
}

#[test]
fn neighbors_table_for_people() {
    let dir = built("nb-table");
    let out = ok(&dir.kg(&["neighbors", "Ivan Petrov"]));
    eqnice!(
        "\
Ivan Petrov (ivan_petrov, PERSON): 3 neighbours
NAME         TYPE    WEIGHT  RELATIONS
Jane Q. Roe  PERSON       1  co-occurs
    \"Ivan Petrov met Jane Roe in North Port.\" (news/b.txt)
North Port   PLACE        1  co-occurs
    \"Ivan Petrov met Jane Roe in North Port.\" (news/b.txt)
Valdoria     PLACE        -  <- praised (1)
    \"Valdorian officials praised Ivan Petrov.\" (news/a.txt)
",
        out
    );
}

#[test]
fn unknown_entity_exits_1_with_suggestions() {
    let dir = built("nb-unknown");
    let out = dir.kg(&["neighbors", "Ivan Petrow"]);
    assert_eq!(out.status.code(), Some(1));
    eqnice!(
        "kg: no entity matches \"Ivan Petrow\"; did you mean: Ivan Petrov\n",
        stderr(&out)
    );
}

/// Issue 21: a typo is answered with names like it, not with names that hold three of its
/// letters ("ETA" for "Netanyahoo").
#[test]
fn suggestions_are_ranked_by_similarity_and_weak_ones_dropped() {
    let dir = Dir::new("nb-suggest");
    ok(&dir.build_with_own_gazetteer(
        "eta\tORG\tETA\nnetanyahu\tPERSON\tBenjamin Netanyahu\nnorth\tPLACE\tNorth Port\n",
        "ETA and Benjamin Netanyahu met in North Port.\n",
    ));
    let out = dir.kg(&["show", "Netanyahoo"]);
    assert_eq!(out.status.code(), Some(1));
    eqnice!(
        "kg: no entity matches \"Netanyahoo\"; did you mean: Benjamin Netanyahu\n",
        stderr(&out)
    );
    let out = dir.kg(&["show", "Zanzibar"]);
    eqnice!("kg: no entity matches \"Zanzibar\"\n", stderr(&out));
}

/// Issue 21: a relation no edge has is an error listing the ones that exist, never a ranking
/// of zeros.
#[test]
fn an_unknown_relation_is_an_error_listing_the_known_ones() {
    let dir = built("nb-relation");
    for cmd in [
        vec!["top", "--relation", "kiled"],
        vec!["neighbors", "Jane Roe", "--relation", "kiled"],
        vec!["path", "Jane Roe", "Valdoria", "--relation", "kiled"],
    ] {
        let out = dir.kg(&cmd);
        assert_eq!(out.status.code(), Some(2), "{cmd:?}");
        eqnice!(
            "kg: no edge has the relation \"kiled\"; this graph's relations: attacked, co_occurs, hired, located_in, praised, threatened\n",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
    assert!(ok(&dir.kg(&["top", "--relation", "hired"])).contains("Acme Corporation"));
}

/// Issue 21: a graph without edges ranks its entities with score 0, never "-0".
#[test]
fn scores_are_never_negative_zero() {
    let dir = Dir::new("top-zero");
    dir.write("t.txt", "Ivan Petrov.\n");
    ok(&dir.kg_mini(&["build", "t.txt"]));
    for by in [
        "weight",
        "pagerank",
        "betweenness",
        "significance",
        "degree",
    ] {
        let out = ok(&dir.kg(&["top", "--by", by]));
        assert!(!out.contains("-0"), "{by}: {out}");
        assert!(
            out.lines()
                .nth(1)
                .is_some_and(|l| l.contains("Ivan Petrov")),
            "{out}"
        );
    }
}

#[test]
fn missing_graph_names_the_file() {
    let dir = Dir::new("nb-missing");
    let out = dir.kg(&["neighbors", "x", "--graph", "nope.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("kg: nope.json: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn neighbors_filters_by_type_relation_and_weight() {
    let dir = built("nb-filter");
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["neighbors"];
        all.extend_from_slice(args);
        all.push("--json");
        let list: Vec<Value> = serde_json::from_str(&ok(&dir.kg(&all))).unwrap();
        list.iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&["Jane Roe", "--type", "place"]),
        ["north_port", "valdoria"]
    );
    assert_eq!(ids(&["Jane Roe", "--relation", "hired"]), ["acme"]);
    assert_eq!(
        ids(&["Jane Roe", "--min-weight", "2"]),
        ["acme", "north_port"]
    );
    let bad = dir.kg(&["neighbors", "Jane Roe", "--type", "city"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("\"city\" is not PERSON, ORG or PLACE"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn path_gives_evidence_for_each_hop() {
    let dir = built("path");
    let out = ok(&dir.kg(&["path", "Ivan Petrov", "RHB"]));
    eqnice!(
        "\
Ivan Petrov (ivan_petrov): 2 hops
  <- praised (1) Valdoria (valdoria, PLACE)
      \"Valdorian officials praised Ivan Petrov.\" (news/a.txt)
  -> attacked (1) Red Hand Brigade (red_hand, ORG)
      \"The RHB was attacked by Valdorian forces.\" (news/a.txt)
",
        out
    );
    let json: Vec<Value> =
        serde_json::from_str(&ok(&dir.kg(&["path", "Ivan Petrov", "RHB", "--json"]))).unwrap();
    assert_eq!(json.len(), 2);
    assert_eq!(json[1]["to"], "red_hand");
    let none = dir.kg(&["path", "Ivan Petrov", "RHB", "--relation", "hired"]);
    assert_eq!(none.status.code(), Some(1));
    eqnice!(
        "kg: no path between Ivan Petrov and Red Hand Brigade\n",
        stderr(&none)
    );
}

#[test]
fn top_ranks_by_each_measure() {
    let dir = built("top");
    let ids = |by: &str| -> Vec<(String, f64)> {
        let list: Vec<Value> =
            serde_json::from_str(&ok(&dir.kg(&["top", "--by", by, "-n", "3", "--json"]))).unwrap();
        list.iter()
            .map(|r| {
                (
                    r["id"].as_str().unwrap().to_string(),
                    r["score"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        ids("degree"),
        [
            ("jane_roe".into(), 5.0),
            ("valdoria".into(), 5.0),
            ("acme".into(), 4.0)
        ]
    );
    assert_eq!(
        ids("weight"),
        [
            ("jane_roe".into(), 8.0),
            ("acme".into(), 7.0),
            ("north_port".into(), 6.0)
        ]
    );
    assert_eq!(ids("betweenness")[0].0, "jane_roe");
    assert_eq!(ids("pagerank")[0].0, "jane_roe");
    let people = ok(&dir.kg(&["top", "--type", "PERSON", "-n", "5"]));
    eqnice!(
        "\
RANK  NAME         TYPE           SCORE  MENTIONS
   1  Jane Q. Roe  PERSON             8         3
   2  Ivan Petrov  PERSON             3         2
",
        people
    );
}

#[test]
fn show_profiles_an_entity() {
    let dir = built("show");
    eqnice!(
        "\
Red Hand Brigade (red_hand, ORG)
  aliases:   
  seen as:   RHB, Red Hand Brigade
  mentions:  3 in 1 document
  co-occurs with 2 entities
  relations out:
    -> threatened Acme Corporation (acme) x1
  relations in:
    <- attacked Valdoria (valdoria) x1
",
        ok(&dir.kg(&["show", "rhb"]))
    );
}

/// Issue 15: `kg diff` lists what appeared, what vanished and what changed weight, with a
/// sentence from the newer graph's new documents.
#[test]
fn diff_lists_what_changed() {
    let dir = Dir::with_news("diff");
    ok(&dir.kg_mini(&["build", "news/a.txt", "--out", "a"]));
    ok(&dir.kg_mini(&["build", "news/b.txt", "--out", "b"]));
    ok(&dir.kg_mini(&["build", "news", "--out", "ab"]));
    let diff = |old: &str, new: &str| -> Value {
        serde_json::from_str(&ok(&dir.kg(&[
            "diff",
            &format!("{old}/graph.json"),
            &format!("{new}/graph.json"),
            "--json",
        ])))
        .unwrap()
    };
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    // From one article to the other: entities of each that the other lacks, by id.
    let d = diff("a", "b");
    let set =
        |g: &str| -> std::collections::BTreeSet<String> { node_ids(&dir, g).into_iter().collect() };
    let (a, b) = (set("a/graph.json"), set("b/graph.json"));
    let added: Vec<String> = b.difference(&a).cloned().collect();
    let removed: Vec<String> = a.difference(&b).cloned().collect();
    assert_eq!(strings(&d["entities"]["added"]), added);
    assert_eq!(strings(&d["entities"]["removed"]), removed);
    assert!(!removed.is_empty());
    // From one article to both: new edges and one heavier, worked out from the texts.
    let d = diff("a", "ab");
    let edges: Vec<(String, String, String, u64, u64)> = ["added", "removed", "changed"]
        .iter()
        .flat_map(|k| d["edges"][*k].as_array().unwrap().clone())
        .map(|e| {
            (
                e["source"].as_str().unwrap().to_string(),
                e["relation"].as_str().unwrap().to_string(),
                e["target"].as_str().unwrap().to_string(),
                e["old_weight"].as_u64().unwrap(),
                e["new_weight"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("ivan_petrov", "co_occurs", "jane_roe", 0, 1),
        ("ivan_petrov", "co_occurs", "north_port", 0, 1),
        ("jane_roe", "co_occurs", "north_port", 1, 2),
    ];
    let want: Vec<(String, String, String, u64, u64)> = want
        .iter()
        .map(|(s, r, t, o, n)| (s.to_string(), r.to_string(), t.to_string(), *o, *n))
        .collect();
    assert_eq!(edges, want);
    assert_eq!(d["edges"]["changed"][0]["evidence"]["doc"], "news/b.txt");
    let text = ok(&dir.kg(&["diff", "a/graph.json", "ab/graph.json"]));
    assert!(
        text.starts_with(
            "entities: 0 added, 0 removed\nedges: 2 added, 0 removed, 1 changed weight\n"
        ),
        "{text}"
    );
}

/// Issue 15: significance and backbone on a graph worked out by hand. Ten sentences: Acme with
/// Jane Roe three times, Acme with Valdoria once, Ivan Petrov with Valdoria once, and Ivan
/// Petrov, Valdoria (twice), North Port and nothing alone. Sentences naming each: Acme 4, Jane
/// Roe 3, Valdoria 4, Ivan Petrov 2.
///
/// G²(Acme, Jane Roe): table 3, 1, 0, 6 against 1.2, 2.8, 1.8, 4.2 expected:
/// 2(3 ln 2.5 + ln(1/2.8) + 6 ln(6/4.2)) = 7.719, positive (3 > 1.2).
/// G²(Ivan Petrov, Valdoria): 1, 1, 3, 5 against 0.8, 1.2, 3.2, 4.8: 0.103, positive.
/// G²(Acme, Valdoria): 1, 3, 3, 3 against 1.6, 2.4, 2.4, 3.6: 0.644, negative (1 < 1.6).
///
/// Disparity filter: Acme has strength 4 over 2 edges, so Jane Roe's edge scores
/// (1 - 3/4)^1 = 0.25 and Valdoria's 0.75; Valdoria (strength 2, 2 edges) gives each of its
/// edges 0.5; ends of degree 1 give 1. At ALPHA 0.3 only Acme–Jane Roe stays, at 0.6 all three.
#[test]
fn significance_and_backbone_worked_by_hand() {
    let dir = Dir::new("significance");
    dir.write(
        "t.txt",
        "Acme Corporation and Jane Roe.\nAcme Corporation and Jane Roe.\nAcme Corporation and \
         Jane Roe.\nAcme Corporation and Valdoria.\nIvan Petrov and Valdoria.\nIvan Petrov.\n\
         Valdoria.\nValdoria.\nNorth Port.\nNothing happened.\n",
    );
    let out = ok(&dir.kg_mini(&["build", "t.txt"]));
    assert!(
        out.starts_with("1 document, 14 mentions, 5 entities, 3 edges"),
        "{out}"
    );
    let graph: Value =
        serde_json::from_str(&crate::util::read(&dir.join("out/graph.json"))).unwrap();
    let g2: Vec<(String, String, f64)> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap().to_string(),
                e["target"].as_str().unwrap().to_string(),
                e["significance"].as_f64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("acme", "jane_roe", 7.719),
        ("acme", "valdoria", -0.644),
        ("ivan_petrov", "valdoria", 0.103),
    ];
    let want: Vec<(String, String, f64)> = want
        .iter()
        .map(|(s, t, g)| (s.to_string(), t.to_string(), *g))
        .collect();
    assert_eq!(g2, want);
    // Ranked by significance, Valdoria's neighbours put Ivan Petrov before Acme.
    let n: Value = serde_json::from_str(&ok(&dir.kg(&[
        "neighbors",
        "Valdoria",
        "--sort",
        "significance",
        "--json",
    ])))
    .unwrap();
    assert_eq!(ids(&n), ["ivan_petrov", "acme"]);
    let n: Value =
        serde_json::from_str(&ok(&dir.kg(&["neighbors", "Valdoria", "--json"]))).unwrap();
    assert_eq!(ids(&n), ["acme", "ivan_petrov"]);
    // The backbone at two levels, drawn as DOT.
    let edges = |alpha: &str| {
        ok(&dir.kg(&[
            "render",
            "--backbone",
            alpha,
            "--format",
            "dot",
            "--out",
            "b.dot",
        ]));
        crate::util::read(&dir.join("b.dot"))
            .matches(" -> ")
            .count()
    };
    assert_eq!(edges("0.3"), 1);
    assert_eq!(edges("0.6"), 3);
    assert_eq!(edges("0.2"), 0);
    // Entities the backbone leaves without an edge are not drawn as loose boxes (issue 21):
    // at 0.3 only Acme and Jane Roe remain.
    ok(&dir.kg(&[
        "render",
        "--backbone",
        "0.3",
        "--format",
        "dot",
        "--out",
        "b.dot",
    ]));
    let drawn = crate::util::read(&dir.join("b.dot"));
    let labels: Vec<&str> = drawn
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('n'))
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) && !l.contains(" -> "))
        .filter_map(|l| l.split("[label=\"").nth(1)?.split('"').next())
        .collect();
    assert_eq!(labels, ["Acme Corporation", "Jane Q. Roe"], "{drawn}");
    // In GraphML and GEXF too, as a number.
    assert!(
        crate::util::read(&dir.join("out/graph.graphml"))
            .contains("<data key=\"e_significance\">7.719</data>")
    );
    assert!(
        crate::util::read(&dir.join("out/graph.gexf"))
            .contains("<attvalue for=\"significance\" value=\"-0.644\"/>")
    );
}

/// A surname two people of the corpus share, used alone elsewhere: the node of that name is
/// the answer, and a note names the others it is an alias of; an id is never ambiguous.
#[test]
fn a_shared_surname_answers_its_own_node_and_names_the_others() {
    let dir = Dir::new("q-shared-surname");
    dir.write(
        "in/a.txt",
        "John Carver spoke in Paris on Monday. Carver left early.\n",
    );
    dir.write(
        "in/b.txt",
        "Anna Carver arrived in Berlin on Friday. Carver smiled.\n",
    );
    dir.write(
        "in/c.txt",
        "Mr. Carver said in Rome on Sunday that he would stay.\n",
    );
    ok(&dir.kg(&["build", "in"]));
    let out = dir.kg(&["show", "Carver"]);
    let said = ok(&out);
    assert!(
        said.starts_with("Carver (discovered:carver, PERSON)\n"),
        "{said}"
    );
    assert!(
        said.contains("left apart: the surname of several people: Anna Carver; John Carver"),
        "{said}"
    );
    eqnice!(
        "kg: note: \"Carver\" is Carver (discovered:carver); it also names Anna Carver \
         (discovered:anna_carver), John Carver (discovered:john_carver): ask by id for another\n",
        stderr(&out)
    );
    let out = dir.kg(&["show", "discovered:john_carver"]);
    assert!(ok(&out).starts_with("John Carver (discovered:john_carver, PERSON)\n"));
    eqnice!("", stderr(&out));
}
