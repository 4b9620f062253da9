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
    for f in ["graph.graphml", "graph.dot", "graph.json"] {
        let ext = f.rsplit('.').next().unwrap();
        golden(
            &root().join("tests/golden").join(format!("mini.{ext}")),
            &dir.join("out").join(f),
        );
    }
}

/// The example outputs in `out/` are what `kg build` makes of the sample text, byte for byte.
#[test]
fn sample_build_reproduces_out() {
    let dir = Dir::new("sample");
    ok(&dir.kg(&["build"]));
    for f in ["graph.graphml", "graph.dot", "graph.json"] {
        golden(&root().join("out").join(f), &dir.join("out").join(f));
    }
}

#[test]
fn dot_escapes_awkward_names() {
    let dir = Dir::new("escape");
    dir.write(
        "g.tsv",
        "odd\tORG\tThe \"Back\\slash\" <Group>\tBSG\nplain\tPLACE\tPlainville\n",
    );
    dir.write("t.txt", "BSG met in Plainville.\n");
    ok(&dir.kg(&[
        "build",
        "t.txt",
        "--no-default-gazetteer",
        "--gazetteer",
        "g.tsv",
    ]));
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
