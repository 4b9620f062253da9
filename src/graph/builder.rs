//! Facts → the knowledge graph, one document at a time. The builder keeps per-entity and
//! per-edge tallies, never the documents, so memory grows with the graph, not the corpus; each
//! edge keeps at most `max_evidence` evidence records (the first in document order), while its
//! weight counts every sentence. The result is sorted by stable ids, so it is the same whatever
//! order the documents came in, in one run or from many fact files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::kept::{Kept, Table};
use crate::normalize::WordMap;

use super::{DocumentInfo, Edge, Evidences, GraphFile, KnowledgeGraph, Node};
use crate::facts::DocFacts;
use crate::gazetteer::EntityKind;
use crate::relations::{CO_OCCURS, Evidence};

/// Evidence records an edge keeps by default.
pub const DEFAULT_MAX_EVIDENCE: usize = 100;

struct NodeTally {
    /// The last document (its number, from 1) it was counted in.
    last_doc: usize,
    /// Sentences naming it, for the significance of its co-occurrences.
    sentences: u32,
    /// The last (document number, sentence) it was counted in.
    last_sentence: Option<(usize, u32)>,
    name: String,
    kind: EntityKind,
    /// For a discovered entity: the highest confidence, the documents that typed it each way
    /// (PERSON, ORG, PLACE), and the cues.
    discovered: Option<(f32, [u32; 3], BTreeSet<String>)>,
    aliases: Vec<String>,
    mentions: u32,
    documents: u32,
    seen: BTreeSet<String>,
    dates: Option<(String, String)>,
    /// Latitude, longitude, country and containers, as the first document gave them.
    location: (Option<f64>, Option<f64>, Option<String>, Vec<String>),
}

#[derive(Default)]
struct EdgeTally {
    /// The last document (its number, from 1) it was counted in.
    last_doc: usize,
    open: bool,
    weight: u32,
    documents: u32,
    dates: Option<(String, String)>,
    evidence: Vec<Kept>,
}

/// (source, target, relation, negated): shared strings, so counting an edge again allocates
/// nothing.
type EdgeKey = (Arc<str>, Arc<str>, Arc<str>, bool);

/// What has been counted for the document being folded in, so that the pieces of a big file
/// count as one document.
#[derive(Default)]
struct Current {
    doc: String,
    /// The document this one is a copy of, when it is.
    copy_of: Option<std::sync::Arc<str>>,
    sentences: u32,
}

/// How a discovered surname's evidence says which people of the corpus share it (`kg show` prints
/// it on a line of its own).
pub const SHARED_SURNAME: &str = "the surname of several people: ";

/// Folds documents' facts into a graph.
pub struct GraphBuilder {
    max_evidence: usize,
    current: Current,
    nodes: BTreeMap<String, NodeTally>,
    edges: WordMap<EdgeKey, EdgeTally>,
    /// Sentences of every document, for the significance of co-occurrences.
    sentences: u64,
    /// Fold near-duplicate documents into one story (off with `--keep-copies`).
    pub fold_copies: bool,
    /// Fingerprints of the stories seen (not of copies), by document name.
    stories: Vec<(String, Vec<u32>)>,
    /// Band → stories having it, to find copies without comparing every pair.
    bands: HashMap<(u8, u64), Vec<usize>>,
    documents: Vec<DocumentInfo>,
    /// What kept evidence points into: each document name, sentence text and set of
    /// qualifiers once.
    table: Table,
}

fn widen(range: &mut Option<(String, String)>, date: Option<&str>) {
    let Some(d) = date else { return };
    match range {
        Some((first, last)) => {
            if d < first.as_str() {
                *first = d.to_string();
            }
            if d > last.as_str() {
                *last = d.to_string();
            }
        }
        None => *range = Some((d.to_string(), d.to_string())),
    }
}

impl GraphBuilder {
    /// An empty builder keeping up to `max_evidence` evidence records per edge.
    pub fn new(max_evidence: usize) -> GraphBuilder {
        GraphBuilder {
            max_evidence,
            current: Current::default(),
            nodes: BTreeMap::new(),
            edges: WordMap::default(),
            sentences: 0,
            fold_copies: true,
            stories: Vec::new(),
            bands: HashMap::new(),
            documents: Vec::new(),
            table: Table::new(),
        }
    }

    /// The story `fingerprint` copies, if an earlier document told it; otherwise it becomes a
    /// story of its own.
    fn original_of(&mut self, doc: &str, fingerprint: &[u32]) -> Option<std::sync::Arc<str>> {
        use crate::fingerprint::{COPY_SIMILARITY, bands, similarity};
        if !self.fold_copies || fingerprint.is_empty() {
            return None;
        }
        let keys = bands(fingerprint);
        let mut candidates: Vec<usize> = keys
            .iter()
            .filter_map(|k| self.bands.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        // The most similar story, the earliest on a tie.
        let best = candidates
            .into_iter()
            .map(|i| (similarity(&self.stories[i].1, fingerprint), i))
            .filter(|(s, _)| *s >= COPY_SIMILARITY)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, i)) = best {
            return Some(self.stories[i].0.as_str().into());
        }
        let i = self.stories.len();
        self.stories.push((doc.to_string(), fingerprint.to_vec()));
        for k in keys {
            self.bands.entry(k).or_default().push(i);
        }
        None
    }

    /// Folds in one document.
    ///
    /// # Complexity
    /// O(m log n + r (log e + k)) for m mentions, r relations, n nodes, e edges, k kept
    /// evidence records per edge.
    pub fn add(&mut self, facts: DocFacts) {
        let continues = facts.part > 0 && self.current.doc == facts.doc;
        if continues {
            if let Some(d) = self.documents.last_mut() {
                d.mentions += facts.mentions.len() as u32;
            }
        } else {
            let copy_of = self.original_of(&facts.doc, &facts.fingerprint);
            self.current = Current {
                doc: facts.doc.clone(),
                copy_of: copy_of.clone(),
                ..Current::default()
            };
            self.documents.push(DocumentInfo {
                copy_of: copy_of.map(|c| c.to_string()),
                name: facts.doc.clone(),
                date: facts.date.clone(),
                mentions: facts.mentions.len() as u32,
            });
        }
        // A piece's sentence numbers continue the previous pieces'.
        let first_sentence = self.current.sentences;
        self.current.sentences += facts.sentences;
        if let Some(original) = self.current.copy_of.clone() {
            self.add_copy(facts, first_sentence, original);
            return;
        }
        self.sentences += u64::from(facts.sentences);
        // The date is the document's, read from its first piece.
        let date = self.documents.last().and_then(|d| d.date.clone());
        let date = date.as_deref();
        for e in facts.entities {
            let discovered = e.confidence.map(|c| {
                let mut kinds = [0; 3];
                kinds[kind_index(e.kind)] = 1;
                (c, kinds, e.evidence.iter().cloned().collect())
            });
            let tally = match self.nodes.entry(e.id.clone()) {
                std::collections::btree_map::Entry::Vacant(v) => v.insert(NodeTally {
                    sentences: 0,
                    last_sentence: None,
                    last_doc: 0,
                    name: e.name,
                    kind: e.kind,
                    discovered,
                    aliases: e.aliases,
                    mentions: 0,
                    documents: 0,
                    seen: BTreeSet::new(),
                    dates: None,
                    location: (e.latitude, e.longitude, e.country, e.within),
                }),
                std::collections::btree_map::Entry::Occupied(o) => {
                    let t = o.into_mut();
                    // One sense per corpus: a discovered name takes the type most documents
                    // give it; its short forms and cues add up.
                    if let (Some(mine), Some(theirs)) = (&mut t.discovered, discovered) {
                        // The same name in any shard order: the smallest spelling.
                        if e.name < t.name {
                            t.name = e.name;
                        }
                        mine.0 = mine.0.max(theirs.0);
                        for k in 0..3 {
                            mine.1[k] += theirs.1[k];
                        }
                        mine.2.extend(theirs.2);
                        for a in e.aliases {
                            if !t.aliases.contains(&a) {
                                t.aliases.push(a);
                            }
                        }
                    }
                    t
                }
            };
            if tally.last_doc != self.documents.len() {
                tally.last_doc = self.documents.len();
                tally.documents += 1;
                widen(&mut tally.dates, date);
            }
        }
        // One node lookup per entity, not per mention: the mentions are grouped by entity, each
        // group in text order, which is all the sentence count needs. The order is sorted as
        // pairs of integers (the entity's number in order of first mention, the position), not
        // by moving the mentions; numbering by id, not by the id's address, groups the mentions
        // of a fact file too, whose ids are apart.
        let mut mentions = facts.mentions;
        let mut order: Vec<(u32, usize)> = {
            let mut number: crate::normalize::WordMap<&str, u32> = Default::default();
            (mentions.iter().enumerate())
                .map(|(i, m)| {
                    let next = number.len() as u32;
                    (*number.entry(&*m.entity).or_insert(next), i)
                })
                .collect()
        };
        order.sort_unstable();
        for group in order.chunk_by(|a, b| a.0 == b.0) {
            let Some(t) = self.nodes.get_mut(&*mentions[group[0].1].entity) else {
                continue;
            };
            for &(_, i) in group {
                let m = &mut mentions[i];
                t.mentions += 1;
                let at = (self.documents.len(), first_sentence + m.sentence);
                if t.last_sentence != Some(at) {
                    t.sentences += 1;
                    t.last_sentence = Some(at);
                }
                // One form per spelling, whatever line breaks split it; most forms need no
                // rewriting, and most are already known.
                let plain = !m.text.contains("  ")
                    && !m.text.contains(|c: char| c.is_whitespace() && c != ' ');
                let text = if plain {
                    std::mem::take(&mut m.text)
                } else {
                    m.text.split_whitespace().collect::<Vec<_>>().join(" ")
                };
                if !t.seen.contains(&text) {
                    t.seen.insert(text);
                }
            }
        }
        for r in facts.relations {
            let (key, evidence) = edge_of(r, first_sentence);
            let tally = self.edges.entry(key).or_default();
            tally.open |= evidence.qualifiers.open;
            tally.weight += 1;
            if tally.last_doc != self.documents.len() {
                tally.last_doc = self.documents.len();
                tally.documents += 1;
                widen(&mut tally.dates, date);
            }
            keep_evidence(
                &mut tally.evidence,
                evidence,
                self.max_evidence,
                &mut self.table,
            );
        }
    }

    /// A copy of a story counts for nothing: its sentences join the evidence of the edges the
    /// story already has, marked with the document they copy.
    fn add_copy(&mut self, facts: DocFacts, first_sentence: u32, original: std::sync::Arc<str>) {
        for r in facts.relations {
            let (key, mut evidence) = edge_of(r, first_sentence);
            evidence.copy_of = Some(std::sync::Arc::clone(&original));
            if let Some(tally) = self.edges.get_mut(&key) {
                keep_evidence(
                    &mut tally.evidence,
                    evidence,
                    self.max_evidence,
                    &mut self.table,
                );
            }
        }
    }

    /// Across the corpus, a person known only by a surname in some documents ("Churchill") is
    /// the one person the corpus names in full with it ("Ward Churchill"), when there is one:
    /// its node, mentions and edges fold into that person's. When several people share the
    /// surname it stays apart, and its evidence says whose surname it is. Documents are read
    /// apart, so this is a step of the builder; within a document discovery already links.
    fn link_surnames(&mut self) {
        let kind_of = |t: &NodeTally| match &t.discovered {
            Some((_, kinds, _)) => majority(kinds),
            None => t.kind,
        };
        let mut full: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (id, t) in &self.nodes {
            if kind_of(t) == EntityKind::Person
                && t.mentions > 0
                && let Some((_, last)) = t.name.rsplit_once(' ')
            {
                full.entry(last).or_default().push(id);
            }
        }
        let mut rename: BTreeMap<String, String> = BTreeMap::new();
        let mut shared: Vec<(String, String)> = Vec::new();
        for (id, t) in &self.nodes {
            // A discovered one-word name, read as a person or (a surname's usual mistake) a place.
            if t.discovered.is_none() || t.name.contains(' ') || kind_of(t) == EntityKind::Org {
                continue;
            }
            match full.get(t.name.as_str()).map(Vec::as_slice) {
                Some([one]) => {
                    rename.insert(id.clone(), one.to_string());
                }
                Some(many) => {
                    let names: Vec<&str> =
                        many.iter().map(|m| self.nodes[*m].name.as_str()).collect();
                    shared.push((id.clone(), format!("{SHARED_SURNAME}{}", names.join("; "))));
                }
                None => {}
            }
        }
        for (id, cue) in shared {
            if let Some((_, _, cues)) = self.nodes.get_mut(&id).and_then(|t| t.discovered.as_mut())
            {
                cues.insert(cue);
            }
        }
        if rename.is_empty() {
            return;
        }
        for (short, long) in &rename {
            let s = self.nodes.remove(short).expect("a node");
            let l = self.nodes.get_mut(long).expect("a node");
            l.mentions += s.mentions;
            l.sentences += s.sentences;
            // Documents naming both were linked there already, so the counts add up.
            l.documents += s.documents;
            l.seen.extend(s.seen);
            if !l.aliases.contains(&s.name) {
                l.aliases.push(s.name);
            }
            if let Some((first, last)) = s.dates {
                widen(&mut l.dates, Some(&first));
                widen(&mut l.dates, Some(&last));
            }
        }
        let renamed = |id: &Arc<str>| match rename.get(&**id) {
            Some(to) => Arc::from(to.as_str()),
            None => Arc::clone(id),
        };
        let old = std::mem::take(&mut self.edges);
        let mut moved: Vec<(EdgeKey, EdgeTally)> = Vec::new();
        for (key, tally) in old {
            if rename.contains_key(&*key.0) || rename.contains_key(&*key.1) {
                moved.push((key, tally));
            } else {
                self.edges.insert(key, tally);
            }
        }
        // In key order, so the evidence kept is the same whatever the hash order.
        moved.sort_by(|a, b| a.0.cmp(&b.0));
        for ((source, target, relation, negated), tally) in moved {
            let (mut source, mut target) = (renamed(&source), renamed(&target));
            if source == target {
                continue;
            }
            let swap = &*relation == CO_OCCURS && source > target;
            if swap {
                std::mem::swap(&mut source, &mut target);
            }
            let into = self
                .edges
                .entry((source, target, relation, negated))
                .or_default();
            into.weight += tally.weight;
            into.documents += tally.documents;
            into.open |= tally.open;
            if let Some((first, last)) = &tally.dates {
                widen(&mut into.dates, Some(first));
                widen(&mut into.dates, Some(last));
            }
            for kept in &tally.evidence {
                let mut evidence = self.table.evidence(kept);
                if swap {
                    std::mem::swap(&mut evidence.source_span, &mut evidence.target_span);
                }
                keep_evidence(
                    &mut into.evidence,
                    evidence,
                    self.max_evidence,
                    &mut self.table,
                );
            }
        }
    }

    /// The graph: nodes sorted by id, edges by (source, target, relation, negated).
    pub fn finish(mut self) -> KnowledgeGraph {
        self.link_surnames();
        // An entity is in the graph when the text mentions it or a relation reaches it (a
        // demonym stands for its country without mentioning it: "French officials").
        let reached: BTreeSet<&str> = self
            .edges
            .keys()
            .flat_map(|(source, target, _, _)| [&**source, &**target])
            .collect();
        let kept: Vec<bool> = self
            .nodes
            .iter()
            .map(|(id, t)| t.mentions > 0 || reached.contains(&**id))
            .collect();
        drop(reached);
        let nodes = &self.nodes;
        let total = self.sentences;
        let table = Arc::new(self.table);
        let significance = |source: &str, target: &str, weight: u32| {
            let (a, b) = (nodes.get(source)?.sentences, nodes.get(target)?.sentences);
            Some(super::significance::g2(
                u64::from(weight),
                u64::from(a),
                u64::from(b),
                total,
            ))
        };
        let edges: Vec<Edge> = self
            .edges
            .into_iter()
            .map(|((source, target, relation, negated), t)| Edge {
                significance: if &*relation == CO_OCCURS {
                    significance(&source, &target, t.weight)
                } else {
                    None
                },
                source: source.to_string(),
                target: target.to_string(),
                directed: &*relation != CO_OCCURS,
                relation: relation.to_string(),
                negated,
                open: t.open,
                weight: t.weight,
                documents: t.documents,
                dates: t.dates,
                evidence: Evidences::Kept(t.evidence, Arc::clone(&table)),
            })
            .collect();
        let nodes: Vec<Node> = self
            .nodes
            .into_iter()
            .zip(kept)
            .filter_map(|(node, kept)| kept.then_some(node))
            .map(|(id, mut t)| {
                let discovered = t.discovered.take();
                if discovered.is_some() {
                    // A discovered name's short forms come from many documents in any order.
                    t.aliases.sort();
                }
                Node {
                    id,
                    name: t.name,
                    kind: match &discovered {
                        Some((_, kinds, _)) => majority(kinds),
                        None => t.kind,
                    },
                    discovered: discovered.is_some(),
                    confidence: discovered.as_ref().map(|d| d.0),
                    evidence: discovered
                        .map(|d| d.2.into_iter().collect())
                        .unwrap_or_default(),
                    aliases: t.aliases,
                    seen: t.seen.into_iter().collect(),
                    mentions: t.mentions,
                    documents: t.documents,
                    dates: t.dates,
                    latitude: t.location.0,
                    longitude: t.location.1,
                    country: t.location.2,
                    within: t.location.3,
                }
            })
            .collect();
        let mut edges = edges;
        // Each key is one edge's (the map's key), so no order between equals is left to keep.
        edges.sort_unstable_by(|a, b| {
            (&a.source, &a.target, &a.relation, a.negated).cmp(&(
                &b.source,
                &b.target,
                &b.relation,
                b.negated,
            ))
        });
        let mut documents = self.documents;
        documents.sort();
        KnowledgeGraph::from_file(GraphFile {
            version: super::FORMAT_VERSION,
            documents,
            nodes,
            edges,
        })
    }
}

/// A relation's edge key and its evidence, numbered from the piece's first sentence;
/// co-occurrence runs from the smaller id to the larger.
fn edge_of(r: crate::facts::RelationFact, first_sentence: u32) -> (EdgeKey, Evidence) {
    let mut evidence = r.evidence;
    evidence.sentence += first_sentence;
    let (mut source, mut target) = (r.source, r.target);
    if &*r.relation == CO_OCCURS && source > target {
        std::mem::swap(&mut source, &mut target);
        std::mem::swap(&mut evidence.source_span, &mut evidence.target_span);
    }
    let key = (source, target, r.relation, evidence.qualifiers.negated);
    (key, evidence)
}

/// Keeps the first `max` evidence records in document order, compactly: a kept sentence's
/// text is held once in `table` however many edges and copies cite it, and a record that will
/// not be kept adds nothing to the table.
fn keep_evidence(kept: &mut Vec<Kept>, evidence: Evidence, max: usize, table: &mut Table) {
    if kept.len() >= max
        && kept.last().is_none_or(|last| {
            table.surely_after(&evidence, last) || evidence >= table.evidence(last)
        })
    {
        return;
    }
    let record = table.keep(&evidence);
    super::kept::keep(kept, record, max, table);
}

fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Org => 1,
        EntityKind::Place => 2,
    }
}

/// The type most documents gave a discovered name (a tie goes to PERSON, then ORG), whatever
/// order the documents came in.
fn majority(kinds: &[u32; 3]) -> EntityKind {
    let best = *kinds.iter().max().expect("three kinds");
    [EntityKind::Person, EntityKind::Org, EntityKind::Place]
        .into_iter()
        .find(|&k| kinds[kind_index(k)] == best)
        .expect("one kind has the most")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::GraphBuilder;
    use crate::facts::DocFacts;

    /// A story of `n` sentences, each naming Ana twice and Ivo once, as a fact file gives it.
    fn story(n: u32) -> DocFacts {
        let mut mentions = Vec::new();
        let mut relations = Vec::new();
        for s in 0..n {
            let at = s as usize * 40;
            for (entity, start) in [("ana", at), ("ivo", at + 10), ("ana", at + 20)] {
                mentions.push(format!(
                    r#"{{"entity":"{entity}","start":{start},"end":{},"text":"{entity}","how":"name","sentence":{s}}}"#,
                    start + 3
                ));
            }
            relations.push(format!(
                r#"{{"source":"ana","target":"ivo","relation":"co_occurs","evidence":{{"doc":"d","sentence":{s},"start":{at},"end":{},"text":"ana ivo ana","source_span":{{"start":{at},"end":{}}},"target_span":{{"start":{},"end":{}}}}}}}"#,
                at + 30,
                at + 3,
                at + 10,
                at + 13
            ));
        }
        let json = format!(
            r#"{{"doc":"d","sentences":{},"entities":[{{"id":"ana","name":"Ana","type":"PERSON","aliases":[]}},{{"id":"ivo","name":"Ivo","type":"PERSON","aliases":[]}}],"mentions":[{}],"relations":[{}]}}"#,
            n + 4,
            mentions.join(","),
            relations.join(",")
        );
        serde_json::from_str(&json).expect("a valid fact line")
    }

    fn significance(facts: DocFacts) -> Vec<Option<f64>> {
        let mut b = GraphBuilder::new(100);
        b.add(facts);
        let graph = b.finish().graph;
        graph.edge_weights().map(|e| e.significance).collect()
    }

    /// A node counts the sentences that name it the same whether its mentions share one id
    /// (a direct build) or each has its own (a fact file), whatever order the ids were made
    /// in: here each sentence's second mention of Ana got its id before any first one.
    #[test]
    fn sentence_counts_do_not_depend_on_how_ids_were_made() {
        let n = 25;
        let shared = {
            let mut f = story(n);
            let ana: Arc<str> = "ana".into();
            for m in f.mentions.iter_mut().filter(|m| &*m.entity == "ana") {
                m.entity = Arc::clone(&ana);
            }
            f
        };
        let apart = {
            let mut f = story(n);
            let seconds: Vec<Arc<str>> = (0..n).map(|_| "ana".into()).collect();
            let firsts: Vec<Arc<str>> = (0..n).map(|_| "ana".into()).collect();
            for (k, m) in f.mentions.iter_mut().enumerate() {
                if &*m.entity == "ana" {
                    let s = k / 3;
                    m.entity = Arc::clone(if k % 3 == 0 { &firsts[s] } else { &seconds[s] });
                }
            }
            f
        };
        let expected = significance(shared);
        assert_eq!(expected.len(), 1);
        assert!(expected[0].is_some());
        assert_eq!(significance(apart), expected);
    }
}
