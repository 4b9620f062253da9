//! `kg build` and `kg tag`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::{BuildArgs, TagArgs, read_inputs, stdout_error};
use crate::config::BuildConfig;
use crate::error::Result;
use crate::export;

pub(super) fn build(args: BuildArgs) -> Result<ExitCode> {
    let config = BuildConfig {
        inputs: args.paths,
        out: args.out,
        strict: args.gazetteer.strict,
    };
    let pipeline = args.gazetteer.config().pipeline()?;
    config.check_output()?;
    let corpus = read_inputs(&config.inputs, config.strict)?;
    let progress = std::io::stderr().is_terminal() && corpus.documents.len() > 20;
    let total = corpus.documents.len();
    let mut facts = Vec::with_capacity(total);
    for (i, doc) in corpus.documents.iter().enumerate() {
        facts.push(pipeline.process(doc));
        if progress && (i % 10 == 0 || i + 1 == total) {
            eprint!("\rkg: {}/{} documents", i + 1, total);
        }
    }
    if progress {
        eprintln!();
    }
    let kg = pipeline.graph(&facts);
    export::write_all(&kg, &config.out)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} documents, {} mentions, {} entities, {} edges -> {}",
        kg.documents.len(),
        kg.mention_count(),
        kg.graph.node_count(),
        kg.graph.edge_count(),
        config.out.display()
    )
    .map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
}

/// One line of `kg tag` output.
#[derive(Serialize)]
struct TagLine<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    entity: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    name: &'a str,
    how: crate::gazetteer::Rule,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    ambiguous: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    candidates: Vec<&'a str>,
}

pub(super) fn tag(args: TagArgs) -> Result<ExitCode> {
    let pipeline = args.gazetteer.config().pipeline()?;
    let corpus = read_inputs(&args.paths, args.gazetteer.strict)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for doc in &corpus.documents {
        let sentences = crate::sentences::split(doc);
        let tagged = pipeline.tagger.tag(doc, &sentences);
        for m in &tagged.mentions {
            let e = pipeline.gazetteer.entity(m.entity);
            let line = TagLine {
                doc: &doc.name,
                start: m.span.start,
                end: m.span.end,
                text: &doc.text[m.span.start..m.span.end],
                entity: &e.key,
                kind: e.kind.as_str(),
                name: &e.name,
                how: m.rule,
                ambiguous: !m.candidates.is_empty(),
                candidates: m
                    .candidates
                    .iter()
                    .map(|&c| pipeline.gazetteer.entity(c).key.as_str())
                    .collect(),
            };
            serde_json::to_writer(&mut out, &line).map_err(|e| stdout_error(e.into()))?;
            out.write_all(b"\n").map_err(stdout_error)?;
        }
    }
    out.flush().map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
}
