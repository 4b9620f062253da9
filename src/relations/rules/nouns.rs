//! The noun and title families: "X, the leader of Y", "Y leader X", "CIA Director X".

use super::verbs::words_before;
use super::words::{DETERMINER, HEAD, is};
use super::{Ctx, Found, phrase_at};
use crate::relations::patterns::{Pattern, is_barrier};
use crate::sentences::Span;

/// Strips leading determiners.
pub(super) fn skip_det(words: &[&str]) -> usize {
    words.iter().take_while(|w| is(w, DETERMINER)).count()
}

/// `X, the <noun> of Y` → (X, Y); `Y <noun> X` → (X, Y); `the <noun> of Y, X` and
/// `the <noun> of Y by X` → (X, Y).
pub(super) fn noun(ctx: &Ctx, p: &Pattern, a: usize, b: usize, between: &[&str]) -> Option<Found> {
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
pub(super) fn title(ctx: &Ctx, p: &Pattern, a: usize, b: usize, between: &[&str]) -> Option<Found> {
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
            if let Some(len) = phrase_at(&p.phrases, after) {
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
