//! Relations read from the shape of a phrase and the types of its two names, where no trigger
//! word of the pattern file says what the relation is: "Y's X", "X of Y", "X in Y", "Y X",
//! "X, a Y spokesman", "Sacramento, Calif.", a dateline "PARIS (AP)". The predicate follows from
//! the argument types (a person beside an organization works for it, beside a place lives in
//! it; an organization beside a place is based there; a place beside a place lies in it), so
//! these run only for pairs that the patterns left without a relation.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::appositions::{age, apposition, copula, is_modifier_word};
use super::{Ctx, DETERMINER, FOLLOWER, Found, PREFIX, REPORTING_VERB, is};
use crate::gazetteer::EntityKind::{self, Org, Person, Place};
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
fn roles() -> &'static crate::normalize::WordSet<&'static str> {
    static ROLES: OnceLock<crate::normalize::WordSet<&'static str>> = OnceLock::new();
    ROLES.get_or_init(|| {
        ROLE_LIST
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether a role phrase ends at `words[..end]`, and where it starts (longest phrase first).
pub(super) fn role_ending_at(words: &[&str], end: usize) -> Option<usize> {
    (end.saturating_sub(3)..end).find(|&start| {
        // One word needs no joined copy; phrases of two or three words are rare.
        if start + 1 == end {
            return roles().contains(words[start].trim_end_matches('.'));
        }
        let phrase = words[start..end].join(" ");
        roles().contains(phrase.trim_end_matches('.'))
    })
}

/// Place nouns of "X, the capital of Y" and "Y's capital, X".
const PLACE_NOUNS: &[&str] = &[
    "capital", "city", "town", "village", "state", "province", "region", "county", "district",
    "suburb", "port", "island", "largest", "biggest",
];

/// "north", "south-east", "northwestern", "central".
fn is_compass(w: &str) -> bool {
    ["north", "south", "east", "west", "central"]
        .iter()
        .any(|c| w.contains(c))
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
pub(super) const PLACE_MODIFIERS: &[&str] = &[
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
    "part",
    "parts",
    "outskirts",
];

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
            if b - a > 24 {
                break;
            }
            if !ctx.wanted(a, b) {
                continue;
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

pub(super) fn typed(
    ctx: &Ctx,
    subject: usize,
    object: usize,
    trigger: Option<Span>,
) -> Option<Found> {
    let p = predicate(ctx.arg(subject).kind, ctx.arg(object).kind)?;
    ctx.relation(p, subject, object, trigger)
}

/// A person named with a role beside an organization or a place holds that role there
/// (`holds_role_in`, the role kept); a residence word ("a Texas native") makes it `lives_in`.
pub(super) fn with_role(ctx: &Ctx, f: Option<Found>, role: Span) -> Option<Found> {
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
    if let Some(f) = super::events::pair(ctx, words, a, b) {
        return Some(f);
    }
    // Only event nouns reach that far ("X is serving 99 years in prison for the murder of Y").
    if b - a > 14 {
        return None;
    }
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
        && (ctx.next_text(b) != "'s" || kb == Person)
    {
        let own = usize::from(between.first() == Some(&"'s"));
        let rest = &between[own..];
        if rest.is_empty() && (own == 1 || kb != Person || ka == Org) {
            return typed(ctx, b, a, (own == 1).then(|| ctx.tokens[a + 1].span));
        }
        // "Y's deputy representative, X": the role set off by a comma.
        let comma = usize::from(rest.len() >= 2 && rest.last() == Some(&","));
        let rest = &rest[..rest.len() - comma];
        if kb == Person
            && rest.len() <= 4
            && let Some(start) = role_ending_at(rest, rest.len())
            && rest[..start].iter().all(|w| is_modifier_word(w))
        {
            let role = ctx.span_of(a + 1 + own + start, b - comma);
            return with_role(ctx, typed(ctx, b, a, Some(role)), role);
        }
    }
    // "Y-based X": an organization based in a place.
    if ka == Place && kb == Org && between == ["-", "based"] {
        return typed(ctx, b, a, Some(ctx.span_of(a + 1, b)));
    }
    // "X, a Hong Kong construction firm,": an organization described by its place.
    if ka == Org && kb == Place && matches!(between, [",", "a" | "an"]) {
        let nouns = (words[b + 1..].iter())
            .take_while(|w| is_modifier_word(w) && !is(w, FOLLOWER))
            .count();
        let end = words.get(b + 1 + nouns).copied();
        if (1..=3).contains(&nouns) && end.is_none_or(|w| !is_modifier_word(w) || is(w, FOLLOWER)) {
            return typed(ctx, a, b, Some(ctx.span_of(b + 1, b + 1 + nouns)));
        }
    }
    // "X of [the] Y", "X, of Y": a person of an organization or place, an organization of a
    // place ("Larami Corp. of Philadelphia", "Bob Dole of Kansas").
    let det = |w: &[&str]| w.iter().all(|w| is(w, DETERMINER));
    let years = if ka == Person { age(between) } else { 0 };
    let after_age = &between[years..];
    if matches!(ka, Person | Org)
        && !ctx.is_modifier(b)
        && let Some(k) = after_age.iter().position(|w| *w == "of")
        && k <= 1
        && after_age[..k].iter().all(|w| *w == ",")
        && det(&after_age[k + 1..])
        && (ka == Org || !preceded_by_nominal(words, a))
    {
        return typed(ctx, a, b, Some(ctx.tokens[a + 1 + years + k].span));
    }
    // "Wang Ziqiang at the Institute of Mechanics": a person at an organization works there.
    if ka == Person
        && kb == Org
        && between.first() == Some(&"at")
        && det(&between[1..])
        && !ctx.is_modifier(b)
        && !preceded_by_nominal(words, a)
    {
        return typed(ctx, a, b, Some(ctx.tokens[a + 1].span));
    }
    // "X in [northern] Y": an organization or place in a place.
    if matches!(ka, Org | Place)
        && kb == Place
        && between.first() == Some(&"in")
        && between[1..].iter().all(|w| PLACE_MODIFIERS.contains(w))
        && !ctx.is_modifier(b)
        // "sent to Cox Packing Co. in Devine", but not "the head of Y in Z".
        && (ka == Place
            || ka == Org && a >= 1 && words[a - 1] != "of"
            || !preceded_by_nominal(words, a))
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
    // "Mohammadia, south-east Algeria": a place, then the part of a place it lies in.
    if ka == Place
        && kb == Place
        && between.len() >= 2
        && between[0] == ","
        && between[1..].iter().all(|w| *w == "-" || is_compass(w))
        && !ctx.is_modifier(b)
    {
        return ctx.relation("located_in", a, b, None);
    }
    // "Yerevan, the capital of Armenia"; "Bosnia's capital, Sarajevo".
    if ka == Place && kb == Place {
        let rest = between.get(1..).unwrap_or_default();
        let skip = rest.iter().take_while(|w| is(w, DETERMINER)).count();
        if between.first() == Some(&",")
            && rest.len() >= skip + 2
            && PLACE_NOUNS.contains(&rest[skip])
            && rest[skip + 1] == "of"
            && det(&rest[skip + 2..])
            && !ctx.is_modifier(b)
        {
            return ctx.relation(
                "located_in",
                a,
                b,
                Some(ctx.span_of(a + 2 + skip, a + 4 + skip)),
            );
        }
        if let ["'s", noun, ","] = between
            && PLACE_NOUNS.contains(noun)
        {
            return ctx.relation("located_in", b, a, Some(ctx.span_of(a + 1, a + 3)));
        }
    }
    if matches!(ka, Person | Org)
        && between.first() == Some(&",")
        && let Some(f) = super::appositions::partitive(ctx, words, a, b)
    {
        return Some(f);
    }
    // Appositions: "X, [a|the] [Y] [top] spokesman [for|of|at] [the] [Y]".
    if ka == Person
        && matches!(kb, Org | Place)
        && between.first() == Some(&",")
        && let Some(f) = apposition(ctx, words, a, b)
    {
        return Some(f);
    }
    // "X was acting comptroller at Y".
    if ka == Person
        && matches!(kb, Org | Place)
        && let Some(f) = copula(ctx, words, a, b)
    {
        return Some(f);
    }
    // "[the] chairman of the Y, X": the role before the organization, the person after.
    if matches!(ka, Org | Place) && kb == Person && between == [","] {
        let before = &words[a.saturating_sub(6)..a];
        let mut end = before.len();
        while end > 0 && is(before[end - 1], DETERMINER) {
            end -= 1;
        }
        if end > 0 && matches!(before[end - 1], "of" | "for" | "at" | "to" | "in") {
            let first = a - before.len();
            if let Some(start) = role_ending_at(before, end - 1) {
                let role = ctx.span_of(first + start, first + end - 1);
                return with_role(ctx, typed(ctx, b, a, Some(role)), role);
            }
        }
    }
    None
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
    // A place's chain holds for a place only when it was read as the first link ("Fort
    // Hamilton, Brooklyn, N.Y."), not from a relation across the sentence.
    let place = token_of(f.subject_span).is_some_and(|s| ctx.arg(s).kind == Place);
    if ctx.arg(b).kind != Place
        || place && (f.predicate != "located_in" || token_of(f.subject_span) != b.checked_sub(2))
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
            out.push(f.with_object(container));
        }
    }
    out
}

/// "BELGRADE, Yugoslavia (AP)", "(Text) Sofia, February 15 (BTA) --", "Moscow April 25 TASS
/// --": a dateline names where the agency filed from; a date may come before the agency.
fn dateline(ctx: &Ctx, words: &[&str]) -> Option<Found> {
    // An editor's "(Text)" before the dateline.
    let place = if words.starts_with(&["(", "text", ")"]) {
        3
    } else {
        0
    };
    let is_arg = |k: usize, kind| {
        ctx.tokens.get(k).is_some_and(|t| t.arg.is_some()) && ctx.arg(k).kind == kind
    };
    if !is_arg(place, Place) {
        return None;
    }
    let mut k = place + 1;
    if words.get(k) == Some(&",") && ctx.tokens.get(k + 1).is_some_and(|t| t.arg.is_some()) {
        k += 2;
    }
    let date = k;
    while k < date + 5 && words.get(k).is_some_and(|w| *w == "," || is_date_word(w)) {
        k += 1;
    }
    let dated = words[date..k].iter().any(|w| MONTHS.contains(w));
    if k > date && !dated {
        return None;
    }
    let org = k + 1;
    if words.get(k) == Some(&"(") && words.get(org + 1) == Some(&")") && is_arg(org, Org) {
        return ctx.relation("based_in", org, place, Some(ctx.span_of(k, org + 2)));
    }
    // Without brackets, only after a date and before the dash: "Moscow April 25 TASS --".
    if dated && is_arg(k, Org) && words.get(k + 1) == Some(&"-") {
        return ctx.relation("based_in", k, place, Some(ctx.tokens[k].span));
    }
    None
}

/// Month names and their abbreviations, as a dateline writes them.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A word of a date: a month or a number.
pub(super) fn is_date_word(w: &str) -> bool {
    MONTHS.contains(&w) || w.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use crate::relations::tests::{FICTION, check_in};

    #[test]
    fn places_datelines_and_workplaces() {
        check_in(
            FICTION,
            false,
            &[
                (
                    "the capital of",
                    "Brennport, the capital of Ostia Province, flooded.",
                    &["brennport located_in ostia"],
                ),
                (
                    "possessive capital",
                    "Ostia Province's capital, Brennport, flooded.",
                    &["brennport located_in ostia"],
                ),
                (
                    "compass",
                    "Brennport, south-east Ostia Province, flooded.",
                    &["brennport located_in ostia"],
                ),
                (
                    "in the part of",
                    "Rain fell on Caldera in the southern part of Ostia Province.",
                    &["caldera located_in ostia"],
                ),
                (
                    "dated dateline",
                    "Velmar, March 3 (Relay News) -- Prices rose.",
                    &["relay_news based_in velmar"],
                ),
                (
                    "dateline without brackets",
                    "(Text) Velmar April 25 Relay News -- Prices rose.",
                    &["relay_news based_in velmar"],
                ),
                (
                    "person at an organization",
                    "Tomas Brandt at the Harbor Times disagreed.",
                    &["tomas_brandt works_for harbor_times"],
                ),
                (
                    "a place's chain",
                    "Floods hit Caldera, Brennport, Ostia Province; roads closed.",
                    &[
                        "brennport located_in ostia",
                        "caldera located_in brennport",
                        "caldera located_in ostia",
                    ],
                ),
                (
                    "an organization described by its place",
                    "Kestrel Motors, a Velmar carmaker with 300 staff, grew.",
                    &["kestrel_motors based_in velmar"],
                ),
                (
                    "near miss: the place is not the organization's",
                    "Kestrel Motors, a Velmar, Ostia Province, rival, grew.",
                    &["velmar located_in ostia"],
                ),
                (
                    "near miss: a list of places",
                    "Velmar, Brennport and Caldera voted.",
                    &[],
                ),
                (
                    "near miss: no date before the agency",
                    "Velmar Relay News -- Prices rose.",
                    &["relay_news based_in velmar"],
                ),
                (
                    "near miss: a capital of something else",
                    "Brennport, the capital of fashion, and Ostia Province voted.",
                    &[],
                ),
            ],
        );
    }
}
