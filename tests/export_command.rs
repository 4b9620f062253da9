//! `kg export`: the files of any graph.json, byte-identical to `kg build`'s when uncut.

use crate::util::{Dir, ok, read, stderr};

#[test]
fn export_writes_what_build_wrote() {
    let dir = Dir::new("export-same");
    ok(&dir.kg(&["build", "--out", "built", "-q"]));
    let out = dir.kg(&["export", "--graph", "built/graph.json", "--out", "again"]);
    let g: serde_json::Value = serde_json::from_str(&read(&dir.join("built/graph.json"))).unwrap();
    let (nodes, edges) = (
        g["nodes"].as_array().unwrap().len(),
        g["edges"].as_array().unwrap().len(),
    );
    eqnice!(
        format!("{nodes} entities, {edges} edges -> again\n"),
        ok(&out)
    );
    for f in ["graph.graphml", "graph.gexf", "graph.dot", "graph.html"] {
        assert_eq!(
            read(&dir.join(&format!("built/{f}"))),
            read(&dir.join(&format!("again/{f}"))),
            "{f}"
        );
    }
    assert!(!dir.join("again/graph.json").exists());
    // The same cut as `kg build --top 3` draws gives the same graph.dot.
    ok(&dir.kg(&["build", "--out", "top", "--top", "3", "-q"]));
    ok(&dir.kg(&[
        "export",
        "--graph",
        "built/graph.json",
        "--out",
        "cut",
        "--top",
        "3",
    ]));
    assert_eq!(
        read(&dir.join("top/graph.dot")),
        read(&dir.join("cut/graph.dot"))
    );
}

#[test]
fn a_cut_applies_to_every_file() {
    let dir = Dir::with_news("export-cut");
    ok(&dir.kg_mini(&["build", "news", "-q"]));
    let out = dir.kg(&[
        "export",
        "--focus",
        "North Port",
        "--relations-only",
        "--out",
        "ego",
    ]);
    eqnice!("2 entities, 1 edge -> ego\n", ok(&out));
    let graphml = read(&dir.join("ego/graph.graphml"));
    let nodes: Vec<&str> = graphml
        .match_indices("<node id=\"")
        .map(|(i, m)| {
            let rest = &graphml[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(nodes, ["north_port", "valdoria"]);
    assert_eq!(graphml.matches("<edge ").count(), 1);
    assert_eq!(
        read(&dir.join("ego/graph.gexf")).matches("<edge ").count(),
        1
    );
    // A graph that is not one is named.
    dir.write("bad.json", "{\"nodes\": 3}");
    let bad = dir.kg(&["export", "--graph", "bad.json", "--out", "x"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).starts_with("kg: bad.json: not a kg graph.json"),
        "{}",
        stderr(&bad)
    );
}
