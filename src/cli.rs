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
use crate::gazetteer::{DEFAULT_FILES, check, files_in};
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
    /// Check gazetteer files or count what they hold.
    Gazetteer {
        /// What to do with the gazetteer.
        #[command(subcommand)]
        action: GazetteerCommand,
    },
}

/// `kg gazetteer ...`.
#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// List malformed lines and duplicate ids (errors, exit 2) and risky aliases (warnings):
    /// aliases of several entities, common English words, aliases under three characters.
    /// Without PATH, checks the built-in gazetteer.
    Check(GazetteerFilesArgs),
    /// Entities and names per type and per file.
    Stats(GazetteerFilesArgs),
}

/// Files for `kg gazetteer check|stats`.
#[derive(Debug, Args)]
pub struct GazetteerFilesArgs {
    /// Gazetteer files or folders (*.tsv).
    pub paths: Vec<PathBuf>,
    /// Leave out the built-in gazetteer.
    #[arg(long)]
    pub no_default_gazetteer: bool,
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
        Command::Gazetteer {
            action: GazetteerCommand::Check(args),
        } => gazetteer_check(args),
        Command::Gazetteer {
            action: GazetteerCommand::Stats(args),
        } => gazetteer_stats(args),
    }
}

/// The gazetteer files a command reads: defaults (unless left out) and the user's, each marked
/// with whether its own problems are reported.
fn gazetteer_sources(args: &GazetteerFilesArgs) -> Result<Vec<check::Source>> {
    let mut sources = Vec::new();
    if !args.no_default_gazetteer {
        for (name, text) in DEFAULT_FILES {
            sources.push(check::Source {
                name: format!("<default>/{name}"),
                text: text.to_string(),
                report: args.paths.is_empty(),
            });
        }
    }
    for path in &args.paths {
        for file in files_in(path, "tsv")? {
            let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
            sources.push(check::Source {
                name: file.display().to_string(),
                text,
                report: true,
            });
        }
    }
    Ok(sources)
}

fn gazetteer_check(args: GazetteerFilesArgs) -> Result<ExitCode> {
    let findings = check::check(&gazetteer_sources(&args)?);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for f in &findings {
        writeln!(out, "{f}").map_err(stdout_error)?;
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == check::Severity::Error)
        .count();
    writeln!(out, "{errors} errors, {} warnings", findings.len() - errors).map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn gazetteer_stats(args: GazetteerFilesArgs) -> Result<ExitCode> {
    let mut records = Vec::new();
    for s in gazetteer_sources(&args)? {
        records.extend(crate::gazetteer::parse(&s.name, &s.text)?);
    }
    let gazetteer = crate::gazetteer::Gazetteer::from_records(records)?;
    // file -> [entities per type], names
    let mut rows: std::collections::BTreeMap<String, ([usize; 3], usize)> = Default::default();
    let mut order = Vec::new();
    for e in gazetteer.entities() {
        let file = e
            .origin
            .rsplit_once(':')
            .map_or(e.origin.as_str(), |(f, _)| f)
            .to_string();
        if !rows.contains_key(&file) {
            order.push(file.clone());
        }
        let row = rows.entry(file).or_default();
        row.0[e.kind as usize] += 1;
        let names: std::collections::BTreeSet<String> = std::iter::once(&e.name)
            .chain(&e.aliases)
            .map(|n| crate::normalize::fold(n))
            .collect();
        row.1 += names.len();
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let width = order.iter().map(|f| f.len()).max().unwrap_or(4).max(5);
    let line = |out: &mut dyn Write, name: &str, (k, n): ([usize; 3], usize)| {
        writeln!(
            out,
            "{name:<width$}  {:>7}  {:>7}  {:>7}  {:>8}  {:>7}",
            k[0],
            k[1],
            k[2],
            k.iter().sum::<usize>(),
            n
        )
    };
    writeln!(
        out,
        "{:<width$}  {:>7}  {:>7}  {:>7}  {:>8}  {:>7}",
        "FILE", "PERSON", "ORG", "PLACE", "ENTITIES", "NAMES"
    )
    .map_err(stdout_error)?;
    let mut total = ([0; 3], 0);
    for f in &order {
        let r = rows[f];
        for i in 0..3 {
            total.0[i] += r.0[i];
        }
        total.1 += r.1;
        line(&mut out, f, r).map_err(stdout_error)?;
    }
    line(&mut out, "total", total).map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
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
