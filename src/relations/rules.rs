//! One sentence + its mentions → typed relations. The sentence becomes a token list in which
//! every argument (a mention, or a demonym standing for its country) is one `<e>` token; each
//! pattern family then looks at the tokens between and around two arguments.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::corpus::Document;
use crate::gazetteer::{EntityId, EntityKind, Known};
use crate::relations::Qualifiers;
use crate::relations::patterns::{Family, Pattern, PatternSet, Slot, is_barrier, match_at};
use crate::sentences::{Sentence, Span};
use crate::tagger::Mention;

mod constructions;
mod open;

/// A relation found in one sentence, before it becomes a [`super::Relation`].
pub(crate) struct Found {
    pub subject: EntityId,
    pub object: EntityId,
    pub subject_span: Span,
    pub object_span: Span,
    pub predicate: String,
    pub trigger: Option<Span>,
    pub qualifiers: Qualifiers,
}

/// An argument: a mention or a demonym.
struct Arg {
    entity: EntityId,
    kind: EntityKind,
    span: Span,
    demonym: bool,
}

struct Token<'a> {
    /// Lower-cased word, punctuation, or `<e>`/`<d>` for an argument; borrowed from the
    /// document when it is already lower case, which most words are.
    text: Cow<'a, str>,
    span: Span,
    arg: Option<usize>,
}

/// Nouns after a demonym or country that make it stand for the country ("Mexican authorities").
const GENERIC_HEADS: &[&str] = &[
    "authorities",
    "authority",
    "government",
    "governments",
    "officials",
    "official",
    "forces",
    "military",
    "soil",
    "agencies",
    "agency",
    "intelligence",
    "troops",
    "army",
    "navy",
    "police",
    "sources",
    "side",
    "administration",
    "officers",
    "agents",
    "personnel",
    "security",
    "special",
    "armed",
    "law",
    "diplomats",
    "prosecutors",
    "leaders",
    "members",
    "streets",
    "market",
    "markets",
    "territory",
    "ports",
    "gunmen",
    "fighters",
    "militants",
    "hitmen",
    "operatives",
    "commandos",
    "soldiers",
    "marines",
];

/// Words allowed between the subject and the verb phrase.
const PREFIX_WORDS: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "being",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "shall",
    "did",
    "does",
    "do",
    "not",
    "never",
    "no",
    "n't",
    "didn't",
    "doesn't",
    "don't",
    "hasn't",
    "haven't",
    "wasn't",
    "weren't",
    "also",
    "who",
    "which",
    "that",
    "then",
    "later",
    "reportedly",
    "allegedly",
    "apparently",
    "already",
    ",",
    "-",
    "to",
    "and",
    "denied",
    "denies",
    "deny",
    "refused",
    "declined",
    "just",
    "now",
    "first",
    "once",
    "since",
    "still",
    "again",
    "even",
    "itself",
    "themselves",
];

const NEGATIONS: &[&str] = &[
    "not", "never", "no", "n't", "didn't", "doesn't", "don't", "hasn't", "haven't", "wasn't",
    "weren't", "denied", "denies", "deny", "refused", "declined",
];

const HEDGES: &[&str] = &[
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    "reputedly",
    "suspected",
    "alleged",
    "possibly",
    "likely",
];

const REPORTING: &[&str] = &[
    "said",
    "says",
    "reported",
    "reports",
    "told",
    "stated",
    "states",
    "claimed",
    "claims",
    "announced",
    "confirmed",
    "wrote",
    "declared",
    "added",
];

/// Words that may follow an object without making it a mere modifier of another noun.
const FOLLOWERS: &[&str] = &[
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "by",
    "of",
    "and",
    "or",
    "but",
    "as",
    "that",
    "which",
    "who",
    "was",
    "is",
    "were",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "after",
    "before",
    "during",
    "since",
    "while",
    "when",
    "into",
    "about",
    "over",
    "under",
    "through",
    "said",
    "says",
    "itself",
    "last",
    "this",
    "on",
    "amid",
    "despite",
    "if",
    "because",
    "so",
    // Time expressions after a name do not make it a modifier ("in Puerto Vallarta hours later").
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "minutes",
    "earlier",
    "later",
    "ago",
    "yesterday",
    "today",
    "tonight",
    "overnight",
    "again",
];

/// Words that open a new clause: a relation phrase never runs past them.
const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "who", "whose", "while", "when", "because", "but",
];

const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her"];

/// Words after which an -ing verb continues the clause of the subject before them.
const GERUND_JOINERS: &[&str] = &[
    "by", "while", "of", "to", "with", "in", "for", "after", "before", "from", "about", "without",
    "upon", "on",
];

// Word classes, as bits: every class test is one hash lookup instead of a scan of a list.
const HEAD: u16 = 1;
const PREFIX: u16 = 2;
const NEGATION: u16 = 4;
const HEDGE: u16 = 8;
const REPORTING_VERB: u16 = 16;
const FOLLOWER: u16 = 32;
const CLAUSE: u16 = 64;
const DETERMINER: u16 = 128;
const GERUND_JOINER: u16 = 256;

type Classes = crate::normalize::WordMap<&'static str, u16>;

/// Whether `word` belongs to any of the classes in `class`.
fn is(word: &str, class: u16) -> bool {
    static CLASSES: OnceLock<Classes> = OnceLock::new();
    let classes = CLASSES.get_or_init(|| {
        crate::normalize::word_classes(&[
            (GENERIC_HEADS, HEAD),
            (PREFIX_WORDS, PREFIX),
            (NEGATIONS, NEGATION),
            (HEDGES, HEDGE),
            (REPORTING, REPORTING_VERB),
            (FOLLOWERS, FOLLOWER),
            (CLAUSE_WORDS, CLAUSE),
            (DETERMINERS, DETERMINER),
            (GERUND_JOINERS, GERUND_JOINER),
        ])
    });
    classes.get(word).is_some_and(|c| c & class != 0)
}

fn is_word(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_alphanumeric)
}

/// Splits a sentence into tokens, one `<e>` per argument.
fn tokenize<'a>(text: &'a str, span: Span, args: &[Arg]) -> Vec<Token<'a>> {
    // About one token per five bytes of news text: sized once instead of grown.
    let mut out = Vec::with_capacity((span.end - span.start) / 5 + args.len());
    let mut i = span.start;
    let mut next_arg = 0;
    while i < span.end {
        if let Some(a) = args.get(next_arg)
            && a.span.start <= i
        {
            out.push(Token {
                text: Cow::Borrowed(if a.demonym { "<d>" } else { "<e>" }),
                span: a.span,
                arg: Some(next_arg),
            });
            i = a.span.end.max(i);
            next_arg += 1;
            continue;
        }
        let limit = args
            .get(next_arg)
            .map_or(span.end, |a| a.span.start.min(span.end));
        let c = text[i..].chars().next().expect("inside the text");
        let len = c.len_utf8();
        if c.is_alphanumeric() {
            let bytes = text.as_bytes();
            let mut end = i;
            while end < limit {
                // ASCII letters and digits, most of every word, need no decoding.
                let b = bytes[end];
                if b.is_ascii_alphanumeric() {
                    end += 1;
                    continue;
                }
                if b < 0x80 && b != b'\'' && b != b'.' {
                    break;
                }
                let ch = text[end..].chars().next().expect("inside the text");
                let after = end + ch.len_utf8();
                let next_alnum = text[after..limit]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                // "O'Brien" and "U.S" stay one word; "Mexico's" does not.
                let inner = matches!(ch, '\'' | '’')
                    && next_alnum
                    && !text[after..].starts_with(['s', 'S'])
                    || ch == '.' && next_alnum;
                if ch.is_alphanumeric() || inner {
                    end = after;
                } else {
                    break;
                }
            }
            out.push(Token {
                text: {
                    let word = &text[i..end];
                    if word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
                        Cow::Owned(word.to_lowercase().replace('’', "'"))
                    } else {
                        Cow::Borrowed(word)
                    }
                },
                span: Span::new(i, end),
                arg: None,
            });
            i = end;
            continue;
        }
        let token = match c {
            '\'' | '’'
                if text[i + len..].starts_with(['s', 'S'])
                    && !text[i + len + 1..].starts_with(char::is_alphanumeric) =>
            {
                out.push(Token {
                    text: Cow::Borrowed("'s"),
                    span: Span::new(i, i + len + 1),
                    arg: None,
                });
                i += len + 1;
                continue;
            }
            ',' => ",",
            ';' => ";",
            ':' => ":",
            '(' => "(",
            ')' => ")",
            '-' | '–' | '—' | '‐' | '‑' | '−' => "-",
            _ => "",
        };
        if !token.is_empty() {
            out.push(Token {
                text: Cow::Borrowed(token),
                span: Span::new(i, i + len),
                arg: None,
            });
        }
        i += len;
    }
    out
}

struct Ctx<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
    args: Vec<Arg>,
    gazetteer: &'a Known<'a>,
    qualifiers: Qualifiers,
}

impl Ctx<'_> {
    fn words(&self, from: usize, to: usize) -> Vec<&str> {
        self.tokens[from..to]
            .iter()
            .map(|t| t.text.as_ref())
            .collect()
    }

    fn arg(&self, token: usize) -> &Arg {
        &self.args[self.tokens[token].arg.expect("an argument token")]
    }

    fn next_text(&self, token: usize) -> &str {
        self.tokens.get(token + 1).map_or("", |t| t.text.as_ref())
    }

    /// An argument followed by another noun is only that noun's modifier ("US intervention"),
    /// unless the noun makes it stand for its country ("US officials").
    fn is_modifier(&self, token: usize) -> bool {
        let next = self.next_text(token);
        if self.arg(token).demonym {
            return !is(next, HEAD);
        }
        if next == "'s" {
            // "Mexico's Defense Ministry": the possessor is not the argument.
            return self.tokens.get(token + 2).is_some_and(|t| t.arg.is_some());
        }
        if next == "-" {
            // "Pentagon-led task force", but not "US-Mexico".
            return self
                .tokens
                .get(token + 2)
                .is_some_and(|t| t.arg.is_none() && is_word(&t.text));
        }
        // A past-tense verb after the name ("the task force helped") is not a noun it modifies.
        is_word(next)
            && !next.ends_with("ed")
            && !is(next, HEAD | FOLLOWER | REPORTING_VERB)
            && next.chars().all(|c| !c.is_uppercase())
            && self.tokens.get(token + 1).is_some_and(|t| {
                self.text[t.span.start..t.span.end]
                    .chars()
                    .all(|c| !c.is_uppercase())
            })
    }

    fn span_of(&self, from: usize, to: usize) -> Span {
        Span::new(self.tokens[from].span.start, self.tokens[to - 1].span.end)
    }

    fn found(
        &self,
        p: &Pattern,
        subject: usize,
        object: usize,
        trigger: Option<Span>,
        negated: bool,
    ) -> Option<Found> {
        let (s, o) = (self.arg(subject), self.arg(object));
        if !p.allows(s.kind, o.kind) {
            return None;
        }
        let mut f = self.relation(&p.predicate, subject, object, trigger)?;
        f.qualifiers.negated = negated;
        Some(f)
    }

    /// `predicate` between the arguments at two tokens, with the sentence's qualifiers.
    fn relation(
        &self,
        predicate: &str,
        subject: usize,
        object: usize,
        trigger: Option<Span>,
    ) -> Option<Found> {
        let (s, o) = (self.arg(subject), self.arg(object));
        if s.entity == o.entity {
            return None;
        }
        let mut q = self.qualifiers.clone();
        q.negated = false;
        q.demonym = match (s.demonym, o.demonym) {
            (true, _) => Some("subject".into()),
            (_, true) => Some("object".into()),
            _ => None,
        };
        Some(Found {
            subject: s.entity,
            object: o.entity,
            subject_span: s.span,
            object_span: o.span,
            predicate: predicate.to_string(),
            trigger,
            qualifiers: q,
        })
    }
}

/// Finds typed relations in one sentence.
pub(crate) fn sentence_relations(
    doc: &Document,
    sentence: &Sentence,
    mentions: &[&Mention],
    anchors: &[&Mention],
    gazetteer: &Known,
    set: &PatternSet,
) -> Vec<Found> {
    let mut args: Vec<Arg> = mentions
        .iter()
        .map(|m| (m, false))
        .chain(anchors.iter().map(|m| (m, true)))
        .map(|(m, demonym)| Arg {
            entity: m.entity,
            kind: gazetteer.entity(m.entity).kind,
            span: m.span,
            demonym,
        })
        .collect();
    args.sort_by_key(|a| a.span);
    if args.len() < 2 {
        return Vec::new();
    }
    let mut tokens = tokenize(&doc.text, sentence.span, &args);
    // "Red Hand Brigade (RHB) threatened": an acronym in brackets after its own name is part
    // of that argument, not words between arguments.
    let mut i = 0;
    while i + 3 < tokens.len() {
        let same = |a: &Token, b: &Token| match (a.arg, b.arg) {
            (Some(x), Some(y)) => args[x].entity == args[y].entity,
            _ => false,
        };
        if tokens[i + 1].text == "("
            && tokens[i + 3].text == ")"
            && same(&tokens[i], &tokens[i + 2])
        {
            tokens.drain(i + 1..i + 4);
        }
        i += 1;
    }
    let mut ctx = Ctx {
        text: &doc.text,
        tokens,
        args,
        gazetteer,
        qualifiers: Qualifiers::default(),
    };
    ctx.qualifiers = sentence_qualifiers(&ctx);
    let active = set.active(ctx.tokens.iter().map(|t| t.text.as_ref()));
    // Verb patterns a pair may take: those starting with a word where a verb phrase may start.
    let (mut verbs, mut stamp) = (vec![0u32; set.list.len()], 0u32);
    let arg_tokens: Vec<usize> = (0..ctx.tokens.len())
        .filter(|&i| ctx.tokens[i].arg.is_some())
        .collect();
    let mut out = Vec::new();
    for (x, &a) in arg_tokens.iter().enumerate() {
        for &b in &arg_tokens[x + 1..] {
            // Pairs too far apart for any family are skipped before looking at patterns.
            if b - a > 40 {
                continue;
            }
            let between = ctx.words(a + 1, b);
            let mut starts = None;
            for &pi in &active {
                let p = &set.list[pi as usize];
                let found = match p.family {
                    Family::Verb => {
                        let starts = starts.get_or_insert_with(|| {
                            stamp += 1;
                            mark_verbs(&ctx, set, (a, b), &between, (&mut verbs, stamp))
                        });
                        match starts {
                            Some(starts) if verbs[pi as usize] == stamp => {
                                verb(&ctx, p, (a, b), &between, starts)
                            }
                            _ => None,
                        }
                    }
                    Family::Noun => noun(&ctx, p, a, b, &between),
                    Family::Title => title(&ctx, p, a, b, &between),
                    Family::Place => place(&ctx, p, a, b, &between),
                    Family::Possessive => possessive(&ctx, p, a, b, &between),
                };
                let Some(f) = found else { continue };
                if matches!(p.family, Family::Verb | Family::Place)
                    && f.object_span == ctx.arg(b).span
                {
                    out.extend(coordinated(&ctx, &f, b, true));
                }
                if p.family == Family::Verb && f.subject_span == ctx.arg(a).span {
                    out.extend(coordinated(&ctx, &f, a, false));
                }
                out.push(f);
            }
        }
    }
    // Pairs a pattern related; the constructions and then open relations take the rest.
    let mut taken: std::collections::HashSet<(Span, Span)> = out
        .iter()
        .map(|f| (f.subject_span, f.object_span))
        .collect();
    let words = ctx.words(0, ctx.tokens.len());
    if set.constructions {
        let found = constructions::find(&ctx, &words, &arg_tokens, &taken);
        taken.extend(found.iter().map(|f| (f.subject_span, f.object_span)));
        out.extend(found);
    }
    if set.open {
        out.extend(open::find(&ctx, &arg_tokens, &taken));
    }
    if set.constructions {
        let widened: Vec<Found> = out
            .iter()
            .flat_map(|f| constructions::up_the_chain(&ctx, &words, f))
            .collect();
        out.extend(widened);
    }
    // One relation per (subject, predicate, object) and sentence: the first found.
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|f| seen.insert((f.subject, f.predicate.clone(), f.object)));
    out
}

/// The same relation for every name listed with an argument: "in Jalisco, Michoacan, and
/// Colima" gives three objects, "the US, Canada and India have issued" three subjects.
fn coordinated(ctx: &Ctx, f: &Found, arg: usize, object: bool) -> Vec<Found> {
    let kind = ctx.arg(arg).kind;
    let joiner = |k: usize| {
        ctx.tokens
            .get(k)
            .is_some_and(|t| matches!(t.text.as_ref(), "," | "and" | "or"))
    };
    let mut out = Vec::new();
    let mut k = arg;
    loop {
        // Step over the joiners to the next name, forwards for objects, backwards for subjects.
        let mut steps = 0;
        loop {
            let next = if object {
                k.checked_add(1)
            } else {
                k.checked_sub(1)
            };
            match next {
                Some(n) if joiner(n) => {
                    k = n;
                    steps += 1;
                }
                Some(n) => {
                    k = n;
                    break;
                }
                None => return out,
            }
        }
        let Some(t) = ctx.tokens.get(k).filter(|t| steps > 0 && t.text == "<e>") else {
            break;
        };
        let other = ctx.arg(k);
        if other.kind != kind || object && ctx.is_modifier(k) {
            break;
        }
        let mut g = Found {
            subject: f.subject,
            object: f.object,
            subject_span: f.subject_span,
            object_span: f.object_span,
            predicate: f.predicate.clone(),
            trigger: f.trigger,
            qualifiers: f.qualifiers.clone(),
        };
        if object {
            (g.object, g.object_span) = (other.entity, t.span);
        } else {
            (g.subject, g.subject_span) = (other.entity, t.span);
        }
        if g.subject != g.object {
            out.push(g);
        }
    }
    out
}

fn sentence_qualifiers(ctx: &Ctx) -> Qualifiers {
    let mut q = Qualifiers::default();
    let words: Vec<&str> = ctx.words(0, ctx.tokens.len());
    q.hedged = words.iter().any(|w| is(w, HEDGE))
        || words
            .windows(3)
            .any(|w| matches!(w, ["reported" | "said" | "believed", "to", _]));
    for (i, w) in words.iter().enumerate() {
        let source = if *w == "according" && words.get(i + 1) == Some(&"to") {
            Some(i + 2)
        } else if *w == "citing" {
            Some(i + 1)
        } else if is(w, REPORTING_VERB) && i > 0 && ctx.tokens[i - 1].arg.is_some() {
            // "Relay News in Caldera reported": the place only locates the reporter.
            let located = i >= 3
                && matches!(words[i - 2], "in" | "at" | "from" | "of")
                && ctx.tokens[i - 3].arg.is_some();
            Some(if located { i - 3 } else { i - 1 })
        } else {
            None
        };
        if let Some(t) = source.filter(|&t| t < ctx.tokens.len()) {
            let t = (t..ctx.tokens.len().min(t + 3))
                .find(|&k| ctx.tokens[k].arg.is_some())
                .unwrap_or(t);
            let name = match ctx.tokens[t].arg {
                Some(_) => ctx.gazetteer.entity(ctx.arg(t).entity).name.clone(),
                None => ctx.tokens[t].text.to_string(),
            };
            q.attributed_to = Some(name);
            break;
        }
    }
    q
}

fn phrase_at(phrases: &[Vec<Slot>], words: &[&str]) -> Option<usize> {
    phrases.iter().filter_map(|p| match_at(p, words)).max()
}

/// Where a verb phrase may start between two arguments, and whether the words before it negate
/// it; `None` when the pair cannot take a verb relation at all. The same for every verb pattern,
/// so it is worked out once per pair.
fn verb_starts(ctx: &Ctx, a: usize, b: usize, between: &[&str]) -> Option<Vec<(usize, bool)>> {
    if ctx.arg(b).demonym && !is(ctx.next_text(b), HEAD) || ctx.is_modifier(b) {
        return None;
    }
    // A subject may be a noun phrase headed by the argument: "US intelligence agencies".
    let mut i = 0;
    while between.get(i).is_some_and(|w| is(w, HEAD)) {
        i += 1;
    }
    if ctx.arg(a).demonym && i == 0 {
        return None;
    }
    let mut starts = Vec::new();
    let mut negated = false;
    for (k, w) in between.iter().enumerate().skip(i) {
        starts.push((k, negated));
        if !is(w, PREFIX) && !w.ends_with("ly") {
            break;
        }
        negated |= is(w, NEGATION);
    }
    if starts.len() < 2 {
        starts.push((between.len(), negated));
    }
    // An apposition between X and its verb: "X, the 34th president of Z, was born in Y".
    if between.get(i) == Some(&",")
        && between
            .get(i + 1)
            .is_some_and(|w| is(w, DETERMINER) || w.starts_with(|c: char| c.is_ascii_digit()))
        && let Some(c) = between[i + 1..].iter().position(|w| *w == ",")
        && c <= 12
    {
        clause_starts(&mut starts, between, i + c + 2);
    }
    // A relative clause on X has X for its subject: "X, who shot Y", and after a copula and a
    // noun phrase, "X was the lone gunman who killed Y".
    let mut from = i;
    if between.get(from) == Some(&",") && between.get(from + 1) == Some(&"who") {
        from += 2;
    }
    if between
        .get(from)
        .is_some_and(|w| matches!(*w, "is" | "was" | "were" | "are" | "became" | "remains"))
        && let Some(w) = between[from..]
            .iter()
            .position(|w| matches!(*w, "who" | "that"))
        && w <= 8
        && !between[from..from + w].iter().any(|w| is_barrier(w))
    {
        from += w + 1;
        clause_starts(&mut starts, between, from);
    }
    // "X retaliated by engaging in ...", "X was convicted of murdering Y", "X launched
    // reprisals, attacking Y": an -ing clause after a preposition or a comma has X for its
    // subject, as do an infinitive ("X used it to shoot Y") and a clause of a pronoun ("X
    // stunned the court by admitting he shot Y"), unless a clause break comes first.
    for k in from..between.len().saturating_sub(1) {
        let joins = is(between[k], GERUND_JOINER) || between[k] == "," && k > i;
        if joins && between[k + 1].ends_with("ing") {
            starts.push((k + 1, false));
        }
        if matches!(between[k], "to" | "he" | "she" | "they") {
            clause_starts(&mut starts, between, k + 1);
        }
        if is_barrier(between[k]) || is(between[k], CLAUSE) {
            break;
        }
    }
    Some(starts)
}

/// Where the verb phrase of a clause starting at `from` may start: there, and after each
/// auxiliary or adverb that follows ("was", "later", "reportedly").
fn clause_starts(starts: &mut Vec<(usize, bool)>, between: &[&str], from: usize) {
    for (k, w) in between.iter().enumerate().skip(from) {
        starts.push((k, false));
        if !is(w, PREFIX) && !w.ends_with("ly") {
            break;
        }
    }
}

/// [`verb_starts`] for a pair, marking with `stamp` in `verbs` every verb pattern that has a
/// phrase starting with a word at one of those starts or with the verb of a reduced passive.
fn mark_verbs(
    ctx: &Ctx,
    set: &PatternSet,
    (a, b): (usize, usize),
    between: &[&str],
    (verbs, stamp): (&mut [u32], u32),
) -> Option<Vec<(usize, bool)>> {
    let starts = verb_starts(ctx, a, b, between);
    let firsts = starts
        .iter()
        .flatten()
        .filter_map(|&(k, _)| between.get(k).copied())
        .chain(passive_verb(ctx, a).map(|(verb, _)| verb));
    for w in firsts {
        for &q in set.starting_with(w) {
            verbs[q as usize] = stamp;
        }
    }
    starts
}

/// `X [aux/adverbs] <verb phrase> [a few words] Y`; "by" right after the phrase flips it.
/// The phrase may also start at a gerund whose subject is X ("X retaliated by engaging in
/// gunfights in Y"), or X may sit inside a reduced passive ("information provided by X through
/// Y"). `starts` comes from [`verb_starts`].
fn verb(
    ctx: &Ctx,
    p: &Pattern,
    (a, b): (usize, usize),
    between: &[&str],
    starts: &[(usize, bool)],
) -> Option<Found> {
    for &(start, negated) in starts {
        let Some(len) = phrase_at(&p.phrases, &between[start..]) else {
            continue;
        };
        let tail = &between[start + len..];
        if tail_ok(tail) {
            let trigger = ctx.span_of(a + 1 + start, a + 1 + start + len);
            // "Y was shot by X", "Y was shot and mortally wounded by X".
            let agent = tail.first() == Some(&"by")
                || tail.iter().rev().find(|w| !is(w, DETERMINER)) == Some(&"by");
            // "X was convicted of murdering Y": a one-word passive without its agent says
            // nothing of what X did to Y (phrases like "born in" carry their own preposition).
            let passive = start > 0
                && matches!(
                    between[start - 1],
                    "was" | "were" | "is" | "are" | "been" | "be"
                )
                && len == 1;
            if passive && !agent {
                continue;
            }
            let (s, o) = if agent { (b, a) } else { (a, b) };
            return ctx.found(p, s, o, Some(trigger), negated).map(|mut f| {
                f.qualifiers.designation = designation(ctx, b);
                f
            });
        }
    }
    reduced_passive(ctx, p, a, b, between)
}

/// "... CJNG as a Foreign Terrorist Organization in 2025": the words after "as", up to a
/// preposition or punctuation.
fn designation(ctx: &Ctx, object: usize) -> Option<String> {
    if ctx.next_text(object) != "as" {
        return None;
    }
    let words: Vec<&Token> = ctx.tokens[object + 2..]
        .iter()
        .take_while(|t| is_word(&t.text) && t.arg.is_none() && !is(t.text.as_ref(), FOLLOWER))
        .take(6)
        .collect();
    let (first, last) = (words.first()?, words.last()?);
    Some(ctx.text[first.span.start..last.span.end].to_string())
}

/// Words between a relation phrase and its object: few, and no clause break.
fn tail_ok(tail: &[&str]) -> bool {
    tail.len() <= 5
        && tail.iter().enumerate().all(|(k, w)| {
            let attached = *w == "<e>" && matches!(tail.get(k + 1), Some(&"-") | Some(&"'s"));
            (!is_barrier(w) || attached) && !is(w, REPORTING_VERB | CLAUSE)
        })
}

/// "the information provided by the CIA through the task force": the verb and "by" come before
/// X, the rest of the phrase between X and Y.
fn reduced_passive(ctx: &Ctx, p: &Pattern, a: usize, b: usize, between: &[&str]) -> Option<Found> {
    let (verb, verb_token) = passive_verb(ctx, a)?;
    for phrase in &p.phrases {
        let [Slot::Words(first), rest @ ..] = phrase.as_slice() else {
            continue;
        };
        let rest = match rest {
            [Slot::Gap, more @ ..] => more,
            more => more,
        };
        if rest.is_empty() || !first.iter().any(|w| w == verb) {
            continue;
        }
        if let Some(len) = match_at(rest, between)
            && tail_ok(&between[len..])
        {
            let trigger = Span::new(
                ctx.tokens[verb_token].span.start,
                ctx.tokens[a + len].span.end,
            );
            return ctx.found(p, a, b, Some(trigger), false);
        }
    }
    None
}

/// The verb of a reduced passive ending just before argument `a` ("provided by [the] X"), and
/// its token.
fn passive_verb<'a>(ctx: &'a Ctx, a: usize) -> Option<(&'a str, usize)> {
    let (before, upto) = words_before(ctx, a, 3);
    (upto >= 2 && before[upto - 1] == "by").then(|| (before[upto - 2], a - before.len() + upto - 2))
}

/// The `n` words before token `a`, and how many are left once trailing determiners go.
fn words_before<'a>(ctx: &'a Ctx, a: usize, n: usize) -> (Vec<&'a str>, usize) {
    let before = ctx.words(a.saturating_sub(n), a);
    let det = before
        .iter()
        .rev()
        .take_while(|w| is(w, DETERMINER))
        .count();
    let upto = before.len() - det;
    (before, upto)
}

/// Strips leading determiners.
fn skip_det(words: &[&str]) -> usize {
    words.iter().take_while(|w| is(w, DETERMINER)).count()
}

/// `X, the <noun> of Y` → (X, Y); `Y <noun> X` → (X, Y); `the <noun> of Y, X` and
/// `the <noun> of Y by X` → (X, Y).
fn noun(ctx: &Ctx, p: &Pattern, a: usize, b: usize, between: &[&str]) -> Option<Found> {
    if between.first() == Some(&",") {
        let rest = &between[1..];
        let start = skip_det(rest);
        for i in start..rest.len().min(start + 4) {
            if rest[start..i].iter().any(|w| is_barrier(w)) {
                break;
            }
            if let Some(len) = phrase_at(&p.phrases, &rest[i..])
                && rest.get(i + len) == Some(&"of")
            {
                let after = &rest[i + len + 1..];
                // "the leader of the cartel", or "a dealer of fentanyl, cocaine and meth in the US".
                let direct = after.iter().all(|w| is(w, DETERMINER));
                let via = after
                    .iter()
                    .rposition(|w| matches!(*w, "in" | "into" | "to"))
                    .is_some_and(|k| {
                        k <= 10
                            && after[k + 1..].iter().all(|w| is(w, DETERMINER))
                            && after[..k]
                                .iter()
                                .all(|w| !matches!(*w, "<e>" | "<d>" | ";" | "(" | ")"))
                    });
                if direct || via {
                    let t = ctx.span_of(a + 2 + i, a + 2 + i + len);
                    return ctx.found(p, a, b, Some(t), false);
                }
            }
        }
    }
    let own = usize::from(between.first() == Some(&"'s"));
    if !between.is_empty() && phrase_at(&p.phrases, &between[own..]) == Some(between.len() - own) {
        let t = ctx.span_of(a + 1 + own, b);
        return ctx.found(p, b, a, Some(t), false);
    }
    // "the Trump administration's December 2024 designation of CJNG": X ['s] ... noun of Y.
    let heads = between.iter().take_while(|w| is(w, HEAD)).count();
    if between.get(heads) == Some(&"'s") {
        let rest = &between[heads + 1..];
        for i in 0..rest.len().min(4) {
            if rest[..i].iter().any(|w| is_barrier(w)) {
                break;
            }
            if let Some(len) = phrase_at(&p.phrases, &rest[i..])
                && rest.get(i + len) == Some(&"of")
                && rest[i + len + 1..].iter().all(|w| is(w, DETERMINER))
            {
                let first = a + 2 + heads + i;
                return ctx.found(p, a, b, Some(ctx.span_of(first, first + len)), false);
            }
        }
    }
    let core = &between[..between.len()
        - between
            .iter()
            .rev()
            .take_while(|w| is(w, DETERMINER))
            .count()];
    if core == [","] || core == ["by"] {
        // The noun sits before X: "the leader of CJNG, El Mencho", "the killing of X by Y".
        let (before, upto) = words_before(ctx, a, 6);
        if upto > 0 && before[upto - 1] == "of" {
            for start in 0..upto - 1 {
                if phrase_at(&p.phrases, &before[start..upto - 1]) == Some(upto - 1 - start) {
                    let first = a - before.len() + start;
                    let t = ctx.span_of(first, first + upto - 1 - start);
                    return ctx.found(p, b, a, Some(t), false);
                }
            }
        }
    }
    None
}

/// `Y <title> X` ("CIA Director John Ratcliffe", "Mexican President Claudia Sheinbaum"),
/// `X, Y's <title>` and `X, the <title> of Y`.
fn title(ctx: &Ctx, p: &Pattern, a: usize, b: usize, between: &[&str]) -> Option<Found> {
    let with_role = |found: Option<Found>, role: Span| {
        found.map(|mut f| {
            f.qualifiers.role = Some(ctx.text[role.start..role.end].to_string());
            f
        })
    };
    let own = usize::from(between.first() == Some(&"'s"));
    if between.len() > own && phrase_at(&p.phrases, &between[own..]) == Some(between.len() - own) {
        let role = ctx.span_of(a + 1 + own, b);
        return with_role(ctx.found(p, b, a, Some(role), false), role);
    }
    if between.first() == Some(&",") && skip_det(&between[1..]) == between.len() - 1 {
        // "Ricardo Trevilla Trejo, Mexico's secretary of defense"
        if ctx.next_text(b) == "'s" {
            let after = ctx.words(b + 2, ctx.tokens.len().min(b + 7));
            if let Some(len) = phrase_at(&p.phrases, &after) {
                let role = ctx.span_of(b + 2, b + 2 + len);
                return with_role(ctx.found(p, a, b, Some(role), false), role);
            }
        }
    }
    if between.first() == Some(&",") {
        let rest = &between[1..];
        let start = skip_det(rest);
        if let Some(len) = phrase_at(&p.phrases, &rest[start..])
            && rest.get(start + len) == Some(&"of")
            && rest[start + len + 1..].iter().all(|w| is(w, DETERMINER))
        {
            let role = ctx.span_of(a + 2 + start, a + 2 + start + len);
            return with_role(ctx.found(p, a, b, Some(role), false), role);
        }
    }
    None
}

/// `X, a <noun> in [the western state of] Y`, `X, in ... Y`, `the <noun> of X in Y`, and
/// `X, Y` where the gazetteer puts X inside Y.
fn place(ctx: &Ctx, p: &Pattern, a: usize, b: usize, between: &[&str]) -> Option<Found> {
    if ctx.is_modifier(b) && ctx.next_text(b) != "'s" {
        return None;
    }
    if between == [","] {
        let (x, y) = (ctx.arg(a), ctx.arg(b));
        let inside = ctx.gazetteer.is_inside(x.entity, y.entity);
        return if inside {
            ctx.found(p, a, b, None, false)
        } else {
            None
        };
    }
    let in_at = between.iter().position(|w| *w == "in")?;
    let head = &between[..in_at];
    let tail = &between[in_at + 1..];
    let tail_ok = tail.len() <= 5
        && tail
            .iter()
            .enumerate()
            .all(|(k, w)| !is_barrier(w) || *w == "<e>" && tail.get(k + 1) == Some(&"'s"));
    if !tail_ok || ctx.next_text(b) == "'s" {
        return None;
    }
    let trigger = ctx.span_of(a + 1, b);
    if head.first() == Some(&",") {
        let rest = &head[1..];
        let noun_ok = rest.is_empty()
            || rest.len() <= 4
                && !rest.iter().any(|w| is_barrier(w))
                && (0..rest.len())
                    .any(|i| phrase_at(&p.phrases, &rest[i..]) == Some(rest.len() - i));
        return if noun_ok {
            ctx.found(p, a, b, Some(trigger), false)
        } else {
            None
        };
    }
    if head.is_empty() {
        // "the town of Tapalpa in Jalisco"
        let before = ctx.words(a.saturating_sub(3), a);
        if before.last() == Some(&"of")
            && (0..before.len() - 1).any(|i| {
                phrase_at(&p.phrases, &before[i..before.len() - 1]) == Some(before.len() - 1 - i)
            })
        {
            return ctx.found(p, a, b, Some(trigger), false);
        }
    }
    None
}

/// `Y's X` → X predicate Y ("Mexico's Defense Ministry" → part_of).
fn possessive(ctx: &Ctx, p: &Pattern, a: usize, b: usize, between: &[&str]) -> Option<Found> {
    if between == ["'s"] && !ctx.arg(a).demonym && !ctx.arg(b).demonym {
        let t = ctx.tokens[a + 1].span;
        return ctx.found(p, b, a, Some(t), false);
    }
    None
}
