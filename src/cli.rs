//! The command line: clap definitions and one function per subcommand. Each turns its arguments
//! into a validated configuration, runs the library and prints the answer.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::config::{BuildConfig, GazetteerConfig};
use crate::corpus::{self, DocId, Document};
use crate::error::{Error, Result};
use crate::query::{self, Neighbour, sanitize};
use crate::{SAMPLE, export};

/// kg: build a knowledge graph of people, organizations and places from news text.
#[derive(Debug, Parser)]
#[command(name = "kg", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the graph from text and write graph.graphml, graph.dot and graph.json.
    Build(BuildArgs),
    /// Print every mention as one JSON object per line.
    Tag(TagArgs),
    /// List the neighbours of an entity in a built graph.
    #[command(alias = "neighbours")]
    Neighbors(NeighborsArgs),
}

/// Gazetteer options shared by the subcommands that read text.
#[derive(Debug, Args)]
pub struct GazetteerArgs {
    /// Add a gazetteer file or folder (*.tsv; *.patterns in a folder too). Repeatable.
    #[arg(long = "gazetteer", short = 'g', value_name = "PATH")]
    pub gazetteers: Vec<PathBuf>,
    /// Add a relation pattern file or folder (*.patterns). Repeatable.
    #[arg(long = "patterns", value_name = "PATH")]
    pub patterns: Vec<PathBuf>,
    /// Leave out the built-in gazetteer and patterns.
    #[arg(long)]
    pub no_default_gazetteer: bool,
    /// Treat binary or invalid UTF-8 input as an error instead of a warning.
    #[arg(long)]
    pub strict: bool,
}

impl GazetteerArgs {
    fn config(&self) -> GazetteerConfig {
        GazetteerConfig {
            no_defaults: self.no_default_gazetteer,
            gazetteers: self.gazetteers.clone(),
            patterns: self.patterns.clone(),
        }
    }
}

/// `kg build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Files, folders (read recursively, *.txt) or - for stdin; none builds the sample text.
    pub paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub gazetteer: GazetteerArgs,
}

/// `kg tag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// Files, folders or - for stdin; none tags the sample text.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub gazetteer: GazetteerArgs,
}

/// `kg neighbors`.
#[derive(Debug, Args)]
pub struct NeighborsArgs {
    /// Any name of the entity, in any case ("el mencho", "CJNG").
    pub entity: String,
    /// The graph to read.
    #[arg(long, default_value = "out/graph.json", value_name = "FILE")]
    pub graph: PathBuf,
    /// How many hops to go out.
    #[arg(long, default_value_t = 1)]
    pub depth: u32,
    /// Evidence sentences to show per neighbour.
    #[arg(long, default_value_t = 1)]
    pub evidence: usize,
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Runs a parsed command line.
///
/// # Errors
/// Whatever the command fails with; the caller prints it and picks the exit code.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build(args) => build(args),
        Command::Tag(args) => tag(args),
        Command::Neighbors(args) => neighbors(args),
    }
}

fn read_inputs(paths: &[PathBuf], strict: bool) -> Result<corpus::Corpus> {
    if paths.is_empty() {
        let documents = SAMPLE
            .iter()
            .enumerate()
            .map(|(i, (name, text))| Document::new(DocId(i as u32), *name, *text))
            .collect();
        return Ok(corpus::Corpus {
            documents,
            warnings: Vec::new(),
        });
    }
    let corpus = corpus::read(paths, strict)?;
    for w in &corpus.warnings {
        eprintln!("kg: warning: {w}");
    }
    Ok(corpus)
}

fn stdout_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

fn build(args: BuildArgs) -> Result<ExitCode> {
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

fn tag(args: TagArgs) -> Result<ExitCode> {
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

fn neighbors(args: NeighborsArgs) -> Result<ExitCode> {
    let kg = query::load(&args.graph)?;
    let node = query::resolve(&kg, &args.entity)?;
    let list = query::neighbours(&kg, node, args.depth, args.evidence);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &list).map_err(|e| stdout_error(e.into()))?;
        out.write_all(b"\n").map_err(stdout_error)?;
    } else {
        let n = &kg.graph[node];
        print_table(&mut out, &n.name, &n.id, n.kind.as_str(), &list).map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
}

fn print_table(
    out: &mut impl Write,
    name: &str,
    id: &str,
    kind: &str,
    list: &[Neighbour],
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} ({id}, {kind}): {} neighbours",
        sanitize(name),
        list.len()
    )?;
    let width = list
        .iter()
        .map(|n| n.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 40);
    writeln!(
        out,
        "{:<width$}  {:<6}  {:>6}  RELATIONS",
        "NAME", "TYPE", "WEIGHT"
    )?;
    for n in list {
        let relations: Vec<String> = n
            .relations
            .iter()
            .filter(|l| l.relation != crate::relations::CO_OCCURS)
            .map(|l| {
                let arrow = if l.direction == "in" { "<-" } else { "->" };
                let not = if l.negated { "not " } else { "" };
                format!("{arrow} {not}{} ({})", l.relation, l.weight)
            })
            .collect();
        let via = n
            .via
            .as_ref()
            .map(|v| format!(" [via {v}]"))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<width$}  {:<6}  {:>6}  {}{via}",
            sanitize(&n.name),
            n.kind.as_str(),
            n.weight,
            if relations.is_empty() {
                "co-occurs".to_string()
            } else {
                relations.join(", ")
            }
        )?;
        for q in &n.evidence {
            writeln!(out, "    \"{}\" ({})", sanitize(&q.text), sanitize(&q.doc))?;
        }
    }
    Ok(())
}
