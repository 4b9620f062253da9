//! How `graph.json` stores evidence: each sentence text once, in a `sentences` table, and each
//! edge's evidence as quotes: a sentence of that table with the argument spans in it, and every
//! place (document, sentence number, offset) where that same sentence says it. A wire story
//! reprinted forty times is one quote with forty places, not forty copies of its text; a
//! sentence naming six entities is written once, not once for each of its fifteen pairs.
//!
//! In memory an edge still holds plain [`Evidence`] records; this module turns one into the
//! other and back, losslessly (a test round-trips every field).

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::kept::{Kept, Strings, Table, absolute, relative};
use crate::relations::{Evidence, Qualifiers};

/// Evidence read in one sentence text, at one or more places. Spans are byte offsets into the
/// sentence text (they may fall outside it, as a dateline does, hence signed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// Index into the file's `sentences`.
    pub sentence: usize,
    /// The subject's (or first entity's) bytes in the sentence.
    pub source: (i32, i32),
    /// The object's (or second entity's).
    pub target: (i32, i32),
    /// The trigger words, for typed relations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<(i32, i32)>,
    /// As the records had them (records differing here are separate quotes).
    #[serde(default, skip_serializing_if = "Qualifiers::is_plain")]
    pub qualifiers: Qualifiers,
    /// Where it was read: document (index into `documents`), sentence number in that document,
    /// and the byte where the sentence starts.
    pub at: Vec<(usize, u32, usize)>,
}

/// A document's name, and the story it copies when it is a copy: what a quote's place points to.
pub type DocumentRef = (Arc<str>, Option<Arc<str>>);

/// Builds a file's `sentences` table while its edges' evidence is grouped into quotes.
pub struct Quoter<'a> {
    documents: HashMap<&'a str, usize>,
    /// The table, in order of first use.
    sentences: Strings,
    /// For the builder's kept records: the file's number of each text and document name of
    /// the builder's table, once looked up (`u32::MAX`, `None`: not yet), and which table
    /// (held, so that its numbers cannot come to mean another table's).
    kept: (Option<Arc<Table>>, Vec<u32>, Vec<Option<usize>>),
}

impl<'a> Quoter<'a> {
    /// Documents are numbered by their place in `names` (the file's `documents` list).
    pub fn new(names: impl Iterator<Item = &'a str>) -> Quoter<'a> {
        let mut documents = HashMap::new();
        for (i, n) in names.enumerate() {
            documents.entry(n).or_insert(i);
        }
        Quoter {
            documents,
            sentences: Strings::default(),
            kept: (None, Vec::new(), Vec::new()),
        }
    }

    /// The sentence table so far, in order of first use.
    pub fn sentences(&self) -> &[Arc<str>] {
        &self.sentences.list
    }

    /// One edge's records as quotes, in the order of their first place.
    ///
    /// # Complexity
    /// O(k q) for k records falling into q quotes (k is at most `--max-evidence`).
    pub fn quote(&mut self, records: &[Evidence]) -> Vec<Quote> {
        let mut quotes = Vec::new();
        for ev in records {
            let sentence = self.sentences.id(&ev.text) as usize;
            let doc = self.documents.get(&*ev.doc).copied().unwrap_or(usize::MAX);
            let head = (
                sentence,
                relative(ev.source_span, ev.start),
                relative(ev.target_span, ev.start),
                ev.trigger.map(|t| relative(t, ev.start)),
            );
            let qualifiers = &ev.qualifiers;
            let place = (doc, ev.sentence, ev.start);
            add_place(&mut quotes, head, qualifiers, || qualifiers.clone(), place);
        }
        quotes.into_iter().map(|(q, _)| q).collect()
    }

    /// [`Quoter::quote`] of the records `records` stand for, the same quotes without building
    /// the records: a text, document or set of qualifiers is compared by the table's number
    /// for it, and each number is looked up in the file's tables once.
    pub fn quote_kept(&mut self, records: &[Kept], table: &Arc<Table>) -> Vec<Quote> {
        if !self.kept.0.as_ref().is_some_and(|t| Arc::ptr_eq(t, table)) {
            self.kept = (Some(Arc::clone(table)), Vec::new(), Vec::new());
        }
        let mut quotes = Vec::new();
        for k in records {
            let p = table.parts(k);
            let (texts, docs) = (&mut self.kept.1, &mut self.kept.2);
            if texts.len() <= p.text as usize {
                texts.resize(p.text as usize + 1, u32::MAX);
            }
            if texts[p.text as usize] == u32::MAX {
                texts[p.text as usize] = self.sentences.id(table.text_by_id(p.text));
            }
            let sentence = texts[p.text as usize] as usize;
            if docs.len() <= p.doc as usize {
                docs.resize(p.doc as usize + 1, None);
            }
            let documents = &self.documents;
            let doc = *docs[p.doc as usize].get_or_insert_with(|| {
                let name = table.doc_by_id(p.doc);
                documents.get(&**name).copied().unwrap_or(usize::MAX)
            });
            let head = (sentence, p.source, p.target, p.trigger);
            let qualifiers = || table.qualifiers_by_id(p.qualifiers).clone();
            let place = (doc, p.sentence, p.start);
            add_place(&mut quotes, head, p.qualifiers, qualifiers, place);
        }
        quotes.into_iter().map(|(q, _)| q).collect()
    }
}

/// A quote's sentence, source, target and trigger: what, with its qualifiers, tells it apart.
type Head = (usize, (i32, i32), (i32, i32), Option<(i32, i32)>);

/// Adds `place` to the quote of `quotes` with this head and qualifiers (`key` stands for them),
/// or starts one.
fn add_place<K: PartialEq>(
    quotes: &mut Vec<(Quote, K)>,
    (sentence, source, target, trigger): Head,
    key: K,
    qualifiers: impl FnOnce() -> Qualifiers,
    place: (usize, u32, usize),
) {
    let same = |(q, k): &&mut (Quote, K)| {
        (q.sentence, q.source, q.target, q.trigger) == (sentence, source, target, trigger)
            && *k == key
    };
    match quotes.iter_mut().find(same) {
        Some((q, _)) => q.at.push(place),
        None => quotes.push((
            Quote {
                sentence,
                source,
                target,
                trigger,
                qualifiers: qualifiers(),
                at: vec![place],
            },
            key,
        )),
    }
}

/// Quotes back to records, in document order as the builder kept them; `sentence` reads an
/// entry of the sentence table. A place naming a document or sentence the file lacks is skipped
/// (a hand-edited file).
pub fn unquote(
    quotes: Vec<Quote>,
    documents: &[DocumentRef],
    sentence: impl Fn(usize) -> Option<Arc<str>>,
) -> Vec<Evidence> {
    let mut out = Vec::new();
    for q in quotes {
        let Some(text) = sentence(q.sentence) else {
            continue;
        };
        for &(doc, sentence, start) in &q.at {
            let Some((name, copy_of)) = documents.get(doc) else {
                continue;
            };
            out.push(Evidence {
                doc: Arc::clone(name),
                sentence,
                start,
                end: start + text.len(),
                text: Arc::clone(&text),
                source_span: absolute(q.source, start),
                target_span: absolute(q.target, start),
                trigger: q.trigger.map(|t| absolute(t, start)),
                qualifiers: q.qualifiers.clone(),
                copy_of: copy_of.clone(),
            });
        }
    }
    out.sort();
    out
}
