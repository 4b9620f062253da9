//! `kg suggest`: the names discovery found, as gazetteer lines a user can review and keep.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use super::{TextArgs, inputs, stdout_error};
use crate::batch;
use crate::error::Result;
use crate::graph::GraphBuilder;

/// An example of a discovered name in use: the first sentence naming it, and where.
type Example = (String, String);

pub(super) fn suggest(args: TextArgs) -> Result<ExitCode> {
    args.gazetteer
        .refuse_open_relations("kg suggest prints names, not relations; kg relations")?;
    args.gazetteer.refuse_no_discover()?;
    let config = args.gazetteer.config();
    let pipeline = config.pipeline()?;
    let inputs = inputs(&args.paths, &args.jsonl)?;
    let mut builder = GraphBuilder::new(1);
    let mut examples: BTreeMap<String, Example> = BTreeMap::new();
    batch::run(
        &inputs,
        args.gazetteer.strict,
        args.threads,
        |doc| {
            let facts = pipeline.extract(doc);
            let sentences = crate::sentences::split(doc);
            let mut found: Vec<(String, Example)> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for m in &facts.mentions {
                if !m.entity.starts_with("discovered:") || !seen.insert(&*m.entity) {
                    continue;
                }
                // The mention's own sentence (its number counts within this piece).
                let s = sentences
                    .get(m.sentence as usize)
                    .map_or(&doc.text[m.start - doc.base..m.end - doc.base], |s| {
                        &doc.text[s.span.start..s.span.end]
                    });
                let text = s.split_whitespace().collect::<Vec<_>>().join(" ");
                found.push((m.entity.to_string(), (text, doc.name.clone())));
            }
            (facts, found)
        },
        |(facts, found)| {
            builder.add(facts);
            for (key, example) in found {
                examples.entry(key).or_insert(example);
            }
            Ok(())
        },
        |m| eprintln!("kg: warning: {m}"),
    )?;
    let graph = builder.finish();
    let mut nodes: Vec<&crate::graph::Node> = graph
        .graph
        .node_weights()
        .filter(|n| n.discovered)
        .collect();
    nodes.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut text = String::from(
        "# Names kg discovered that no gazetteer lists, most mentioned first. Review them, keep\n\
         # the good lines in your own gazetteer file (kg ... --gazetteer FILE), fix types and ids.\n\
         # id\ttype\tname\taliases\n",
    );
    for n in nodes {
        let id = n.id.trim_start_matches("discovered:");
        text.push_str(&format!(
            "\n# {} mention{} in {} document{}; {} (confidence {:.2}): {}\n",
            n.mentions,
            if n.mentions == 1 { "" } else { "s" },
            n.documents,
            if n.documents == 1 { "" } else { "s" },
            n.kind.as_str(),
            n.confidence.unwrap_or(0.5),
            if n.evidence.is_empty() {
                "no cue".to_string()
            } else {
                n.evidence.join(", ")
            }
        ));
        if let Some((sentence, doc)) = examples.get(&n.id) {
            text.push_str(&format!(
                "# e.g. \"{}\" ({doc})\n",
                crate::query::sanitize(sentence)
            ));
        }
        let aliases = if n.aliases.is_empty() {
            "-".to_string()
        } else {
            n.aliases.join("|")
        };
        text.push_str(&format!(
            "{id}\t{}\t{}\t{aliases}\n",
            n.kind.as_str(),
            n.name
        ));
    }
    out.write_all(text.as_bytes()).map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
}
