//! `graph.html` (issue 23) as written, without a browser: the page's data block read back and
//! compared with `graph.json`. `.ci/html.sh` opens the pages in headless Chromium.

use serde_json::{Value, json};

use crate::util::{Dir, ids, ok, read, root};

/// The JSON of the page's data block, parsed.
fn page_data(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/json\" id=\"kg-data\">\n")
        .expect("data block")
        + "<script type=\"application/json\" id=\"kg-data\">\n".len();
    let end = start
        + html[start..]
            .find("\n</script>")
            .expect("end of data block");
    serde_json::from_str(&html[start..end]).expect("data block is JSON")
}

fn graph(dir: &Dir, path: &str) -> Value {
    serde_json::from_str(&read(&dir.join(path))).unwrap()
}

/// The news examples: the page holds every entity and edge of graph.json, its header says what
/// `kg build` said, and every highlighted name is where graph.json's evidence puts it.
#[test]
fn build_writes_a_page_of_the_whole_graph() {
    let dir = Dir::new("html-news");
    let news = root().join("examples/news");
    let said = ok(&dir.kg(&["build", news.to_str().unwrap()]));
    let html = read(&dir.join("out/graph.html"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    // Self-contained: nothing to fetch.
    for outside in ["src=\"http", "href=\"http", "<link", "src=\"//"] {
        assert!(!html.contains(outside), "{outside}");
    }
    let data = page_data(&html);
    let g = graph(&dir, "out/graph.json");
    let (nodes, edges) = (
        g["nodes"].as_array().unwrap(),
        g["edges"].as_array().unwrap(),
    );
    let summary = data["summary"].as_str().unwrap();
    assert_eq!(
        summary,
        format!("{} entities, {} edges", nodes.len(), edges.len())
    );
    assert!(said.contains(&format!(", {summary} -> ")), "{said}");
    assert!(data.get("note").is_none(), "nothing was cut");
    let page_nodes = data["nodes"].as_array().unwrap();
    let page_ids = ids(&data["nodes"]);
    assert_eq!(page_ids, ids(&g["nodes"]));
    for n in page_nodes {
        assert!(n["x"].as_f64().unwrap().is_finite() && n["y"].as_f64().unwrap().is_finite());
    }
    let links = data["links"].as_array().unwrap();
    assert_eq!(links.len(), edges.len());
    let mut highlighted = 0;
    for (link, edge) in links.iter().zip(edges) {
        let (s, t) = (
            link["s"].as_u64().unwrap() as usize,
            link["t"].as_u64().unwrap() as usize,
        );
        assert_eq!(page_ids[s], edge["source"]);
        assert_eq!(page_ids[t], edge["target"]);
        assert_eq!(link["relation"], edge["relation"]);
        assert_eq!(link["weight"], edge["weight"]);
        let records = crate::util::evidence(&g, edge);
        assert_eq!(
            link["evidenceCount"].as_u64().unwrap() as usize,
            records.len()
        );
        for (ev, record) in link["evidence"].as_array().unwrap().iter().zip(&records) {
            let text = data["sentences"][ev[0].as_u64().unwrap() as usize]
                .as_str()
                .unwrap();
            assert_eq!(text, record["text"]);
            assert_eq!(
                data["docs"][ev[1].as_u64().unwrap() as usize][0],
                record["doc"]
            );
            // The names, cut by their UTF-16 offsets as the page's script cuts them.
            let units: Vec<u16> = text.encode_utf16().collect();
            let start = record["start"].as_u64().unwrap() as usize;
            for (k, span) in [(2, "source_span"), (4, "target_span")] {
                let (a, b) = (
                    ev[k].as_u64().unwrap() as usize,
                    ev[k + 1].as_u64().unwrap() as usize,
                );
                let (sa, sb) = (
                    record[span]["start"].as_u64().unwrap() as usize,
                    record[span]["end"].as_u64().unwrap() as usize,
                );
                if a == b {
                    // Only a name outside the sentence (a dateline) has no place in it.
                    assert!(sa < start || sb > start + text.len(), "{record}");
                    continue;
                }
                let name = String::from_utf16(&units[a..b]).unwrap();
                assert_eq!(name, text[sa - start..sb - start], "{record}");
                highlighted += 1;
            }
        }
    }
    assert!(highlighted > 50, "{highlighted} names highlighted");
}

/// Same input, same bytes: the layout is seeded from the ids, not the clock or the threads.
#[test]
fn the_page_is_the_same_for_the_same_graph() {
    let dir = Dir::new("html-same");
    let news = root().join("examples/news");
    let news = news.to_str().unwrap();
    ok(&dir.kg(&["build", news, "--out", "a", "-j", "1"]));
    ok(&dir.kg(&["build", news, "--out", "b", "-j", "2"]));
    assert!(read(&dir.join("a/graph.html")) == read(&dir.join("b/graph.html")));
    // kg render of the built graph writes the same page as the build did.
    ok(&dir.kg(&["render", "--graph", "a/graph.json", "--out", "c.html"]));
    assert!(read(&dir.join("a/graph.html")) == read(&dir.join("c.html")));
}

/// `--html-max N`: the N entities of highest weighted degree, the edges among them, and a note;
/// 0 writes no page.
#[test]
fn html_max_keeps_the_most_connected_entities() {
    let dir = Dir::new("html-max");
    let news = root().join("examples/news");
    let run = dir.kg(&["build", news.to_str().unwrap(), "--html-max", "4"]);
    ok(&run);
    let g = graph(&dir, "out/graph.json");
    let total = g["nodes"].as_array().unwrap().len();
    assert!(
        crate::util::stderr(&run).contains(&format!(
            "kg: note: graph.html holds the 4 most connected of {total} entities (--html-max N to change it)\n"
        )),
        "{}",
        crate::util::stderr(&run)
    );
    let mut strength: std::collections::BTreeMap<&str, u64> = Default::default();
    for e in g["edges"].as_array().unwrap() {
        for end in ["source", "target"] {
            *strength.entry(e[end].as_str().unwrap()).or_default() += e["weight"].as_u64().unwrap();
        }
    }
    let mut ranked: Vec<(&str, u64)> = strength.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut want: Vec<&str> = ranked.iter().take(4).map(|r| r.0).collect();
    want.sort();
    let data = page_data(&read(&dir.join("out/graph.html")));
    assert_eq!(ids(&data["nodes"]), want);
    let inside = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            want.contains(&e["source"].as_str().unwrap())
                && want.contains(&e["target"].as_str().unwrap())
        })
        .count();
    assert_eq!(data["links"].as_array().unwrap().len(), inside);
    assert_eq!(
        data["note"],
        format!(
            "this page holds the 4 most connected of {total} entities and the edges among them; graph.json holds everything (kg build --html-max N to change it)"
        )
    );
    // The header still counts the whole graph, as kg build does.
    assert!(
        data["summary"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{total} entities"))
    );
    ok(&dir.kg(&[
        "build",
        news.to_str().unwrap(),
        "--html-max",
        "0",
        "--out",
        "none",
    ]));
    assert!(dir.join("none/graph.json").exists() && !dir.join("none/graph.html").exists());
}

/// Names and sentences that would end the data block or run as markup stay inside it as
/// escaped JSON strings and read back as the same text.
#[test]
fn hostile_names_cannot_leave_the_data_block() {
    let dir = Dir::new("html-hostile");
    let names = [
        "</script><script>alert(1)</script>",
        "<!-- a & b -->",
        "Line\u{2028}Para\u{2029}End",
    ];
    let text = format!("{} met {} and {}.", names[0], names[1], names[2]);
    let nodes: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| json!({"id": format!("e{i}"), "name": n, "type": "ORG", "aliases": [format!("{n}!")], "seen": [n], "mentions": 1, "documents": 1}))
        .collect();
    let span = |n: &str| {
        let s = text.find(n).unwrap();
        json!({"start": s, "end": s + n.len()})
    };
    let edges: Vec<Value> = [(0, 1), (0, 2), (1, 2)]
        .iter()
        .map(|&(a, b)| json!({"source": format!("e{a}"), "target": format!("e{b}"), "relation": "co_occurs", "directed": false, "weight": 1, "documents": 1,
            "evidence": [{"doc": "</script>.txt", "sentence": 0, "start": 0, "end": text.len(), "text": text, "source_span": span(names[a]), "target_span": span(names[b])}]}))
        .collect();
    dir.write(
        "g.json",
        json!({"version": 1, "documents": [{"name": "</script>.txt", "mentions": 3}], "nodes": nodes, "edges": edges}).to_string(),
    );
    let said = ok(&dir.kg(&[
        "render", "--graph", "g.json", "--format", "html", "--out", "p.html",
    ]));
    assert_eq!(said, "3 entities, 3 edges -> p.html\n");
    let html = read(&dir.join("p.html"));
    // The three script elements of the template close, and nothing else does.
    assert_eq!(html.matches("</script>").count(), 3);
    assert!(!html.contains("<!-- a") && !html.contains('\u{2028}') && !html.contains('\u{2029}'));
    let data = page_data(&html);
    let got: Vec<&str> = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(got, names);
    assert_eq!(data["sentences"][0], json!(text));
    assert_eq!(data["docs"][0][0], "</script>.txt");
}

/// `kg render --format html --focus`: the ego network, as `graph.dot` would draw it.
#[test]
fn render_writes_a_page_of_a_focus_view() {
    let dir = Dir::new("html-focus");
    let news = root().join("examples/news");
    ok(&dir.kg(&["build", news.to_str().unwrap()]));
    let g = graph(&dir, "out/graph.json");
    let focus = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|n| n["mentions"].as_u64())
        .unwrap();
    let id = focus["id"].as_str().unwrap();
    let mut want: Vec<&str> = vec![id];
    for e in g["edges"].as_array().unwrap() {
        if e["source"] == id {
            want.push(e["target"].as_str().unwrap());
        } else if e["target"] == id {
            want.push(e["source"].as_str().unwrap());
        }
    }
    want.sort();
    want.dedup();
    let said = ok(&dir.kg(&["render", "--focus", id, "--out", "ego.html"]));
    assert!(said.ends_with(" -> ego.html\n"), "{said}");
    let data = page_data(&read(&dir.join("ego.html")));
    assert_eq!(ids(&data["nodes"]), want);
    assert!(
        said.starts_with(&format!("{} entities, ", want.len())),
        "{said}"
    );
}

/// graph.html is written with the other four: a folder in its place fails the build before any
/// file is replaced.
#[test]
fn a_folder_in_the_way_of_the_page_leaves_every_file_as_it_was() {
    let dir = Dir::new("html-atomic");
    let news = root().join("examples/news");
    ok(&dir.kg(&["build", news.to_str().unwrap()]));
    let before = read(&dir.join("out/graph.json"));
    std::fs::remove_file(dir.join("out/graph.html")).unwrap();
    std::fs::create_dir_all(dir.join("out/graph.html/inner")).unwrap();
    let out = dir.kg(&["build", news.to_str().unwrap(), "--max-evidence", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        crate::util::stderr(&out).contains("graph.html"),
        "{}",
        crate::util::stderr(&out)
    );
    assert!(read(&dir.join("out/graph.json")) == before);
}
