use serde_json::Value;

use crate::util::{Dir, ok, stderr};

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
Valdoria     PLACE        0  <- praised (1)
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
