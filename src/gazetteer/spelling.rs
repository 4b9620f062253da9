//! British and American spellings of organization names ("International Labour Organisation" =
//! "International Labor Organization"): the pairs of words in `gazetteer/spellings.txt`, applied
//! to every ORG entity's names at load time.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The word pairs, one `british<TAB>american` a line; `#` starts a comment.
const SPELLINGS: &str = include_str!("../../gazetteer/spellings.txt");

/// Each spelling (lower case) → the other one, and the length range of the words, so that most
/// words are rejected without lowering their case.
struct Pairs {
    other: HashMap<&'static str, &'static str>,
    to_american: HashMap<&'static str, &'static str>,
    lengths: (usize, usize),
}

fn pairs() -> &'static Pairs {
    static PAIRS: OnceLock<Pairs> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut p = Pairs {
            other: HashMap::new(),
            to_american: HashMap::new(),
            lengths: (usize::MAX, 0),
        };
        for line in SPELLINGS.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some((british, american)) = line.split_once('\t') {
                let (b, a) = (british.trim(), american.trim());
                p.other.insert(b, a);
                p.other.insert(a, b);
                p.to_american.insert(b, a);
                for w in [a, b] {
                    p.lengths = (p.lengths.0.min(w.len()), p.lengths.1.max(w.len()));
                }
            }
        }
        p
    })
}

/// `word` in `replacement`'s letters with `word`'s case: all capitals, a capital first, or
/// lower case.
fn with_case_of(word: &str, replacement: &str) -> String {
    if word.len() > 1 && word.bytes().all(|b| !b.is_ascii_lowercase()) {
        replacement.to_ascii_uppercase()
    } else if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut s = replacement.to_string();
        s[..1].make_ascii_uppercase();
        s
    } else {
        replacement.to_string()
    }
}

/// `name` with every listed word spelled the British way (`american == false`) or the American
/// way, or None when nothing changes. Only whole words (runs of ASCII letters) are replaced.
fn respell(name: &str, american: bool) -> Option<String> {
    let p = pairs();
    let mut out = String::new();
    let mut changed = false;
    let mut rest = name;
    while !rest.is_empty() {
        let end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let (word, tail) = rest.split_at(end);
        let mut replaced = None;
        if (p.lengths.0..=p.lengths.1).contains(&word.len()) {
            let lower = word.to_ascii_lowercase();
            if let Some(&other) = p.other.get(lower.as_str()) {
                let is_british = p.to_american.contains_key(lower.as_str());
                if is_british == american {
                    replaced = Some(with_case_of(word, other));
                }
            }
        }
        match replaced {
            Some(r) => {
                out.push_str(&r);
                changed = true;
            }
            None => out.push_str(word),
        }
        // The separator (or a non-ASCII letter run) up to the next ASCII letter.
        let sep_end = tail
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(tail.len());
        out.push_str(&tail[..sep_end]);
        rest = &tail[sep_end..];
    }
    changed.then_some(out)
}

/// The other spellings of an organization's names that it does not list yet: each name spelled
/// all-British and all-American, where that differs from every name it has.
pub fn variants(name: &str, aliases: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        for american in [true, false] {
            if let Some(v) = respell(n, american)
                && v != name
                && !aliases.contains(&v)
                && !out.contains(&v)
            {
                out.push(v);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adds_the_other_spelling() {
        let rows: &[(&str, &[&str])] = &[
            (
                "International Labour Organisation",
                &["International Labor Organization"],
            ),
            ("World Trade Organization", &["World Trade Organisation"]),
            ("Ministry of Defence", &["Ministry of Defense"]),
            ("Department of Defense", &["Department of Defence"]),
            ("UN Development Programme", &["UN Development Program"]),
            ("CENTRE FOR DEFENCE", &["CENTER FOR DEFENSE"]),
            ("Labour Party", &["Labor Party"]),
            // Whole words only, and nothing else changes.
            ("Labourdonnais Society", &[]),
            ("Centrelink", &[]),
            (
                "Organisation-Labourdonnais",
                &["Organization-Labourdonnais"],
            ),
            ("Kestrel Motors", &[]),
        ];
        for (name, expected) in rows {
            assert_eq!(variants(name, &[]), *expected, "{name}");
        }
    }

    #[test]
    fn mixed_spellings_give_both_and_known_aliases_are_not_repeated() {
        assert_eq!(
            variants("Centre for Labor Organisation", &[]),
            vec![
                "Center for Labor Organization",
                "Centre for Labour Organisation"
            ]
        );
        let aliases = vec!["Ministry of Defense".to_string()];
        assert!(variants("Ministry of Defence", &aliases).is_empty());
    }
}
