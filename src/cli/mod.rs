//! The command line: clap definitions and one function per subcommand. Each turns its arguments
//! into a validated configuration, runs the library and prints the answer.

mod build;
mod export;
mod gazetteer;
mod progress;
mod query;
mod suggest;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::SAMPLE;
use crate::batch::{self, Input};
use crate::config::GazetteerConfig;
use crate::error::{Error, Result};
use crate::gazetteer::EntityKind;

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
    /// Build the graph from text and write graph.graphml, graph.gexf, graph.dot, graph.json and
    /// graph.html.
    Build(BuildArgs),
    /// Print every mention as one JSON object per line.
    Tag(TagArgs),
    /// Print each document's facts (mentions, relations, evidence) as one JSON line, for
    /// `kg build --facts` to merge: extract shards anywhere, build once.
    Extract(TextArgs),
    /// Print every typed relation as one JSON object per line: predicate, both arguments with
    /// their spans, the sentence, the trigger and its qualifiers.
    Relations(TextArgs),
    /// Print the names discovery finds (no gazetteer lists them) as gazetteer lines with
    /// counts, type evidence and an example sentence, most mentioned first, for review.
    Suggest(TextArgs),
    /// List the neighbours of an entity in a built graph.
    #[command(alias = "neighbours")]
    Neighbors(NeighborsArgs),
    /// The shortest connection between two entities, with evidence for each hop.
    Path(PathArgs),
    /// The most central entities.
    Top(TopArgs),
    /// Everything the graph knows about one entity.
    Show(ShowArgs),
    /// What changed between two graphs: entities and edges added and removed, and the edges
    /// whose weight changed most, with a sentence each.
    Diff(DiffArgs),
    /// Draw the graph with Graphviz (svg, png or pdf), or write it as a page (html).
    Render(RenderArgs),
    /// Write graph.graphml, graph.gexf and graph.dot from a graph.json (built here, on Spark,
    /// or anywhere): the files `kg build` writes, or those of the part the cuts select.
    Export(ExportArgs),
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
    /// Leave out the built-in gazetteer (the built-in relation patterns stay).
    #[arg(long)]
    pub no_default_gazetteer: bool,
    /// Leave out the built-in relation patterns.
    #[arg(long)]
    pub no_default_patterns: bool,
    /// Also report open relations: a verb between two names that no pattern covers becomes a
    /// relation named by its lemma ("met" → meet), marked open.
    #[arg(long)]
    pub open_relations: bool,
    /// Only the gazetteer's names: no discovery of the people, organizations and places it
    /// does not list (by default they are found and marked "discovered", with a confidence).
    #[arg(long)]
    pub no_discover: bool,
    /// Discovery is on by default; the flag is still accepted so scripts written for earlier
    /// releases keep working.
    #[arg(long, hide = true, conflicts_with = "no_discover")]
    pub discover: bool,
    /// Treat binary or invalid UTF-8 input as an error instead of a warning.
    #[arg(long)]
    pub strict: bool,
    /// No `located_in` links from the gazetteer (a place and the subdivision or country its
    /// coordinates' keys name, both named in a document); the text's own links stay.
    #[arg(long)]
    pub no_geo_links: bool,
}

impl GazetteerArgs {
    /// `kg suggest` lists what discovery finds: without it there is nothing to list.
    fn refuse_no_discover(&self) -> Result<()> {
        if self.no_discover {
            return Err(Error::Usage(
                "--no-discover leaves kg suggest nothing to suggest: it lists the names discovery finds"
                    .to_string(),
            ));
        }
        Ok(())
    }

    /// An error for `--open-relations` on a command whose output relations do not reach, so a
    /// flag is never accepted and silently ignored; `why` says what to run instead.
    fn refuse_open_relations(&self, why: &str) -> Result<()> {
        if self.open_relations {
            return Err(Error::Usage(format!(
                "--open-relations changes nothing here: {why} --open-relations prints them"
            )));
        }
        Ok(())
    }

    fn config(&self) -> GazetteerConfig {
        GazetteerConfig {
            no_default_gazetteer: self.no_default_gazetteer,
            no_default_patterns: self.no_default_patterns,
            open_relations: self.open_relations,
            discover: !self.no_discover,
            no_geo_links: self.no_geo_links,
            gazetteers: self.gazetteers.clone(),
            patterns: self.patterns.clone(),
        }
    }
}

/// What part of the graph `graph.dot` (or `kg render`) draws.
#[derive(Debug, Args)]
pub struct ViewArgs {
    /// Draw only the N entities with the highest weighted degree.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Draw only edges stated in at least W sentences.
    #[arg(long = "min-weight", default_value_t = 1, value_name = "W")]
    pub min_weight: u32,
    /// Draw only the ego network of this entity (any name).
    #[arg(long, value_name = "ENTITY")]
    pub focus: Option<String>,
    /// Hops around --focus.
    #[arg(long, default_value_t = 1, value_name = "K")]
    pub depth: u32,
    /// Draw typed relations only, no co-occurrence.
    #[arg(long)]
    pub relations_only: bool,
    /// Draw only the co-occurrence backbone: the edges the disparity filter keeps at this
    /// significance level for at least one end (0.05 is usual); typed relations all stay.
    #[arg(long, value_name = "ALPHA")]
    pub backbone: Option<f64>,
}

impl ViewArgs {
    fn options(&self) -> crate::export::view::ViewOptions {
        crate::export::view::ViewOptions {
            top: self.top,
            min_weight: self.min_weight,
            focus: self.focus.clone(),
            depth: self.depth,
            relations_only: self.relations_only,
            backbone: self.backbone,
        }
    }
}

/// `kg build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Files, folders (read recursively, *.txt) or - for stdin; none builds the sample text.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub jsonl: JsonlArgs,
    /// Output folder.
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Also fold in facts written by `kg extract` (repeatable); with only --facts, no text is read.
    #[arg(long, value_name = "FILE")]
    pub facts: Vec<PathBuf>,
    /// Threads for compiling the gazetteer and reading the text (0: one per core). The output is
    /// the same for any number.
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Evidence records kept per edge (the first in document order); weights count them all.
    #[arg(long, default_value_t = crate::graph::DEFAULT_MAX_EVIDENCE, value_name = "N")]
    pub max_evidence: usize,
    /// Keep only documents dated on or after this day (a `date YYYY-MM-DD` first line); undated
    /// documents are left out, with a note.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<String>,
    /// Count near-duplicate documents (copies of one story: another headline, a footer,
    /// re-wrapped lines) as many stories instead of folding them into one.
    #[arg(long)]
    pub keep_copies: bool,
    /// Keep only documents dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<String>,
    /// No progress line and no notes on stderr (warnings and errors still show).
    #[arg(long, short)]
    pub quiet: bool,
    /// graph.html holds the N most connected entities and the edges among them (0: no
    /// graph.html).
    #[arg(long, default_value_t = crate::export::html::DEFAULT_MAX, value_name = "N")]
    pub html_max: usize,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub view: ViewArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub gazetteer: GazetteerArgs,
}

/// Documents from JSON Lines, for every subcommand that reads text.
#[derive(Debug, Args)]
pub struct JsonlArgs {
    /// Read documents from a JSON Lines file (- for stdin): one object a line, its text, name
    /// and date in fields. Repeatable; read after the paths.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Vec<PathBuf>,
    /// The field holding a JSON Lines document's text.
    #[arg(long, default_value = "text", value_name = "FIELD")]
    pub text_field: String,
    /// The field naming a JSON Lines document [default: id, else url, else FILE:LINE].
    #[arg(long, value_name = "FIELD")]
    pub id_field: Option<String>,
    /// The field dating a JSON Lines document (YYYY-MM-DD or a timestamp starting with one)
    /// [default: date, else published, else date_publish, else a leading `date` line].
    #[arg(long, value_name = "FIELD")]
    pub date_field: Option<String>,
}

impl JsonlArgs {
    fn inputs(&self) -> impl Iterator<Item = Input> + '_ {
        let fields = crate::jsonl::Fields {
            text: self.text_field.clone(),
            id: self.id_field.clone(),
            date: self.date_field.clone(),
        };
        self.jsonl
            .iter()
            .map(move |p| Input::Jsonl(p.clone(), fields.clone()))
    }
}

/// `kg tag`: the text arguments, and whether to print resolved references too.
#[derive(Debug, Args)]
pub struct TagArgs {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub text: TextArgs,
    /// Also print one line per pronoun or description resolved to an entity ("how":
    /// "reference"), with its antecedent and a confidence.
    #[arg(long)]
    pub references: bool,
}

/// `kg tag` and `kg extract`: text in, one JSON line per mention or per document out.
#[derive(Debug, Args)]
pub struct TextArgs {
    /// Files, folders or - for stdin; none reads the sample text.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub jsonl: JsonlArgs,
    /// Threads for compiling the gazetteer and reading the text (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: usize,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub gazetteer: GazetteerArgs,
}

/// Where a query reads the graph and how it answers.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The graph to read (written by `kg build`).
    #[arg(long, default_value = "out/graph.json", value_name = "FILE")]
    pub graph: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Which edges and entities a query considers.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only entities of this type.
    #[arg(long = "type", value_name = "TYPE", value_parser = parse_kind)]
    pub kind: Option<EntityKind>,
    /// Only follow edges of this relation (co_occurs, leader_of, ...).
    #[arg(long, value_name = "RELATION")]
    pub relation: Option<String>,
    /// Only follow edges stated in at least this many sentences.
    #[arg(long, default_value_t = 1, value_name = "W")]
    pub min_weight: u32,
}

impl FilterArgs {
    /// The filter, checked against the graph it will run on.
    ///
    /// # Errors
    /// [`Error::Usage`] when `--relation` names a relation no edge of `kg` has: a typo must not
    /// answer with a plausible-looking list of nothing.
    fn filter(&self, kg: &crate::graph::KnowledgeGraph) -> Result<crate::query::Filter> {
        if let Some(wanted) = &self.relation {
            let known: std::collections::BTreeSet<&str> = kg
                .graph
                .edge_weights()
                .map(|e| e.relation.as_str())
                .collect();
            if !known.contains(wanted.as_str()) {
                let list: Vec<&str> = known.into_iter().collect();
                return Err(Error::Usage(format!(
                    "no edge has the relation \"{wanted}\"; this graph's relations: {}",
                    if list.is_empty() {
                        "none (it has no edges)".to_string()
                    } else {
                        list.join(", ")
                    }
                )));
            }
        }
        Ok(crate::query::Filter {
            kind: self.kind,
            relation: self.relation.clone(),
            min_weight: self.min_weight,
            within: None,
        })
    }
}

fn parse_date(s: &str) -> std::result::Result<String, String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
    {
        Ok(s.to_string())
    } else {
        Err(format!("\"{s}\" is not a date like 2026-02-24"))
    }
}

fn parse_kind(s: &str) -> std::result::Result<EntityKind, String> {
    EntityKind::parse(&s.to_uppercase())
        .ok_or_else(|| format!("\"{s}\" is not PERSON, ORG or PLACE"))
}

/// `kg neighbors`.
#[derive(Debug, Args)]
pub struct NeighborsArgs {
    /// Any name of the entity, in any case ("el mencho", "CJNG").
    pub entity: String,
    /// How many hops to go out.
    #[arg(long, default_value_t = 1)]
    pub depth: u32,
    /// Evidence sentences to show per neighbour.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub evidence: usize,
    /// Order: heaviest co-occurrence first, or most significant (signed G²) first.
    #[arg(long, value_enum, default_value = "weight")]
    pub sort: crate::query::Sort,
    /// Only places inside this country (a name, an alias or an ISO code: Mexico, MX), by the
    /// gazetteer's country= key.
    #[arg(long, value_name = "COUNTRY")]
    pub within: Option<String>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filter: FilterArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub graph: GraphArgs,
}

/// `kg path`.
#[derive(Debug, Args)]
pub struct PathArgs {
    /// Where the path starts (any name).
    pub from: String,
    /// Where it ends (any name).
    pub to: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filter: FilterArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub graph: GraphArgs,
}

/// `kg top`.
#[derive(Debug, Args)]
pub struct TopArgs {
    /// Centrality measure.
    #[arg(long, value_enum, default_value = "weight")]
    pub by: crate::query::Measure,
    /// How many entities to list.
    #[arg(short = 'n', default_value_t = 20)]
    pub n: usize,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub filter: FilterArgs,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub graph: GraphArgs,
}

/// Image formats for `kg render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// Bitmap.
    Png,
    /// PDF.
    Pdf,
    /// The DOT text itself, without running Graphviz.
    Dot,
    /// A page to explore the graph in a browser (sigma.js), as `kg build`'s graph.html.
    Html,
}

impl ImageFormat {
    /// The extension it is written with.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
            ImageFormat::Pdf => "pdf",
            ImageFormat::Dot => "dot",
            ImageFormat::Html => "html",
        }
    }

    /// The format a file name's extension asks for, if it names one.
    pub fn from_path(path: &std::path::Path) -> Option<ImageFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(ImageFormat::Svg),
            "png" => Some(ImageFormat::Png),
            "pdf" => Some(ImageFormat::Pdf),
            "dot" | "gv" => Some(ImageFormat::Dot),
            "html" | "htm" => Some(ImageFormat::Html),
            _ => None,
        }
    }
}

/// Graphviz layout engines for `kg render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// Force-directed, scales to big graphs (default).
    Sfdp,
    /// Hierarchical.
    Dot,
    /// Spring model, for small graphs.
    Neato,
    /// A map: places at their coordinates over country borders, other entities beside the
    /// place they are most tied to (neato -n).
    Geo,
}

/// `kg render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The graph to draw (written by `kg build`).
    #[arg(long, default_value = "out/graph.json", value_name = "FILE")]
    pub graph: PathBuf,
    /// Image format; without it, the extension of --out (svg, png, pdf, dot, gv or html), else
    /// svg.
    #[arg(long, value_enum)]
    pub format: Option<ImageFormat>,
    /// Graphviz layout engine.
    #[arg(long, value_enum, default_value = "sfdp")]
    pub layout: Layout,
    /// Image file to write; default graph.<format> beside the graph.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// For --format html without --focus or --top: the page holds the N most connected
    /// entities.
    #[arg(long, default_value_t = crate::export::html::DEFAULT_MAX, value_name = "N")]
    pub html_max: usize,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub view: ViewArgs,
}

/// `kg export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The graph to export.
    #[arg(long, default_value = "out/graph.json", value_name = "FILE")]
    pub graph: PathBuf,
    /// Output folder.
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Cuts (--top, --focus, --min-weight, ...): without them every file holds the whole graph
    /// (graph.dot what `kg build` draws); with them every file holds the part they select.
    #[command(flatten)]
    pub view: ViewArgs,
}

/// `kg diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older graph (a graph.json written by `kg build`).
    pub old: PathBuf,
    /// The newer graph.
    pub new: PathBuf,
    /// Print JSON instead of a listing.
    #[arg(long)]
    pub json: bool,
    /// Edges listed per section in the listing (JSON lists them all).
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
}

/// `kg show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Any name of the entity.
    pub entity: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub graph: GraphArgs,
}

/// Runs a parsed command line.
///
/// # Errors
/// Whatever the command fails with; the caller prints it and picks the exit code.
pub fn run(cli: Cli) -> Result<ExitCode> {
    // `--threads` also bounds the threads that compile the gazetteer.
    let threads = match &cli.command {
        Command::Build(args) => args.threads,
        Command::Tag(args) => args.text.threads,
        Command::Extract(args) | Command::Relations(args) | Command::Suggest(args) => args.threads,
        _ => 0,
    };
    if threads > 0 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .map_err(|e| Error::Usage(format!("cannot start {threads} threads: {e}")))?;
    }
    match cli.command {
        Command::Build(args) => build::build(args),
        Command::Tag(args) => build::tag(args),
        Command::Extract(args) => build::extract(args),
        Command::Relations(args) => build::relations(args),
        Command::Suggest(args) => suggest::suggest(args),
        Command::Neighbors(args) => query::neighbors(args),
        Command::Path(args) => query::path(args),
        Command::Top(args) => query::top(args),
        Command::Show(args) => query::show(args),
        Command::Diff(args) => query::diff(args),
        Command::Render(args) => build::render(args),
        Command::Export(args) => export::export(args),
        Command::Gazetteer {
            action: GazetteerCommand::Check(args),
        } => gazetteer::gazetteer_check(args),
        Command::Gazetteer {
            action: GazetteerCommand::Stats(args),
        } => gazetteer::gazetteer_stats(args),
    }
}

/// The documents a command reads: the paths given, then the JSON Lines files, or the built-in
/// sample text when neither is given.
pub(crate) fn inputs(paths: &[PathBuf], jsonl: &JsonlArgs) -> Result<Vec<Input>> {
    if paths.is_empty() && jsonl.jsonl.is_empty() {
        return Ok(SAMPLE
            .iter()
            .map(|(name, text)| Input::Text(name, text))
            .collect());
    }
    let mut all = batch::inputs(paths)?;
    all.extend(jsonl.inputs());
    Ok(all)
}

/// "1 document", "2 documents"; "1 entity", "3 entities".
pub(crate) fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

pub(crate) fn stdout_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}
