//! Documents from JSON Lines (`--jsonl`): named and dated from their fields, bad lines skipped
//! with a warning naming the line, and a build equal to the same documents read from files.

use crate::util::{Dir, ok, read, stderr};

/// The documents of `files` as JSON Lines, named as the files are.
fn as_jsonl(dir: &Dir, files: &[&str]) -> String {
    let mut out = String::new();
    for f in files {
        let text = read(&dir.join(f));
        out.push_str(&serde_json::json!({"id": f, "text": text}).to_string());
        out.push('\n');
    }
    out
}

#[test]
fn a_jsonl_build_equals_the_build_of_the_same_files() {
    let dir = Dir::with_news("jsonl-same");
    dir.write("docs.jsonl", as_jsonl(&dir, &["news/a.txt", "news/b.txt"]));
    let files = dir.kg_mini(&["build", "news/a.txt", "news/b.txt", "--out", "files"]);
    let lines = dir.kg_mini(&["build", "--jsonl", "docs.jsonl", "--out", "lines"]);
    eqnice!(ok(&files).replace("files", "lines"), ok(&lines));
    for f in ["graph.json", "graph.graphml", "graph.gexf", "graph.dot"] {
        assert_eq!(
            read(&dir.join(&format!("files/{f}"))),
            read(&dir.join(&format!("lines/{f}"))),
            "{f}"
        );
    }
    // From stdin too, and `kg extract` gives the same facts line for line.
    let piped = dir.kg_stdin(
        &["extract", "--jsonl", "-"],
        Some(as_jsonl(&dir, &["news/a.txt", "news/b.txt"]).as_bytes()),
    );
    eqnice!(
        ok(&dir.kg(&["extract", "news/a.txt", "news/b.txt"])),
        ok(&piped)
    );
}

/// The built-in sample (three dated news texts, the full gazetteer) read as JSON Lines builds
/// the same graph byte for byte.
#[test]
fn the_sample_as_jsonl_builds_the_sample_graph() {
    let dir = Dir::new("jsonl-sample");
    let root = crate::util::root();
    let mut lines = String::new();
    for f in ["cartel_operation", "border_talks", "europe_security"] {
        let name = format!("examples/news/{f}.txt");
        let text = read(&root.join(&name));
        lines.push_str(&serde_json::json!({"url": name, "text": text}).to_string());
        lines.push('\n');
    }
    dir.write("sample.jsonl", lines);
    ok(&dir.kg(&["build", "--out", "sample", "-q"]));
    ok(&dir.kg(&["build", "--jsonl", "sample.jsonl", "--out", "lines", "-q"]));
    assert_eq!(
        read(&dir.join("sample/graph.json")),
        read(&dir.join("lines/graph.json"))
    );
}

#[test]
fn names_and_dates_come_from_fields_or_the_line_number() {
    let dir = Dir::new("jsonl-fields");
    let lines = concat!(
        "{\"id\":\"story-1\",\"date\":\"2024-03-05T08:00:00Z\",\"text\":\"Ivan Petrov met Jane Roe.\"}\n",
        "{\"url\":\"https://example.org/2\",\"published\":\"2024-03-07\",\"text\":\"Jane Roe left North Port.\"}\n",
        "{\"text\":\"date 2024-01-02\\nIvan Petrov stayed in North Port.\"}\n",
    );
    dir.write("d.jsonl", lines);
    ok(&dir.kg_mini(&["build", "--jsonl", "d.jsonl", "-q"]));
    let g: serde_json::Value = serde_json::from_str(&read(&dir.join("out/graph.json"))).unwrap();
    assert_eq!(
        g["documents"],
        serde_json::json!([
            {"name": "d.jsonl:3", "date": "2024-01-02", "mentions": 2},
            {"name": "https://example.org/2", "date": "2024-03-07", "mentions": 2},
            {"name": "story-1", "date": "2024-03-05", "mentions": 2},
        ])
    );
    // --since reads the field's date; --id-field and --date-field pick other fields.
    let out = dir.kg_mini(&["build", "--jsonl", "d.jsonl", "--since", "2024-03-06", "-q"]);
    eqnice!(
        "1 document, 2 mentions, 2 entities, 1 edge -> out\n",
        ok(&out)
    );
    dir.write(
        "e.jsonl",
        "{\"id\":\"x\",\"slug\":\"jr\",\"day\":\"2020-05-06\",\"body\":\"Jane Roe spoke.\"}\n",
    );
    let out = dir.kg_mini(&[
        "tag",
        "--jsonl",
        "e.jsonl",
        "--text-field",
        "body",
        "--id-field",
        "slug",
        "--date-field",
        "day",
    ]);
    eqnice!(
        "{\"doc\":\"jr\",\"start\":0,\"end\":8,\"text\":\"Jane Roe\",\"entity\":\"jane_roe\",\"type\":\"PERSON\",\"name\":\"Jane Q. Roe\",\"how\":\"alias\"}\n",
        ok(&out)
    );
}

#[test]
fn bad_lines_are_skipped_with_a_warning_or_refused_under_strict() {
    let dir = Dir::new("jsonl-bad");
    let lines = concat!(
        "{\"id\":\"ok\",\"text\":\"Ivan Petrov met Jane Roe.\"}\n",
        "{\"id\":\"cut\",\"text\":\"Ivan\n",
        "{\"id\":\"body\",\"body\":\"Jane Roe.\"}\n",
        "{\"id\":\"num\",\"text\":42}\n",
    );
    dir.write("d.jsonl", lines);
    let out = dir.kg_mini(&["build", "--jsonl", "d.jsonl", "-q"]);
    eqnice!(
        "1 document, 2 mentions, 2 entities, 1 edge -> out\n",
        ok(&out)
    );
    eqnice!(
        concat!(
            "kg: warning: d.jsonl:2: not JSON (EOF while parsing a string, column 24), skipped\n",
            "kg: warning: d.jsonl:3: no \"text\" field, skipped\n",
            "kg: warning: d.jsonl:4: field \"text\" is a number, not a string, skipped\n",
        ),
        stderr(&out)
    );
    let strict = dir.kg_mini(&["build", "--jsonl", "d.jsonl", "--strict", "--out", "s"]);
    assert_eq!(strict.status.code(), Some(2));
    eqnice!(
        "kg: d.jsonl:2: not JSON (EOF while parsing a string, column 24); --strict stops at it\n",
        stderr(&strict)
    );
    assert!(!dir.join("s/graph.json").exists());
    // A missing file is named.
    let missing = dir.kg_mini(&["tag", "--jsonl", "nowhere.jsonl"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).starts_with("kg: nowhere.jsonl: "),
        "{}",
        stderr(&missing)
    );
}
