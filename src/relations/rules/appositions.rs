//! Appositions on a person: "X, a spokesman for Y", "X, a Y spokesman", "X, Finland's prime
//! minister", with an age first ("X, 54, a lawyer for Y"), stacked descriptions ("X, director
//! of Z and a member of Y") and modifiers before a name ("X, a senior Y official"); and the same
//! description after a copula ("X was acting comptroller at Y").

use super::constructions::{role_ending_at, typed, with_role};
use super::{Ctx, DETERMINER, Found, is, is_word};
use crate::relations::patterns::is_barrier;

/// Prepositions between a role and where it is held: "spokesman for Y", "a technician from Y".
const ROLE_PREPOSITIONS: &[&str] = &["of", "for", "at", "with", "in", "to", "from"];

/// Words of a modifier run inside an apposition ("a top", "the former", "Red Cross disaster").
pub(super) fn is_modifier_word(w: &str) -> bool {
    is_word(w) && !matches!(w, "and" | "or" | "who" | "which" | "that" | "said" | "says")
}

/// A word that ends the role phrase after "X, a Y spokesman": punctuation, a verb of speech, or
/// a participle that starts a clause on X ("the New York attorney representing Y").
fn is_clause_end(w: &str) -> bool {
    matches!(w, "said" | "says" | "told" | "and" | "who" | "was" | "is")
        || w.len() > 5 && w.ends_with("ing")
}

/// Determiners of a description: the usual ones and "another" ("X, another Y spokesman").
fn is_det(w: &str) -> bool {
    is(w, DETERMINER) || w == "another"
}

/// How many tokens an age or a party and state take after a name: ", 54" or ", D-Calif." before
/// the next comma.
pub(super) fn age(between: &[&str]) -> usize {
    match between {
        [",", n, ",", ..] if n.chars().all(|c| c.is_ascii_digit()) => 2,
        [",", "d" | "r" | "i", "-", rest @ ..] => {
            let state = rest.iter().take_while(|w| *w != &",").count();
            if (1..=3).contains(&state) && state < rest.len() {
                3 + state
            } else {
                0
            }
        }
        _ => 0,
    }
}

/// "X, [54,] [a|the] [Y ['s]] [words] <role> [of|for|at|with|in] [the] Y" for a person X.
pub(super) fn apposition(ctx: &Ctx, words: &[&str], a: usize, b: usize) -> Option<Found> {
    let between = &words[a + 1..b];
    let first = a + 2 + age(between);
    description(ctx, words, first, b, a)
}

/// A description of the person at `subject` from token `first` up to the argument `b` it
/// names.
fn description(ctx: &Ctx, words: &[&str], first: usize, b: usize, subject: usize) -> Option<Found> {
    let a_role = |role, f| with_role(ctx, f, role);
    let skip = words[first..b].iter().take_while(|w| is_det(w)).count();
    let first = first + skip;
    let rest = &words[first..b];
    // Stacked descriptions: "director of Z and a member of Y" describes X by the last one,
    // whatever names the first one holds.
    if let Some(and) = rest.iter().rposition(|w| *w == "and")
        && and + 1 < rest.len()
        && and <= 12
        && !rest[..and]
            .iter()
            .any(|w| matches!(*w, ";" | ":" | "(" | ")" | "who" | "which" | "said"))
        && !(first..first + and).any(|t| {
            ctx.tokens[t].arg.is_some() && ctx.arg(t).kind == crate::gazetteer::EntityKind::Person
        })
    {
        return description(ctx, words, first + and + 1, b, subject);
    }
    if rest.iter().any(|w| is_barrier(w)) {
        return None;
    }
    // Y comes first: "X, a Y spokesman", "X, Finland's prime minister", "X, a senior Y official".
    if rest.len() <= 3
        && rest
            .iter()
            .all(|w| is_modifier_word(w) && !ROLE_PREPOSITIONS.contains(w))
    {
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
                return a_role(role, typed(ctx, subject, b, Some(role)));
            }
        }
        return None;
    }
    // The role first: "X, spokesman for Y", "X, a top official of the Y", "X, attorney for
    // the Peruvian mining company Y", "X, vice president of sales at Y".
    let plain = |w: &&str| is_modifier_word(w) && !ROLE_PREPOSITIONS.contains(w);
    let mut end = rest.len();
    let mut words_before = 0;
    while end > 0 && words_before < 4 && plain(&rest[end - 1]) && !is(rest[end - 1], DETERMINER) {
        end -= 1;
        words_before += 1;
    }
    while end > 0 && is(rest[end - 1], DETERMINER) {
        end -= 1;
    }
    if end < 2 || !ROLE_PREPOSITIONS.contains(&rest[end - 1]) {
        return None;
    }
    // "of sales" or "for development" between the role and the preposition before Y.
    let mut role_end = end - 1;
    let field = (rest[..role_end].iter().rev())
        .take_while(|w| plain(w) && !is(w, DETERMINER))
        .count();
    if role_end > field + 1
        && field <= 3
        && matches!(rest[role_end - field - 1], "of" | "for")
        && role_ending_at(rest, role_end).is_none()
    {
        role_end -= field + 1;
    }
    let start = role_ending_at(rest, role_end)?;
    if role_end > 5 || !rest[..start].iter().all(|w| is_modifier_word(w)) {
        return None;
    }
    let end = role_end + 1;
    let role = ctx.span_of(first + start, first + end - 1);
    if rest[end - 1] == "from" {
        // "X, an electronics technician from Y" says where X comes from, not where X works.
        return (ctx.arg(b).kind == crate::gazetteer::EntityKind::Place)
            .then(|| ctx.relation("lives_in", subject, b, Some(role)))
            .flatten();
    }
    a_role(role, typed(ctx, subject, b, Some(role)))
}

/// "X, one of the top strategists in Y", "X, one of Y's most distinguished lawyers", "X, among
/// the founders of Y": a person counted among a place's people lives there, among an
/// organization's people is a member; "Y, one of Z's most powerful cartels": an organization
/// counted among a place's operates there.
pub(super) fn partitive(ctx: &Ctx, words: &[&str], a: usize, b: usize) -> Option<Found> {
    use crate::gazetteer::EntityKind::{Org, Person, Place};
    let between = &words[a + 1..b];
    let skip = 1 + age(between);
    let n = match between.get(skip..)? {
        ["one", "of", ..] => 2,
        ["among", ..] => 1,
        _ => return None,
    };
    let mut rest = &between[skip + n..];
    while let [more @ .., last] = rest
        && is(last, DETERMINER)
        && !more.is_empty()
    {
        rest = more;
    }
    let plain = |w: &&str| is_modifier_word(w) && !ROLE_PREPOSITIONS.contains(w);
    let possessive = rest.iter().all(|w| is(w, DETERMINER))
        && ctx.next_text(b) == "'s"
        && (words[b + 2..].iter())
            .take_while(|w| plain(w))
            .take(5)
            .count()
            >= 1;
    let det = rest.iter().take_while(|w| is(w, DETERMINER)).count();
    // "[the] top military strategists in": the group, then the preposition before Y.
    let before = rest.len().saturating_sub(1);
    let linked = rest.len() > det + 1
        && before - det <= 5
        && rest[det..before].iter().all(plain)
        && matches!(rest[before], "in" | "of" | "at" | "from");
    if !possessive && !linked {
        return None;
    }
    let predicate = match (ctx.arg(a).kind, ctx.arg(b).kind) {
        (Person, Place) => "lives_in",
        (Person, Org) => "member_of",
        (Org, Place) => "operates_in",
        _ => return None,
    };
    ctx.relation(
        predicate,
        a,
        b,
        Some(ctx.span_of(a + 1 + skip, a + 1 + skip + n)),
    )
}

/// "X was [a|the] [acting] comptroller at Y", "X is a professor of law at Y": the description
/// after a copula, for a person X.
pub(super) fn copula(ctx: &Ctx, words: &[&str], a: usize, b: usize) -> Option<Found> {
    let between = &words[a + 1..b];
    let at = age(between);
    let between = &between[at..];
    let cop = usize::from(between.first() == Some(&","));
    if !between
        .get(cop)
        .is_some_and(|w| matches!(*w, "is" | "was" | "remains" | "became" | "becomes"))
        || cop == 1 && at == 0
    {
        return None;
    }
    let first = a + 1 + at + cop + 1;
    let rest = &words[first..b];
    // Only the role-first shape: "X is a Y spokesman" is left to the patterns.
    if rest
        .last()
        .is_some_and(|w| !is(w, DETERMINER) && !ROLE_PREPOSITIONS.contains(w))
    {
        return None;
    }
    description(ctx, words, first, b, a)
}

#[cfg(test)]
mod tests {
    use crate::relations::tests::{FICTION, check_in};

    #[test]
    fn appositions_with_ages_stacks_and_copulas() {
        check_in(
            FICTION,
            false,
            &[
                (
                    "age, then of",
                    "Marta Quell, 61, of Velmar, was hurt.",
                    &["marta_quell lives_in velmar"],
                ),
                (
                    "party and state, then a role",
                    "Sen. Tomas Brandt, D-Calif., chairman of Norrland Bank, spoke.",
                    &["tomas_brandt holds_role_in norrland_bank [role chairman]"],
                ),
                (
                    "age, then a role",
                    "Tomas Brandt, 44, a lawyer for Norrland Bank, spoke.",
                    &["tomas_brandt holds_role_in norrland_bank [role lawyer]"],
                ),
                (
                    "stacked descriptions",
                    "Ivo Petrak, a veteran smuggler and the treasurer of the Vanta Party, fled.",
                    &["ivo_petrak holds_role_in vanta [role treasurer]"],
                ),
                (
                    "modifier before the organization",
                    "Lena Ostrova, a senior Kestrel Motors engineer, resigned.",
                    &["lena_ostrova holds_role_in kestrel_motors [role engineer]"],
                ),
                (
                    "another",
                    "Tomas Brandt, another Relay News reporter, agreed.",
                    &["tomas_brandt holds_role_in relay_news [role reporter]"],
                ),
                (
                    "participle ends the role",
                    "Marta Quell, the Velmar attorney representing the family, left.",
                    &["marta_quell lives_in velmar [role attorney]"],
                ),
                (
                    "copula",
                    "Ivo Petrak was acting treasurer at Norrland Bank when it failed.",
                    &["ivo_petrak holds_role_in norrland_bank [role treasurer]"],
                ),
                (
                    "words before the organization",
                    "Marta Quell, lawyer for the struggling carmaker Kestrel Motors, spoke.",
                    &["marta_quell holds_role_in kestrel_motors [role lawyer]"],
                ),
                (
                    "a field between the role and the organization",
                    "Ivo Petrak, director of research at Norrland Bank, spoke.",
                    &["ivo_petrak holds_role_in norrland_bank [role director]"],
                ),
                (
                    "near miss: the role is for someone else",
                    "Marta Quell, spokeswoman for the families of Relay News victims, spoke.",
                    &[],
                ),
                (
                    "stacked descriptions naming another organization first",
                    "Ivo Petrak, director of Relay News and a member of the Vanta Party, spoke.",
                    &[
                        "ivo_petrak holds_role_in relay_news [role director]",
                        "ivo_petrak holds_role_in vanta [role member]",
                    ],
                ),
                (
                    "near miss: a list of people, not stacked descriptions",
                    "Ivo Petrak, lawyer Marta Quell and Kestrel Motors engineer Tomas Brandt were there.",
                    &["tomas_brandt holds_role_in kestrel_motors [role engineer]"],
                ),
                (
                    "one of the people in a place",
                    "Marta Quell, one of the best surgeons in Velmar, retired.",
                    &["marta_quell lives_in velmar"],
                ),
                (
                    "one of a place's people",
                    "Tomas Brandt, one of Ostia Province's richest bankers, retired.",
                    &["tomas_brandt lives_in ostia"],
                ),
                (
                    "among the founders",
                    "Lena Ostrova, among the founders of the Vanta Party, spoke.",
                    &["lena_ostrova member_of vanta"],
                ),
                (
                    "an organization among a place's",
                    "Norrland Bank, one of Velmar's oldest lenders, failed.",
                    &["norrland_bank operates_in velmar"],
                ),
                (
                    "near miss: one of the things in a place",
                    "Marta Quell, one of two, left; Velmar wept.",
                    &[],
                ),
                (
                    "near miss: a copula and no role",
                    "Ivo Petrak was a guest at Norrland Bank.",
                    &[],
                ),
                (
                    "near miss: a number that is not an age",
                    "Marta Quell, 61 times of Velmar, spoke.",
                    &[],
                ),
                (
                    "near miss: a group of friends, not a role",
                    "Lena Ostrova, a friend of the Vanta Party, spoke.",
                    &[],
                ),
            ],
        );
    }
}
