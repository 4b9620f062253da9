//! Within-document references: a pronoun ("she", "its", "their") or a definite description
//! ("the group", "the minister") that stands for an entity named earlier in the same document.
//! Each resolves to the nearest compatible mention before it (type; gender from the given-name
//! lists and honorifics; for a person's description, a role the document gave that person),
//! with a confidence. Typed relations read them as arguments; co-occurrence never does, so the
//! graph is not swamped by every "he" in a story.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::corpus::Document;
use crate::gazetteer::{EntityId, EntityKind, Known};
use crate::names::words_of;
use crate::normalize::{ALNUM, ascii_class};
use crate::sentences::{Sentence, Span};
use crate::tagger::Mention;

/// What kind of words stood for the entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RefKind {
    /// "he", "its", "their".
    Pronoun,
    /// "the group", "the minister".
    Description,
}

/// One resolved reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// Sentence index in the document.
    pub sentence: u32,
    /// The words that stand for the entity.
    pub span: Span,
    /// Pronoun or description.
    pub kind: RefKind,
    /// The entity.
    pub entity: EntityId,
    /// The mention it was resolved to.
    pub antecedent: Span,
    /// "his", "its", "the group's": it owns the noun after it.
    pub possessive: bool,
    /// How sure the resolution is, 0 to 1.
    pub confidence: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
}

/// What a pronoun may stand for.
struct Pronoun {
    kinds: &'static [EntityKind],
    gender: Option<Gender>,
    possessive: bool,
}

/// The pronouns a reference may be, with what each may stand for: (word, types, gender,
/// possessive). [`may_refer`] is built from the same words.
const PRONOUNS: [(&str, &[EntityKind], Option<Gender>, bool); 11] = {
    use EntityKind::{Org, Person, Place};
    const MALE: Option<Gender> = Some(Gender::Male);
    const FEMALE: Option<Gender> = Some(Gender::Female);
    [
        ("he", &[Person], MALE, false),
        ("him", &[Person], MALE, false),
        ("himself", &[Person], MALE, false),
        ("his", &[Person], MALE, true),
        ("she", &[Person], FEMALE, false),
        ("herself", &[Person], FEMALE, false),
        // "her" owns the noun after it ("her office") or is an object ("shot her"); see below.
        ("her", &[Person], FEMALE, true),
        ("it", &[Org, Place], None, false),
        ("itself", &[Org, Place], None, false),
        ("its", &[Org, Place], None, true),
        // "they" is most often people the text never names ("officials said they"); "their"
        // reads only an organization of its own sentence (see `resolve`).
        ("their", &[Org], None, true),
    ]
};

/// The pronouns folded ([`folded`]), in the order of [`PRONOUNS`], then "the"; and the first
/// letters among them, as bits from 'a'.
const KEYS: ([u64; 12], u32) = {
    let mut keys = [folded(b"the"); 12];
    let mut firsts = 1 << (b't' - b'a');
    let mut i = 0;
    while i < PRONOUNS.len() {
        let word = PRONOUNS[i].0.as_bytes();
        assert!(word.len() >= 2 && word.len() <= 7, "a pronoun folds whole");
        keys[i] = folded(word);
        firsts |= 1 << (word[0] - b'a');
        i += 1;
    }
    (keys, firsts)
};

/// What the pronoun `word` (lower case) may stand for; none for other words.
fn pronoun(word: &str) -> Option<Pronoun> {
    let key = folded(word.as_bytes());
    let at = KEYS.0[..PRONOUNS.len()].iter().position(|&k| k == key)?;
    let (_, kinds, gender, possessive) = PRONOUNS[at];
    Some(Pronoun {
        kinds,
        gender,
        possessive,
    })
}

const DESCRIPTIONS: &str = include_str!("../../gazetteer/descriptions.txt");
static FEMALE: &str = include_str!("../../gazetteer/names/female_first.txt");
static MALE: &str = include_str!("../../gazetteer/names/male_first.txt");

/// Head nouns of descriptions and the type each stands for.
fn descriptions() -> &'static crate::normalize::WordMap<&'static str, EntityKind> {
    static MAP: OnceLock<crate::normalize::WordMap<&'static str, EntityKind>> = OnceLock::new();
    MAP.get_or_init(|| {
        words_of(DESCRIPTIONS)
            .filter_map(|l| {
                let (head, kind) = l.split_once('\t')?;
                Some((head.trim(), EntityKind::parse(kind.trim())?))
            })
            .collect()
    })
}

/// First words of the description heads of more than one word ("prime" of "prime minister").
fn first_words() -> &'static crate::normalize::WordSet<&'static str> {
    static SET: OnceLock<crate::normalize::WordSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        (descriptions().keys())
            .filter_map(|h| h.split_once(' ').map(|(first, _)| first))
            .collect()
    })
}

/// The gender a given name says, where the census lists say it.
fn name_gender(first: &str) -> Option<Gender> {
    static LISTS: OnceLock<(
        crate::normalize::WordSet<&str>,
        crate::normalize::WordSet<&str>,
    )> = OnceLock::new();
    let (female, male) =
        LISTS.get_or_init(|| (words_of(FEMALE).collect(), words_of(MALE).collect()));
    if female.contains(first) {
        Some(Gender::Female)
    } else if male.contains(first) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// The gender of a person's mention: an honorific before it, else its first word.
fn gender(text: &str, span: Span, name: &str) -> Option<Gender> {
    let before = text[..span.start].trim_end_matches(|c: char| !c.is_alphanumeric());
    let title = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    match title {
        "Mr" | "Sir" | "Lord" | "King" | "Prince" | "Father" => return Some(Gender::Male),
        "Mrs" | "Ms" | "Miss" | "Madam" | "Lady" | "Queen" | "Princess" | "Sister" => {
            return Some(Gender::Female);
        }
        _ => {}
    }
    let mention = &text[span.start..span.end];
    [mention, name]
        .iter()
        .find_map(|n| n.split_whitespace().next().and_then(name_gender))
}

/// A mention already read, as a candidate antecedent. Most are never asked for: what only a
/// pronoun or a description needs (gender, the words around) is read the first time one asks.
struct Candidate {
    entity: EntityId,
    kind: EntityKind,
    /// The mention it stands for: its own span, or for a resolved reference its antecedent's.
    mention: Span,
    sentence: u32,
    /// The span of its sentence, which bounds the words around it.
    within: Span,
    gender: std::cell::OnceCell<Option<Gender>>,
    /// Words just before it, where a title is given ("Foreign Minister X"), and words of an
    /// apposition after it ("X, the minister of ...").
    around: std::cell::OnceCell<(Span, Span)>,
    /// The first name of its sentence (the likely subject).
    subject: bool,
}

impl Candidate {
    fn gender(&self, text: &str, gazetteer: &Known) -> Option<Gender> {
        *self.gender.get_or_init(|| {
            let e = gazetteer.entity(self.entity);
            (e.kind == EntityKind::Person)
                .then(|| gender(text, self.mention, &e.name))
                .flatten()
        })
    }

    fn around(&self, text: &str) -> (Span, Span) {
        *self
            .around
            .get_or_init(|| around(text, self.within, self.mention))
    }
}

/// Spans of the words of a sentence outside mentions, in order. Words and mentions are both in
/// text order, so one walk drops the words inside a mention. Written into `out` (cleared
/// first), one buffer for every sentence; a word is lower-cased only when it is read (most
/// never are: see [`may_refer`]).
fn words(text: &str, span: Span, mentions: &[Mention], out: &mut Vec<Span>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut keep = |s: usize, e: usize, out: &mut Vec<Span>| {
        while mentions.get(at).is_some_and(|m| m.span.end <= s) {
            at += 1;
        }
        let inside = mentions[at..]
            .iter()
            .take_while(|m| m.span.start <= s)
            .any(|m| e <= m.span.end);
        if !inside {
            out.push(Span::new(s, e));
        }
    };
    let (mut i, mut start) = (span.start, None);
    while i < span.end {
        // ASCII, most of every text, needs no decoding.
        let (alnum, len) = match bytes[i] {
            b if b < 0x80 => (ascii_class(b) & ALNUM != 0, 1),
            _ => {
                let c = text[i..].chars().next().expect("inside the text");
                (c.is_alphanumeric(), c.len_utf8())
            }
        };
        if alnum {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            keep(s, i, out);
        }
        i += len;
    }
    if let Some(s) = start {
        keep(s, span.end, out);
    }
}

/// `word` in lower case, borrowed when it already is (most words are).
fn lower(word: &str) -> Cow<'_, str> {
    // ASCII, most words, is lower-cased byte by byte.
    if word.is_ascii() {
        return match word.bytes().any(|b| b.is_ascii_uppercase()) {
            true => Cow::Owned(word.to_ascii_lowercase()),
            false => Cow::Borrowed(word),
        };
    }
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Whether a word is, in any case, one of [`PRONOUNS`] or "the", the only words a
/// reference starts with. Asked of every word, so it compares one integer per such word (each
/// byte's ASCII case bit set) instead of lower-casing the word.
fn may_refer(word: &str) -> bool {
    // Most words are ruled out by their length or first letter before they are folded.
    let first = (word.as_bytes().first().map_or(0, |b| b | 0x20)).wrapping_sub(b'a');
    (2..=7).contains(&word.len())
        && first < 26
        && KEYS.1 >> first & 1 != 0
        && KEYS.0.contains(&folded(word.as_bytes()))
}

/// Up to seven bytes, each with the ASCII case bit set (so "He" and "he" agree; bytes of other
/// scripts never equal a letter), under their length.
const fn folded(bytes: &[u8]) -> u64 {
    let mut key = (bytes.len() as u64) << 56;
    let mut i = 0;
    while i < bytes.len() && i < 7 {
        key |= ((bytes[i] | 0x20) as u64) << (8 * i);
        i += 1;
    }
    key
}

/// Words after which "her" is an object, not a possessive ("told her", "her." at the end).
fn her_is_object(next: Option<&str>) -> bool {
    next.is_none_or(|w| {
        matches!(
            w,
            "to" | "in"
                | "on"
                | "at"
                | "for"
                | "from"
                | "with"
                | "by"
                | "and"
                | "or"
                | "that"
                | "as"
                | "after"
                | "before"
                | "about"
                | "of"
                | "into"
                | "when"
                | "while"
        )
    })
}

/// An "it" that stands for nothing: "it is likely", "it was raining", "it seems".
fn expletive(next: Option<&str>) -> bool {
    next.is_some_and(|w| matches!(w, "is" | "was" | "seems" | "seemed" | "appears" | "s"))
}

/// Resolves the pronouns and descriptions of one document.
pub fn resolve(
    doc: &Document,
    sentences: &[Sentence],
    mentions: &[Mention],
    gazetteer: &Known,
) -> Vec<Reference> {
    let text = &doc.text;
    let mut out = Vec::new();
    let mut seen: Vec<Candidate> = Vec::new();
    let mut ws = Vec::new();
    let mut next_mention = 0;
    for s in sentences {
        // Candidates come in sentence order and none is chosen from further back than
        // `NAMED_WINDOW` sentences: older ones are dropped now and then, so `seen` stays the
        // size of a window instead of growing with the document.
        if seen.len() >= 1024 {
            let old = seen.partition_point(|c| c.sentence + NAMED_WINDOW < s.index);
            seen.drain(..old);
        }
        let count = mentions[next_mention..]
            .iter()
            .take_while(|m| m.span.start < s.span.end)
            .count();
        let sentence_mentions = &mentions[next_mention..next_mention + count];
        next_mention += count;
        words(text, s.span, sentence_mentions, &mut ws);
        // The k-th word, lower-cased.
        let word_at = |k: usize| ws.get(k).map(|sp| lower(&text[sp.start..sp.end]));
        // "The report said its authors ...": a sentence whose subject is a common noun phrase
        // gives "it"/"its"/"their" before any name that noun phrase, not an entity.
        let common_subject = ws.first().is_some_and(|sp| {
            matches!(word_at(0).as_deref(), Some("the" | "a" | "an"))
                && sp.start == s.span.start
                && word_at(1).is_some_and(|n| !descriptions().contains_key(n.as_ref()))
        });
        let mut m = 0;
        for (k, span) in ws.iter().enumerate() {
            // Names before this word become candidates first.
            while let Some(mention) = sentence_mentions.get(m)
                && mention.span.start < span.start
            {
                seen.push(candidate(s, mention, gazetteer));
                m += 1;
            }
            if !may_refer(&text[span.start..span.end]) {
                continue;
            }
            let word = &*lower(&text[span.start..span.end]);
            let next_word = word_at(k + 1);
            let next = next_word.as_deref();
            if let Some(p) = pronoun(word) {
                let possessive = p.possessive && !(word == "her" && her_is_object(next));
                if word == "it" && expletive(next) {
                    continue;
                }
                let first_in_sentence = k == 0 && span.start == s.span.start;
                if p.kinds[0] != EntityKind::Person && common_subject && m == 0 {
                    continue;
                }
                let window = if word == "their" { 0 } else { 1 };
                let fits = |c: &Candidate| {
                    p.kinds.contains(&c.kind)
                        && s.index - c.sentence <= window
                        && (p.gender.is_none()
                            || c.gender(text, gazetteer).is_none_or(|g| Some(g) == p.gender))
                        // "it" for a place only when the place is a country.
                        && (c.kind != EntityKind::Place || gazetteer.entity(c.entity).parent.is_none())
                };
                // An organization before a place: "it" is more often the company than the city.
                let org = |c: &Candidate| fits(c) && c.kind != EntityKind::Place;
                let chosen = choose(&seen, org, first_in_sentence, s.index, 1)
                    .or_else(|| choose(&seen, fits, first_in_sentence, s.index, 1));
                if let Some((c, confidence)) = chosen {
                    let r = Reference {
                        sentence: s.index,
                        span: *span,
                        kind: RefKind::Pronoun,
                        entity: c.entity,
                        antecedent: c.mention,
                        possessive,
                        confidence,
                    };
                    seen.push(chained(c, &r, text, gazetteer));
                    out.push(r);
                }
                continue;
            }
            if word != "the"
                || !ws
                    .get(k + 1)
                    .is_some_and(|sp| text[span.end..sp.start].trim().is_empty())
            {
                continue;
            }
            // "the prime minister": the longest head of the lexicon after "the".
            let multi = next.is_some_and(|n| first_words().contains(n));
            // The second word right after the first: a name between them ("the prime London
            // minister") was dropped from `ws` and makes no head.
            let two = ws
                .get(k + 2)
                .filter(|sp| multi && text[ws[k + 1].end..sp.start].trim().is_empty())
                .and_then(|_| Some(format!("{} {}", next.unwrap_or(""), word_at(k + 2)?)));
            let (head, last) = match two.as_deref().and_then(|h| descriptions().get_key_value(h)) {
                Some((h, _)) => (*h, k + 2),
                None => match next.and_then(|n| descriptions().get_key_value(n)) {
                    Some((h, _)) => (*h, k + 1),
                    None => continue,
                },
            };
            let kind = descriptions()[head];
            let end = ws[last].end;
            let after = text[end..s.span.end].trim_start();
            let after_word = word_at(last + 1);
            let after_word = after_word.as_deref();
            // "the group of friends", "the company Acme", "the group that": a new noun phrase.
            let possessive = after.starts_with("'s") || after.starts_with("’s");
            if !possessive
                && (matches!(after_word, Some("of" | "that" | "which" | "who"))
                    && after.starts_with(char::is_alphabetic)
                    || after.starts_with(char::is_uppercase)
                    || sentence_mentions.get(m).is_some_and(|mm| {
                        mm.span.start >= end && text[end..mm.span.start].trim().is_empty()
                    }))
            {
                continue;
            }
            // A person's description needs the role given; an organization's prefers a name or
            // an apposition that says the head ("the cartel": "X Cartel", "X, a cartel"), anywhere
            // before in the document; else the nearest of its type in this or the last sentence.
            let said = |c: &Candidate| {
                let (before, after) = c.around(text);
                has_role(&text[after.start..after.end], head)
                    || if kind == EntityKind::Person {
                        has_role(&text[before.start..before.end], head)
                    } else {
                        has_role(&gazetteer.entity(c.entity).name, head)
                    }
            };
            let named = |c: &Candidate| c.kind == kind && said(c);
            let near = |c: &Candidate| {
                c.kind == kind && kind == EntityKind::Org && s.index - c.sentence <= 1
            };
            let chosen = choose(&seen, named, false, s.index, NAMED_WINDOW)
                .map(|(c, confidence)| (c, confidence.max(0.8)))
                .or_else(|| choose(&seen, near, false, s.index, 1).map(|(c, q)| (c, q - 0.1)));
            if let Some((c, confidence)) = chosen {
                let r = Reference {
                    sentence: s.index,
                    span: Span::new(span.start, end),
                    kind: RefKind::Description,
                    entity: c.entity,
                    antecedent: c.mention,
                    possessive,
                    confidence,
                };
                seen.push(chained(c, &r, text, gazetteer));
                out.push(r);
            }
        }
        while let Some(mention) = sentence_mentions.get(m) {
            seen.push(candidate(s, mention, gazetteer));
            m += 1;
        }
        if let Some(first) = seen
            .iter_mut()
            .rev()
            .take_while(|c| c.sentence == s.index)
            .last()
        {
            first.subject = true;
        }
    }
    out
}

/// A resolved reference as a candidate for the references after it: "Ana Ruiz joined. She
/// left. Later her ..." reaches Ana Ruiz through "She".
fn chained(c: &Candidate, r: &Reference, text: &str, gazetteer: &Known) -> Candidate {
    let none = Span::new(0, 0);
    Candidate {
        entity: c.entity,
        kind: c.kind,
        mention: c.mention,
        sentence: r.sentence,
        within: none,
        gender: c.gender(text, gazetteer).into(),
        around: (none, none).into(),
        subject: false,
    }
}

/// How many sentences back a description looks for an entity that its name or role says it is.
const NAMED_WINDOW: u32 = 8;

/// Whether words around a mention (or its name) give it the head `head` ("Foreign Minister X",
/// "X, the minister of ...", "X Cartel"), in any case.
fn has_role(words: &str, head: &str) -> bool {
    let mut ws = words
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    match head.split_once(' ') {
        None => ws.any(|w| w.eq_ignore_ascii_case(head)),
        Some(_) => words.to_lowercase().contains(head),
    }
}

fn candidate(s: &Sentence, m: &Mention, gazetteer: &Known) -> Candidate {
    Candidate {
        entity: m.entity,
        kind: gazetteer.entity(m.entity).kind,
        mention: m.span,
        sentence: s.index,
        within: s.span,
        gender: std::cell::OnceCell::new(),
        around: std::cell::OnceCell::new(),
        subject: false,
    }
}

/// The title words before the mention `m` of the sentence `within` and the apposition after it.
fn around(text: &str, within: Span, m: Span) -> (Span, Span) {
    let from = text[within.start..m.start]
        .char_indices()
        .rev()
        .nth(30)
        .map_or(within.start, |(i, _)| within.start + i);
    let to = text[m.end..within.end]
        .char_indices()
        .nth(40)
        .map_or(within.end, |(i, _)| m.end + i);
    // The role after a name stops at the end of its apposition.
    let after = &text[m.end..to];
    let after = match after.get(1..).and_then(|a| a.find([',', ';', '.'])) {
        Some(i) if after.starts_with(',') => &after[..i + 1],
        _ if after.starts_with(',') => after,
        _ => "",
    };
    let title_start = m.start - title(&text[from..m.start]).len();
    (
        Span::new(title_start, m.start),
        Span::new(m.end, m.end + after.len()),
    )
}

/// The words right before a name that may be its title ("Foreign Minister"): up to three,
/// after the last punctuation.
fn title(before: &str) -> &str {
    let clause = before
        .rfind([',', ';', ':', '(', '"', '.'])
        .map_or(before, |i| &before[i + 1..]);
    let start = clause
        .trim_end()
        .rmatch_indices(' ')
        .nth(2)
        .map_or(0, |(i, _)| i);
    &clause[start..]
}

/// The antecedent among `seen` that `fits`: the nearest, except that a pronoun opening a
/// sentence prefers the subject of the sentence before. Confidence is high when only one entity
/// fits.
fn choose(
    seen: &[Candidate],
    fits: impl Fn(&Candidate) -> bool,
    opens_sentence: bool,
    sentence: u32,
    window: u32,
) -> Option<(&Candidate, f32)> {
    let fitting: Vec<&Candidate> = seen
        .iter()
        .rev()
        .take_while(|c| sentence - c.sentence <= window)
        .filter(|c| fits(c))
        .collect();
    let nearest = *fitting.first()?;
    let entities = {
        let mut e: Vec<EntityId> = fitting.iter().map(|c| c.entity).collect();
        e.sort();
        e.dedup();
        e.len()
    };
    let chosen = if opens_sentence {
        fitting
            .iter()
            .find(|c| c.subject && c.sentence + 1 == sentence)
            .copied()
            .unwrap_or(nearest)
    } else {
        nearest
    };
    let confidence = if entities == 1 { 0.9 } else { 0.6 };
    Some((chosen, confidence))
}

#[cfg(test)]
mod tests;
