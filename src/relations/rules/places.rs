//! The place and possessive families: "X, a town in Y", "the town of X in Y", "Y's X".

use super::{Ctx, Found, phrase_at};
use crate::relations::patterns::{Pattern, is_barrier};

/// `X, a <noun> in [the western state of] Y`, `X, in ... Y`, `the <noun> of X in Y`, and
/// `X, Y` where the gazetteer puts X inside Y.
pub(super) fn place(ctx: &Ctx, p: &Pattern, a: usize, b: usize, between: &[&str]) -> Option<Found> {
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
pub(super) fn possessive(
    ctx: &Ctx,
    p: &Pattern,
    a: usize,
    b: usize,
    between: &[&str],
) -> Option<Found> {
    if between == ["'s"] && !ctx.arg(a).demonym && !ctx.arg(b).demonym {
        let t = ctx.tokens[a + 1].span;
        return ctx.found(p, b, a, Some(t), false);
    }
    None
}
