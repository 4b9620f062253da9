//! Criterion benchmarks of each pipeline stage over the same text, with a raw Aho-Corasick scan of
//! the same bytes as the baseline (the ceiling for tagging) in the same run.
//!
//!     cargo bench --bench stages
//!     KG_BENCH_CORPUS=../bench-data/varied/corpus_1mb.txt KG_BENCH_GAZETTEER=../bench-data/big_gazetteer.tsv \
//!         cargo bench --bench stages
//!
//! Defaults: the five news articles in `../shared/corpus/news` (or the built-in sample when they
//! are absent) and the built-in gazetteer and patterns. Throughput is reported in bytes of text.

use std::path::PathBuf;

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kg::Pipeline;
use kg::config::GazetteerConfig;
use kg::corpus::{DocId, Document, Piece, Pieces};
use kg::export::view::{View, ViewOptions};
use kg::graph::GraphBuilder;

fn documents() -> Vec<Document> {
    let root = std::env::var_os("KG_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/news"));
    if !root.exists() {
        return kg::SAMPLE
            .iter()
            .enumerate()
            .map(|(i, (name, text))| Document::new(DocId(i as u32), *name, *text))
            .collect();
    }
    let files = kg::corpus::expand(&[root]).expect("corpus files");
    let mut docs = Vec::new();
    for (i, file) in files.iter().enumerate() {
        for piece in Pieces::new(file, DocId(i as u32), false).expect("readable corpus") {
            if let Piece::Text(doc) = piece.expect("readable corpus") {
                docs.push(doc);
            }
        }
    }
    docs
}

fn pipeline() -> Pipeline {
    let config = match std::env::var_os("KG_BENCH_GAZETTEER") {
        // A user gazetteer alone, with the default relation patterns.
        Some(path) => GazetteerConfig {
            no_default_gazetteer: true,
            gazetteers: vec![path.into()],
            ..GazetteerConfig::default()
        },
        None => GazetteerConfig::default(),
    };
    config.pipeline().expect("gazetteer loads")
}

fn stages(c: &mut Criterion) {
    let docs = documents();
    let pipeline = pipeline();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let keys = kg::tagger::Tagger::folded_names(&pipeline.gazetteer);
    let raw = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&keys)
        .expect("automaton builds");
    let sentences: Vec<_> = docs.iter().map(kg::sentences::split).collect();
    let tagged: Vec<_> = docs
        .iter()
        .zip(&sentences)
        .map(|(d, s)| pipeline.tagger.tag(d, s))
        .collect();
    let facts: Vec<_> = docs.iter().map(|d| pipeline.extract(d)).collect();
    let mut builder = GraphBuilder::new(100);
    for f in facts.iter().cloned() {
        builder.add(f);
    }
    let graph = builder.finish();
    let view = View::new(&graph, &ViewOptions::default()).expect("default view");
    let out = std::env::temp_dir().join(format!("kg-bench-{}", std::process::id()));

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("baseline: raw aho-corasick scan", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| raw.find_iter(&d.text).count())
                .sum::<usize>()
        })
    });
    group.bench_function("normalize", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| kg::normalize::normalize(&d.text).text.len())
                .sum::<usize>()
        })
    });
    group.bench_function("sentences", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| kg::sentences::split(d).len())
                .sum::<usize>()
        })
    });
    group.bench_function("tag", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&sentences)
                .map(|(d, s)| pipeline.tagger.tag(d, s).mentions.len())
                .sum::<usize>()
        })
    });
    group.bench_function("fingerprint (for folding copies)", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| kg::fingerprint::fingerprint(&d.text).len())
                .sum::<usize>()
        })
    });
    group.bench_function("discover", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&sentences)
                .zip(&tagged)
                .map(|((d, s), t)| {
                    let g = &pipeline.gazetteer;
                    kg::discover::discover(d, s, t, g.len() as u32, |_| kg::discover::Listed::Other)
                        .mentions
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("relations", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&sentences)
                .zip(&tagged)
                .map(|((d, s), t)| {
                    kg::relations::extract(
                        d,
                        s,
                        t,
                        &kg::gazetteer::Known::gazetteer(&pipeline.gazetteer),
                        &pipeline.patterns,
                    )
                    .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("extract (all of the above)", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| pipeline.extract(d).mentions.len())
                .sum::<usize>()
        })
    });
    group.bench_function("graph", |b| {
        b.iter(|| {
            let mut builder = GraphBuilder::new(100);
            for f in facts.iter().cloned() {
                builder.add(f);
            }
            builder.finish().graph.edge_count()
        })
    });
    group.bench_function("exports", |b| {
        b.iter(|| kg::export::write_all(&graph, &out, &view).expect("outputs written"))
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&out);
}

criterion_group!(benches, stages);
criterion_main!(benches);
