//! "the National Action Party (PAN)", "SHP (Social Democrat Populist Party)": a name with
//! another organization's name in brackets right after it names the same organization, so a
//! relation read with one holds with the other. (When the gazetteer already knows both as one
//! entity, the tokenizer has folded the brackets away and nothing is added here.)

use super::{Ctx, Found};
use crate::gazetteer::EntityKind::Org;
use crate::sentences::Span;

/// The token of the argument with `span`, if there is one.
fn token_of(ctx: &Ctx, span: Span) -> Option<usize> {
    let i = ctx.tokens.partition_point(|t| t.span.start < span.start);
    (ctx.tokens.get(i))
        .filter(|t| t.arg.is_some() && t.span == span)
        .map(|_| i)
}

/// The organization bracketed with the one at token `k`: "K (B)" or "A (K)".
fn bracketed(ctx: &Ctx, k: usize) -> Option<usize> {
    let text = |i: usize| ctx.tokens.get(i).map(|t| t.text.as_ref());
    let org = |i: usize| {
        ctx.tokens.get(i).is_some_and(|t| t.arg.is_some())
            && ctx.arg(i).kind == Org
            && !ctx.arg(i).reference
    };
    if !org(k) {
        return None;
    }
    if text(k + 1) == Some("(") && text(k + 3) == Some(")") && org(k + 2) {
        return Some(k + 2);
    }
    (k >= 2 && text(k - 1) == Some("(") && text(k + 1) == Some(")") && org(k - 2)).then(|| k - 2)
}

/// `f` again with its organization's bracketed other name, as subject or object.
pub(super) fn same_organization(ctx: &Ctx, f: &Found) -> Vec<Found> {
    let mut out = Vec::new();
    if let Some(k) = token_of(ctx, f.object_span).and_then(|o| bracketed(ctx, o)) {
        let other = ctx.arg(k);
        if other.entity != f.subject {
            out.push(f.with_object(other));
        }
    }
    if let Some(k) = token_of(ctx, f.subject_span).and_then(|s| bracketed(ctx, s)) {
        let other = ctx.arg(k);
        if other.entity != f.object {
            out.push(f.with_subject(other));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::relations::tests::check_in;

    const NAMES: &str = "\
ana_ruiz\tPERSON\tAna Ruiz
vanta\tORG\tVanta Party
vp\tORG\tVP
kestrel\tORG\tKestrel Motors
velmar\tPLACE\tVelmar
";

    #[test]
    fn bracketed_names_are_one_organization() {
        check_in(
            NAMES,
            false,
            &[
                (
                    "acronym after the name",
                    "Ana Ruiz, a member of the Vanta Party (VP), spoke.",
                    &[
                        "ana_ruiz holds_role_in vanta [role member]",
                        "ana_ruiz holds_role_in vp [role member]",
                    ],
                ),
                (
                    "name after the acronym",
                    "Ana Ruiz, leader of VP (Vanta Party), spoke.",
                    &["ana_ruiz leader_of vanta", "ana_ruiz leader_of vp"],
                ),
                (
                    "as subject",
                    "The Velmar-based Vanta Party (VP) grew.",
                    &["vanta based_in velmar", "vp based_in velmar"],
                ),
                (
                    "near miss: brackets holding a place",
                    "Ana Ruiz, a member of the Vanta Party (Velmar), spoke.",
                    &["ana_ruiz holds_role_in vanta [role member]"],
                ),
                (
                    "near miss: a list, not brackets",
                    "Ana Ruiz, a member of the Vanta Party, VP and Kestrel Motors, spoke.",
                    &["ana_ruiz holds_role_in vanta [role member]"],
                ),
            ],
        );
    }
}
