//! Gazetteer files → a list of problems, for `kg gazetteer check`: every malformed line and
//! duplicate id (errors), and aliases likely to mislead the tagger (warnings): one alias claimed
//! by several entities, an alias that is a common English word, an alias under three characters.

use std::collections::BTreeMap;

use crate::error::Error;
use crate::gazetteer::parse::{Origin, Record, parse_lines};
use crate::normalize::fold;

const COMMON_WORDS: &str = include_str!("common_words.txt");

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// kg refuses to load the files.
    Error,
    /// kg loads them, but matching may go wrong.
    Warning,
}

/// One problem at one line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// Where.
    pub origin: Origin,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {level}: {}", self.origin, self.message)
    }
}

/// A file to check: its name, its text, and whether its own problems are reported (files only
/// loaded for context, like the defaults next to a user's file, are not).
pub struct Source {
    /// Name used in findings.
    pub name: String,
    /// Contents.
    pub text: String,
    /// Report problems found on its lines.
    pub report: bool,
}

/// Checks files together, as kg would load them; findings sorted by file and line.
pub fn check(sources: &[Source]) -> Vec<Finding> {
    let common: std::collections::BTreeSet<&str> = COMMON_WORDS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    let mut findings = Vec::new();
    let mut records: Vec<(Record, bool)> = Vec::new();
    for s in sources {
        for r in parse_lines(&s.name, &s.text) {
            match r {
                Ok(rec) => records.push((rec, s.report)),
                Err(Error::Syntax {
                    path,
                    line,
                    message,
                }) if s.report => findings.push(Finding {
                    origin: Origin {
                        path: path.into(),
                        line,
                    },
                    severity: Severity::Error,
                    message,
                }),
                Err(_) => {}
            }
        }
    }
    let mut first_of: BTreeMap<&str, (&Origin, bool)> = BTreeMap::new();
    let mut by_alias: BTreeMap<String, Vec<(&str, &Origin)>> = BTreeMap::new();
    for (r, _) in &records {
        for name in std::iter::once(&r.name).chain(&r.aliases) {
            let list = by_alias.entry(fold(name)).or_default();
            if !list.iter().any(|(k, _)| *k == r.key) {
                list.push((r.key.as_str(), &r.origin));
            }
        }
    }
    for (r, report) in &records {
        let mut push = |severity, message: String| {
            if *report {
                findings.push(Finding {
                    origin: r.origin.clone(),
                    severity,
                    message,
                });
            }
        };
        match first_of.get(r.key.as_str()) {
            // A user's file may redefine a built-in entity; its line wins.
            Some((first, false)) if *report => push(
                Severity::Warning,
                format!(
                    "redefines the built-in entity \"{}\" ({first}); this line wins",
                    r.key
                ),
            ),
            Some((first, _)) => push(
                Severity::Error,
                format!("duplicate id \"{}\" (first defined at {first})", r.key),
            ),
            None => {
                first_of.insert(&r.key, (&r.origin, *report));
            }
        }
        if let Some(parent) = &r.parent
            && !records.iter().any(|(o, _)| &o.key == parent)
        {
            push(Severity::Error, format!("in=\"{parent}\" names no entity"));
        }
        for name in std::iter::once(&r.name).chain(&r.aliases) {
            let key = fold(name);
            let others: Vec<String> = by_alias[&key]
                .iter()
                .filter(|(k, _)| *k != r.key)
                .map(|(k, o)| format!("{k} ({o})"))
                .collect();
            if !others.is_empty() {
                push(
                    Severity::Warning,
                    format!("\"{name}\" also names {}", others.join(", ")),
                );
            }
            if common.contains(key.as_str()) {
                push(
                    Severity::Warning,
                    format!("\"{name}\" is a common English word"),
                );
            }
            if key.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
                push(
                    Severity::Warning,
                    format!("\"{name}\" is shorter than three characters"),
                );
            }
        }
    }
    // Origins order by file, then line number; then errors before warnings.
    findings.sort();
    findings.dedup();
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_kind_of_problem() {
        let user = "\
good\tPLACE\tGoodland\t-
good\tPLACE\tGoodland again\t-
bad\tTOWN\tBad
us_thing\tORG\tUS Thing\tus
dc\tPLACE\tWashington, D.C.\tWashington
orphan\tPLACE\tOrphan\t-\tin=nowhere
valley\tPLACE\tThe Valley\t-
";
        let base = "washington_state\tPLACE\tWashington\nvalley\tPLACE\tValley\n";
        let got: Vec<String> = check(&[
            Source {
                name: "base.tsv".into(),
                text: base.into(),
                report: false,
            },
            Source {
                name: "u.tsv".into(),
                text: user.into(),
                report: true,
            },
        ])
        .iter()
        .map(|f| f.to_string())
        .collect();
        assert_eq!(
            got,
            [
                "u.tsv:2: error: duplicate id \"good\" (first defined at u.tsv:1)",
                "u.tsv:3: error: unknown type \"TOWN\": expected PERSON, ORG or PLACE",
                "u.tsv:4: warning: \"us\" is a common English word",
                "u.tsv:4: warning: \"us\" is shorter than three characters",
                "u.tsv:5: warning: \"Washington\" also names washington_state (base.tsv:1)",
                "u.tsv:6: error: in=\"nowhere\" names no entity",
                "u.tsv:7: warning: redefines the built-in entity \"valley\" (base.tsv:2); this line wins",
            ]
        );
    }
}
