//! The README's examples, run as written (issue 21). In a ```` ```console ```` block of README.md,
//! each line `$ kg ...` is a command and the lines after it, up to the next `$` line or the end
//! of the block, are exactly what it prints: stdout, then stderr. The commands run in order in
//! one empty folder holding a copy of `examples/` (so `kg build` writes `out/` there, the queries
//! read it, and nothing in the repository changes); with no PATH kg reads its built-in sample
//! text, so nothing outside the repository is needed. Commands that need `../shared` are
//! written without `$`, outside such blocks.

use std::path::Path;

use crate::util::{Dir, root};

/// One `$ kg ...` line of the README and the output shown under it.
#[derive(Debug)]
struct Example {
    /// 1-based line number in README.md.
    line: usize,
    command: String,
    args: Vec<String>,
    expected: String,
}

/// Splits a command line as a shell would for plain words and '...' or "..." quoting; anything
/// a shell would interpret beyond that (pipes, redirections, variables) is refused.
fn split(command: &str, line: usize) -> Vec<String> {
    let mut args = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => {
                if in_word {
                    args.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' | '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some(q) if q == c => break,
                        Some('\\') if c == '"' => word.extend(chars.next()),
                        Some(other) => word.push(other),
                        None => panic!("README.md:{line}: unclosed quote in `{command}`"),
                    }
                }
            }
            '|' | '<' | '>' | ';' | '&' | '$' | '`' | '#' | '*' | '\\' => panic!(
                "README.md:{line}: `{command}` is not a plain kg command ({c:?}); \
                 a `$ kg` example must run without a shell"
            ),
            _ => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        args.push(word);
    }
    args
}

/// The `$ kg` examples of a README, in order. A `$ kg` line outside a console block is an
/// error, so an example is never silently left unchecked.
fn examples(readme: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    // The indentation of the open console fence, or None outside one.
    let mut console: Option<usize> = None;
    let mut other_fence = false;
    for (i, raw) in readme.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim_start();
        if trimmed.starts_with("```") {
            if console.is_some() {
                console = None;
            } else if other_fence {
                other_fence = false;
            } else if trimmed.trim_end() == "```console" {
                console = Some(raw.len() - trimmed.len());
            } else {
                other_fence = true;
            }
            continue;
        }
        let Some(indent) = console else {
            assert!(
                !trimmed.starts_with("$ kg"),
                "README.md:{line}: `{}` is outside a ```console block, so no test runs it; \
                 put it in one with its exact output, or drop the `$` if it needs ../shared",
                trimmed.trim_end()
            );
            continue;
        };
        // Inside a fence, drop the fence's own indentation (a block inside a list item).
        let text = raw
            .get(indent..)
            .filter(|_| raw[..indent].trim().is_empty())
            .unwrap_or(trimmed);
        if let Some(command) = text.strip_prefix("$ ") {
            let args = split(command, line);
            assert!(
                args.first().map(String::as_str) == Some("kg"),
                "README.md:{line}: `{command}`: a `$` line in a console block must run kg"
            );
            out.push(Example {
                line,
                command: command.to_string(),
                args: args[1..].to_vec(),
                expected: String::new(),
            });
        } else {
            let example = out.last_mut().unwrap_or_else(|| {
                panic!("README.md:{line}: a console block must start with a `$ kg` line")
            });
            example.expected.push_str(text);
            example.expected.push('\n');
        }
    }
    assert!(
        console.is_none(),
        "README.md: a ```console block is not closed"
    );
    out
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Where two outputs first differ, for the failure message.
fn first_difference(expected: &str, got: &str) -> String {
    let (mut e, mut g) = (expected.lines(), got.lines());
    for n in 1.. {
        match (e.next(), g.next()) {
            (Some(a), Some(b)) if a == b => continue,
            (a, b) => {
                return format!(
                    "output line {n}:\n  README: {}\n  kg:     {}",
                    a.unwrap_or("(nothing)"),
                    b.unwrap_or("(nothing)")
                );
            }
        }
    }
    unreachable!()
}

#[test]
fn readme_examples_print_what_the_readme_shows() {
    let readme = crate::util::read(&root().join("README.md"));
    let examples = examples(&readme);

    // The examples a new user tries first must stay checked.
    for command in ["build", "top", "neighbors", "show", "path"] {
        assert!(
            examples
                .iter()
                .any(|e| e.args.first().map(String::as_str) == Some(command)),
            "README.md has no `$ kg {command}` example on the sample; tests/readme.rs expects one"
        );
    }
    assert_eq!(
        examples.first().map(|e| e.args.as_slice()),
        Some(&["build".to_string()][..]),
        "README.md: the first `$ kg` example must be the sample build (`$ kg build`), which the \
         queries after it read"
    );

    let dir = Dir::new("readme");
    copy_tree(&root().join("examples"), &dir.join("examples"));
    let mut failures = Vec::new();
    for example in &examples {
        let args: Vec<&str> = example.args.iter().map(String::as_str).collect();
        let out = dir.kg(&args);
        let got = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if got != example.expected {
            failures.push(format!(
                "README.md:{}: `$ {}` (exit {:?}) differs from what the README shows; \
                 {}\n--- README shows:\n{}--- kg printed:\n{}",
                example.line,
                example.command,
                out.status.code(),
                first_difference(&example.expected, &got),
                example.expected,
                got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "\n{} of {} README examples differ (update README.md if the change is intended):\n\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n\n")
    );
}

#[test]
fn readme_example_parser() {
    let text = "intro\n\n```console\n$ kg build --out 'a b' \"x \\\"y\\\"\"\n1 document\n\nlast\n$ kg top\n```\n\n```\n$ other\n```\n";
    let got = examples(text);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].line, 4);
    assert_eq!(got[0].args, ["build", "--out", "a b", "x \"y\""]);
    assert_eq!(got[0].expected, "1 document\n\nlast\n");
    assert_eq!(got[1].args, ["top"]);
    assert_eq!(got[1].expected, "");

    let outside = std::panic::catch_unwind(|| examples("text\n$ kg build\n"));
    let message = *outside.unwrap_err().downcast::<String>().unwrap();
    assert!(message.starts_with("README.md:2: "), "{message}");

    let piped = std::panic::catch_unwind(|| examples("```console\n$ kg tag | head\n```\n"));
    assert!(piped.is_err());
}
