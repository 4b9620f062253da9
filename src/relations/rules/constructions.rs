//! Relations read from the shape of a phrase and the types of its two names, where no trigger
//! word of the pattern file says what the relation is: "Y's X", "X of Y", "X in Y", "Y X",
//! "X, a Y spokesman", "Sacramento, Calif.", a dateline "PARIS (AP)". The predicate follows from
//! the argument types (a person beside an organization works for it, beside a place lives in
//! it; an organization beside a place is based there; a place beside a place lies in it), so
//! these run only for pairs that the patterns left without a relation.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{Ctx, DETERMINER, Found, PREFIX, REPORTING_VERB, is, is_word};
use crate::gazetteer::EntityKind::{self, Org, Person, Place};
use crate::relations::patterns::is_barrier;
use crate::sentences::Span;

/// The predicate a construction gives a (subject, object) type pair.
fn predicate(subject: EntityKind, object: EntityKind) -> Option<&'static str> {
    match (subject, object) {
        (Person, Org) => Some("works_for"),
        (Person, Place) => Some("lives_in"),
        (Org, Place) => Some("based_in"),
        (Place, Place) => Some("located_in"),
        _ => None,
    }
}

const ROLE_LIST: &str = include_str!("../../../gazetteer/roles.txt");

/// Role and title phrases ("spokesman", "vice president"), as word sequences.
fn roles() -> &'static HashSet<&'static str> {
    static ROLES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    ROLES.get_or_init(|| {
        ROLE_LIST
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether a role phrase ends at `words[..end]`, and where it starts (longest phrase first).
fn role_ending_at(words: &[&str], end: usize) -> Option<usize> {
    (end.saturating_sub(3)..end).find(|&start| {
        // One word needs no joined copy; phrases of two or three words are rare.
        if start + 1 == end {
            return roles().contains(words[start].trim_end_matches('.'));
        }
        let phrase = words[start..end].join(" ");
        roles().contains(phrase.trim_end_matches('.'))
    })
}

/// Agent nouns of killing: "Y's assassin, X", "X, the killer of Y".
const KILLERS: &[&str] = &[
    "assassin",
    "killer",
    "murderer",
    "slayer",
    "gunman",
    "executioner",
];

/// Compass and size words a place may carry before the place it lies in ("in northern Y").
const PLACE_MODIFIERS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "coastal",
    "rural",
    "suburban",
    "downtown",
    "upstate",
    "western",
    "the",
    "of",
    "state",
    "province",
    "county",
    "department",
    "region",
    "district",
];

/// Words of a modifier run inside an apposition ("a top", "the former", "Red Cross disaster").
fn is_modifier_word(w: &str) -> bool {
    is_word(w) && !matches!(w, "and" | "or" | "who" | "which" | "that" | "said" | "says")
}

/// Relations from the constructions of this module, for the pairs `taken` does not hold;
/// `words` are the sentence's tokens and `arg_tokens` where its arguments stand.
pub(super) fn find(
    ctx: &Ctx,
    words: &[&str],
    arg_tokens: &[usize],
    taken: &HashSet<(Span, Span)>,
) -> Vec<Found> {
    let mut out = Vec::new();
    if let Some(f) = dateline(ctx, words) {
        out.push(f);
    }
    for (x, &a) in arg_tokens.iter().enumerate() {
        for &b in &arg_tokens[x + 1..] {
            if b - a > 14 {
                break;
            }
            let (sa, sb) = (ctx.arg(a).span, ctx.arg(b).span);
            if taken.contains(&(sa, sb)) || taken.contains(&(sb, sa)) {
                continue;
            }
            if ctx.arg(a).demonym || ctx.arg(b).demonym {
                continue;
            }
            if let Some(f) = pair(ctx, words, a, b) {
                out.push(f);
            }
        }
    }
    out
}

fn typed(ctx: &Ctx, subject: usize, object: usize, trigger: Option<Span>) -> Option<Found> {
    let p = predicate(ctx.arg(subject).kind, ctx.arg(object).kind)?;
    ctx.relation(p, subject, object, trigger)
}

/// A person named with a role beside an organization or a place holds that role there
/// (`holds_role_in`, the role kept); a residence word ("a Texas native") makes it `lives_in`.
fn with_role(ctx: &Ctx, f: Option<Found>, role: Span) -> Option<Found> {
    f.map(|mut f| {
        let text = &ctx.text[role.start..role.end];
        let residence = RESIDENCE.iter().any(|w| text.eq_ignore_ascii_case(w));
        if !residence && f.predicate != "lives_in" || f.predicate == "works_for" {
            f.predicate = "holds_role_in".to_string();
        }
        f.qualifiers.role = Some(text.to_string());
        f
    })
}

/// Role words that say where a person lives rather than a role they hold.
const RESIDENCE: &[&str] = &["native", "resident", "citizen", "inhabitant"];

/// The constructions for one pair of argument tokens `a < b`.
fn pair(ctx: &Ctx, words: &[&str], a: usize, b: usize) -> Option<Found> {
    let between = &words[a + 1..b];
    let (ka, kb) = (ctx.arg(a).kind, ctx.arg(b).kind);
    // "Y's assassin, X", "Y's killer X".
    if ka == Person
        && kb == Person
        && between.len() >= 2
        && between[0] == "'s"
        && KILLERS.contains(&between[1])
        && between[2..].iter().all(|w| *w == ",")
    {
        let t = ctx.span_of(a + 1, a + 3);
        return ctx.relation("killed", b, a, Some(t));
    }
    // "X, [the convicted] assassin of [civil rights leader] Y".
    if ka == Person
        && kb == Person
        && between.first() == Some(&",")
        && let Some(k) = between.iter().position(|w| KILLERS.contains(w))
        && k <= 4
        && between.get(k + 1) == Some(&"of")
        && between[1..k].iter().all(|w| is_modifier_word(w))
        && between[k + 2..].len() <= 4
        && between[k + 2..].iter().all(|w| is_modifier_word(w))
    {
        let t = ctx.span_of(a + 1 + k, a + 3 + k);
        return ctx.relation("killed", a, b, Some(t));
    }
    // "Moscow ITAR-TASS", "FBI spokesman Doug Beldon", "Eaglebrook's vice president X":
    // Y [ 's ] [role words] X, the second name a person or an organization.
    if matches!((ka, kb), (Place, Org) | (Org, Person) | (Place, Person))
        && !ctx.is_modifier(b)
        && ctx.next_text(b) != "'s"
    {
        let own = usize::from(between.first() == Some(&"'s"));
        let rest = &between[own..];
        if rest.is_empty() && (own == 1 || kb != Person || ka == Org) {
            return typed(ctx, b, a, (own == 1).then(|| ctx.tokens[a + 1].span));
        }
        if kb == Person
            && rest.len() <= 4
            && let Some(start) = role_ending_at(rest, rest.len())
            && rest[..start].iter().all(|w| is_modifier_word(w))
        {
            let role = ctx.span_of(a + 1 + own + start, b);
            return with_role(ctx, typed(ctx, b, a, Some(role)), role);
        }
    }
    // "Y-based X": an organization based in a place.
    if ka == Place && kb == Org && between == ["-", "based"] {
        return typed(ctx, b, a, Some(ctx.span_of(a + 1, b)));
    }
    // "X of [the] Y", "X, of Y": a person of an organization or place, an organization of a
    // place ("Larami Corp. of Philadelphia", "Bob Dole of Kansas").
    let det = |w: &[&str]| w.iter().all(|w| is(w, DETERMINER));
    if matches!(ka, Person | Org)
        && !ctx.is_modifier(b)
        && let Some(k) = between.iter().position(|w| *w == "of")
        && k <= 1
        && between[..k].iter().all(|w| *w == ",")
        && det(&between[k + 1..])
        && !preceded_by_nominal(words, a)
    {
        return typed(ctx, a, b, Some(ctx.tokens[a + 1 + k].span));
    }
    // "X in [northern] Y": an organization or place in a place.
    if matches!(ka, Org | Place)
        && kb == Place
        && between.first() == Some(&"in")
        && between[1..].iter().all(|w| PLACE_MODIFIERS.contains(w))
        && !ctx.is_modifier(b)
        && !preceded_by_nominal(words, a)
    {
        return typed(ctx, a, b, Some(ctx.span_of(a + 1, b)));
    }
    // "Sacramento, Calif.", "Willowdell, Darke County, in 1860": a place, then the place it
    // lies in; not a list ("Paris, London and Berlin").
    if ka == Place
        && kb == Place
        && between == [","]
        && !in_list(ctx, words, a, b)
        && !starts_clause(words, b)
    {
        return ctx.relation("located_in", a, b, None);
    }
    // Appositions: "X, [a|the] [Y] [top] spokesman [for|of|at] [the] [Y]".
    if ka == Person && matches!(kb, Org | Place) && between.first() == Some(&",") {
        return apposition(ctx, words, a, b);
    }
    // "[the] chairman of the Y, X": the role before the organization, the person after.
    if matches!(ka, Org | Place) && kb == Person && between == [","] {
        let before = &words[a.saturating_sub(6)..a];
        let mut end = before.len();
        while end > 0 && is(before[end - 1], DETERMINER) {
            end -= 1;
        }
        if end > 0 && matches!(before[end - 1], "of" | "for" | "at" | "to") {
            let first = a - before.len();
            if let Some(start) = role_ending_at(before, end - 1) {
                let role = ctx.span_of(first + start, first + end - 1);
                return with_role(ctx, typed(ctx, b, a, Some(role)), role);
            }
        }
    }
    None
}

/// "X, [a|the] [Y ['s]] [words] <role> [of|for|at|with|in] [the] Y" for a person X.
fn apposition(ctx: &Ctx, words: &[&str], a: usize, b: usize) -> Option<Found> {
    let between = &words[a + 1..b];
    let rest = &between[1..];
    let skip = rest.iter().take_while(|w| is(w, DETERMINER)).count();
    let rest = &rest[skip..];
    if rest.iter().any(|w| is_barrier(w)) {
        return None;
    }
    // Y comes first: "X, a Y spokesman", "X, Finland's prime minister".
    if rest.is_empty() {
        let after = b + 1 + usize::from(ctx.next_text(b) == "'s");
        let limit = ctx.tokens.len().min(after + 5);
        let tail = &words[after..limit];
        for end in (1..=tail.len()).rev() {
            if tail[..end].iter().any(|w| !is_modifier_word(w)) {
                continue;
            }
            if let Some(start) = role_ending_at(tail, end)
                && (end == tail.len()
                    || !is_word(tail[end])
                    || is_clause_end(tail[end])
                    || ROLE_PREPOSITIONS.contains(&tail[end]))
            {
                let role = ctx.span_of(after + start, after + end);
                return with_role(ctx, typed(ctx, a, b, Some(role)), role);
            }
        }
        return None;
    }
    // The role first: "X, spokesman for Y", "X, a top official of the Y".
    let mut end = rest.len();
    while end > 0 && is(rest[end - 1], DETERMINER) {
        end -= 1;
    }
    if end < 2 || !ROLE_PREPOSITIONS.contains(&rest[end - 1]) {
        return None;
    }
    let start = role_ending_at(rest, end - 1)?;
    if end - 1 > 5 || !rest[..start].iter().all(|w| is_modifier_word(w)) {
        return None;
    }
    let first = a + 2 + skip;
    let role = ctx.span_of(first + start, first + end - 1);
    if rest[end - 1] == "from" {
        // "X, an electronics technician from Y" says where X comes from, not where X works.
        return (ctx.arg(b).kind == Place)
            .then(|| ctx.relation("lives_in", a, b, Some(role)))
            .flatten();
    }
    with_role(ctx, typed(ctx, a, b, Some(role)), role)
}

/// Prepositions between a role and where it is held: "spokesman for Y", "a technician from Y".
const ROLE_PREPOSITIONS: &[&str] = &["of", "for", "at", "with", "in", "to", "from"];

/// A word that ends the role phrase after "X, a Y spokesman": punctuation or a verb of speech.
fn is_clause_end(w: &str) -> bool {
    matches!(w, "said" | "says" | "told" | "and" | "who" | "was" | "is")
}

/// "the murder of X of Y", "the mayor of X in Y": X is the object of a noun, so the
/// construction after it is about something else.
fn preceded_by_nominal(words: &[&str], a: usize) -> bool {
    a >= 1 && matches!(words[a - 1], "of" | "by" | "from" | "to" | "near" | "at")
}

/// "Apart from the US, Mexico has stated ...": the second name is the subject of a clause.
fn starts_clause(words: &[&str], b: usize) -> bool {
    let next = words.get(b + 1).copied().unwrap_or("");
    !matches!(next, "," | "-" | "to" | "and")
        && (is(next, PREFIX | REPORTING_VERB) || next.len() > 4 && next.ends_with("ed"))
}

/// Whether "A, B" is part of a list of places rather than a place and where it lies.
fn in_list(ctx: &Ctx, words: &[&str], a: usize, b: usize) -> bool {
    let after = words.get(b + 1).copied().unwrap_or("");
    if matches!(after, "and" | "or" | "&") {
        return true;
    }
    // "A, B, C and D": another place and a conjunction ahead.
    if after == ","
        && ctx.tokens.get(b + 2).is_some_and(|t| t.arg.is_some())
        && matches!(words.get(b + 3).copied(), Some("and" | "or" | ","))
        && !matches!(words.get(b + 4).copied(), Some("in"))
    {
        return true;
    }
    // "X, A, B": A is the second item of a list that started before it.
    a >= 2
        && words[a - 1] == ","
        && ctx.tokens[a - 2].arg.is_some()
        && ctx.arg(a - 2).kind == Place
        && matches!(words.get(b + 1).copied(), Some("and" | "or" | ","))
}

/// "born in Chattanooga, Tenn.", "based in Huntsville, Alabama": a relation of a person or an
/// organization with a place holds with every place the chain after it says the first lies in.
pub(super) fn up_the_chain(ctx: &Ctx, words: &[&str], f: &Found) -> Vec<Found> {
    let mut out = Vec::new();
    // Tokens are in text order, so an argument's token is found by its span.
    let token_of = |span: Span| {
        let i = ctx.tokens.partition_point(|t| t.span.start < span.start);
        ctx.tokens
            .get(i)
            .filter(|t| t.arg.is_some() && t.span == span)
            .map(|_| i)
    };
    let Some(mut b) = token_of(f.object_span) else {
        return out;
    };
    if ctx.arg(b).kind != Place
        || token_of(f.subject_span).is_some_and(|s| ctx.arg(s).kind == Place)
    {
        return out;
    }
    while words.get(b + 1) == Some(&",")
        && ctx.tokens.get(b + 2).is_some_and(|t| t.arg.is_some())
        && ctx.arg(b + 2).kind == Place
        && !in_list(ctx, words, b, b + 2)
    {
        b += 2;
        let container = ctx.arg(b);
        if container.entity != f.subject {
            out.push(Found {
                object: container.entity,
                object_span: container.span,
                predicate: f.predicate.clone(),
                trigger: f.trigger,
                qualifiers: f.qualifiers.clone(),
                ..*f
            });
        }
    }
    out
}

/// "BELGRADE, Yugoslavia (AP)": a dateline names where the agency filed from.
fn dateline(ctx: &Ctx, words: &[&str]) -> Option<Found> {
    let place = (ctx.tokens.first()?.arg.is_some() && ctx.arg(0).kind == Place).then_some(0)?;
    let mut k = 1;
    if words.get(k) == Some(&",") && ctx.tokens.get(k + 1).is_some_and(|t| t.arg.is_some()) {
        k += 2;
    }
    let org = k + 1;
    if words.get(k) == Some(&"(")
        && words.get(org + 1) == Some(&")")
        && ctx.tokens.get(org).is_some_and(|t| t.arg.is_some())
        && ctx.arg(org).kind == Org
    {
        return ctx.relation("based_in", org, place, Some(ctx.span_of(k, org + 2)));
    }
    None
}
