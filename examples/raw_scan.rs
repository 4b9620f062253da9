//! The ceiling for tagging: one Aho-Corasick automaton (leftmost-longest) over the same folded
//! forms kg compiles, scanning the raw corpus bytes with no normalization, boundary, case or
//! resolution work; then kg's own tagger over the same text, single-threaded, for the ratio.
//!
//!     cargo run --release --example raw_scan -- GAZETTEER.tsv CORPUS.txt

use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};
use kg::corpus::{DocId, Piece, Pieces};
use kg::gazetteer::{Gazetteer, Sources};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (gaz, corpus) = (&args[1], &args[2]);
    let g = Gazetteer::load(&Sources {
        defaults: false,
        paths: vec![gaz.into()],
    })?;
    let keys = kg::tagger::Tagger::folded_names(&g);
    let t = Instant::now();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&keys)?;
    let build = t.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(corpus)?;
    let mb = text.len() as f64 / 1e6;
    let t = Instant::now();
    let raw = ac.find_iter(&text).count();
    let raw_s = t.elapsed().as_secs_f64();
    let tagger = kg::tagger::Tagger::new(&g);
    let pieces = Pieces::new(std::path::Path::new(corpus), DocId(0), false)?;
    let docs: Vec<_> = pieces
        .filter_map(|p| match p {
            Ok(Piece::Text(d)) => Some(d),
            _ => None,
        })
        .collect();
    let t = Instant::now();
    let mut tagged = 0;
    for d in &docs {
        tagged += tagger.tag(d, &kg::sentences::split(d)).mentions.len();
    }
    let tag_s = t.elapsed().as_secs_f64();
    println!(
        "{{\"patterns\": {}, \"build_s\": {build:.3}, \"raw_scan_mb_per_s\": {:.1}, \"raw_matches\": {raw}, \"kg_tag_mb_per_s\": {:.1}, \"kg_mentions\": {tagged}, \"ratio\": {:.2}}}",
        keys.len(),
        mb / raw_s,
        mb / tag_s,
        tag_s / raw_s
    );
    Ok(())
}
