//! Evidence as the builder keeps it: a few numbers a record, pointing into one table of
//! document names, sentence texts and qualifiers. An edge keeps up to `--max-evidence` records,
//! so on a big corpus records are most of the builder's memory; a plain [`Evidence`] is about
//! 240 bytes and holds its own pointers, a [`Kept`] is 32 and shares everything else: the
//! records read in one sentence (five or so: its co-occurrences and typed relations) share one
//! entry for where that sentence is.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

use crate::normalize::WordMap;
use crate::relations::{Evidence, Qualifiers};
use crate::sentences::Span;

/// No trigger.
const NO_TRIGGER: (i32, i32) = (i32::MIN, i32::MIN);

/// One evidence record; spans are relative to the sentence start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    /// Where the sentence is: an index into [`Table::places`].
    place: u32,
    qualifiers: u32,
    source: (i32, i32),
    target: (i32, i32),
    trigger: (i32, i32),
}

/// A record as [`Table::parts`] gives it: spans relative to the sentence start.
pub(crate) struct Parts {
    pub text: u32,
    pub doc: u32,
    pub sentence: u32,
    pub start: usize,
    pub source: (i32, i32),
    pub target: (i32, i32),
    pub trigger: Option<(i32, i32)>,
    pub qualifiers: u32,
}

/// A sentence of a document, as records read in it point to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    start: u64,
    doc: u32,
    sentence: u32,
    text: u32,
}

/// Shared strings numbered in order of first use. Records come in runs that share one string
/// (a sentence's relations share its text, a piece's its document name), so most lookups are a
/// pointer comparison with the last one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Strings {
    /// By number.
    pub list: Vec<Arc<str>>,
    ids: WordMap<Arc<str>, u32>,
    last: Option<(Arc<str>, u32)>,
}

impl Strings {
    /// The number of `s`, given one the first time it is seen.
    pub fn id(&mut self, s: &Arc<str>) -> u32 {
        if let Some((last, id)) = &self.last
            && Arc::ptr_eq(last, s)
        {
            return *id;
        }
        let next = self.list.len() as u32;
        let id = *self.ids.entry(Arc::clone(s)).or_insert(next);
        if id == next {
            self.list.push(Arc::clone(s));
        }
        self.last = Some((Arc::clone(s), id));
        id
    }
}

/// What kept records point into.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Document names.
    docs: Strings,
    /// The story each document copies, if it is a copy.
    copy_of: Vec<Option<Arc<str>>>,
    texts: Strings,
    /// Sentences records were read in; a sentence's records arrive together, so a new place is
    /// only compared with the last one.
    places: Vec<Place>,
    /// Index 0 is the plain qualifiers most records have.
    qualifiers: Vec<Qualifiers>,
    qualifier_ids: HashMap<Qualifiers, u32>,
}

/// A span as offsets from `base` (a sentence's start): small numbers, and the same for every
/// place a sentence is repeated. A span may lie before its sentence (a dateline), hence signed.
pub(crate) fn relative(span: Span, base: usize) -> (i32, i32) {
    (
        (span.start as i64 - base as i64) as i32,
        (span.end as i64 - base as i64) as i32,
    )
}

/// The span `relative` made from `base`.
pub(crate) fn absolute((start, end): (i32, i32), base: usize) -> Span {
    let at = |x: i32| (base as i64 + i64::from(x)).max(0) as usize;
    Span::new(at(start), at(end))
}

fn intern<K: std::hash::Hash + Eq + Clone>(
    list: &mut Vec<K>,
    ids: &mut HashMap<K, u32>,
    key: &K,
) -> u32 {
    if let Some(&id) = ids.get(key) {
        return id;
    }
    let id = list.len() as u32;
    list.push(key.clone());
    ids.insert(key.clone(), id);
    id
}

impl Table {
    /// An empty table.
    pub fn new() -> Table {
        let mut t = Table::default();
        t.qualifiers.push(Qualifiers::default());
        t.qualifier_ids.insert(Qualifiers::default(), 0);
        t
    }

    /// The compact form of `ev`, its document, text and qualifiers added to the table.
    pub fn keep(&mut self, ev: &Evidence) -> Kept {
        let doc = self.docs.id(&ev.doc);
        if doc as usize == self.copy_of.len() {
            self.copy_of.push(ev.copy_of.clone());
        }
        let here = Place {
            start: ev.start as u64,
            doc,
            sentence: ev.sentence,
            text: self.texts.id(&ev.text),
        };
        if self.places.last() != Some(&here) {
            self.places.push(here);
        }
        Kept {
            place: (self.places.len() - 1) as u32,
            qualifiers: if ev.qualifiers.is_plain() {
                0
            } else {
                intern(
                    &mut self.qualifiers,
                    &mut self.qualifier_ids,
                    &ev.qualifiers,
                )
            },
            source: relative(ev.source_span, ev.start),
            target: relative(ev.target_span, ev.start),
            trigger: ev.trigger.map_or(NO_TRIGGER, |t| relative(t, ev.start)),
        }
    }

    fn place(&self, k: &Kept) -> &Place {
        &self.places[k.place as usize]
    }

    /// The record `k` stands for.
    pub fn evidence(&self, k: &Kept) -> Evidence {
        let place = self.place(k);
        let (doc, copy_of) = (
            &self.docs.list[place.doc as usize],
            &self.copy_of[place.doc as usize],
        );
        let text = self.text(k);
        let start = place.start as usize;
        Evidence {
            doc: Arc::clone(doc),
            sentence: place.sentence,
            start,
            end: start + text.len(),
            text: Arc::clone(text),
            source_span: absolute(k.source, start),
            target_span: absolute(k.target, start),
            trigger: (k.trigger != NO_TRIGGER).then(|| absolute(k.trigger, start)),
            qualifiers: self.qualifiers[k.qualifiers as usize].clone(),
            copy_of: copy_of.clone(),
        }
    }

    /// Whether `ev` surely comes after the record `k` stands for, by document, sentence and
    /// offset alone (false when that does not decide).
    pub fn surely_after(&self, ev: &Evidence, k: &Kept) -> bool {
        let place = self.place(k);
        let name = self.doc_by_id(place.doc);
        (Arc::ptr_eq(name, &ev.doc) || **name == *ev.doc)
            && (ev.sentence, ev.start as u64) > (place.sentence, place.start)
    }

    /// What a quote needs of the record `k` stands for, with the table's own numbers for its
    /// text, document name and qualifiers (each number names one distinct value).
    pub(crate) fn parts(&self, k: &Kept) -> Parts {
        let place = self.place(k);
        Parts {
            text: place.text,
            doc: place.doc,
            sentence: place.sentence,
            start: place.start as usize,
            source: k.source,
            target: k.target,
            trigger: (k.trigger != NO_TRIGGER).then_some(k.trigger),
            qualifiers: k.qualifiers,
        }
    }

    /// The sentence text numbered `id` in [`Table::parts`].
    pub(crate) fn text_by_id(&self, id: u32) -> &Arc<str> {
        &self.texts.list[id as usize]
    }

    /// The document name numbered `id` in [`Table::parts`].
    pub(crate) fn doc_by_id(&self, id: u32) -> &Arc<str> {
        &self.docs.list[id as usize]
    }

    /// The qualifiers numbered `id` in [`Table::parts`].
    pub(crate) fn qualifiers_by_id(&self, id: u32) -> &Qualifiers {
        &self.qualifiers[id as usize]
    }

    /// The sentence text of the record `k` stands for.
    pub fn text(&self, k: &Kept) -> &Arc<str> {
        self.text_by_id(self.place(k).text)
    }

    /// The order of the records they stand for (document name, sentence, offsets, text,
    /// spans, trigger, qualifiers), without building them.
    pub fn cmp(&self, a: &Kept, b: &Kept) -> Ordering {
        let (pa, pb) = (self.place(a), self.place(b));
        let name = |p: &Place| self.doc_by_id(p.doc);
        let text = |p: &Place| self.text_by_id(p.text);
        let docs = if pa.doc == pb.doc {
            Ordering::Equal
        } else {
            name(pa).cmp(name(pb))
        };
        docs.then(pa.sentence.cmp(&pb.sentence))
            .then(pa.start.cmp(&pb.start))
            .then_with(|| text(pa).len().cmp(&text(pb).len()))
            .then_with(|| text(pa).cmp(text(pb)))
            .then(a.source.cmp(&b.source))
            .then(a.target.cmp(&b.target))
            .then_with(|| {
                let trigger = |k: &Kept| (k.trigger != NO_TRIGGER).then_some(k.trigger);
                trigger(a).cmp(&trigger(b))
            })
            .then_with(|| {
                self.qualifiers[a.qualifiers as usize].cmp(&self.qualifiers[b.qualifiers as usize])
            })
    }
}

/// Keeps the first `max` records in document order: `kept` stays sorted by [`Table::cmp`].
///
/// # Complexity
/// O(log max) to reject a record, O(max) to insert one.
pub fn keep(kept: &mut Vec<Kept>, record: Kept, max: usize, table: &Table) {
    if max == 0 {
        return;
    }
    if kept.len() >= max {
        match kept.last() {
            Some(last) if table.cmp(&record, last) == Ordering::Less => {
                kept.truncate(max - 1);
            }
            _ => return,
        }
    }
    // Records mostly come in document order: then the new one goes last.
    let at = match kept.last() {
        Some(last) if table.cmp(last, &record) == Ordering::Greater => {
            kept.partition_point(|k| table.cmp(k, &record) == Ordering::Less)
        }
        _ => kept.len(),
    };
    if kept.len() == kept.capacity() {
        // Grow to at most `max`: doubling past it would leave a quarter of every full list idle.
        let want = (kept.len() * 2).max(4).min(max);
        kept.reserve_exact(want - kept.len());
    }
    kept.insert(at, record);
}

#[cfg(test)]
mod tests {
    use super::{Table, keep};
    use crate::relations::Evidence;
    use crate::sentences::Span;

    fn record(doc: &str, sentence: u32, start: usize, text: &str, hedged: bool) -> Evidence {
        let mut ev = crate::testing::evidence(doc, sentence, start, text);
        ev.trigger = (sentence % 2 == 1).then(|| Span::new(start + 1, start + 3));
        ev.qualifiers.hedged = hedged;
        ev.copy_of = (doc == "c").then(|| "a".into());
        ev
    }

    /// Two texts in sentences 3, 0 and 1 (1 hedged) of each document, sentence `n` starting at
    /// byte `n * stride`.
    fn records(docs: &[&str], stride: usize) -> Vec<Evidence> {
        let mut all = Vec::new();
        for doc in docs {
            for sentence in [3, 0, 1] {
                for text in ["Ann met Bo.", "Ann and Bo."] {
                    let start = stride * sentence as usize;
                    all.push(record(doc, sentence, start, text, sentence == 1));
                }
            }
        }
        all
    }

    /// Quoting kept records by the table's numbers gives the quotes of the records they stand
    /// for: shared texts, repeated places, a copy, triggers, qualifiers, a document the file
    /// does not list.
    #[test]
    fn kept_records_quote_as_the_records_they_stand_for() {
        use crate::graph::quotes::Quoter;
        let all = records(&["b", "a", "c", "z"], 7);
        let mut table = Table::new();
        let kept: Vec<_> = all.iter().map(|r| table.keep(r)).collect();
        let table = std::sync::Arc::new(table);
        let docs = ["b", "a", "c"];
        let (mut plain, mut by_number) =
            (Quoter::new(docs.into_iter()), Quoter::new(docs.into_iter()));
        // Two edges through one quoter each: numbers looked up for the first serve the second.
        for (from, to) in [(0, 9), (5, all.len())] {
            let records: Vec<Evidence> = kept[from..to].iter().map(|k| table.evidence(k)).collect();
            assert_eq!(records, all[from..to]);
            assert_eq!(
                by_number.quote_kept(&kept[from..to], &table),
                plain.quote(&records)
            );
        }
        assert_eq!(by_number.sentences(), plain.sentences());
    }

    /// A kept record is the builder's biggest cost on a big corpus (100 a edge).
    #[test]
    fn a_kept_record_is_32_bytes() {
        assert_eq!(std::mem::size_of::<super::Kept>(), 32);
    }

    /// Whatever order records come in, the list holds the first `max` in the order of plain
    /// records, and each reads back as the record it was.
    #[test]
    fn keeps_the_first_records_in_document_order() {
        let all = records(&["b", "a", "c"], 10);
        for max in [1, 3, 7, all.len(), all.len() + 5] {
            for step in [1, 5, 7] {
                let mut table = Table::new();
                let mut kept = Vec::new();
                // Every `step`-th record, wrapping round: the same records in another order.
                for i in 0..all.len() {
                    let r = table.keep(&all[i * step % all.len()]);
                    keep(&mut kept, r, max, &table);
                }
                let mut expected = all.clone();
                expected.sort();
                expected.truncate(max);
                let back: Vec<Evidence> = kept.iter().map(|k| table.evidence(k)).collect();
                assert_eq!(back, expected, "max {max}, step {step}");
                assert!(kept.capacity() <= max.max(4), "{}", kept.capacity());
            }
        }
    }
}
