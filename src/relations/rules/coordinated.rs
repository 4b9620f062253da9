//! Lists: a relation holds for every name coordinated with its argument.

use super::{Ctx, Found};

/// The same relation for every name listed with an argument: "in Jalisco, Michoacan, and
/// Colima" gives three objects, "the US, Canada and India have issued" three subjects.
pub(super) fn coordinated(ctx: &Ctx, f: &Found, arg: usize, object: bool) -> Vec<Found> {
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
