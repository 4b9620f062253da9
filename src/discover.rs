//! Discovery: proper names that no gazetteer lists. Runs beside the tagger on the same document:
//! capitalized word sequences outside every gazetteer match become candidates (connectors such
//! as "of", "da", "al-" kept inside), sentence starts and headlines need more evidence, common
//! words are dropped, and each candidate's type is voted from its context: given names and
//! surnames, honorifics and titles, role appositions, organization and place head words, place
//! prepositions, "X, <known place>", verbs of speech. Votes add up over every occurrence of a
//! name in the document (one sense per document), and a surname or a short form after the full
//! name links to it ("Smith" after "John Smith").
//!
//! The output is plain data: the mentions found (with entity ids after the gazetteer's) and the
//! discovered entities, each with a confidence and the evidence that typed it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use crate::corpus::Document;
use crate::gazetteer::{Entity, EntityId, EntityKind, Origin, Rule};
use crate::normalize::{WordMap, WordSet, fold};
use crate::sentences::{Sentence, Span};
use crate::tagger::{Mention, Tagged};

/// Mentions of discovered names and the entities they name.
#[derive(Debug, Clone, Default)]
pub struct Discoveries {
    /// In text order; entity ids follow the gazetteer's (`first_id`, `first_id + 1`, ...).
    pub mentions: Vec<Mention>,
    /// Indexed by `entity id - first_id`: key `discovered:<slug>`, the name as written, short
    /// forms that joined it as aliases.
    pub entities: Vec<Entity>,
    /// How sure each entity's type is, from 0.5 (one cue, or cues that disagree) towards 1.
    pub confidence: Vec<f32>,
    /// What typed each entity ("given name", "organization head word", ...).
    pub evidence: Vec<Vec<&'static str>>,
}

static FIRST_NAMES: &str = include_str!("../gazetteer/names/first_names.txt");
static SURNAMES: &str = include_str!("../gazetteer/names/surnames.txt");
static COMMON: &str = include_str!("../gazetteer/names/common_words.txt");
static ROLES: &str = include_str!("../gazetteer/roles.txt");

struct Lists {
    first: WordSet<&'static str>,
    surnames: WordSet<&'static str>,
    common: WordSet<&'static str>,
    roles: WordSet<&'static str>,
}

fn words_of(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| Lists {
        first: words_of(FIRST_NAMES).collect(),
        surnames: words_of(SURNAMES).collect(),
        common: words_of(COMMON).collect(),
        roles: words_of(ROLES).filter(|r| !r.contains(' ')).collect(),
    })
}

// Word classes, as bits: every class test is one hash lookup instead of a scan of a list.
const CONNECTORS: u16 = 1;
const HONORIFICS: u16 = 2;
const ORG_HEADS: u16 = 4;
const ORG_OPENERS: u16 = 8;
const CLUB_PREFIXES: u16 = 16;
const PLACE_HEADS: u16 = 32;
const FACILITY_HEADS: u16 = 64;
const OTHER_HEADS: u16 = 128;
const PLACE_PREPOSITIONS: u16 = 256;
const SPEECH: u16 = 512;
const NEVER_NAMES: u16 = 1024;

/// A word list of `gazetteer/discover/`.
macro_rules! list {
    ($file:literal) => {
        include_str!(concat!("../gazetteer/discover/", $file))
    };
}

/// The word lists of `gazetteer/discover/`, one class each.
const CLASS_LISTS: [(&str, u16); 11] = [
    (list!("connectors.txt"), CONNECTORS),
    (list!("honorifics.txt"), HONORIFICS),
    (list!("org_heads.txt"), ORG_HEADS),
    (list!("org_openers.txt"), ORG_OPENERS),
    (list!("club_prefixes.txt"), CLUB_PREFIXES),
    (list!("place_heads.txt"), PLACE_HEADS),
    (list!("facility_heads.txt"), FACILITY_HEADS),
    (list!("other_heads.txt"), OTHER_HEADS),
    (list!("place_prepositions.txt"), PLACE_PREPOSITIONS),
    (list!("speech_verbs.txt"), SPEECH),
    (list!("never_names.txt"), NEVER_NAMES),
];

/// Whether `word` (lower case) belongs to any of the classes in `class`.
fn is(word: &str, class: u16) -> bool {
    static CLASSES: OnceLock<WordMap<&'static str, u16>> = OnceLock::new();
    let classes = CLASSES.get_or_init(|| {
        let lists: Vec<(Vec<&'static str>, u16)> = CLASS_LISTS
            .iter()
            .map(|&(text, bit)| (words_of(text).collect(), bit))
            .collect();
        let lists: Vec<(&[&'static str], u16)> =
            lists.iter().map(|(l, bit)| (l.as_slice(), *bit)).collect();
        crate::normalize::word_classes(&lists)
    });
    classes.get(word).is_some_and(|c| c & class != 0)
}

#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    /// Lower case; borrowed from the text for the many words already in lower case.
    lower: Cow<'a, str>,
    span: Span,
    cap: bool,
    caps: bool,
    /// First word of its sentence (after any opening quote or bracket).
    initial: bool,
    /// Inside a gazetteer mention or a demonym.
    taken: bool,
    /// Only blanks (at most one line break) since the previous word.
    joined: bool,
    /// On a headline line: most words capitalized, no sentence end.
    headline: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits the text into words: letters and digits, with inner apostrophes and hyphens
/// ("O'Brien", "al-Assad") and the period of an initial or abbreviation ("F.", "Inc.").
fn words<'a>(doc: &'a Document, sentences: &[Sentence], taken: &[Span]) -> Vec<Word<'a>> {
    let text = doc.text.as_str();
    let mut out: Vec<Word> = Vec::new();
    let mut starts: Vec<usize> = sentences.iter().map(|s| s.span.start).collect();
    starts.sort_unstable();
    let (mut next_start, mut next_taken) = (0, 0);
    let mut i = 0;
    let mut gap_start = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        // ASCII between words needs no decoding.
        if bytes[i] < 0x80 && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("inside the text");
        if !is_word_char(c) {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        while end < text.len() {
            if bytes[end].is_ascii_alphanumeric() {
                end += 1;
                continue;
            }
            let ch = text[end..].chars().next().expect("inside the text");
            if is_word_char(ch) {
                end += ch.len_utf8();
                continue;
            }
            let after = end + ch.len_utf8();
            let next_is_word = text[after..].chars().next().is_some_and(is_word_char);
            let possessive = matches!(ch, '\'' | '’')
                && text[after..].starts_with(['s', 'S'])
                && !text[after + 1..].starts_with(is_word_char);
            // "Velmaro-based", "Pentagon-led": a capitalized word ends before a lower-case
            // suffix, which stays a word of its own.
            let suffix = ch == '-'
                && text[start..].starts_with(char::is_uppercase)
                && text[after..].starts_with(char::is_lowercase);
            if matches!(ch, '\'' | '’' | '-') && next_is_word && !possessive && !suffix {
                end = after;
                continue;
            }
            break;
        }
        // "F." and "Inc.": a single capital or a known abbreviation keeps its period.
        let word = &text[start..end];
        if text[end..].starts_with('.')
            && (word.chars().count() == 1 && word.chars().all(char::is_uppercase)
                || matches!(
                    word,
                    "Mr" | "Mrs"
                        | "Ms"
                        | "Dr"
                        | "St"
                        | "Mt"
                        | "Jr"
                        | "Sr"
                        | "Inc"
                        | "Corp"
                        | "Co"
                        | "Ltd"
                        | "Gen"
                        | "Sen"
                        | "Gov"
                        | "Rev"
                        | "Lt"
                        | "Col"
                        | "Capt"
                        | "Prof"
                        | "Sgt"
                        | "Maj"
                        | "Adm"
                        | "Rep"
                        | "Ft"
                ))
        {
            end += 1;
        }
        let gap = &text[gap_start..start];
        let joined = !out.is_empty()
            && gap.chars().all(char::is_whitespace)
            && gap.matches('\n').count() <= 1;
        while next_start < starts.len() && starts[next_start] <= start {
            next_start += 1;
        }
        // The sentence containing `start` begins at starts[next_start - 1].
        let sentence_start = next_start.checked_sub(1).map_or(0, |k| starts[k]);
        // The first word since the sentence began (words come in text order).
        let initial = out
            .last()
            .is_none_or(|w: &Word| w.span.start < sentence_start);
        while next_taken < taken.len() && taken[next_taken].end <= start {
            next_taken += 1;
        }
        let is_taken = taken
            .get(next_taken)
            .is_some_and(|t| t.start < end && start < t.end);
        let first = text[start..].chars().next().expect("a word");
        let letters = word.chars().filter(|c| c.is_alphabetic());
        let (n_letters, n_upper) = letters.fold((0, 0), |(n, u), c| {
            (n + 1, u + usize::from(c.is_uppercase()))
        });
        out.push(Word {
            text: &text[start..end],
            lower: if n_upper == 0 && word.is_ascii() {
                Cow::Borrowed(word)
            } else {
                Cow::Owned(word.to_lowercase())
            },
            span: Span::new(start, end),
            // "al-Rashid", "el-Sisi": a short lower-case particle before a capitalized name.
            cap: first.is_uppercase()
                || word
                    .split_once('-')
                    .is_some_and(|(p, rest)| p.len() <= 3 && rest.starts_with(char::is_uppercase)),
            caps: n_letters >= 2 && n_upper == n_letters,
            initial,
            taken: is_taken,
            joined,
            headline: false,
        });
        gap_start = end;
        i = end;
    }
    mark_headlines(text, &mut out);
    out
}

/// A line of three or more words, most of them capitalized, with no sentence end, is a headline:
/// capitals there say nothing about names.
fn mark_headlines(text: &str, words: &mut [Word]) {
    let mut i = 0;
    while i < words.len() {
        let line_start = text[..words[i].span.start].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[words[i].span.start..]
            .find('\n')
            .map_or(text.len(), |p| words[i].span.start + p);
        let mut j = i;
        while j < words.len() && words[j].span.start < line_end {
            j += 1;
        }
        let line = &words[i..j];
        let content: Vec<&Word> = line
            .iter()
            .filter(|w| w.lower.chars().any(char::is_alphabetic) && !is_connector(&w.lower))
            .collect();
        let capitalized = content.iter().filter(|w| w.cap).count();
        let ends = text[line_start..line_end]
            .trim_end()
            .ends_with(['.', '!', '?', ':', ';']);
        if content.len() >= 3 && capitalized * 10 >= content.len() * 8 && !ends {
            for w in &mut words[i..j] {
                w.headline = true;
            }
        }
        i = j.max(i + 1);
    }
}

fn is_connector(w: &str) -> bool {
    is(w, CONNECTORS)
}

fn bare(w: &str) -> &str {
    w.trim_end_matches('.')
}

/// A capitalized word that may be part of a name.
fn nameish(w: &Word) -> bool {
    w.cap && !w.taken && !is(bare(&w.lower), NEVER_NAMES) && w.text.chars().any(char::is_alphabetic)
}

/// One occurrence of a candidate name: words `[from, to)`.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    from: usize,
    to: usize,
}

/// Gazetteer place mentions of a document, sorted, found by where they start or end in
/// O(log n).
struct Places(Vec<Span>);

impl Places {
    fn new(mut spans: Vec<Span>) -> Places {
        spans.sort();
        Places(spans)
    }

    fn starting_at(&self, at: usize) -> Option<&Span> {
        let i = self.0.partition_point(|p| p.start < at);
        self.0.get(i).filter(|p| p.start == at)
    }

    fn ending_at(&self, at: usize) -> Option<&Span> {
        // Mentions never overlap, so ends are sorted as starts are.
        let i = self.0.partition_point(|p| p.end < at);
        self.0.get(i).filter(|p| p.end == at)
    }
}

/// The words `[first, last]` of the gazetteer place whose span is `span`, if words cover it.
fn place_words(words: &[Word], span: Span) -> Option<(usize, usize)> {
    let first = words.partition_point(|w| w.span.start < span.start);
    let last = words
        .partition_point(|w| w.span.end <= span.end)
        .checked_sub(1)?;
    (first <= last && words[first].span.start == span.start && words[last].span.end == span.end)
        .then_some((first, last))
}

/// A gazetteer place that names part of an organization: "Atlantic City Hospital", "New Jersey
/// Department of Public Safety", "University of California". The place joins the name when the
/// name ends (or, with "of", starts) with an organization head word, as the longest match
/// would; a place is never split.
fn absorb_places(words: &[Word], mut o: Occurrence, places: &Places) -> Occurrence {
    let at_end = |w: usize| places.ending_at(words[w].span.end);
    let at_start = |w: usize| places.starting_at(words[w].span.start);
    let last = bare(&words[o.to - 1].lower);
    if o.from > 0
        && words[o.from].joined
        && is(last, ORG_HEADS)
        && o.to - o.from >= 1
        && !words[o.from].initial
        && let Some(p) = at_end(o.from - 1)
        && let Some((first, _)) = place_words(words, *p)
    {
        o.from = first;
        // "George Washington University Hospital": names before the place belong too.
        while o.from > 0
            && words[o.from].joined
            && nameish(&words[o.from - 1])
            && !(words[o.from - 1].initial && is_common(&words[o.from - 1]))
        {
            o.from -= 1;
        }
    }
    // "FC Basel", "Club America": a club prefix, then the place it is named after.
    if is(bare(&words[o.to - 1].lower), CLUB_PREFIXES)
        && words.get(o.to).is_some_and(|w| w.joined)
        && let Some(p) = at_start(o.to)
        && let Some((_, end)) = place_words(words, *p)
    {
        o.to = end + 1;
        return o;
    }
    // "Philip Sheridan", "Michael Jordan": a given name, then a one-word place that is a surname.
    let lists = lists();
    if o.to - o.from == 1
        && lists.first.contains(bare(words[o.from].text))
        && words.get(o.to).is_some_and(|w| w.joined && w.cap)
        && let Some(p) = at_start(o.to)
        && let Some((first, end)) = place_words(words, *p)
        && first == end
        && !words.get(end + 1).is_some_and(|w| w.joined && w.cap)
    {
        o.to = end + 1;
        return o;
    }
    // "Paris Hilton": a one-word place that is a given name, then a surname.
    if o.to - o.from == 1
        && o.from > 0
        && words[o.from].joined
        && lists
            .surnames
            .contains(titlecase(bare(&words[o.from].lower)).as_str())
        && let Some(p) = at_end(o.from - 1)
        && let Some((first, end)) = place_words(words, *p)
        && first == end
        && lists.first.contains(bare(words[first].text))
        && !words[first].initial
    {
        o.from = first;
        return o;
    }
    if is(last, ORG_OPENERS)
        && words.get(o.to).is_some_and(|w| w.lower == "of" && w.joined)
        && o.to + 1 < words.len()
        && words[o.to + 1].joined
        && let Some(p) = at_start(o.to + 1)
        && let Some((_, end)) = place_words(words, *p)
    {
        o.to = end + 1;
    }
    // "Perth Glory", "Texas Rangers": a town's name and a name after it, joined, make a team
    // or a company named after the town; the vote gives it the type.
    if o.from > 0
        && words[o.from].joined
        && !words[o.from].initial
        && o.to - o.from <= 2
        && let Some(p) = at_end(o.from - 1)
        && let Some((first, _)) = place_words(words, *p)
        && !lists.first.contains(bare(words[first].text))
        && !(first > 0 && words[first].joined && words[first - 1].cap)
    {
        o.from = first;
    }
    o
}

/// Runs of capitalized words with connectors inside, titles and sentence-initial common words
/// trimmed off the front.
fn candidates(words: &[Word]) -> Vec<Occurrence> {
    let lists = lists();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !nameish(&words[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        loop {
            if j < words.len() && words[j].joined && nameish(&words[j]) {
                j += 1;
                continue;
            }
            // A connector joins only between capitalized words: "Bank of America".
            let mut k = j;
            while k < words.len()
                && words[k].joined
                && !words[k].cap
                && is_connector(&words[k].lower)
                && k - j < 2
            {
                k += 1;
            }
            if k > j && k < words.len() && words[k].joined && nameish(&words[k]) {
                j = k + 1;
                continue;
            }
            break;
        }
        // Trim: titles, and a first word that is an ordinary word at a sentence start; not
        // before a head word ("General Hospital" is a name, not a general's).
        let head = bare(&words[j - 1].lower);
        let headed = is(head, ORG_HEADS) || is(head, PLACE_HEADS) || is(head, FACILITY_HEADS);
        let mut from = i;
        while from < j
            && (!headed && is(bare(&words[from].lower), HONORIFICS)
                || !headed && lists.roles.contains(bare(&words[from].lower)) && from + 1 < j
                || from == i && words[from].initial && is_common(&words[from]))
        {
            from += 1;
        }
        while from < j && is_connector(&words[from].lower) {
            from += 1;
        }
        // "Senior Kory Lichtensteiger": an ordinary capitalized word before a given name.
        if from + 2 <= j
            && is_common(&words[from])
            && lists.first.contains(bare(words[from + 1].text))
        {
            from += 1;
        }
        let mut to = j;
        while to > from && (is_connector(&words[to - 1].lower) || words[to - 1].text == "&") {
            to -= 1;
        }
        // Events, works and awards are names but not of people, organizations or places.
        let other = from < to
            && (is(bare(&words[to - 1].lower), OTHER_HEADS)
                || matches!(bare(&words[from].lower), "battle" | "operation" | "siege"));
        if from < to && !other {
            out.push(Occurrence { from, to });
        }
        i = j;
    }
    out
}

fn is_common(w: &Word) -> bool {
    // "NHL", "ESPN": a word in capitals is an acronym, whatever its frequency in lower case.
    if w.caps {
        return false;
    }
    let lists = lists();
    let lower = bare(&w.lower);
    lists.common.contains(lower) || is(lower, NEVER_NAMES) || is_connector(lower)
}

/// Type votes for one occurrence, with the cues that gave them.
#[derive(Debug, Default, Clone)]
struct Votes {
    person: f32,
    org: f32,
    place: f32,
    cues: Vec<&'static str>,
}

impl Votes {
    fn add(&mut self, kind: EntityKind, weight: f32, cue: &'static str) {
        match kind {
            EntityKind::Person => self.person += weight,
            EntityKind::Org => self.org += weight,
            EntityKind::Place => self.place += weight,
        }
        if !self.cues.contains(&cue) {
            self.cues.push(cue);
        }
    }

    fn merge(&mut self, other: &Votes) {
        self.person += other.person;
        self.org += other.org;
        self.place += other.place;
        for c in &other.cues {
            if !self.cues.contains(c) {
                self.cues.push(c);
            }
        }
    }

    fn best(&self) -> Option<(EntityKind, f32, f32)> {
        let mut all = [
            (EntityKind::Person, self.person),
            (EntityKind::Org, self.org),
            (EntityKind::Place, self.place),
        ];
        all.sort_by(|a, b| b.1.total_cmp(&a.1));
        (all[0].1 > 0.0).then_some((all[0].0, all[0].1, all[1].1))
    }
}

/// What the words of an occurrence and its neighbours say about its type.
fn vote(doc: &Document, words: &[Word], occ: Occurrence, places: &Places) -> Votes {
    use EntityKind::{Org, Person, Place};
    let lists = lists();
    let mut v = Votes::default();
    let name = &words[occ.from..occ.to];
    let n = name.len();
    let first = bare(&name[0].lower);
    let last = bare(&name[n - 1].lower);
    // Given name and surname cues hold for names of capitalized words only: a connector inside
    // ("Bank of Ostravia") points elsewhere.
    let all_capitalized = name.iter().all(|w| w.cap);
    if is(last, ORG_HEADS) && n > 1 {
        v.add(Org, 4.0, "organization head word");
    }
    if n > 1 && is(first, CLUB_PREFIXES) {
        v.add(Org, 4.0, "organization head word");
    }
    if n > 2 && is(first, ORG_OPENERS) && name[1].lower == "of" {
        v.add(Org, 4.0, "organization head word");
    }
    if n > 1 && (is(last, PLACE_HEADS) || matches!(first, "mount" | "lake" | "cape")) {
        v.add(Place, 3.0, "place head word");
    }
    if is(last, FACILITY_HEADS) && n > 1 {
        v.add(Place, 3.0, "building or site head word");
    }
    if name[0].taken && !v.cues.contains(&"organization head word") {
        v.add(Org, 2.0, "named after a place");
    }
    if n == 1 && name[0].caps && (3..=6).contains(&name[0].text.len()) {
        v.add(Org, 1.0, "acronym");
    }
    let given = lists.first.contains(name[0].text.trim_end_matches('.'))
        || lists.first.contains(titlecase(first).as_str());
    let surname = |w: &Word| lists.surnames.contains(titlecase(bare(&w.lower)).as_str());
    if given && (2..=4).contains(&n) && all_capitalized {
        v.add(Person, 2.5, "given name");
    }
    if (2..=4).contains(&n) && surname(&name[n - 1]) && all_capitalized && !is_common(&name[0]) {
        v.add(Person, 1.0, "surname");
    }
    if name[..n.saturating_sub(1)]
        .iter()
        .skip(1)
        .any(|w| w.text.len() == 2 && w.text.ends_with('.'))
    {
        v.add(Person, 2.0, "middle initial");
    }
    // Context before: a title, a role, a place preposition.
    if occ.from > 0 {
        let before = &words[occ.from - 1];
        let b = bare(&before.lower);
        // The title right before the name, nothing but a space between them.
        if name[0].joined && (is(b, HONORIFICS) || lists.roles.contains(b)) {
            v.add(Person, 3.0, "title before");
        }
        if is(b, PLACE_PREPOSITIONS) && !before.cap {
            v.add(Place, 1.0, "place preposition");
            if b == "at" {
                v.add(Org, 0.5, "place preposition");
            }
        }
        if matches!(b, "by" | "with" | "and") && given {
            v.add(Person, 0.5, "given name");
        }
    }
    // Context after.
    let end = name[n - 1].span.end;
    let mut cut = doc.text.len().min(end + 40);
    while !doc.text.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = &doc.text[end..cut];
    if let Some(next) = words.get(occ.to) {
        let w = next.lower.as_ref();
        if is(w, SPEECH) {
            v.add(Person, 1.0, "verb of speech");
            v.add(Org, 0.5, "verb of speech");
        }
        if rest.starts_with('-') && w.starts_with("based") {
            v.add(Place, 3.0, "-based");
        }
        // "Springfield, Illinois": a known place after a comma.
        if rest.starts_with(", ") && places.starting_at(next.span.start).is_some() {
            v.add(Place, 3.0, "followed by a known place");
        }
        // "X, a spokesman", "X, 45,".
        if rest.starts_with(", ") {
            let after: Vec<&str> = words[occ.to..words.len().min(occ.to + 4)]
                .iter()
                .map(|w| bare(&w.lower))
                .collect();
            let role_at = |k: usize| after.get(k).is_some_and(|w| lists.roles.contains(w));
            if matches!(after.first(), Some(&("a" | "an" | "the")))
                && (role_at(1) || role_at(2) || role_at(3))
                || after
                    .first()
                    .is_some_and(|w| w.parse::<u32>().is_ok_and(|a| a < 110))
            {
                v.add(Person, 2.0, "role apposition");
            }
        }
        if matches!(w, "inc" | "corp" | "ltd" | "llc" | "co") && next.joined {
            v.add(Org, 3.0, "organization suffix");
        }
        if rest.starts_with(" (") && words.get(occ.to).is_some_and(|w| w.caps) {
            v.add(Org, 1.0, "acronym after");
        }
    }
    v
}

fn titlecase(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "Jean-Pierre O'Brien" → "jean_pierre_o_brien", for `discovered:<slug>` ids.
fn slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

/// What discovery needs to know of a gazetteer entity a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    /// A place inside another (a city, a state): it may be part of an organization's name
    /// ("Atlantic City Hospital").
    Place,
    /// A place inside no other (a country): a name of its own even before an organization
    /// ("the U.S. Joint Task Force" is two names).
    Country,
    /// A person or an organization.
    Other,
}

/// Finds the names of `doc` that `tagged` (the gazetteer's mentions) leaves out; `listed` says
/// what the gazetteer entity behind a mention is.
pub fn discover(
    doc: &Document,
    sentences: &[Sentence],
    tagged: &Tagged,
    first_id: u32,
    listed: impl Fn(EntityId) -> Listed,
) -> Discoveries {
    let mut taken: Vec<Span> = tagged
        .mentions
        .iter()
        .chain(&tagged.anchors)
        .map(|m| m.span)
        .collect();
    taken.sort();
    let places = Places::new(
        tagged
            .mentions
            .iter()
            .filter(|m| listed(m.entity) != Listed::Other)
            .map(|m| m.span)
            .collect(),
    );
    let inner_places = Places::new(
        tagged
            .mentions
            .iter()
            .filter(|m| listed(m.entity) == Listed::Place)
            .map(|m| m.span)
            .collect(),
    );
    let words = words(doc, sentences, &taken);
    let grown: Vec<Occurrence> = candidates(&words)
        .into_iter()
        .map(|o| absorb_places(&words, o, &inner_places))
        .collect();
    // An occurrence that grew over another ("George" in "George Washington University
    // Hospital") leaves nothing of it: in text order, the longest of those starting together
    // wins and whatever starts inside a kept one goes.
    let mut grown = grown;
    grown.sort_by_key(|o| (o.from, std::cmp::Reverse(o.to)));
    let mut occurrences: Vec<Occurrence> = Vec::with_capacity(grown.len());
    for o in grown {
        if occurrences.last().is_none_or(|last| o.from >= last.to) {
            occurrences.push(o);
        }
    }
    let text_of = |o: &Occurrence| {
        doc.text[words[o.from].span.start..words[o.to - 1].span.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // One sense per document: votes of every occurrence of a name add up.
    // Per name: the votes, its own occurrences, and those of its short forms too.
    type Tally = (Votes, Vec<Occurrence>, Vec<Occurrence>);
    let mut by_name: HashMap<String, Tally> = HashMap::new();
    for o in &occurrences {
        let v = vote(doc, &words, *o, &places);
        let e = by_name.entry(text_of(o)).or_default();
        e.0.merge(&v);
        e.1.push(*o);
        e.2.push(*o);
    }
    // Names listed together are of one type: "Karol Balinski, Teofil Lenartowicz and Eweryst
    // Estkowski" borrow the type of the listed names that have one.
    let mut borrowed: Vec<(String, EntityKind)> = Vec::new();
    for pair in occurrences.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let gap = &doc.text[words[a.to - 1].span.end..words[b.from].span.start];
        let listed = gap.contains(',') || gap.contains(" and ") || gap.contains('&');
        if !listed
            || gap
                .split(|c: char| c.is_whitespace() || c == ',')
                .any(|w| !w.is_empty() && !matches!(w, "and" | "or" | "&"))
        {
            continue;
        }
        let (na, nb) = (text_of(&a), text_of(&b));
        let (ka, kb) = (by_name[&na].0.best(), by_name[&nb].0.best());
        match (ka, kb) {
            (Some((k, ..)), None) => borrowed.push((nb, k)),
            (None, Some((k, ..))) => borrowed.push((na, k)),
            _ => {}
        }
    }
    for (name, kind) in borrowed {
        let votes = &mut by_name.get_mut(&name).expect("listed").0;
        if votes.best().is_none() {
            votes.add(kind, 1.0, "listed with a name of that type");
        }
    }
    // Short forms ("Smith", "Acme") of a longer name in the document join it.
    // Longer names by their first and last words, so each short form looks up its candidates.
    let mut by_edge_word: HashMap<&str, Vec<&String>> = HashMap::new();
    for name in by_name.keys() {
        if let Some((first, _)) = name.split_once(' ') {
            let last = name.rsplit_once(' ').map_or(name.as_str(), |(_, l)| l);
            by_edge_word.entry(first).or_default().push(name);
            if last != first {
                by_edge_word.entry(last).or_default().push(name);
            }
        }
    }
    let mut parent: HashMap<String, String> = HashMap::new();
    for short in by_name.keys() {
        // Only one-word short forms: two-word ones ("Bowling Green") are names of their own.
        if short.contains(' ') {
            continue;
        }
        if let Some([one]) = by_edge_word.get(short.as_str()).map(Vec::as_slice) {
            parent.insert(short.clone(), (*one).clone());
        }
    }
    // "Joint Task Force (JTF)": an acronym in brackets after a name, whose letters are the
    // name's initials, stands for it wherever the document uses it.
    let mut acronyms: HashMap<String, String> = HashMap::new();
    for o in &occurrences {
        let end = words[o.to - 1].span.end;
        let rest = doc.text[end..].trim_start_matches([' ', '\u{00A0}']);
        let Some(inside) = rest.strip_prefix('(').and_then(|r| r.split_once(')')) else {
            continue;
        };
        let acr = inside.0.trim();
        let name = text_of(o);
        if acr.len() >= 2
            && acr
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '-')
            && crate::tagger::initials_fit(acr, &name)
            && by_name.contains_key(acr)
            && acr != name
        {
            acronyms.entry(acr.to_string()).or_insert(name);
        }
    }
    for (acr, name) in acronyms {
        if !parent.contains_key(&name) {
            parent.insert(acr, name);
        }
    }
    for (short, long) in &parent {
        let (v, occs, _) = by_name[short].clone();
        let entry = by_name.get_mut(long).expect("listed");
        entry.0.merge(&v);
        // Evidence from where the short form stands counts for the name ("Gradsky said").
        entry.2.extend(occs);
    }
    let mut out = Discoveries::default();
    let mut ids: HashMap<String, EntityId> = HashMap::new();
    let mut by_key: HashMap<String, EntityId> = HashMap::new();
    let mut mentions = Vec::new();
    // Ids in name order, so the same text always gives the same numbering.
    let mut names: Vec<&String> = by_name.keys().collect();
    names.sort();
    for name in names {
        let (votes, occs, all) = &by_name[name];
        if parent.contains_key(name) {
            continue;
        }
        let Some((kind, score, runner_up)) = votes.best() else {
            continue;
        };
        if !accept(&words, all, score) {
            continue;
        }
        let key = format!("discovered:{}", slug(name));
        // "MOSS" and "Moss" fold to one id: one entity, the later spelling an alias.
        if let Some(&id) = by_key.get(&key) {
            ids.insert(name.clone(), id);
            out.entities[(id.0 - first_id) as usize]
                .aliases
                .push(name.clone());
            for o in occs {
                mentions.push((*o, id, Rule::Discovered));
            }
            continue;
        }
        let id = EntityId(first_id + out.entities.len() as u32);
        ids.insert(name.clone(), id);
        by_key.insert(key.clone(), id);
        let margin = score - runner_up;
        let confidence = (0.5 + 0.5 * (1.0 - (-margin / 3.0).exp())).min(0.99);
        out.entities.push(Entity {
            id,
            key,
            kind,
            name: name.clone(),
            aliases: Vec::new(),
            demonyms: Vec::new(),
            parent: None,
            origin: Origin {
                path: "<discovered>".into(),
                line: 0,
            },
        });
        out.confidence.push(confidence);
        out.evidence.push(votes.cues.clone());
        for o in occs {
            mentions.push((*o, id, Rule::Discovered));
        }
    }
    for (short, long) in &parent {
        let Some(&id) = ids.get(long) else { continue };
        let e = &mut out.entities[(id.0 - first_id) as usize];
        if !e.aliases.contains(short) {
            e.aliases.push(short.clone());
        }
        let rule =
            if short.chars().all(|c| !c.is_lowercase()) && long.chars().any(char::is_lowercase) {
                Rule::Acronym
            } else {
                Rule::PartialName
            };
        for o in &by_name[short].1 {
            mentions.push((*o, id, rule));
        }
    }
    for e in &mut out.entities {
        e.aliases.sort();
        e.aliases.dedup();
    }
    mentions.sort_by_key(|(o, _, _)| words[o.from].span.start);
    let sentence_of = |at: usize| {
        sentences
            .partition_point(|s| s.span.start <= at)
            .saturating_sub(1) as u32
    };
    out.mentions = mentions
        .into_iter()
        .map(|(o, entity, rule)| {
            let span = Span::new(words[o.from].span.start, words[o.to - 1].span.end);
            Mention {
                entity,
                doc: doc.id,
                sentence: sentence_of(span.start),
                span,
                rule,
                candidates: Vec::new(),
            }
        })
        .collect();
    out
}

/// Whether a name has enough evidence: sentence starts and headlines need a cue and an
/// occurrence elsewhere; one common word needs strong cues.
fn accept(words: &[Word], occs: &[Occurrence], score: f32) -> bool {
    let plain = |o: &Occurrence| !words[o.from].initial && !words[o.from].headline;
    let single_common = occs
        .iter()
        .all(|o| o.to - o.from == 1 && is_common(&words[o.from]));
    if single_common {
        return score >= 3.0 && occs.iter().any(plain);
    }
    if !occs.iter().any(plain) {
        let single = occs.iter().all(|o| o.to - o.from == 1);
        return score >= if single { 3.0 } else { 2.0 };
    }
    score >= 1.0
}

#[cfg(test)]
mod tests;
