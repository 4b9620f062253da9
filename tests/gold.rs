//! kg against the hand annotations in `../shared/gold` (two articles). Floors are set from the
//! measured figures so a regression fails; the figures are printed for the record.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{Dir, ok, read, shared};

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn gold_docs() -> Vec<String> {
    let gold = jsonl(&read(&shared().join("gold/mentions.jsonl")));
    let docs: BTreeSet<String> = gold
        .iter()
        .map(|g| g["doc"].as_str().unwrap().to_string())
        .collect();
    docs.into_iter().collect()
}

/// A folder with the annotated articles copied in under their own names.
fn corpus_dir(name: &str) -> Dir {
    let dir = Dir::new(name);
    for d in gold_docs() {
        dir.write(
            &d,
            std::fs::read(shared().join("corpus/news").join(&d)).unwrap(),
        );
    }
    dir
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The corpus-specific names (people, outlets, a misspelling) the built-in gazetteer leaves out.
fn corpus_gazetteer() -> String {
    crate::util::root()
        .join("examples/shared-corpus-news.tsv")
        .display()
        .to_string()
}

/// Mention precision, recall and linking of `kg tag` with `extra` arguments on the annotated
/// articles (exact span and type), with the misses and extras printed.
fn mention_scores(name: &str, extra: &[&str]) -> (f64, f64, f64) {
    let gold = jsonl(&read(&shared().join("gold/mentions.jsonl")));
    let dir = corpus_dir(name);
    let docs = gold_docs();
    let mut args = vec!["tag"];
    args.extend(docs.iter().map(String::as_str));
    args.extend(extra);
    let found = jsonl(&ok(&dir.kg(&args)));
    let key = |v: &Value| {
        (
            v["doc"].as_str().unwrap().to_string(),
            v["start"].as_u64().unwrap(),
            v["end"].as_u64().unwrap(),
            v["type"].as_str().unwrap().to_string(),
        )
    };
    let g: BTreeSet<_> = gold.iter().map(key).collect();
    let f: BTreeSet<_> = found.iter().map(key).collect();
    let tp = g.intersection(&f).count() as f64;
    let (p, r) = (tp / f.len() as f64, tp / g.len() as f64);
    let linked = gold
        .iter()
        .filter(|m| {
            found
                .iter()
                .any(|x| key(x) == key(m) && x["entity"] == m["entity"])
        })
        .count() as f64;
    let linking = linked / tp;
    println!(
        "mentions {extra:?}: precision {p:.3} recall {r:.3} F1 {:.3}; linking {linking:.3}",
        f1(p, r)
    );
    for missed in g.difference(&f) {
        println!("  missed {missed:?}");
    }
    for extra in f.difference(&g) {
        println!("  extra  {extra:?}");
    }
    (p, r, linking)
}

#[test]
#[ignore = "needs ../shared (the news corpus and its gold)"]
fn mentions_match_the_annotations() {
    let (p, r, linking) = mention_scores("gold-mentions", &["--gazetteer", &corpus_gazetteer()]);
    // Measured: precision and linking 1.000, recall 0.987 (the single letter "X" is no name on
    // its own since issue 22).
    assert!(f1(p, r) >= 0.98, "mention F1 {:.3} below floor", f1(p, r));
    assert!(linking >= 0.98, "linking {linking:.3} below floor");
}

/// Issues 14 and 22: without the corpus-specific names, discovery (on by default) finds them:
/// mention F1 at least 0.97 with default options and the built-in gazetteer only. Measured:
/// 0.993.
#[test]
#[ignore = "needs ../shared (the news corpus and its gold)"]
fn discovery_finds_the_names_the_gazetteer_leaves_out() {
    let (p, r, _) = mention_scores("gold-discover", &[]);
    assert!(f1(p, r) >= 0.97, "mention F1 {:.3} below floor", f1(p, r));
    // With the corpus names given, discovery changes nothing that was right.
    let (p, r, _) = mention_scores("gold-discover-all", &["--gazetteer", &corpus_gazetteer()]);
    assert!(f1(p, r) >= 0.95, "mention F1 {:.3} below floor", f1(p, r));
}

#[test]
#[ignore = "needs ../shared (the news corpus and its gold)"]
fn relations_match_the_annotations() {
    let gold = jsonl(&read(&shared().join("gold/relations.jsonl")));
    let dir = corpus_dir("gold-relations");
    ok(&dir.kg(&["build", ".", "--gazetteer", &corpus_gazetteer()]));
    let graph: Value = serde_json::from_str(&read(&dir.join("out/graph.json"))).unwrap();
    // (doc, subject, predicate, object) of every positive typed relation kg asserts.
    let mut found = BTreeSet::new();
    for e in graph["edges"].as_array().unwrap() {
        if e["relation"] == "co_occurs" || e["negated"] == true {
            continue;
        }
        for ev in crate::util::evidence(&graph, e) {
            // The gold records what the text says; a link the gazetteer adds says so.
            if ev["qualifiers"]["how"] == "gazetteer" {
                continue;
            }
            let doc = ev["doc"]
                .as_str()
                .unwrap()
                .trim_start_matches("./")
                .to_string();
            found.insert((
                doc,
                e["source"].as_str().unwrap().to_string(),
                e["relation"].as_str().unwrap().to_string(),
                e["target"].as_str().unwrap().to_string(),
            ));
        }
    }
    let key = |v: &Value| {
        (
            v["doc"].as_str().unwrap().to_string(),
            v["subject"].as_str().unwrap().to_string(),
            v["predicate"].as_str().unwrap().to_string(),
            v["object"].as_str().unwrap().to_string(),
        )
    };
    let all: BTreeSet<_> = gold.iter().map(key).collect();
    let strict: BTreeSet<_> = gold
        .iter()
        .filter(|g| g["strict"] == true)
        .map(key)
        .collect();
    let score = |gold: &BTreeSet<_>| {
        let tp = gold.intersection(&found).count() as f64;
        (tp / found.len().max(1) as f64, tp / gold.len() as f64)
    };
    let (p_all, r_all) = score(&all);
    let (_, r_strict) = score(&strict);
    // Precision on strict relations: what kg asserts, judged against everything annotated.
    println!("relations: precision {p_all:.3}; recall strict {r_strict:.3}, all {r_all:.3}");
    for missed in strict.difference(&found) {
        println!("  missed strict {missed:?}");
    }
    for extra in found.difference(&all) {
        println!("  extra {extra:?}");
    }
    // Measured: precision 1.000, strict recall 0.957, all 0.774 (the text's relations; the 29
    // located_in the gazetteer adds on the corpus are all true but no annotation).
    assert!(p_all >= 0.95, "precision {p_all:.3} below floor");
    assert!(r_strict >= 0.9, "strict recall {r_strict:.3} below floor");
    assert!(r_all >= 0.7, "recall on all records {r_all:.3} below floor");
}

#[test]
#[ignore = "needs ../shared (the news corpus and its gold)"]
fn el_mencho_neighbours_on_the_news_corpus() {
    let dir = Dir::new("gold-neighbours");
    let news = shared().join("corpus/news");
    ok(&dir.kg(&[
        "build",
        news.to_str().unwrap(),
        "--gazetteer",
        &corpus_gazetteer(),
        "--out",
        "x",
    ]));
    let out = ok(&dir.kg(&[
        "neighbors",
        "El Mencho",
        "--graph",
        "x/graph.json",
        "--json",
    ]));
    let list: Vec<Value> = serde_json::from_str(&out).unwrap();
    let ids: BTreeSet<&str> = list.iter().map(|n| n["id"].as_str().unwrap()).collect();
    for want in ["cjng", "tapalpa", "jalisco", "cia"] {
        assert!(ids.contains(want), "{want} missing from {ids:?}");
    }
    let cjng = list.iter().find(|n| n["id"] == "cjng").unwrap();
    let rels: Vec<&str> = cjng["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["relation"].as_str().unwrap())
        .collect();
    assert!(rels.contains(&"leader_of"), "{rels:?}");
    // Every alias names the one node.
    for alias in [
        "nemesio oseguera cervantes",
        "Oseguera Cervantes",
        "EL MENCHO",
    ] {
        let again = ok(&dir.kg(&["neighbors", alias, "--graph", "x/graph.json", "--json"]));
        assert_eq!(again, out, "{alias}");
    }
}

/// Issue 8: every ISO 3166-1 country is recognized by its common name in a sentence.
#[test]
fn every_country_is_found_by_its_common_name() {
    let countries = read(&crate::util::root().join("gazetteer/countries.tsv"));
    let rows: Vec<(String, String)> = countries
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols[0].to_string(), cols[2].to_string())
        })
        .collect();
    assert!(rows.len() >= 249, "{} countries", rows.len());
    // One document each, so no country lends evidence to another's reading.
    let dir = Dir::new("countries");
    for (i, (_, name)) in rows.iter().enumerate() {
        dir.write(
            &format!("c/{i:03}.txt"),
            format!("Officials in {name} met on Monday.\n"),
        );
    }
    let found = jsonl(&ok(&dir.kg(&["tag", "c"])));
    let mut missing = Vec::new();
    for (i, (id, name)) in rows.iter().enumerate() {
        let doc = format!("c/{i:03}.txt");
        let hit = found.iter().any(|m| {
            m["doc"] == doc.as_str()
                && m["start"].as_u64() == Some(13)
                && m["entity"] == id.as_str()
        });
        if !hit {
            missing.push(format!("{id} ({name})"));
        }
    }
    assert!(missing.is_empty(), "not found: {missing:?}");
}

/// Issue 15: `kg diff` between the first two articles and all five lists exactly the entities
/// of the last three that the first two lack.
#[test]
#[ignore = "needs ../shared (the news corpus and its gold)"]
fn diff_of_two_news_builds_lists_the_new_entities() {
    let news = shared().join("corpus/news");
    let mut files: Vec<_> = std::fs::read_dir(&news)
        .unwrap()
        .map(|f| f.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    let dir = Dir::new("gold-diff");
    let gaz = corpus_gazetteer();
    let build = |out: &str, paths: &[std::path::PathBuf]| {
        let mut args: Vec<String> = vec!["build".into()];
        args.extend(paths.iter().map(|p| p.display().to_string()));
        args.extend([
            "--gazetteer".into(),
            gaz.clone(),
            "--out".into(),
            out.into(),
        ]);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(&dir.kg(&refs));
        crate::util::node_ids(&dir, &format!("{out}/graph.json"))
            .into_iter()
            .collect::<BTreeSet<String>>()
    };
    let first = build("first", &files[..2]);
    let last = build("last", &files[2..]);
    build("all", &files);
    let out = ok(&dir.kg(&["diff", "first/graph.json", "all/graph.json", "--json"]));
    let d: Value = serde_json::from_str(&out).unwrap();
    let added: BTreeSet<String> = d["entities"]["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect();
    let want: BTreeSet<String> = last.difference(&first).cloned().collect();
    assert_eq!(added, want);
    assert!(d["entities"]["removed"].as_array().unwrap().is_empty());
    println!("diff: {} entities added: {added:?}", added.len());
}

/// Issue 15: the five articles plus two altered copies of one of them (another headline, a
/// footer line, re-wrapped lines) give the weights and counts of the five alone.
#[test]
#[ignore = "needs ../shared (the news corpus and its gold)"]
fn copies_of_a_news_article_count_once() {
    let news = shared().join("corpus/news");
    let dir = Dir::new("gold-copies");
    let mut first = None;
    for f in std::fs::read_dir(&news).unwrap() {
        let p = f.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_string();
        dir.write(&format!("alone/{name}"), std::fs::read(&p).unwrap());
        dir.write(&format!("with/{name}"), std::fs::read(&p).unwrap());
        if name.starts_with("001_") {
            first = Some(read(&p));
        }
    }
    let story = first.unwrap();
    let body = story.split_once('\n').unwrap().1;
    dir.write(
        "with/zz-copy-1.txt",
        format!("A new headline for an old story\n{body}\nAll rights reserved.\n"),
    );
    let wrapped: String = body
        .split(' ')
        .enumerate()
        .map(|(i, w)| format!("{w}{}", if i % 11 == 10 { '\n' } else { ' ' }))
        .collect();
    dir.write("with/zz-copy-2.txt", wrapped);
    let gaz = corpus_gazetteer();
    ok(&dir.kg(&["build", "alone", "--gazetteer", &gaz, "--out", "a"]));
    let summary = ok(&dir.kg(&["build", "with", "--gazetteer", &gaz, "--out", "w"]));
    assert!(
        summary.starts_with("7 documents (2 copies folded), "),
        "{summary}"
    );
    assert_eq!(crate::cli::counts(&dir, "a"), crate::cli::counts(&dir, "w"));
    let g: Value = serde_json::from_str(&read(&dir.join("w/graph.json"))).unwrap();
    assert_eq!(g["copies"][0][1], "with/zz-copy-1.txt");
    assert_eq!(g["copies"][0][2], "with/zz-copy-2.txt");
}
