//! Outputs compared byte for byte with golden files. Run with `KG_BLESS=1` to rewrite them after
//! an intended change, then review the diff.

use std::path::Path;

use crate::util::{Dir, ok, root};

fn golden(expected: &Path, got: &Path) {
    let got_bytes = std::fs::read(got).unwrap();
    if std::env::var_os("KG_BLESS").is_some() {
        std::fs::create_dir_all(expected.parent().unwrap()).unwrap();
        std::fs::write(expected, &got_bytes).unwrap();
        return;
    }
    let want = std::fs::read_to_string(expected).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with KG_BLESS=1 to create it)",
            expected.display()
        )
    });
    eqnice!(want, String::from_utf8(got_bytes).unwrap());
}

#[test]
fn fixture_graph_matches_golden_files() {
    let dir = Dir::with_news("golden");
    ok(&dir.kg_mini(&["build", "news"]));
    for f in ["graph.graphml", "graph.gexf", "graph.dot", "graph.json"] {
        let ext = f.rsplit('.').next().unwrap();
        golden(
            &root().join("tests/golden").join(format!("mini.{ext}")),
            &dir.join("out").join(f),
        );
    }
}

/// `kg build` of the sample text, byte for byte. The goldens live under `tests/`, not in
/// `out/`, which is where users' own builds go (issue 21).
#[test]
fn sample_build_matches_golden_files() {
    let dir = Dir::new("sample");
    ok(&dir.kg(&["build"]));
    for f in ["graph.graphml", "graph.gexf", "graph.dot", "graph.json"] {
        golden(
            &root().join("tests/golden/sample").join(f),
            &dir.join("out").join(f),
        );
    }
}

/// Gephi Lite's reader types its graph by the first edge and knows no `mutual` graph: directed
/// edges come first, and a graph of co-occurrence alone is written undirected (issue 17).
#[test]
fn gexf_edge_layout_suits_every_reader() {
    let dir = Dir::with_news("gexf-layout");
    ok(&dir.kg_mini(&["build", "news"]));
    let gexf = crate::util::read(&dir.join("out/graph.gexf"));
    let types: Vec<&str> = gexf
        .lines()
        .filter(|l| l.trim_start().starts_with("<edge "))
        .map(|l| {
            l.split(" type=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        })
        .collect();
    let directed = types.iter().take_while(|t| **t == "directed").count();
    assert!(directed > 0, "{types:?}");
    assert!(
        types[directed..].iter().all(|t| *t == "mutual"),
        "{types:?}"
    );
    assert!(gexf.contains("<graph defaultedgetype=\"directed\""));

    dir.write("g.tsv", "a\tPLACE\tAlphaville\nb\tPLACE\tBetatown\n");
    dir.write(
        "plain.txt",
        "Alphaville and Betatown.\nBetatown and Alphaville.\n",
    );
    ok(&dir.kg(&[
        "build",
        "plain.txt",
        "--no-default-gazetteer",
        "--gazetteer",
        "g.tsv",
        "--out",
        "plain",
    ]));
    let gexf = crate::util::read(&dir.join("plain/graph.gexf"));
    assert!(
        gexf.contains("<graph defaultedgetype=\"undirected\""),
        "{gexf}"
    );
    assert!(
        gexf.contains(
            "<edge id=\"e0\" source=\"a\" target=\"b\" type=\"undirected\" weight=\"2.0\""
        ),
        "{gexf}"
    );
    assert!(
        !gexf.contains("mutual") && !gexf.contains("type=\"directed\""),
        "{gexf}"
    );
}

#[test]
fn dot_escapes_awkward_names() {
    let dir = Dir::new("escape");
    ok(&dir.build_with_own_gazetteer(
        "odd\tORG\tThe \"Back\\slash\" <Group>\tBSG\nplain\tPLACE\tPlainville\n",
        "BSG met in Plainville.\n",
    ));
    let dot = crate::util::read(&dir.join("out/graph.dot"));
    assert!(
        dot.contains(r#"label="The \"Back\\slash\" <Group>""#),
        "{dot}"
    );
    let graphml = crate::util::read(&dir.join("out/graph.graphml"));
    assert!(
        graphml.contains("The &quot;Back\\slash&quot; &lt;Group&gt;"),
        "{graphml}"
    );
}

#[test]
fn focus_draws_the_ego_network_only() {
    let dir = Dir::with_news("focus");
    ok(&dir.kg_mini(&["build", "news", "--focus", "Ivan Petrov"]));
    let dot = crate::util::read(&dir.join("out/graph.dot"));
    assert_eq!(
        dot_nodes(&dot),
        ["Ivan Petrov", "Jane Q. Roe", "North Port", "Valdoria"]
    );
    // The other outputs keep everything.
    let json: serde_json::Value =
        serde_json::from_str(&crate::util::read(&dir.join("out/graph.json"))).unwrap();
    assert_eq!(json["nodes"].as_array().unwrap().len(), 6);
    // A focus that names nobody does not throw the build away (issue 21): every file is
    // written, the picture is the default view, and a warning says why.
    let unknown = dir.kg_mini(&["build", "news", "--focus", "Nobody Here", "--out", "o2"]);
    eqnice!(
        "2 documents, 13 mentions, 6 entities, 15 edges -> o2\n",
        crate::util::ok(&unknown)
    );
    eqnice!(
        "kg: warning: --focus: no entity matches \"Nobody Here\"; graph.dot shows the default view\n",
        crate::util::stderr(&unknown)
    );
    assert_eq!(
        dot_nodes(&crate::util::read(&dir.join("o2/graph.dot"))).len(),
        6
    );
    for f in ["graph.graphml", "graph.gexf", "graph.json"] {
        assert!(dir.join("o2").join(f).is_file(), "{f}");
    }
}

#[test]
fn top_and_relations_only_trim_the_picture() {
    let dir = Dir::with_news("top");
    ok(&dir.kg_mini(&["build", "news", "--top", "2"]));
    let dot = crate::util::read(&dir.join("out/graph.dot"));
    assert_eq!(dot_nodes(&dot), ["Acme Corporation", "Jane Q. Roe"]);
    ok(&dir.kg_mini(&["build", "news", "--relations-only"]));
    let dot = crate::util::read(&dir.join("out/graph.dot"));
    assert!(!dot.contains("dir=none"), "{dot}");
    assert_eq!(dot.matches(" -> ").count(), 5, "{dot}");
}

/// Labels of the node statements (`n3 [label="..."`) of a DOT file.
fn dot_nodes(dot: &str) -> Vec<String> {
    dot.lines()
        .filter_map(|l| {
            let (id, rest) = l.trim().split_once(" [label=\"")?;
            let digits = id.strip_prefix('n')?;
            digits
                .chars()
                .all(|c| c.is_ascii_digit())
                .then(|| rest.split('"').next().unwrap().to_string())
        })
        .collect()
}

#[test]
#[ignore = "needs Graphviz (apt-get install graphviz); CI installs it and runs this"]
fn render_runs_graphviz() {
    let graphviz = std::process::Command::new("sfdp").arg("-V").output();
    assert!(
        graphviz.is_ok(),
        "Graphviz is needed for this test: apt-get install graphviz"
    );
    let dir = Dir::with_news("render");
    ok(&dir.kg_mini(&["build", "news"]));
    eqnice!(
        "6 entities, 15 edges drawn with sfdp -> out/graph.svg\n",
        ok(&dir.kg(&["render"]))
    );
    let svg = crate::util::read(&dir.join("out/graph.svg"));
    assert!(svg.contains("<svg") && svg.contains("Jane Q. Roe"), "{svg}");
    ok(&dir.kg(&[
        "render", "--format", "png", "--layout", "dot", "--focus", "RHB", "--out", "rhb.png",
    ]));
    assert!(
        std::fs::read(dir.join("rhb.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    // Without --format, the extension says what to write (issue 21: pic.png held SVG).
    eqnice!(
        "6 entities, 15 edges drawn with sfdp -> pic.png\n",
        ok(&dir.kg(&["render", "--out", "pic.png"]))
    );
    assert!(
        std::fs::read(dir.join("pic.png"))
            .unwrap()
            .starts_with(b"\x89PNG")
    );
    ok(&dir.kg(&["render", "--out", "pic.PDF"]));
    assert!(
        std::fs::read(dir.join("pic.PDF"))
            .unwrap()
            .starts_with(b"%PDF")
    );
}

/// The README's picture is what `kg render` draws of the sample build today.
#[test]
#[ignore = "needs Graphviz (apt-get install graphviz); CI installs it and runs this"]
fn the_readme_picture_is_current() {
    let dir = Dir::new("readme-picture");
    ok(&dir.kg(&["build"]));
    ok(&dir.kg(&["render", "--out", "sample.svg"]));
    let want = crate::util::read(&root().join("examples/sample.svg"));
    let got = crate::util::read(&dir.join("sample.svg"));
    assert!(
        want == got,
        "examples/sample.svg is stale: run `kg build && kg render --out examples/sample.svg`"
    );
    assert!(
        got.contains("stroke-dasharray"),
        "no discovered entity is drawn dashed"
    );
}

/// Issue 21: the format follows `--out`'s extension; a contradiction or an unknown extension
/// is an error that writes nothing; DOT is not "drawn with" anything.
#[test]
fn render_format_follows_the_extension() {
    let dir = Dir::with_news("render-format");
    ok(&dir.kg_mini(&["build", "news", "--out", "o1"]));
    let graph = ["--graph", "o1/graph.json"];
    let render = |args: &[&str]| dir.kg(&[&["render"], &graph[..], args].concat());
    eqnice!(
        "6 entities, 15 edges -> pic.dot\n",
        ok(&render(&["--out", "pic.dot"]))
    );
    assert!(crate::util::read(&dir.join("pic.dot")).starts_with("digraph"));
    eqnice!(
        "6 entities, 15 edges -> o1/graph.view.dot\n",
        ok(&render(&["--format", "dot"]))
    );
    let conflict = render(&["--format", "svg", "--out", "pic.png"]);
    assert_eq!(conflict.status.code(), Some(2));
    eqnice!(
        "kg: --format svg contradicts --out pic.png (a .png file); give one or make them agree\n",
        crate::util::stderr(&conflict)
    );
    let unknown = render(&["--out", "pic.jpeg"]);
    assert_eq!(unknown.status.code(), Some(2));
    eqnice!(
        "kg: --out pic.jpeg: cannot tell the format from its extension; name it .svg, .png, .pdf, .dot or .html, or give --format\n",
        crate::util::stderr(&unknown)
    );
    assert!(!dir.join("pic.png").exists() && !dir.join("pic.jpeg").exists());
}

#[test]
fn render_without_graphviz_says_how_to_install_it() {
    let dir = Dir::with_news("render-missing");
    ok(&dir.kg_mini(&["build", "news"]));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(["render"])
        .current_dir(&dir.path)
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = crate::util::stderr(&out);
    assert!(
        err.starts_with("kg: Graphviz's sfdp is not installed;")
            && err.contains("apt-get install graphviz"),
        "{err}"
    );
    // The hint names the graph being drawn, not a default path (issue 21).
    std::fs::rename(dir.join("out"), dir.join("o1")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(["render", "--graph", "o1/graph.json"])
        .current_dir(&dir.path)
        .env("PATH", "")
        .output()
        .unwrap();
    let err = crate::util::stderr(&out);
    assert!(
        err.trim_end().ends_with(
            "or write the DOT with `kg render --graph o1/graph.json --format dot --out graph.dot` and render it elsewhere"
        ),
        "{err}"
    );
    assert!(!dir.join("o1/graph.svg").exists());
}
