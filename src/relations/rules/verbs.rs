//! The verb family: `X [aux] <verb phrase> Y`, passives with their agent, reduced passives,
//! gerund and relative clauses whose subject is X.

use super::words::{
    CLAUSE, DETERMINER, FOLLOWER, GERUND_JOINER, HEAD, NEGATION, PREFIX, REPORTING_VERB, is,
    is_word,
};
use super::{Ctx, Found, Token, phrase_at};
use crate::relations::patterns::{Pattern, PatternSet, Slot, is_barrier, match_at};
use crate::sentences::Span;

/// Where a verb phrase may start between two arguments, and whether the words before it negate
/// it, into `starts` (cleared first: one buffer serves every pair); false when the pair cannot
/// take a verb relation at all. The same for every verb pattern, so it is worked out once per
/// pair.
pub(super) fn verb_starts(ctx: &Ctx, a: usize, b: usize, starts: &mut Vec<(usize, bool)>) -> bool {
    let between = ctx.words(a + 1, b);
    starts.clear();
    if ctx.arg(b).demonym && !is(ctx.next_text(b), HEAD) || ctx.is_modifier(b) {
        return false;
    }
    // The classes of the k-th word between, each looked up once for all pairs.
    let class = |k: usize| ctx.class(a + 1 + k);
    // A subject may be a noun phrase headed by the argument: "US intelligence agencies".
    let mut i = 0;
    while i < between.len() && class(i) & HEAD != 0 {
        i += 1;
    }
    if ctx.arg(a).demonym && i == 0 {
        return false;
    }
    let mut negated = false;
    for (k, w) in between.iter().enumerate().skip(i) {
        starts.push((k, negated));
        // "X is a native of Y", "X was a member of Y": a copula and its article.
        let article = matches!(*w, "a" | "an" | "the")
            && k > i
            && matches!(between[k - 1], "is" | "was" | "are" | "were");
        if class(k) & PREFIX == 0 && !w.ends_with("ly") && !article {
            break;
        }
        negated |= class(k) & NEGATION != 0;
    }
    if starts.len() < 2 {
        starts.push((between.len(), negated));
    }
    // An apposition between X and its verb: "X, the 34th president of Z, was born in Y".
    if between.get(i) == Some(&",")
        && between.get(i + 1).is_some_and(|w| {
            class(i + 1) & DETERMINER != 0 || w.starts_with(|c: char| c.is_ascii_digit())
        })
        && let Some(c) = between[i + 1..].iter().position(|w| *w == ",")
        && c <= 12
    {
        clause_starts(starts, between, i + c + 2, class);
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
        clause_starts(starts, between, from, class);
    }
    // "X, convicted of murdering Y": a participle after the comma describes X.
    if between.get(from) == Some(&",")
        && between
            .get(from + 1)
            .is_some_and(|w| w.len() > 4 && w.ends_with("ed"))
        && between
            .get(from + 2)
            .is_some_and(|w| matches!(*w, "of" | "with" | "for" | "in"))
    {
        from += 1;
    }
    // "X retaliated by engaging in ...", "X was convicted of murdering Y", "X launched
    // reprisals, attacking Y": an -ing clause after a preposition or a comma has X for its
    // subject, as do an infinitive ("X used it to shoot Y") and a clause of a pronoun ("X
    // stunned the court by admitting he shot Y"), unless a clause break comes first.
    for k in from..between.len().saturating_sub(1) {
        let joins = class(k) & GERUND_JOINER != 0 || between[k] == "," && k > i;
        if joins && between[k + 1].ends_with("ing") {
            starts.push((k + 1, false));
        }
        if matches!(between[k], "to" | "he" | "she" | "they") {
            clause_starts(starts, between, k + 1, class);
        }
        if is_barrier(between[k]) || class(k) & CLAUSE != 0 {
            break;
        }
    }
    true
}

/// Where the verb phrase of a clause starting at `from` may start: there, and after each
/// auxiliary or adverb that follows ("was", "later", "reportedly"). `class` gives the k-th
/// word's classes.
pub(super) fn clause_starts(
    starts: &mut Vec<(usize, bool)>,
    between: &[&str],
    from: usize,
    class: impl Fn(usize) -> u16,
) {
    for (k, w) in between.iter().enumerate().skip(from) {
        starts.push((k, false));
        if class(k) & PREFIX == 0 && !w.ends_with("ly") {
            break;
        }
    }
}

/// [`verb_starts`] for a pair, marking with `stamp` in `verbs` every verb pattern that has a
/// phrase starting with a word at one of those starts or with the verb of a reduced passive.
pub(super) fn mark_verbs(
    ctx: &Ctx,
    set: &PatternSet,
    (a, b): (usize, usize),
    (verbs, stamp): (&mut [u32], u32),
    starts: &mut Vec<(usize, bool)>,
) -> bool {
    let ok = verb_starts(ctx, a, b, starts);
    let between = ctx.words(a + 1, b);
    let firsts = starts
        .iter()
        .filter_map(|&(k, _)| between.get(k).copied())
        .chain(passive_verb(ctx, a).map(|(verb, _)| verb));
    for w in firsts {
        for &q in set.starting_with(w) {
            verbs[q as usize] = stamp;
        }
    }
    ok
}

/// `X [aux/adverbs] <verb phrase> [a few words] Y`; "by" right after the phrase flips it.
/// The phrase may also start at a gerund whose subject is X ("X retaliated by engaging in
/// gunfights in Y"), or X may sit inside a reduced passive ("information provided by X through
/// Y"). `starts` comes from [`verb_starts`].
pub(super) fn verb(
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
            // The same for a participle after a comma: "X, convicted of the murder of Y".
            let passive = start > 0
                && (matches!(
                    between[start - 1],
                    "was" | "were" | "is" | "are" | "been" | "be"
                ) || between[start - 1] == "," && between[start].ends_with("ed"))
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
pub(super) fn designation(ctx: &Ctx, object: usize) -> Option<String> {
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
pub(super) fn tail_ok(tail: &[&str]) -> bool {
    tail.len() <= 5
        && tail.iter().enumerate().all(|(k, w)| {
            let attached = *w == "<e>" && matches!(tail.get(k + 1), Some(&"-") | Some(&"'s"));
            (!is_barrier(w) || attached) && !is(w, REPORTING_VERB | CLAUSE)
        })
}

/// "the information provided by the CIA through the task force": the verb and "by" come before
/// X, the rest of the phrase between X and Y.
pub(super) fn reduced_passive(
    ctx: &Ctx,
    p: &Pattern,
    a: usize,
    b: usize,
    between: &[&str],
) -> Option<Found> {
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
pub(super) fn passive_verb<'a>(ctx: &'a Ctx, a: usize) -> Option<(&'a str, usize)> {
    let (before, upto) = words_before(ctx, a, 3);
    (upto >= 2 && before[upto - 1] == "by").then(|| (before[upto - 2], a - before.len() + upto - 2))
}

/// The `n` words before token `a`, and how many are left once trailing determiners go.
pub(super) fn words_before<'a>(ctx: &Ctx<'a>, a: usize, n: usize) -> (&'a [&'a str], usize) {
    let before = ctx.words(a.saturating_sub(n), a);
    let det = before
        .iter()
        .rev()
        .take_while(|w| is(w, DETERMINER))
        .count();
    let upto = before.len() - det;
    (before, upto)
}
