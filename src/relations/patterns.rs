//! Pattern files → compiled relation patterns. One pattern a line, tab-separated:
//! `family  predicate  subject types  object types  phrase|phrase|...`. Families are `verb`,
//! `noun`, `title`, `place` and `possessive` (see `gazetteer/README.md`); a phrase is words,
//! where `~verb` stands for its inflections, `{a,b}` for any of the words, and `...` for a gap of
//! up to eight words.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::gazetteer::EntityKind;

/// The default patterns compiled into the binary.
pub const DEFAULT_PATTERNS: &str = include_str!("../../gazetteer/relations.patterns");

/// How a pattern finds its two arguments in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `X <phrase> Y`, passives flipped ("Y was killed by X").
    Verb,
    /// `X, the <noun> of Y`, `Y <noun> X`, `the <noun> of Y by X`.
    Noun,
    /// `Y <title> X` ("CIA Director John Ratcliffe"), `X, Y's <title>`.
    Title,
    /// `X, a <noun> in ... Y` ("Tapalpa, a town in the state of Jalisco").
    Place,
    /// `Y's X` ("Mexico's Defense Ministry").
    Possessive,
}

/// One slot of a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// Any of these words (a plain word, inflections of `~verb`, or `{a,b}`).
    Words(Vec<String>),
    /// Up to [`MAX_GAP`] tokens.
    Gap,
}

/// The longest run of words `...` stands for.
pub const MAX_GAP: usize = 8;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Argument finder.
    pub family: Family,
    /// Relation name (`killed`).
    pub predicate: String,
    /// Allowed subject types; empty means any.
    pub subject: Vec<EntityKind>,
    /// Allowed object types; empty means any.
    pub object: Vec<EntityKind>,
    /// Trigger phrases.
    pub phrases: Vec<Vec<Slot>>,
    /// `file:line`.
    pub origin: String,
}

impl Pattern {
    /// True when the types fit.
    pub fn allows(&self, subject: EntityKind, object: EntityKind) -> bool {
        (self.subject.is_empty() || self.subject.contains(&subject))
            && (self.object.is_empty() || self.object.contains(&object))
    }
}

/// Compiled patterns, indexed by the words their phrases start with: a sentence only tries the
/// patterns whose first word it contains, since every phrase match starts at such a word.
#[derive(Debug, Clone, Default)]
pub struct PatternSet {
    /// The patterns, in file order (the order in which relations are reported).
    pub list: Vec<Pattern>,
    /// Each first word's entry (one more than its index) in `starting`: a packed-integer table,
    /// asked of every token of every sentence read.
    by_first: crate::normalize::WordClasses<u32>,
    /// The patterns with a phrase starting with a word, in file order.
    starting: Vec<Vec<u32>>,
    /// Patterns that can match without any phrase (possessives, "X, Y" places).
    always: Vec<u32>,
    /// Also report open relations: a verb between two names that no pattern covers.
    pub open: bool,
    /// Also read the built-in constructions that need no pattern ("Y's X", "X of Y", "A, B");
    /// off with `--no-default-patterns`.
    pub constructions: bool,
}

impl PatternSet {
    /// Indexes `list`.
    pub fn new(list: Vec<Pattern>) -> PatternSet {
        let mut set = PatternSet {
            constructions: true,
            ..PatternSet::default()
        };
        let mut by_first: HashMap<&str, u32, BuildHasherDefault<WordHasher>> = HashMap::default();
        for (i, p) in list.iter().enumerate() {
            let i = i as u32;
            if matches!(p.family, Family::Place | Family::Possessive) {
                set.always.push(i);
                continue;
            }
            for phrase in &p.phrases {
                if let Some(Slot::Words(first)) = phrase.first() {
                    for w in first {
                        let entry = *by_first.entry(w).or_insert_with(|| {
                            set.starting.push(Vec::new());
                            set.starting.len() as u32
                        });
                        let list = &mut set.starting[entry as usize - 1];
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
        }
        set.by_first = crate::normalize::WordClasses::new(by_first);
        set.list = list;
        set
    }

    /// Indices of the patterns that have a phrase starting with `word`.
    pub fn starting_with(&self, word: &str) -> &[u32] {
        match self.by_first.get(word) {
            0 => &[],
            entry => &self.starting[entry as usize - 1],
        }
    }

    /// Indices of the patterns that may match a sentence made of `words`, in file order.
    pub fn active<'w>(&self, words: impl Iterator<Item = &'w str>) -> Vec<u32> {
        let mut active = self.always.clone();
        for w in words {
            active.extend_from_slice(self.starting_with(w));
        }
        active.sort_unstable();
        active.dedup();
        active
    }
}

pub use crate::normalize::WordHasher;

/// English verbs and their inflections, generated from a lexicon (`gazetteer/verbs.txt`).
const VERBS: &str = include_str!("../../gazetteer/verbs.txt");

/// The verb lexicon: every base with its forms, and every form with its base.
struct Lexicon {
    forms: crate::normalize::WordMap<&'static str, Vec<&'static str>>,
    base: crate::normalize::WordMap<&'static str, &'static str>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lex = Lexicon {
            forms: Default::default(),
            base: Default::default(),
        };
        for line in VERBS.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let Some(base) = cols.next() else { continue };
            let forms: Vec<&str> = cols.flat_map(|c| c.split('/')).collect();
            for &f in &forms {
                // A form of another verb reads as that verb ("found" → find, "saw" → see),
                // not as a base of its own.
                if f != base {
                    lex.base.insert(f, base);
                }
            }
            lex.forms.insert(base, forms);
        }
        lex
    })
}

/// Whether the lexicon lists `word` (in lower case) as a form of some verb: what may name an open
/// relation, whatever the word's place in the sentence ("had his" has no verb after "had").
pub fn is_verb_form(word: &str) -> bool {
    let lex = lexicon();
    lex.forms.contains_key(word) || lex.base.contains_key(word)
}

fn is_vowel(c: u8) -> bool {
    b"aeiou".contains(&c)
}

/// The forms of an English verb: from the lexicon (`gazetteer/verbs.txt`) when it lists the verb,
/// else by the regular rules (base, -s, -ed, -ing).
pub fn inflect(verb: &str) -> Vec<String> {
    let v = verb.to_lowercase();
    if let Some(forms) = lexicon().forms.get(v.as_str()) {
        let mut all: Vec<String> = std::iter::once(v.clone())
            .chain(forms.iter().map(|f| f.to_string()))
            .collect();
        all.sort();
        all.dedup();
        return all;
    }

    let b = v.as_bytes();
    let n = b.len();
    let last = b.last().copied().unwrap_or(b'a');
    let (s, ed, ing) = if v.ends_with('e') {
        let stem = &v[..n - 1];
        (format!("{v}s"), format!("{v}d"), format!("{stem}ing"))
    } else if last == b'y' && n > 1 && !is_vowel(b[n - 2]) {
        let stem = &v[..n - 1];
        (
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{v}ing"),
        )
    } else if ["s", "sh", "ch", "x", "z"].iter().any(|e| v.ends_with(e)) {
        (format!("{v}es"), format!("{v}ed"), format!("{v}ing"))
    } else if (3..=4).contains(&n)
        && !is_vowel(last)
        && !b"wxy".contains(&last)
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
    {
        // Short consonant-vowel-consonant verbs double: "ban" → "banned".
        let l = last as char;
        (format!("{v}s"), format!("{v}{l}ed"), format!("{v}{l}ing"))
    } else {
        (format!("{v}s"), format!("{v}ed"), format!("{v}ing"))
    };
    let mut forms = vec![v.clone(), s, ing, ed];
    forms.sort();
    forms.dedup();
    forms
}

/// The base form of an inflected verb ("met" → "meet", "accused" → "accuse", "banned" → "ban",
/// "carries" → "carry"): from the lexicon, else by rules that undo the regular endings.
pub fn lemma(word: &str) -> String {
    let w = word.to_lowercase();
    let lex = lexicon();
    if let Some(base) = lex.base.get(w.as_str()) {
        return (*base).to_string();
    }
    if lex.forms.contains_key(w.as_str()) {
        return w;
    }
    let stem = if let Some(s) = w.strip_suffix("ied").or_else(|| w.strip_suffix("ies")) {
        return format!("{s}y");
    } else if let Some(s) = w.strip_suffix("ing").filter(|s| s.len() > 2) {
        s
    } else if let Some(s) = w.strip_suffix("ed").filter(|s| s.len() > 2) {
        s
    } else if let Some(s) = ["sses", "ches", "shes", "xes", "zes"]
        .iter()
        .find(|e| w.ends_with(*e))
        .map(|_| &w[..w.len() - 2])
    {
        return s.to_string();
    } else if let Some(s) = w
        .strip_suffix('s')
        .filter(|s| s.len() > 2 && !s.ends_with('s'))
    {
        return s.to_string();
    } else {
        return w;
    };
    let b = stem.as_bytes();
    let n = b.len();
    // "banned" → "ban", but "called" → "call" and "passed" → "pass".
    if n >= 3 && b[n - 1] == b[n - 2] && b"bdgmnprt".contains(&b[n - 1]) {
        return stem[..n - 1].to_string();
    }
    // "accused" → "accuse", "charged" → "charge", "created" → "create", "praised" → "praise".
    const SILENT_E: &[&str] = &[
        "at", "bl", "iz", "is", "us", "uc", "nc", "rc", "v", "ag", "rg", "dg", "ng", "ur", "os",
        "ns", "ps", "ir", "ov", "ut", "ik", "ok", "ap", "id", "ib", "om", "im", "ar", "it",
    ];
    let keeps_e = SILENT_E.iter().any(|e| stem.ends_with(e))
        && ![
            "visit", "edit", "limit", "exit", "credit", "audit", "bring", "sing", "cling",
        ]
        .contains(&stem)
        && !stem.ends_with("ing");
    if keeps_e {
        format!("{stem}e")
    } else {
        stem.to_string()
    }
}

fn parse_types(col: &str) -> Option<Vec<EntityKind>> {
    if col == "*" {
        return Some(Vec::new());
    }
    col.split('|')
        .map(|t| EntityKind::parse(t.trim()))
        .collect()
}

fn parse_phrase(phrase: &str) -> std::result::Result<Vec<Slot>, String> {
    let mut slots = Vec::new();
    for word in phrase.split_whitespace() {
        let slot = if word == "..." {
            Slot::Gap
        } else if let Some(verb) = word.strip_prefix('~') {
            if verb.is_empty() {
                return Err("'~' must be followed by a verb".into());
            }
            Slot::Words(inflect(verb))
        } else if let Some(inner) = word.strip_prefix('{') {
            let inner = inner
                .strip_suffix('}')
                .ok_or_else(|| format!("unclosed '{{' in \"{word}\""))?;
            let words: Vec<String> = inner
                .split(',')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect();
            if words.is_empty() {
                return Err(format!("empty choice \"{word}\""));
            }
            Slot::Words(words)
        } else if word.contains('-') && word.len() > 1 {
            // Text tokens split at dashes, so "secretary-general" is three slots.
            for (i, part) in word.split('-').enumerate() {
                if i > 0 {
                    slots.push(Slot::Words(vec!["-".into()]));
                }
                if !part.is_empty() {
                    slots.push(Slot::Words(vec![part.to_lowercase()]));
                }
            }
            continue;
        } else {
            Slot::Words(vec![word.to_lowercase()])
        };
        slots.push(slot);
    }
    if slots.first() == Some(&Slot::Gap) || slots.last() == Some(&Slot::Gap) {
        return Err(format!(
            "phrase \"{phrase}\" may not start or end with '...'"
        ));
    }
    Ok(slots)
}

/// Parses a pattern file named `path`.
///
/// # Errors
/// [`Error::Syntax`] with file and line for an unknown family or type, a wrong column count or a
/// malformed phrase.
pub fn parse(path: &str, text: &str) -> Result<Vec<Pattern>> {
    let mut out = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let err = |message: String| Error::Syntax {
            path: path.to_string(),
            line,
            message,
        };
        let content = raw.trim_end_matches('\r');
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = content.split('\t').map(str::trim).collect();
        if cols.len() != 5 {
            return Err(err(format!(
                "expected 5 tab-separated columns (family, predicate, subject types, object types, phrases), found {}",
                cols.len()
            )));
        }
        let family = match cols[0] {
            "verb" => Family::Verb,
            "noun" => Family::Noun,
            "title" => Family::Title,
            "place" => Family::Place,
            "possessive" => Family::Possessive,
            other => {
                return Err(err(format!(
                    "unknown family \"{other}\": expected verb, noun, title, place or possessive"
                )));
            }
        };
        if cols[1].is_empty() || !cols[1].bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return Err(err(format!(
                "invalid predicate \"{}\": use lower-case letters and _",
                cols[1]
            )));
        }
        let subject = parse_types(cols[2])
            .ok_or_else(|| err(format!("invalid subject types \"{}\"", cols[2])))?;
        let object = parse_types(cols[3])
            .ok_or_else(|| err(format!("invalid object types \"{}\"", cols[3])))?;
        let mut phrases = Vec::new();
        if family != Family::Possessive || cols[4] != "-" {
            for phrase in cols[4].split('|').map(str::trim) {
                if phrase.is_empty() {
                    return Err(err("empty phrase (check for '||')".into()));
                }
                phrases.push(parse_phrase(phrase).map_err(err)?);
            }
        }
        out.push(Pattern {
            family,
            predicate: cols[1].to_string(),
            subject,
            object,
            phrases,
            origin: format!("{path}:{line}"),
        });
    }
    Ok(out)
}

/// Matches `phrase` against `tokens` from the start; returns how many tokens it used.
pub fn match_at(phrase: &[Slot], tokens: &[&str]) -> Option<usize> {
    let Some((slot, rest)) = phrase.split_first() else {
        return Some(0);
    };
    match slot {
        Slot::Words(words) => {
            let t = tokens.first()?;
            if words.iter().any(|w| w == t) {
                match_at(rest, &tokens[1..]).map(|n| n + 1)
            } else {
                None
            }
        }
        Slot::Gap => (0..=MAX_GAP.min(tokens.len())).find_map(|skip| {
            // A gap never crosses another argument or a clause break.
            if tokens[..skip].iter().any(|t| is_barrier(t)) {
                return None;
            }
            match_at(rest, &tokens[skip..]).map(|n| n + skip)
        }),
    }
}

/// Tokens a gap may not cross.
pub fn is_barrier(token: &str) -> bool {
    matches!(token, "<e>" | ";" | ":" | "(" | ")" | ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word a phrase starts with (short or longer than a packed word, with the verb's
    /// inflections) finds its patterns in file order; other words, words inside phrases and
    /// near misses find none.
    #[test]
    fn patterns_are_found_by_their_first_words() {
        let text = "verb\tmet\t*\t*\t~meet|held talks with\n\
                    possessive\towns\t*\t*\t-\n\
                    noun\tleads\t*\t*\tleader|organisation head\n\
                    verb\tjoined\t*\t*\t~join|held a meeting with|{organisation,organization} of\n";
        let set = PatternSet::new(parse("t.patterns", text).expect("valid patterns"));
        for (word, expected) in [
            ("meet", &[0u32][..]),
            ("met", &[0]),
            ("meeting", &[0]),
            ("held", &[0, 3]),
            ("leader", &[2]),
            ("organisation", &[2, 3]),
            ("organization", &[3]),
            ("joined", &[3]),
            ("talks", &[]),
            ("with", &[]),
            ("hel", &[]),
            ("organisations", &[]),
            ("", &[]),
            ("Held", &[]),
        ] {
            assert_eq!(set.starting_with(word), expected, "{word:?}");
        }
        // The possessive (1) is always active.
        assert_eq!(
            set.active(["said", "held", "leader"].into_iter()),
            [0, 1, 2, 3]
        );
        assert_eq!(set.active(["said"].into_iter()), [1]);
    }

    #[test]
    fn inflects_regular_and_irregular_verbs() {
        let rows: &[(&str, &[&str])] = &[
            ("provide", &["provide", "provided", "provides", "providing"]),
            ("supply", &["supplied", "supplies", "supply", "supplying"]),
            ("pass", &["pass", "passed", "passes", "passing"]),
            ("ban", &["ban", "banned", "banning", "bans"]),
            ("kill", &["kill", "killed", "killing", "kills"]),
            ("lead", &["lead", "leading", "leads", "led"]),
            // The lexicon's spelling variants come too.
            (
                "target",
                &[
                    "target",
                    "targeted",
                    "targeting",
                    "targets",
                    "targetted",
                    "targetting",
                ],
            ),
            ("slay", &["slain", "slay", "slaying", "slays", "slew"]),
            // Not in the lexicon: the regular rules.
            ("zorble", &["zorble", "zorbled", "zorbles", "zorbling"]),
        ];
        for (verb, forms) in rows {
            assert_eq!(inflect(verb), *forms, "{verb}");
        }
    }

    #[test]
    fn lemmas_undo_inflections() {
        let rows = [
            ("met", "meet"),
            ("meets", "meet"),
            ("accused", "accuse"),
            ("accuses", "accuse"),
            ("banned", "ban"),
            ("called", "call"),
            ("passed", "pass"),
            ("carries", "carry"),
            ("carried", "carry"),
            ("visited", "visit"),
            ("charged", "charge"),
            ("praised", "praise"),
            ("watches", "watch"),
            ("criticized", "criticize"),
            ("signed", "sign"),
            ("hired", "hire"),
            ("fired", "fire"),
            ("interviewed", "interview"),
        ];
        for (form, base) in rows {
            assert_eq!(lemma(form), base, "{form}");
        }
    }

    #[test]
    fn matches_phrases_with_gaps() {
        let p = parse_phrase("~provide ... to").unwrap();
        assert_eq!(
            match_at(&p, &["provided", "vital", "information", "to", "x"]),
            Some(4)
        );
        assert_eq!(match_at(&p, &["provided", "to"]), Some(2));
        assert_eq!(match_at(&p, &["provided", "<e>", "to"]), None);
        let p = parse_phrase("{pressure,pressures} on").unwrap();
        assert_eq!(match_at(&p, &["pressure", "on"]), Some(2));
    }

    #[test]
    fn a_sentence_tries_only_patterns_it_has_a_first_word_of() {
        let set = PatternSet::new(
            parse(
                "p",
                "verb\tkilled\t*\t*\t~kill|shot dead\n\
                 verb\tled\t*\t*\t~lead\n\
                 possessive\tpart_of\t*\t*\t-\n",
            )
            .unwrap(),
        );
        let active = |words: &[&str]| -> Vec<String> {
            set.active(words.iter().copied())
                .iter()
                .map(|&i| set.list[i as usize].predicate.clone())
                .collect()
        };
        assert_eq!(active(&["<e>", "met", "<e>"]), ["part_of"]);
        assert_eq!(active(&["<e>", "shot", "<e>"]), ["killed", "part_of"]);
        assert_eq!(
            active(&["<e>", "led", "<e>", "killing", "<e>"]),
            ["killed", "led", "part_of"]
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let rows: &[(&str, &str)] = &[
            (
                "verb\tkilled\t*\tPERSON\n",
                "p:1: expected 5 tab-separated columns",
            ),
            ("\nfoo\tkilled\t*\t*\tkill\n", "p:2: unknown family \"foo\""),
            (
                "verb\tKilled\t*\t*\tkill\n",
                "p:1: invalid predicate \"Killed\"",
            ),
            (
                "verb\tkilled\tHUMAN\t*\tkill\n",
                "p:1: invalid subject types \"HUMAN\"",
            ),
            (
                "verb\tkilled\t*\t*\t... kill\n",
                "p:1: phrase \"... kill\" may not start",
            ),
            ("verb\tkilled\t*\t*\t{kill\n", "p:1: unclosed '{'"),
            ("verb\tkilled\t*\t*\tkill||shoot\n", "p:1: empty phrase"),
        ];
        for (text, expected) in rows {
            let got = parse("p", text).unwrap_err().to_string();
            assert!(got.starts_with(expected), "{text:?}: {got}");
        }
    }
}
