//! Event nouns (`gazetteer/event_nouns.txt`) with their participants: "the assassination in
//! 1914 of Y by X", "X, convicted of the murder of Y", "X was convicted of Y's killing", "Y's
//! arrest by X", "X's pressure on Y", "talks between X and Y".

use std::sync::OnceLock;

use crate::normalize::WordMap;

use super::appositions::is_modifier_word;
use super::{Ctx, DETERMINER, Found, is};
use crate::gazetteer::EntityKind;

const EVENT_NOUNS: &str = include_str!("../../../gazetteer/event_nouns.txt");

/// An event noun's predicate and the types it relates.
struct Event {
    predicate: &'static str,
    subjects: Option<Vec<EntityKind>>,
    objects: Option<Vec<EntityKind>>,
}

fn events() -> &'static WordMap<&'static str, Event> {
    static MAP: OnceLock<WordMap<&'static str, Event>> = OnceLock::new();
    MAP.get_or_init(|| {
        let kinds = |s: &str| {
            (s != "*").then(|| {
                s.split('|')
                    .filter_map(EntityKind::parse)
                    .collect::<Vec<_>>()
            })
        };
        crate::names::words_of(EVENT_NOUNS)
            .filter_map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                let [noun, predicate, subjects, objects] = cols[..] else {
                    return None;
                };
                Some((
                    noun,
                    Event {
                        predicate,
                        subjects: kinds(subjects),
                        objects: kinds(objects),
                    },
                ))
            })
            .collect()
    })
}

/// Verbs of a charge or a verdict after which an event noun names what X did.
const CHARGES: &[&str] = &[
    "convicted",
    "suspected",
    "accused",
    "charged",
    "arrested",
    "jailed",
    "sentenced",
    "tried",
    "guilty",
    "indicted",
    "blamed",
    "serving",
    "pleaded",
    "captured",
    "executed",
    "admitted",
    "confessed",
];

/// Gerunds of killing after a charge: "convicted of murdering Y".
const KILLING: &[&str] = &[
    "killing",
    "murdering",
    "assassinating",
    "slaying",
    "strangling",
    "stabbing",
    "shooting",
];

/// Words of a title or description before a name: "civil rights leader", "former Sen.",
/// "his 3-year-old son,".
fn title_run(words: &[&str]) -> bool {
    words.len() <= 5
        && words.iter().enumerate().all(|(k, w)| {
            matches!(*w, "." | "-" | "<e>")
                || *w == "," && k + 1 == words.len()
                || is_modifier_word(w)
        })
        && !words
            .iter()
            .any(|w| matches!(*w, "of" | "in" | "for" | "to" | "by" | "with"))
}

/// What is fired or set off: "X fired the shots that killed Y".
const INSTRUMENTS: &[&str] = &[
    "shot", "shots", "bullet", "bullets", "bomb", "gun", "rifle", "shotgun", "pistol",
];

/// "X [, acting alone,] fired the shots that killed Y", "X planted the bomb which killed Y".
fn instrument(ctx: &Ctx, words: &[&str], a: usize, b: usize) -> Option<Found> {
    let between = &words[a + 1..b];
    let t = between
        .iter()
        .position(|w| matches!(*w, "that" | "which"))?;
    if t < 3
        || !INSTRUMENTS.contains(&between[t - 1])
        || !matches!(
            between.get(t + 1).copied(),
            Some("killed" | "murdered" | "assassinated")
        )
        || !title_run(&between[t + 2..])
    {
        return None;
    }
    // "X, acting alone, fired": a short aside between commas, then a verb and its object.
    let mut head = &between[..t - 1];
    if head.first() == Some(&",")
        && let Some(c) = head[1..].iter().position(|w| *w == ",")
        && c <= 4
    {
        head = &head[c + 2..];
    }
    if head.len() > 4 || !head.iter().all(|w| is_modifier_word(w)) {
        return None;
    }
    relate(ctx, event("killing")?, a, b, a + 2 + t)
}

/// "X, 60, is serving 99 years in prison for the 1968 slaying of [Sen.] Y", "X was sentenced
/// to death for Y's murder", "X pleaded guilty to killing rock star Y": a charge or a verdict
/// on X, then the event on Y, with no other person between.
fn charged(ctx: &Ctx, words: &[&str], a: usize, b: usize) -> Option<Found> {
    let between = &words[a + 1..b];
    if between.len() > 24
        || between.contains(&";")
        || (a + 1..b).any(|t| ctx.tokens[t].arg.is_some() && ctx.arg(t).kind == EntityKind::Person)
    {
        return None;
    }
    let charge = between.iter().position(|w| CHARGES.contains(w))?;
    // Where the event starts: "Y's murder", "killing [title] Y", "murder of [title] Y".
    let (start, trigger) = if words.get(b + 1) == Some(&"'s")
        && let Some(n) = (b + 2..words.len().min(b + 5)).find(|&t| event(words[t]).is_some())
        && words[b + 2..n].iter().all(|w| is_modifier_word(w))
    {
        let det = between
            .iter()
            .rev()
            .take_while(|w| is(w, DETERMINER))
            .count();
        (between.len() - det, n)
    } else {
        let of = (0..between.len()).rev().find(|&k| {
            KILLING.contains(&between[k])
                || between[k] == "of" && k > 0 && event(between[k - 1]).is_some()
        })?;
        if !title_run(&between[of + 1..]) {
            return None;
        }
        if KILLING.contains(&between[of]) {
            let e = event("killing")?;
            return (of > charge)
                .then(|| relate(ctx, e, a, b, a + 1 + of))
                .flatten();
        }
        (of - 1, a + of)
    };
    // Between the charge and the event: a preposition, then at most a few plain words.
    let gap = between.get(charge + 1..start)?;
    let prep = gap
        .iter()
        .rposition(|w| matches!(*w, "for" | "of" | "in" | "to" | "with" | "after"))?;
    if gap.len() > 12 || gap[prep + 1..].len() > 6 || gap[prep + 1..].contains(&",") {
        return None;
    }
    relate(ctx, event(words[trigger])?, a, b, trigger)
}

fn event(word: &str) -> Option<&'static Event> {
    events().get(word)
}

/// The relation of `event` with subject token `s` and object token `o`, if the types fit.
fn relate(ctx: &Ctx, e: &Event, s: usize, o: usize, trigger: usize) -> Option<Found> {
    let fits = |k: &Option<Vec<EntityKind>>, t: usize| {
        k.as_ref().is_none_or(|k| k.contains(&ctx.arg(t).kind))
    };
    if !fits(&e.subjects, s) || !fits(&e.objects, o) {
        return None;
    }
    ctx.relation(e.predicate, s, o, Some(ctx.tokens[trigger].span))
}

/// Event-noun relations for the argument tokens `a < b`.
pub(super) fn pair(ctx: &Ctx, words: &[&str], a: usize, b: usize) -> Option<Found> {
    let between = &words[a + 1..b];
    let det = |w: &&str| is(w, DETERMINER);
    // "the assassination [in 1914] of Y by [young nationalist] X".
    if between.first() == Some(&"by")
        && between.len() <= 5
        && between[1..].iter().all(|w| is_modifier_word(w))
    {
        let mut k = a;
        while k > 0 && det(&words[k - 1]) {
            k -= 1;
        }
        if k >= 2 && words[k - 1] == "of" {
            let mut n = k - 2;
            // "in 1914" between the noun and "of".
            if n >= 2 && words[n - 1] == "in" && words[n].bytes().all(|c| c.is_ascii_digit()) {
                n -= 2;
            }
            if let Some(e) = event(words[n]) {
                return relate(ctx, e, b, a, n);
            }
        }
    }
    // "Y's arrest by X".
    if let ["'s", noun, "by", rest @ ..] = between
        && rest.iter().all(det)
        && let Some(e) = event(noun)
    {
        return relate(ctx, e, b, a, a + 2);
    }
    // "X's pressure on Y", "X's killing of Y".
    if let ["'s", noun, "on" | "of" | "against" | "with", rest @ ..] = between
        && rest.iter().all(det)
        && let Some(e) = event(noun)
    {
        return relate(ctx, e, a, b, a + 2);
    }
    // "X, [60,] convicted of [the] [first-degree] murder of Y", "X was suspected in the
    // killing of Y".
    let skip = usize::from(between.first() == Some(&",")) + super::appositions::age(between);
    let rest = &between[skip..];
    let rest = &rest[usize::from(
        rest.first()
            .is_some_and(|w| matches!(*w, "was" | "is" | "were" | "been" | "found")),
    )..];
    if let [charge, prep, more @ ..] = rest
        && CHARGES.contains(charge)
        && matches!(*prep, "of" | "in" | "for" | "with")
    {
        let at = b - more.len();
        // "... of Y's killing": the event after Y.
        if more.iter().all(det)
            && words.get(b + 1) == Some(&"'s")
            && let Some(e) = words.get(b + 2).and_then(|w| event(w))
        {
            return relate(ctx, e, a, b, b + 2);
        }
        let d = more.iter().take_while(|w| det(w)).count();
        let noun = more.iter().skip(d).position(|w| event(w).is_some())?;
        let after = &more[d + noun + 1..];
        if noun <= 2
            && more[d..d + noun].iter().all(|w| is_modifier_word(w))
            && after.first() == Some(&"of")
            && after[1..].iter().all(det)
        {
            let e = event(more[d + noun])?;
            return relate(ctx, e, a, b, at + d + noun);
        }
    }
    if ctx.arg(a).kind == EntityKind::Person
        && ctx.arg(b).kind == EntityKind::Person
        && let Some(f) = charged(ctx, words, a, b).or_else(|| instrument(ctx, words, a, b))
    {
        return Some(f);
    }
    // "talks between X and Y".
    if between == ["and"]
        && a >= 2
        && words[a - 1] == "between"
        && let Some(e) = event(words[a - 2])
    {
        return relate(ctx, e, a, b, a - 2);
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::relations::tests::{FICTION, check_in};

    #[test]
    fn event_nouns_with_their_participants() {
        check_in(
            FICTION,
            false,
            &[
                (
                    "the event of Y by X, with a year between",
                    "It recalled the assassination in 1921 of Tomas Brandt by the young Ivo Petrak.",
                    &["ivo_petrak killed tomas_brandt"],
                ),
                (
                    "convicted of the event of Y",
                    "Ivo Petrak, 40, convicted of the murder of Tomas Brandt, appealed.",
                    &["ivo_petrak killed tomas_brandt"],
                ),
                (
                    "suspected of Y's event",
                    "Ivo Petrak was suspected of Tomas Brandt's killing.",
                    &["ivo_petrak killed tomas_brandt [hedged]"],
                ),
                (
                    "Y's event by X",
                    "Marta Quell's arrest by the Vanta Party shocked Velmar.",
                    &["vanta arrested marta_quell"],
                ),
                (
                    "X's event on Y",
                    "Norrland Bank's pressure on Kestrel Motors grew.",
                    &["norrland_bank pressured kestrel_motors"],
                ),
                (
                    "talks between X and Y",
                    "Talks between Norrland Bank and Kestrel Motors stalled.",
                    &["norrland_bank met_with kestrel_motors"],
                ),
                (
                    "a sentence served for the event of a titled Y",
                    "Ivo Petrak, 61, is serving 30 years in prison for the 1990 slaying of \
                     former mayor Tomas Brandt in Velmar.",
                    &["ivo_petrak killed tomas_brandt"],
                ),
                (
                    "sentenced for Y's event",
                    "Ivo Petrak was sentenced to death for Tomas Brandt's murder.",
                    &["ivo_petrak killed tomas_brandt"],
                ),
                (
                    "pleaded guilty to a gerund",
                    "In 1990 Ivo Petrak pleaded guilty to killing Velmar banker Tomas Brandt.",
                    &[
                        "ivo_petrak killed tomas_brandt",
                        "tomas_brandt lives_in velmar [role banker]",
                    ],
                ),
                (
                    "the shots that killed Y",
                    "Ivo Petrak, acting alone, fired the shots that killed Tomas Brandt.",
                    &["ivo_petrak killed tomas_brandt"],
                ),
                (
                    "near miss: someone else charged between them",
                    "Ivo Petrak said Marta Quell was convicted of killing Tomas Brandt.",
                    &["marta_quell killed tomas_brandt [by Ivo Petrak]"],
                ),
                (
                    "near miss: shots that missed",
                    "Ivo Petrak fired the shots that missed Tomas Brandt.",
                    &[],
                ),
                (
                    "near miss: a charge with no event on Y",
                    "Ivo Petrak was convicted of fraud after Tomas Brandt testified.",
                    &[],
                ),
                (
                    "near miss: an event of Y with no agent",
                    "The murder of Tomas Brandt shocked Ivo Petrak.",
                    &[],
                ),
                (
                    "near miss: convicted of something else",
                    "Ivo Petrak, convicted of fraud, met Tomas Brandt.",
                    &[],
                ),
                (
                    "near miss: the type does not fit",
                    "The assassination of Velmar by Ivo Petrak was a metaphor.",
                    &[],
                ),
            ],
        );
    }
}
