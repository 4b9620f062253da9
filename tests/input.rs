use crate::util::{Dir, ok, read, stderr};

#[test]
fn binary_files_are_skipped_with_a_warning() {
    let dir = Dir::with_news("binary");
    dir.write("news/c.txt", b"PK\x03\x04\x00\x00binary");
    let out = dir.kg_mini(&["build", "news"]);
    eqnice!(
        "2 documents, 13 mentions, 6 entities, 15 edges -> out\n",
        ok(&out)
    );
    eqnice!(
        "kg: warning: news/c.txt: binary file (NUL byte at offset 4), skipped\n",
        stderr(&out)
    );
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning_or_refused_under_strict() {
    let dir = Dir::new("utf8");
    dir.write("latin1.txt", b"Caf\xe9 owner Ivan Petrov.\n");
    let out = dir.kg_mini(&["tag", "latin1.txt"]);
    let line: serde_json::Value = serde_json::from_str(ok(&out).trim()).unwrap();
    assert_eq!(
        (line["start"].as_u64(), line["text"].as_str()),
        (Some(13), Some("Ivan Petrov"))
    );
    eqnice!(
        "kg: warning: latin1.txt: invalid UTF-8 at byte 3, read with replacement characters (U+FFFD)\n",
        stderr(&out)
    );
    let strict = dir.kg_mini(&["tag", "--strict", "latin1.txt"]);
    assert_eq!(strict.status.code(), Some(2));
    // The build stops, so the message does not say the file was read anyway (issue 21).
    eqnice!(
        "kg: latin1.txt: invalid UTF-8 at byte 3; --strict stops at it\n",
        stderr(&strict)
    );
}

#[test]
fn empty_files_count_as_documents() {
    let dir = Dir::new("empty");
    dir.write("e.txt", "");
    eqnice!(
        "1 document, 0 mentions, 0 entities, 0 edges -> out\n",
        ok(&dir.kg_mini(&["build", "e.txt"]))
    );
}

#[test]
fn missing_input_is_an_error_naming_it() {
    let dir = Dir::new("missing");
    let out = dir.kg_mini(&["build", "nowhere.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("kg: nowhere.txt: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn malformed_gazetteer_lines_name_file_and_line() {
    let dir = Dir::new("badgaz");
    dir.write("g.tsv", "# ok\nx\tPLACE\tX\n\ny\tTOWN\tY\n");
    dir.write("t.txt", "X");
    let out = dir.kg(&["tag", "t.txt", "--gazetteer", "g.tsv"]);
    assert_eq!(out.status.code(), Some(2));
    eqnice!(
        "kg: g.tsv:4: unknown type \"TOWN\": expected PERSON, ORG or PLACE\n",
        stderr(&out)
    );
    dir.write("dup.tsv", "a\tPLACE\tAlpha\na\tPLACE\tAlpha again\n");
    let out = dir.kg(&["tag", "t.txt", "--gazetteer", "dup.tsv"]);
    eqnice!(
        "kg: dup.tsv:2: duplicate id \"a\" (first defined at dup.tsv:1)\n",
        stderr(&out)
    );
}

#[test]
fn malformed_pattern_lines_name_file_and_line() {
    let dir = Dir::new("badpat");
    dir.write("p.patterns", "verb\tsanctioned\t*\t*\n");
    dir.write("t.txt", "x");
    let out = dir.kg(&["build", "t.txt", "--patterns", "p.patterns"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("kg: p.patterns:1: expected 5 tab-separated columns"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_failed_build_leaves_previous_outputs_intact() {
    let dir = Dir::with_news("atomic");
    ok(&dir.kg_mini(&["build", "news/b.txt"]));
    let before = (
        read(&dir.join("out/graph.json")),
        read(&dir.join("out/graph.graphml")),
    );
    // A folder where graph.dot should go makes that write fail midway through the exports.
    std::fs::remove_file(dir.join("out/graph.dot")).unwrap();
    std::fs::create_dir_all(dir.join("out/graph.dot/blocker")).unwrap();
    let out = dir.kg_mini(&["build", "news"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("kg: out/graph.dot: "),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        (
            read(&dir.join("out/graph.json")),
            read(&dir.join("out/graph.graphml"))
        ),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn unwritable_output_fails_before_reading_text() {
    let dir = Dir::new("devfull");
    dir.write("out", "a file, not a folder");
    let out = dir.kg_mini(&["build", "nowhere.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("kg: out: "), "{}", stderr(&out));
}

#[test]
fn a_huge_one_line_file_is_read_in_pieces_with_file_offsets() {
    let dir = Dir::new("huge");
    let sentence = "Ivan Petrov met Jane Roe in North Port. ";
    let text = sentence.repeat(30_000); // 1.2 MB, no line break: two pieces
    dir.write("huge.txt", &text);
    let out = ok(&dir.kg_mini(&["tag", "huge.txt"]));
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 90_000);
    for l in [&lines[0], &lines[60_001], &lines[89_999]] {
        let (s, e) = (
            l["start"].as_u64().unwrap() as usize,
            l["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], l["text"].as_str().unwrap());
    }
    eqnice!(
        "1 document, 90000 mentions, 3 entities, 3 edges -> out\n",
        ok(&dir.kg_mini(&["build", "huge.txt", "--max-evidence", "2"]))
    );
    let graph: serde_json::Value =
        serde_json::from_str(&read(&dir.join("out/graph.json"))).unwrap();
    let edge = &graph["edges"][0];
    assert_eq!(
        (edge["weight"].as_u64(), edge["documents"].as_u64()),
        (Some(30_000), Some(1))
    );
    assert_eq!(crate::util::evidence(&graph, edge).len(), 2);
    // Sentence numbers run on across pieces.
    let last = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["documents"].as_u64().unwrap())
        .max();
    assert_eq!(last, Some(1));
}

#[test]
fn a_bom_is_ignored_and_offsets_stay_file_offsets() {
    let dir = Dir::new("bom");
    dir.write("bom.txt", "\u{FEFF}Ivan Petrov spoke.");
    let line: serde_json::Value =
        serde_json::from_str(ok(&dir.kg_mini(&["tag", "bom.txt"])).trim()).unwrap();
    // The BOM's three bytes come first in the file, so the name starts at byte 3.
    assert_eq!(
        (line["start"].as_u64(), line["end"].as_u64()),
        (Some(3), Some(14))
    );
    assert_eq!(line["text"], "Ivan Petrov");
}

#[test]
fn crlf_text_splits_and_tags_like_lf() {
    let dir = Dir::new("crlf");
    dir.write(
        "crlf.txt",
        "Ivan Petrov left.\r\n\r\nJane Roe stayed in\r\nNorth Port.\r\n",
    );
    let out = ok(&dir.kg_mini(&["tag", "crlf.txt"]));
    let spans: Vec<(u64, u64)> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap()))
        .collect();
    assert_eq!(spans, [(0, 11), (21, 29), (41, 51)]);
    ok(&dir.kg_mini(&["build", "crlf.txt"]));
    let graph: serde_json::Value =
        serde_json::from_str(&read(&dir.join("out/graph.json"))).unwrap();
    // "stayed in\r\nNorth Port" is one sentence: Jane Roe and North Port co-occur.
    assert_eq!(graph["edges"][0]["source"], "jane_roe");
    assert_eq!(graph["edges"][0]["target"], "north_port");
}

#[test]
fn symlink_loops_and_deep_folders_do_not_hang() {
    let dir = Dir::new("loops");
    let mut deep = String::from("d");
    for _ in 0..60 {
        deep.push_str("/d");
    }
    dir.write(&format!("{deep}/a.txt"), "Ivan Petrov.");
    std::os::unix::fs::symlink(dir.join("d"), dir.join("d/d/loop")).unwrap();
    let out = dir.kg_mini(&["build", "d"]);
    eqnice!(
        "1 document, 1 mention, 1 entity, 0 edges -> out\n",
        ok(&out)
    );
}

#[test]
fn a_full_disk_on_stdout_is_an_error_not_silence() {
    let dir = Dir::with_news("full");
    let full = std::fs::File::create("/dev/full").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kg"))
        .args(["extract", "news"])
        .args(crate::util::mini())
        .current_dir(&dir.path)
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("kg: <stdout>: No space left on device"),
        "{}",
        stderr(&out)
    );
}

/// Issue 21: a relation that reaches a country through its demonym ("French officials") put
/// an entity outside the document's table: `kg relations` panicked and `kg build` dropped the
/// edge. Both now keep it, with the country as a node of its own.
#[test]
fn a_relation_through_a_demonym_keeps_its_country() {
    let dir = Dir::new("demonym");
    let text = "Paris, French officials said.\n";
    let out = dir.kg_stdin(&["relations", "-"], Some(text.as_bytes()));
    let line: serde_json::Value = serde_json::from_str(ok(&out).trim()).unwrap();
    assert_eq!(
        (
            line["predicate"].as_str(),
            line["subject"]["id"].as_str(),
            line["object"]["id"].as_str(),
            line["object"]["text"].as_str()
        ),
        (
            Some("located_in"),
            Some("paris"),
            Some("france"),
            Some("French")
        )
    );
    for extra in [&[][..], &["--open-relations"][..]] {
        let out = dir.kg_stdin(
            &[&["relations", "-"], extra].concat(),
            Some(text.as_bytes()),
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    dir.write("t.txt", text);
    ok(&dir.kg(&["build", "t.txt"]));
    let graph: serde_json::Value =
        serde_json::from_str(&read(&dir.join("out/graph.json"))).unwrap();
    let edges: Vec<(&str, &str, &str)> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["source"].as_str().unwrap(),
                e["relation"].as_str().unwrap(),
                e["target"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(edges, [("paris", "located_in", "france")]);
    assert_eq!(
        crate::util::node_ids(&dir, "out/graph.json"),
        ["france", "paris"]
    );
}

/// Issue 21: when every input is skipped nothing is written over the previous graph, and the
/// build fails saying so.
#[test]
fn a_build_that_reads_nothing_fails_and_keeps_the_old_files() {
    let dir = Dir::with_news("nothing-read");
    ok(&dir.kg_mini(&["build", "news"]));
    let before = read(&dir.join("out/graph.json"));
    dir.write("ls.bin", b"\x7fELF\x00\x00binary");
    let out = dir.kg_mini(&["build", "ls.bin"]);
    assert_eq!(out.status.code(), Some(2));
    eqnice!(
        "kg: warning: ls.bin: binary file (NUL byte at offset 4), skipped\n\
         kg: nothing was read: no input held a document (every file was skipped, or the folders hold no *.txt); out is left as it was\n",
        stderr(&out)
    );
    assert_eq!(read(&dir.join("out/graph.json")), before);
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    assert_eq!(dir.kg_mini(&["build", "empty"]).status.code(), Some(2));
    assert_eq!(read(&dir.join("out/graph.json")), before);
}

/// Issue 21: `--out` naming a file says a folder was expected.
#[test]
fn out_must_be_a_folder() {
    let dir = Dir::with_news("out-file");
    dir.write("afile", "x");
    let out = dir.kg_mini(&["build", "news", "--out", "afile"]);
    assert_eq!(out.status.code(), Some(2));
    eqnice!(
        "kg: afile: --out must be a folder (kg build writes four files into it), and this is a file\n",
        stderr(&out)
    );
    assert_eq!(read(&dir.join("afile")), "x");
}

/// A name the text breaks across lines is one mention, and the line break inside it ends no
/// sentence: every relation's sentence holds both its names (found by the `relations` fuzz
/// target, issue 21).
#[test]
fn a_name_broken_across_lines_keeps_its_sentence_whole() {
    let dir = Dir::new("broken-name");
    let text =
        "Officials of the Central Intelligence\nAgency met Claudia Sheinbaum in Mexico\nCity.";
    let out = dir.kg_stdin(&["extract", "-"], Some(text.as_bytes()));
    let facts: serde_json::Value = serde_json::from_str(ok(&out).trim()).unwrap();
    assert_eq!(facts["sentences"], 1);
    let relations = facts["relations"].as_array().unwrap();
    assert!(!relations.is_empty());
    for r in relations {
        let ev = &r["evidence"];
        let (start, end) = (ev["start"].as_u64().unwrap(), ev["end"].as_u64().unwrap());
        for side in ["source_span", "target_span"] {
            let s = &ev[side];
            assert!(
                start <= s["start"].as_u64().unwrap() && s["end"].as_u64().unwrap() <= end,
                "{r}"
            );
        }
    }
}
