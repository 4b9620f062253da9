//! Where a person was born or lives, from constructions no verb pattern reaches: "born" far
//! from its subject ("X, son of a tailor, was born Feb. 6, 1911, in Y"; "Born in Y, X won"),
//! a place before "born" ("Y-born X", "X, Y born,"), "Y, where X was born", and residence nouns
//! (`gazetteer/residence.txt`) after a possessive ("his native Y", "X's Y home", "her hometown
//! of Y", "Y, X's hometown").

use std::collections::HashSet;
use std::sync::OnceLock;

use super::appositions::is_modifier_word;
use super::constructions::{PLACE_MODIFIERS, is_date_word};
use super::coordinated::coordinated;
use super::{CLAUSE, Ctx, DETERMINER, Found, is};
use crate::gazetteer::EntityKind::{Person, Place};
use crate::relations::patterns::is_barrier;
use crate::sentences::Span;

const RESIDENCE: &str = include_str!("../../../gazetteer/residence.txt");

fn nouns() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| crate::names::words_of(RESIDENCE).collect())
}

/// How many words a residence noun takes at the start of `words` ("home state" two).
fn residence_at(words: &[&str]) -> usize {
    (1..=2.min(words.len()))
        .rev()
        .find(|&n| nouns().contains(words[..n].join(" ").as_str()))
        .unwrap_or(0)
}

/// Prepositions a person's object is named after, so it is not the subject of "born".
const OBJECT_OF: &[&str] = &[
    "of", "by", "to", "for", "with", "from", "at", "in", "on", "about", "against", "than",
];

/// Relations of "born" and of residence nouns in one sentence, for pairs `taken` lacks.
pub(super) fn find(
    ctx: &Ctx,
    words: &[&str],
    arg_tokens: &[usize],
    taken: &HashSet<(Span, Span)>,
) -> Vec<Found> {
    let mut out = Vec::new();
    for k in 0..words.len() {
        if words[k] == "born" {
            out.extend(born(ctx, words, k));
        }
    }
    for (x, &a) in arg_tokens.iter().enumerate() {
        for &b in arg_tokens[x + 1..].iter().take_while(|&&b| b - a <= 8) {
            if ctx.wanted(a, b)
                && let Some(f) = home(ctx, words, a, b)
            {
                out.push(f);
            }
        }
    }
    out.retain(|f| {
        !taken.contains(&(f.subject_span, f.object_span))
            && !taken.contains(&(f.object_span, f.subject_span))
    });
    out
}

fn kind_at(ctx: &Ctx, k: usize) -> Option<crate::gazetteer::EntityKind> {
    let t = ctx.tokens.get(k)?;
    t.arg
        .map(|_| ctx.arg(k))
        .filter(|a| !a.demonym)
        .map(|a| a.kind)
}

/// Where a person works says where the person lives: "X, president of the Y Bank in Z",
/// "X of the Y Institute at Z", "X, who headed the Y in Z" (a relation with an organization
/// whose name is followed by "in|at|of" and a place).
pub(super) fn through_employer(ctx: &Ctx, words: &[&str], f: &Found) -> Option<Found> {
    if !matches!(
        f.predicate.as_str(),
        "works_for" | "holds_role_in" | "leader_of" | "member_of"
    ) {
        return None;
    }
    let token_of = |span: Span| {
        let i = ctx.tokens.partition_point(|t| t.span.start < span.start);
        ctx.tokens
            .get(i)
            .filter(|t| t.arg.is_some() && t.span == span)
            .map(|_| i)
    };
    let (s, o) = (token_of(f.subject_span)?, token_of(f.object_span)?);
    if kind_at(ctx, s)? != Person || kind_at(ctx, o)? != crate::gazetteer::EntityKind::Org {
        return None;
    }
    if !matches!(words.get(o + 1).copied(), Some("in" | "at" | "of")) {
        return None;
    }
    let y = (o + 2..words.len().min(o + 5))
        .take_while(|&t| kind_at(ctx, t) == Some(Place) || PLACE_MODIFIERS.contains(&words[t]))
        .find(|&t| kind_at(ctx, t) == Some(Place))?;
    ctx.relation("lives_in", s, y, Some(ctx.tokens[o + 1].span))
}

/// "born" at token `k`, with its person and its place.
fn born(ctx: &Ctx, words: &[&str], k: usize) -> Vec<Found> {
    let trigger = Some(ctx.tokens[k].span);
    let relate = |p: usize, y: usize| ctx.relation("born_in", p, y, trigger);
    // "Illinois born X", "Y-born X", "X, Y born,".
    let hyphen = usize::from(k >= 1 && words[k - 1] == "-");
    if k > hyphen && kind_at(ctx, k - 1 - hyphen) == Some(Place) {
        let y = k - 1 - hyphen;
        let after = (k + 1..words.len().min(k + 4))
            .take_while(|&j| kind_at(ctx, j) == Some(Person) || is_modifier_word(words[j]))
            .find(|&j| kind_at(ctx, j) == Some(Person));
        let before =
            (y >= 2 && words[y - 1] == "," && kind_at(ctx, y - 2) == Some(Person)).then(|| y - 2);
        return after
            .or(before)
            .and_then(|p| relate(p, y))
            .into_iter()
            .collect();
    }
    // "Y, where X was born".
    if k >= 4
        && matches!(words[k - 1], "was" | "were")
        && kind_at(ctx, k - 2) == Some(Person)
        && words[k - 3] == "where"
    {
        let y = (k - 4).checked_sub(usize::from(words[k - 4] == ","));
        return y
            .filter(|&y| kind_at(ctx, y) == Some(Place))
            .and_then(|y| relate(k - 2, y))
            .into_iter()
            .collect();
    }
    // After "born": a date or the name given at birth, then "in|near|at" and the place.
    let mut j = k + 1;
    let mut names = Vec::new();
    while j < words.len().min(k + 12) {
        let w = words[j];
        let year = w == "in"
            && words
                .get(j + 1)
                .is_some_and(|n| n.len() == 4 && is_date_word(n));
        if kind_at(ctx, j) == Some(Person) {
            names.push(j);
        } else if !(year || is_date_word(w) || matches!(w, "," | "." | "on" | "poor")) {
            break;
        }
        j += 1 + usize::from(year);
    }
    if !matches!(words.get(j).copied(), Some("in" | "near" | "at")) {
        return Vec::new();
    }
    let Some(y) = place_after(ctx, words, j + 1) else {
        return Vec::new();
    };
    // Who was born: the person before, or after a fronted "Born in Y, X".
    let subject = if k == 0 {
        (y + 1..words.len().min(y + 12))
            .take_while(|&t| kind_at(ctx, t).is_none_or(|kind| kind == Person || kind == Place))
            .find(|&t| kind_at(ctx, t) == Some(Person) && words[t - 1] == ",")
    } else {
        subject_before(ctx, words, k)
    };
    let mut out = Vec::new();
    for p in subject.into_iter().chain(names) {
        if let Some(f) = relate(p, y) {
            if Some(p) == subject && k > 0 {
                out.extend(coordinated(ctx, &f, p, false));
            }
            out.push(f);
        }
    }
    out
}

/// The place a phrase starting at token `j` names: "[the] [western] Y", or "a log cabin in Y"
/// (a few words and no punctuation or clause before it).
fn place_after(ctx: &Ctx, words: &[&str], j: usize) -> Option<usize> {
    (j..words.len().min(j + 7))
        .take_while(|&t| {
            !is_barrier(words[t]) || kind_at(ctx, t) == Some(Place) || ctx.tokens[t].arg.is_none()
        })
        .take_while(|&t| {
            let w = words[t];
            kind_at(ctx, t) == Some(Place)
                || ctx.tokens[t].arg.is_none()
                    && !is_barrier(w)
                    && !is(w, CLAUSE)
                    && !matches!(w, "and" | "where" | "to")
        })
        .find(|&t| kind_at(ctx, t) == Some(Place))
}

/// The person "born" at `k` is said of: "X [, ...,] was born", "X, born"; not the object of a
/// preposition ("the son of X was born").
fn subject_before(ctx: &Ctx, words: &[&str], k: usize) -> Option<usize> {
    match words[k - 1] {
        "," => (k >= 2 && kind_at(ctx, k - 2) == Some(Person)).then(|| k - 2),
        "was" | "were" | "is" | "been" | ":" | "_" => (k.saturating_sub(40)..k - 1)
            .rev()
            .take_while(|&t| words[t] != ";")
            .find(|&t| kind_at(ctx, t) == Some(Person))
            .filter(|&t| t == 0 || !OBJECT_OF.contains(&words[t - 1]))
            .filter(|&t| relative_on(words, t, k)),
        _ => None,
    }
}

/// Whether a relative pronoun between the person at `p` and "born" at `k` is the person's own
/// ("X, who lived in Y, was born"), not another noun's ("X met a man who was born").
fn relative_on(words: &[&str], p: usize, k: usize) -> bool {
    let own = p + 1 + usize::from(words.get(p + 1) == Some(&","));
    (p + 1..k).all(|t| !matches!(words[t], "who" | "which" | "that") || t == own)
}

/// "X's native Y", "his hometown of Y", "her home in suburban Y", "X's Y home", "Y, X's
/// hometown", "Y's native son X": for argument tokens `a < b`.
fn home(ctx: &Ctx, words: &[&str], a: usize, b: usize) -> Option<Found> {
    let between = &words[a + 1..b];
    let (ka, kb) = (kind_at(ctx, a)?, kind_at(ctx, b)?);
    let trigger = |from: usize, to: usize| Some(ctx.span_of(from, to));
    if ka == Person && kb == Place && between.first() == Some(&"'s") {
        // "X's native Y", "X's hometown of Y", "X's home in northern Y".
        let n = residence_at(&between[1..]);
        let rest = &between[1 + n..];
        let linked = match rest {
            [] => true,
            ["of", more @ ..] => more.iter().all(|w| is(w, DETERMINER)),
            ["in", more @ ..] => more.iter().all(|w| PLACE_MODIFIERS.contains(w)),
            _ => false,
        };
        if n > 0 && linked {
            return ctx.relation("lives_in", a, b, trigger(a + 2, a + 2 + n));
        }
        // "X's Iowa hometown", "his fellow Y native".
        let n = residence_at(&words[b + 1..]);
        if n > 0
            && between.len() <= 2
            && between[1..].iter().all(|w| is_modifier_word(w))
            && words.get(b + 1 + n) != Some(&"'s")
        {
            return ctx.relation("lives_in", a, b, trigger(b + 1, b + 1 + n));
        }
    }
    if ka == Place && kb == Person {
        // "Y, X's hometown", "Y is X's home state".
        let n = residence_at(words.get(b + 2..).unwrap_or_default());
        if matches!(between, [","] | ["is" | "was" | "being"])
            && words.get(b + 1) == Some(&"'s")
            && n > 0
        {
            return ctx.relation("lives_in", b, a, trigger(b + 2, b + 2 + n));
        }
        // "Y's native son X", "Y's native daughter, X".
        if let ["'s", "native", "son" | "daughter", rest @ ..] = between
            && rest.iter().all(|w| *w == ",")
        {
            return ctx.relation("lives_in", b, a, trigger(a + 2, a + 4));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::relations::tests::{FICTION, check_in};

    #[test]
    fn birthplaces_and_homes() {
        check_in(
            FICTION,
            false,
            &[
                (
                    "born, a date, then the place",
                    "Marta Quell, the founder's niece, was born March 3, 1921, in Velmar.",
                    &["marta_quell born_in velmar"],
                ),
                (
                    "born after a comma",
                    "Ivo Petrak, born in 1950 in a farmhouse near Brennport, ran the bank.",
                    &["ivo_petrak born_in brennport"],
                ),
                (
                    "born with a name given at birth",
                    "In 1940 Tomas Brandt was born Ivo Petrak in Velmar.",
                    &["ivo_petrak born_in velmar", "tomas_brandt born_in velmar"],
                ),
                (
                    "fronted",
                    "Born poor in Caldera, Lena Ostrova became a judge.",
                    &["lena_ostrova born_in caldera"],
                ),
                (
                    "coordinated subjects",
                    "Both Tomas Brandt and Marta Quell were born in Velmar.",
                    &["marta_quell born_in velmar", "tomas_brandt born_in velmar"],
                ),
                (
                    "the place before born",
                    "The Velmar-born Lena Ostrova sang.",
                    &["lena_ostrova born_in velmar"],
                ),
                (
                    "where X was born",
                    "They drove to Caldera, where Ivo Petrak was born.",
                    &["ivo_petrak born_in caldera"],
                ),
                (
                    "possessive native",
                    "Marta Quell campaigned in her native Ostia Province.",
                    &["marta_quell lives_in ostia [via her]"],
                ),
                (
                    "place before a home noun",
                    "Police searched Ivo Petrak's Caldera home on Monday.",
                    &["ivo_petrak lives_in caldera"],
                ),
                (
                    "hometown of",
                    "Tomas Brandt returned to his hometown of Brennport.",
                    &["tomas_brandt lives_in brennport [via his]"],
                ),
                (
                    "home in a modified place",
                    "Lena Ostrova spoke from her home in suburban Velmar.",
                    &["lena_ostrova lives_in velmar [via her]"],
                ),
                (
                    "the place, then whose hometown",
                    "A museum opened in Caldera, Tomas Brandt's hometown, last year.",
                    &["tomas_brandt lives_in caldera"],
                ),
                (
                    "the place is whose home",
                    "With Ostia Province being Marta Quell's home state, she won.",
                    &["marta_quell lives_in ostia"],
                ),
                (
                    "near miss: where at the start",
                    ", where Ivo Petrak was born, rain fell on Velmar.",
                    &[],
                ),
                (
                    "near miss: someone else was born",
                    "Tomas Brandt met a sailor who was born in Velmar.",
                    &[],
                ),
                (
                    "a relative clause on the person",
                    "Tomas Brandt, who ran the mill for years, was born in Velmar.",
                    &["tomas_brandt born_in velmar"],
                ),
                (
                    "near miss: born, then a clause",
                    "Ivo Petrak was born and raised to love Velmar.",
                    &[],
                ),
                (
                    "near miss: a home that is an office",
                    "Marta Quell's office in Velmar closed.",
                    &[],
                ),
                (
                    "near miss: a list of places, not a birthplace",
                    "Lena Ostrova, born rich, toured Velmar, Caldera and Brennport.",
                    &[],
                ),
            ],
        );
    }
}
