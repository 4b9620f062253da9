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
];

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
    let skip = usize::from(between.first() == Some(&","))
        + usize::from(between.first() == Some(&",") && super::appositions::age(between) > 0) * 2;
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
