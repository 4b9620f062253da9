//! What a sentence says about how sure its relations are: hedges and attribution.

use super::{Ctx, HEDGE, REPORTING_VERB};
use crate::relations::Qualifiers;

pub(super) fn sentence_qualifiers(ctx: &Ctx) -> Qualifiers {
    let mut q = Qualifiers::default();
    let words = ctx.words(0, ctx.tokens.len());
    // Each word's classes from the reading's cache, which the pairs read too.
    q.hedged = (0..words.len()).any(|k| ctx.class(k) & HEDGE != 0)
        || words
            .windows(3)
            .any(|w| matches!(w, ["reported" | "said" | "believed", "to", _]));
    for (i, w) in words.iter().enumerate() {
        let source = if *w == "according" && words.get(i + 1) == Some(&"to") {
            Some(i + 2)
        } else if *w == "citing" {
            Some(i + 1)
        } else if ctx.class(i) & REPORTING_VERB != 0 && i > 0 && ctx.tokens[i - 1].arg.is_some() {
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
