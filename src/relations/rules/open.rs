//! Open relations (`--open-relations`): between two names in one clause, a verb that no pattern
//! and no construction covers becomes a relation named by its lemma ("X met Y" → `meet`,
//! "Y was sued by X" → X `sue` Y), marked open, so an analyst sees what the text says even where
//! the vocabulary stops.

use std::collections::HashSet;

use super::{CLAUSE, Ctx, Found, NEGATION, PREFIX, REPORTING_VERB, is, is_word};
use crate::relations::patterns::{is_barrier, is_verb_form, lemma};
use crate::sentences::Span;

/// Auxiliaries after which the next word is a verb whatever its ending ("will face", "did hire").
const AUXILIARIES: &[&str] = &[
    "has", "have", "had", "will", "would", "could", "can", "may", "might", "must", "should",
    "shall", "did", "does", "do",
];

/// Forms of "be": before a participle they make a passive.
const BE: &[&str] = &["is", "was", "were", "are", "be", "been", "being"];

/// Words that look like verbs after a name but are not the verb of a relation between two names
/// (auxiliaries never are: they are skipped before the verb).
const NOT_RELATIONS: &[&str] = &[
    "based",
    "located",
    "called",
    "named",
    "known",
    "used",
    "related",
    "according",
    "including",
    "led",
    "owned",
    "expected",
    "reported",
    "added",
    "noted",
    "asked",
];

/// Open relations of a sentence, for the pairs of neighbouring names (at `arg_tokens`) that
/// `taken` does not hold.
pub(super) fn find(ctx: &Ctx, arg_tokens: &[usize], taken: &HashSet<(Span, Span)>) -> Vec<Found> {
    let mut out = Vec::new();
    for pair in arg_tokens.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let (sa, sb) = (ctx.arg(a).span, ctx.arg(b).span);
        if b - a < 2
            || b - a > 10
            || !ctx.wanted(a, b)
            || taken.contains(&(sa, sb))
            || taken.contains(&(sb, sa))
        {
            continue;
        }
        // "strengthen Mexico's position": the name only owns the object.
        if ctx.arg(a).demonym
            || ctx.arg(b).demonym
            || ctx.is_modifier(b)
            || ctx.next_text(b) == "'s"
        {
            continue;
        }
        if let Some(f) = pair_relation(ctx, a, b) {
            out.push(f);
        }
    }
    out
}

fn pair_relation(ctx: &Ctx, a: usize, b: usize) -> Option<Found> {
    let between = ctx.words(a + 1, b);
    if between
        .iter()
        .any(|&w| is_barrier(w) || is(w, CLAUSE) || w == "'s")
    {
        return None;
    }
    // Auxiliaries, negations and adverbs before the verb.
    let (mut k, mut negated, mut aux, mut passive) = (0, false, false, false);
    while let Some(w) = between.get(k) {
        let adverb = w.ends_with("ly") && w.len() > 3;
        if !(is(w, PREFIX) || adverb) || matches!(*w, "and" | "to" | "-") {
            break;
        }
        negated |= is(w, NEGATION);
        aux |= AUXILIARIES.contains(w) || BE.contains(w);
        passive |= BE.contains(w);
        k += 1;
    }
    let verb = *between.get(k)?;
    let participle = verb.len() > 4 && verb.ends_with("ed");
    let irregular = lemma(verb) != verb && !verb.ends_with('s') && !verb.ends_with("ing");
    if !is_word(verb)
        || !is_verb_form(&verb.to_lowercase())
        || !(participle || irregular || aux && verb.len() > 2)
        || is(verb, REPORTING_VERB)
        || NOT_RELATIONS.contains(&verb)
        || verb.chars().any(|c| c.is_ascii_digit())
    {
        return None;
    }
    let tail = &between[k + 1..];
    if tail.len() > 4 || tail.iter().any(|w| !is_word(w)) {
        return None;
    }
    // "Y was sued by X": the name after "by" did it.
    let by_agent = passive && tail.last() == Some(&"by");
    let (subject, object) = if by_agent { (b, a) } else { (a, b) };
    let trigger = ctx.tokens[a + 1 + k].span;
    let mut f = ctx.relation(&lemma(verb), subject, object, Some(trigger))?;
    f.qualifiers.open = true;
    f.qualifiers.negated = negated;
    Some(f)
}
