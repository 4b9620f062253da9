//! Runs the real binary in a fresh temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, or `KG_SHARED` when set. Tests that call this are `#[ignore]`d so `cargo test`
/// passes on a bare clone; CI runs them with `--include-ignored`, where missing data fails them.
pub fn shared() -> PathBuf {
    let dir = std::env::var_os("KG_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    assert!(
        dir.join("gold").is_dir(),
        "shared data not found at {}",
        dir.display()
    );
    dir
}

/// A temporary working folder, removed when dropped.
pub struct Dir {
    pub path: PathBuf,
}

impl Dir {
    pub fn new(name: &str) -> Dir {
        let path = std::env::temp_dir().join(format!("kg-test-{}-{}", std::process::id(), name));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Dir { path }
    }

    pub fn join(&self, p: &str) -> PathBuf {
        self.path.join(p)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// Runs `kg args...` in this folder.
    pub fn kg(&self, args: &[&str]) -> Output {
        self.kg_stdin(args, None)
    }

    pub fn kg_stdin(&self, args: &[&str], stdin: Option<&[u8]>) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kg"));
        cmd.args(args)
            .current_dir(&self.path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        let mut child = cmd.spawn().unwrap();
        if let Some(bytes) = stdin {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(bytes).unwrap();
        }
        child.wait_with_output().unwrap()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Stdout of a run that must succeed.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "kg failed ({:?}):\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Arguments that select only the test fixtures' gazetteer.
pub fn mini() -> Vec<String> {
    let g = root().join("tests/fixtures/gazetteer");
    vec![
        "--no-default-gazetteer".into(),
        "--no-default-patterns".into(),
        "--gazetteer".into(),
        g.display().to_string(),
    ]
}

pub fn fixture(p: &str) -> String {
    root().join("tests/fixtures").join(p).display().to_string()
}

pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

impl Dir {
    /// A folder holding a copy of `tests/fixtures/news` as `news/`.
    pub fn with_news(name: &str) -> Dir {
        let dir = Dir::new(name);
        for f in ["a.txt", "b.txt"] {
            dir.write(
                &format!("news/{f}"),
                std::fs::read(root().join("tests/fixtures/news").join(f)).unwrap(),
            );
        }
        dir
    }

    /// Writes `gazetteer` as `g.tsv` and `text` as `t.txt`, and builds `t.txt` with that
    /// gazetteer alone into `out/`.
    pub fn build_with_own_gazetteer(&self, gazetteer: &str, text: &str) -> Output {
        self.write("g.tsv", gazetteer);
        self.write("t.txt", text);
        self.kg(&[
            "build",
            "t.txt",
            "--no-default-gazetteer",
            "--gazetteer",
            "g.tsv",
        ])
    }

    /// Runs `kg` with the fixture gazetteer and then `args`.
    pub fn kg_mini(&self, args: &[&str]) -> Output {
        let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        all.extend(mini());
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        self.kg(&refs)
    }
}

/// Node ids of a built graph.json (relative to `dir`), in id order.
pub fn node_ids(dir: &Dir, graph: &str) -> Vec<String> {
    let g: serde_json::Value = serde_json::from_str(&read(&dir.join(graph))).unwrap();
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

/// The `id` of every item of a JSON array, in order.
pub fn ids(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect()
}

/// An edge's evidence in a built graph.json, as plain records a script would rebuild from the
/// quotes: `doc`, `sentence`, `start`, `end`, `text`, the spans in document bytes, `trigger`,
/// `qualifiers` and `copy_of`.
pub fn evidence(graph: &serde_json::Value, edge: &serde_json::Value) -> Vec<serde_json::Value> {
    use serde_json::json;
    let mut out = Vec::new();
    for q in edge["evidence"].as_array().unwrap() {
        let text = graph["sentences"][q["sentence"].as_u64().unwrap() as usize]
            .as_str()
            .unwrap();
        for place in q["at"].as_array().unwrap() {
            let document = &graph["documents"][place[0].as_u64().unwrap() as usize];
            let start = place[2].as_i64().unwrap();
            let span = |s: &serde_json::Value| json!({"start": start + s[0].as_i64().unwrap(), "end": start + s[1].as_i64().unwrap()});
            out.push(json!({
                "doc": document["name"],
                "sentence": place[1],
                "start": start,
                "end": start + text.len() as i64,
                "text": text,
                "source_span": span(&q["source"]),
                "target_span": span(&q["target"]),
                "trigger": if q["trigger"].is_null() { json!(null) } else { span(&q["trigger"]) },
                "qualifiers": q["qualifiers"],
                "copy_of": document["copy_of"],
            }));
        }
    }
    out
}

/// The string values at `keys` of each JSON line of `jsonl`, joined by spaces: one row per
/// line, for comparing `kg tag` output as text.
pub fn fields(jsonl: &str, keys: &[&str]) -> Vec<String> {
    jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let values: Vec<&str> = keys.iter().map(|k| v[*k].as_str().unwrap()).collect();
            values.join(" ")
        })
        .collect()
}
