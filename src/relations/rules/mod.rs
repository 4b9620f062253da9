//! One sentence + its mentions → typed relations. The sentence becomes a token list in which
//! every argument (a mention, or a demonym standing for its country) is one `<e>` token; each
//! pattern family then looks at the tokens between and around two arguments.

use std::borrow::Cow;

use crate::corpus::Document;
use crate::gazetteer::{EntityId, EntityKind, Known};
use crate::relations::Qualifiers;
use crate::relations::patterns::{Family, Pattern, PatternSet, Slot, match_at};
use crate::sentences::{Sentence, Span};
use crate::tagger::Mention;

mod appositions;
mod brackets;
mod constructions;
mod coordinated;
mod events;
mod nouns;
mod open;
mod places;
mod qualifiers;
mod residence;
mod tokenize;
mod verbs;
mod words;

use coordinated::coordinated;
use nouns::{noun, title};
use places::{place, possessive};
use qualifiers::sentence_qualifiers;
use tokenize::tokenize;
use verbs::{mark_verbs, verb};
use words::{
    CLAUSE, DETERMINER, FOLLOWER, HEAD, HEDGE, NEGATION, PREFIX, REPORTING_VERB, classes, is,
    is_word,
};

/// A relation found in one sentence, before it becomes a [`super::Relation`].
pub(crate) struct Found {
    pub subject: EntityId,
    pub object: EntityId,
    pub subject_span: Span,
    pub object_span: Span,
    pub predicate: String,
    pub trigger: Option<Span>,
    pub qualifiers: Qualifiers,
}

impl Found {
    /// The same relation with `other` as its object ("Y" of "X (Y)", a place's container).
    fn with_object(&self, other: &Arg) -> Found {
        Found {
            object: other.entity,
            object_span: other.span,
            predicate: self.predicate.clone(),
            qualifiers: self.qualifiers.clone(),
            ..*self
        }
    }

    /// The same relation with `other` as its subject.
    fn with_subject(&self, other: &Arg) -> Found {
        Found {
            subject: other.entity,
            subject_span: other.span,
            predicate: self.predicate.clone(),
            qualifiers: self.qualifiers.clone(),
            ..*self
        }
    }
}

/// An argument: a mention or a demonym.
struct Arg {
    entity: EntityId,
    kind: EntityKind,
    span: Span,
    demonym: bool,
    /// A pronoun or description standing for the entity ("She", "the group").
    reference: bool,
    /// A possessive reference ("its", "the group's"): a `'s` token follows it.
    possessive: bool,
}

/// What a sentence names: mentions, demonyms standing for their country, and references.
pub(crate) struct Args<'a> {
    pub mentions: &'a [&'a Mention],
    pub anchors: &'a [&'a Mention],
    pub references: &'a [&'a super::reference::Reference],
}

struct Token<'a> {
    /// Lower-cased word, punctuation, or `<e>`/`<d>` for an argument; borrowed from the
    /// document when it is already lower case, which most words are.
    text: Cow<'a, str>,
    span: Span,
    arg: Option<usize>,
}

struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token<'a>],
    /// Each token's text, once a reading: every family and pair reads slices of it.
    words: &'a [&'a str],
    args: Vec<Arg>,
    gazetteer: &'a Known<'a>,
    /// The sentence's qualifiers, read when the first relation is found (most readings find
    /// none).
    qualifiers: std::cell::OnceCell<Qualifiers>,
    /// The second reading of a sentence with references: only pairs with a reference in them.
    references_only: bool,
    /// [`Ctx::is_modifier`] of each token once asked: every pair and family asks it again.
    modifier: Vec<std::cell::OnceCell<bool>>,
    /// The word classes of each token once asked ([`UNCLASSED`] before): every pair reads the
    /// words between it again.
    classes: Vec<std::cell::Cell<u16>>,
}

/// No word classes looked up yet (no word is in all of them).
const UNCLASSED: u16 = u16::MAX;

impl<'a> Ctx<'a> {
    /// Whether the pair of argument tokens is read at all in this reading of the sentence.
    fn wanted(&self, a: usize, b: usize) -> bool {
        !self.references_only || self.arg(a).reference || self.arg(b).reference
    }

    fn words(&self, from: usize, to: usize) -> &'a [&'a str] {
        &self.words[from..to]
    }

    /// The word classes of the token at `token` ([`words::classes`]), looked up once.
    fn class(&self, token: usize) -> u16 {
        let cell = &self.classes[token];
        if cell.get() == UNCLASSED {
            cell.set(classes(self.words[token]));
        }
        cell.get()
    }

    fn arg(&self, token: usize) -> &Arg {
        &self.args[self.tokens[token].arg.expect("an argument token")]
    }

    fn next_text(&self, token: usize) -> &str {
        self.tokens.get(token + 1).map_or("", |t| t.text.as_ref())
    }

    /// An argument followed by another noun is only that noun's modifier ("US intervention"),
    /// unless the noun makes it stand for its country ("US officials").
    fn is_modifier(&self, token: usize) -> bool {
        match self.modifier.get(token) {
            Some(cell) => *cell.get_or_init(|| self.modifies(token)),
            None => self.modifies(token),
        }
    }

    fn modifies(&self, token: usize) -> bool {
        let next = self.next_text(token);
        if self.arg(token).demonym {
            return !is(next, HEAD);
        }
        if next == "'s" {
            // "Mexico's Defense Ministry": the possessor is not the argument.
            return self.tokens.get(token + 2).is_some_and(|t| t.arg.is_some());
        }
        if next == "-" {
            // "Pentagon-led task force", but not "US-Mexico".
            return self
                .tokens
                .get(token + 2)
                .is_some_and(|t| t.arg.is_none() && is_word(&t.text));
        }
        // A past-tense verb after the name ("the task force helped") is not a noun it modifies.
        is_word(next)
            && !next.ends_with("ed")
            && !is(next, HEAD | FOLLOWER | REPORTING_VERB)
            && next.chars().all(|c| !c.is_uppercase())
            && self.tokens.get(token + 1).is_some_and(|t| {
                self.text[t.span.start..t.span.end]
                    .chars()
                    .all(|c| !c.is_uppercase())
            })
            // A person is not a modifier before a verb ("Adam Urbanski put it"): "the Bush
            // administration" has a noun after the name. Asked last: the lexicon is the
            // dearest test.
            && !(self.arg(token).kind == crate::gazetteer::EntityKind::Person
                && crate::relations::patterns::is_verb_form(next))
    }

    fn span_of(&self, from: usize, to: usize) -> Span {
        Span::new(self.tokens[from].span.start, self.tokens[to - 1].span.end)
    }

    fn found(
        &self,
        p: &Pattern,
        subject: usize,
        object: usize,
        trigger: Option<Span>,
        negated: bool,
    ) -> Option<Found> {
        let (s, o) = (self.arg(subject), self.arg(object));
        if !p.allows(s.kind, o.kind) {
            return None;
        }
        let mut f = self.relation(&p.predicate, subject, object, trigger)?;
        f.qualifiers.negated = negated;
        Some(f)
    }

    /// `predicate` between the arguments at two tokens, with the sentence's qualifiers.
    fn relation(
        &self,
        predicate: &str,
        subject: usize,
        object: usize,
        trigger: Option<Span>,
    ) -> Option<Found> {
        let (s, o) = (self.arg(subject), self.arg(object));
        if s.entity == o.entity {
            return None;
        }
        let mut q = (self.qualifiers)
            .get_or_init(|| sentence_qualifiers(self))
            .clone();
        q.negated = false;
        let via = |a: &Arg| {
            a.reference
                .then(|| self.text[a.span.start..a.span.end].to_string())
        };
        q.via = match (via(s), via(o)) {
            (Some(x), Some(y)) => Some(format!("{x}; {y}")),
            (x, y) => x.or(y),
        };
        q.demonym = match (s.demonym, o.demonym) {
            (true, _) => Some("subject".into()),
            (_, true) => Some("object".into()),
            _ => None,
        };
        Some(Found {
            subject: s.entity,
            object: o.entity,
            subject_span: s.span,
            object_span: o.span,
            predicate: predicate.to_string(),
            trigger,
            qualifiers: q,
        })
    }
}

/// Finds typed relations in one sentence.
pub(crate) fn sentence_relations(
    doc: &Document,
    sentence: &Sentence,
    named: &Args,
    gazetteer: &Known,
    set: &PatternSet,
) -> Vec<Found> {
    let mut args: Vec<Arg> = named
        .mentions
        .iter()
        .map(|m| (m, false))
        .chain(named.anchors.iter().map(|m| (m, true)))
        .map(|(m, demonym)| Arg {
            entity: m.entity,
            kind: gazetteer.entity(m.entity).kind,
            span: m.span,
            demonym,
            reference: false,
            possessive: false,
        })
        .chain(named.references.iter().map(|r| Arg {
            entity: r.entity,
            kind: gazetteer.entity(r.entity).kind,
            span: r.span,
            demonym: false,
            reference: true,
            possessive: r.possessive,
        }))
        .collect();
    args.sort_by_key(|a| a.span);
    // Every relation joins two entities (`Ctx::relation`), and every other one is derived from
    // such a relation: a sentence naming fewer than two ("Obama ... he") has none to read. A
    // third of the second readings (through references) are such sentences.
    if args.iter().all(|a| a.entity == args[0].entity) {
        return Vec::new();
    }
    let mut tokens = tokenize(&doc.text, sentence.span, &args);
    // "Red Hand Brigade (RHB) threatened": an acronym in brackets after its own name is part
    // of that argument, not words between arguments.
    let mut i = 0;
    while i + 3 < tokens.len() {
        let same = |a: &Token, b: &Token| match (a.arg, b.arg) {
            (Some(x), Some(y)) => args[x].entity == args[y].entity,
            _ => false,
        };
        if tokens[i + 1].text == "("
            && tokens[i + 3].text == ")"
            && same(&tokens[i], &tokens[i + 2])
        {
            tokens.drain(i + 1..i + 4);
        }
        i += 1;
    }
    let words: Vec<&str> = tokens.iter().map(|t| t.text.as_ref()).collect();
    let ctx = Ctx {
        text: &doc.text,
        modifier: vec![std::cell::OnceCell::new(); tokens.len()],
        classes: vec![std::cell::Cell::new(UNCLASSED); tokens.len()],
        tokens: &tokens,
        words: &words,
        args,
        gazetteer,
        qualifiers: std::cell::OnceCell::new(),
        references_only: !named.references.is_empty(),
    };
    let active = set.active(words.iter().copied());
    // Verb patterns a pair may take: those starting with a word where a verb phrase may start.
    let (mut verbs, mut stamp) = (vec![0u32; set.list.len()], 0u32);
    let arg_tokens: Vec<usize> = (0..ctx.tokens.len())
        .filter(|&i| ctx.tokens[i].arg.is_some())
        .collect();
    let mut out = Vec::new();
    // Where verb phrases may start between a pair, in one buffer for every pair.
    let mut starts = Vec::new();
    for (x, &a) in arg_tokens.iter().enumerate() {
        for &b in &arg_tokens[x + 1..] {
            // Pairs too far apart for any family are skipped before looking at patterns.
            if b - a > 40 || !ctx.wanted(a, b) {
                continue;
            }
            let between = ctx.words(a + 1, b);
            let mut verb_pair = None;
            for &pi in &active {
                let p = &set.list[pi as usize];
                let found = match p.family {
                    Family::Verb => {
                        let ok = *verb_pair.get_or_insert_with(|| {
                            stamp += 1;
                            let marks = (&mut verbs[..], stamp);
                            mark_verbs(&ctx, set, (a, b), marks, &mut starts)
                        });
                        if ok && verbs[pi as usize] == stamp {
                            verb(&ctx, p, (a, b), between, &starts)
                        } else {
                            None
                        }
                    }
                    Family::Noun => noun(&ctx, p, a, b, between),
                    Family::Title => title(&ctx, p, a, b, between),
                    Family::Place => place(&ctx, p, a, b, between),
                    Family::Possessive => possessive(&ctx, p, a, b, between),
                };
                let Some(f) = found else { continue };
                if matches!(p.family, Family::Verb | Family::Place)
                    && f.object_span == ctx.arg(b).span
                {
                    out.extend(coordinated(&ctx, &f, b, true));
                }
                if p.family == Family::Verb && f.subject_span == ctx.arg(a).span {
                    out.extend(coordinated(&ctx, &f, a, false));
                }
                out.push(f);
            }
        }
    }
    // Pairs a pattern related; the constructions and then open relations take the rest.
    let mut taken: std::collections::HashSet<(Span, Span)> = out
        .iter()
        .map(|f| (f.subject_span, f.object_span))
        .collect();
    if set.constructions {
        let found = constructions::find(&ctx, &words, &arg_tokens, &taken);
        taken.extend(found.iter().map(|f| (f.subject_span, f.object_span)));
        out.extend(found);
        let found = residence::find(&ctx, &words, &arg_tokens, &taken);
        taken.extend(found.iter().map(|f| (f.subject_span, f.object_span)));
        out.extend(found);
    }
    if set.open {
        out.extend(open::find(&ctx, &arg_tokens, &taken));
    }
    if set.constructions {
        let more: Vec<Found> = (out.iter())
            .flat_map(|f| {
                let home = residence::through_employer(&ctx, &words, f);
                brackets::same_organization(&ctx, f).into_iter().chain(home)
            })
            .collect();
        out.extend(more);
        let widened: Vec<Found> = out
            .iter()
            .flat_map(|f| constructions::up_the_chain(&ctx, &words, f))
            .collect();
        out.extend(widened);
    }
    // One relation per (subject, predicate, object) and sentence: the first found.
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|f| seen.insert((f.subject, f.predicate.clone(), f.object)));
    out
}

fn phrase_at(phrases: &[Vec<Slot>], words: &[&str]) -> Option<usize> {
    phrases.iter().filter_map(|p| match_at(p, words)).max()
}
