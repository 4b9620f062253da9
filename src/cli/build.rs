//! `kg build`, `kg extract`, `kg tag` and `kg render`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use serde::Serialize;

use std::io::BufRead;
use std::path::Path;

use super::progress::Progress;
use super::{BuildArgs, ImageFormat, Layout, RenderArgs, TextArgs, count, inputs, stdout_error};
use crate::batch;
use crate::config::BuildConfig;
use crate::error::{Error, Result};
use crate::export::{self, view::View};
use crate::facts::DocFacts;
use crate::graph::GraphBuilder;
use crate::query;
use crate::sentences::Span;

pub(super) fn build(args: BuildArgs) -> Result<ExitCode> {
    let jsonl = args.jsonl;
    let config = BuildConfig {
        inputs: args.paths,
        out: args.out,
        strict: args.gazetteer.strict,
    };
    let view_options = args.view.options();
    let mut builder = GraphBuilder::new(args.max_evidence);
    builder.fold_copies = !args.keep_copies;
    // Fact files need no gazetteer; text does. Everything is checked before text is read.
    let facts_only = config.inputs.is_empty() && jsonl.jsonl.is_empty() && !args.facts.is_empty();
    let pipeline = if facts_only {
        None
    } else {
        let mut p = args.gazetteer.config().pipeline()?;
        p.fingerprint = !args.keep_copies;
        Some(p)
    };
    config.check_output()?;
    let text_inputs = if facts_only {
        Vec::new()
    } else {
        inputs(&config.inputs, &jsonl)?
    };
    let mut dates = DateFilter::new(args.since.clone(), args.until.clone());
    for file in &args.facts {
        read_facts(file, |facts| {
            if dates.keep(&facts) {
                builder.add(facts);
            }
        })?;
    }
    // The pipeline (the compiled gazetteer, most of the memory) goes when the text is read, so
    // the graph and its files are built in the room it leaves.
    if let Some(pipeline) = pipeline {
        let show = !args.quiet && std::io::stderr().is_terminal();
        let mut progress = Progress::new(&text_inputs, show);
        let counter = progress.counter();
        let result = batch::run(
            &text_inputs,
            config.strict,
            args.threads,
            |doc| {
                let facts = pipeline.extract(doc);
                counter.read(doc.text.len());
                facts
            },
            |facts| {
                progress.counted(facts.part == 0);
                if dates.keep(&facts) {
                    builder.add(facts);
                }
                Ok(())
            },
            warn,
        );
        progress.finish();
        result?;
    }
    let note = |n: &str| {
        if !args.quiet {
            eprintln!("kg: note: {n}");
        }
    };
    if let Some(n) = dates.note() {
        note(&n);
    }
    let kg = builder.finish();
    if kg.documents.is_empty() {
        // Nothing to write: an empty graph would only replace the previous build's files.
        let why = if dates.left_out > 0 {
            "every document was left out by --since/--until"
        } else {
            "no input held a document (every file was skipped, or the folders hold no *.txt)"
        };
        return Err(Error::Usage(format!(
            "nothing was read: {why}; {} is left as it was",
            config.out.display()
        )));
    }
    // A drawing option never throws the build away: a focus that names no entity is warned
    // about and the default view drawn, and every file is still written.
    let view = match View::new(&kg, &view_options) {
        Err(e @ Error::UnknownEntity { .. }) => {
            warn(&format!("--focus: {e}; graph.dot shows the default view"));
            View::new(
                &kg,
                &crate::export::view::ViewOptions {
                    focus: None,
                    ..view_options
                },
            )?
        }
        view => view?,
    };
    if let Some(n) = &view.note {
        note(n);
    }
    let html = (args.html_max > 0).then_some(export::html::HtmlOptions { max: args.html_max });
    if html.is_some() && kg.graph.node_count() > args.html_max {
        note(&format!(
            "graph.html holds the {} most connected of {} entities (--html-max N to change it)",
            args.html_max,
            kg.graph.node_count()
        ));
    }
    export::write_all_with(&kg, &config.out, &view, html.as_ref())?;
    let mut out = std::io::stdout().lock();
    let copies = match kg.copy_count() {
        0 => String::new(),
        1 => " (1 copy folded)".to_string(),
        n => format!(" ({n} copies folded)"),
    };
    writeln!(
        out,
        "{}{copies}, {}, {}, {} -> {}",
        count(kg.documents.len(), "document"),
        count(kg.mention_count() as usize, "mention"),
        count(kg.graph.node_count(), "entity"),
        count(kg.graph.edge_count(), "edge"),
        config.out.display()
    )
    .map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
}

/// `--since` / `--until`: which documents a build keeps, by the date of their first piece.
struct DateFilter {
    since: Option<String>,
    until: Option<String>,
    /// The document whose pieces are coming, and whether it is kept.
    current: Option<(String, bool)>,
    left_out: usize,
    undated: usize,
}

impl DateFilter {
    fn new(since: Option<String>, until: Option<String>) -> DateFilter {
        DateFilter {
            since,
            until,
            current: None,
            left_out: 0,
            undated: 0,
        }
    }

    fn keep(&mut self, facts: &DocFacts) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        if facts.part > 0
            && let Some((doc, keep)) = &self.current
            && *doc == facts.doc
        {
            return *keep;
        }
        let keep = match &facts.date {
            Some(d) => {
                self.since.as_ref().is_none_or(|s| d >= s)
                    && self.until.as_ref().is_none_or(|u| d <= u)
            }
            None => {
                self.undated += 1;
                false
            }
        };
        if !keep {
            self.left_out += 1;
        }
        self.current = Some((facts.doc.clone(), keep));
        keep
    }

    fn note(&self) -> Option<String> {
        (self.left_out > 0).then(|| {
            format!(
                "{} outside the dates left out ({} of them undated)",
                count(self.left_out, "document"),
                self.undated
            )
        })
    }
}

fn warn(message: &str) {
    eprintln!("kg: warning: {message}");
}

/// Reads a facts file (`kg extract` output) one line at a time.
fn read_facts(path: &Path, mut add: impl FnMut(DocFacts)) -> Result<()> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let facts: DocFacts = serde_json::from_str(&line).map_err(|e| Error::Syntax {
            path: path.display().to_string(),
            line: i + 1,
            message: format!("not a kg facts line ({e})"),
        })?;
        add(facts);
    }
    Ok(())
}

pub(super) fn extract(args: TextArgs) -> Result<ExitCode> {
    print_documents(&args, |pipeline, doc| {
        let mut line = serde_json::to_vec(&pipeline.extract(doc)).expect("facts serialize");
        line.push(b'\n');
        line
    })
}

/// Runs `work` on every document of `args` on all cores and prints what it returns, in input
/// order.
fn print_documents(
    args: &TextArgs,
    work: impl Fn(&crate::Pipeline, &crate::corpus::Document) -> Vec<u8> + Sync,
) -> Result<ExitCode> {
    let pipeline = args.gazetteer.config().pipeline()?;
    let inputs = inputs(&args.paths, &args.jsonl)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    batch::run(
        &inputs,
        args.gazetteer.strict,
        args.threads,
        |doc| work(&pipeline, doc),
        |bytes| out.write_all(&bytes).map_err(stdout_error),
        warn,
    )?;
    out.flush().map_err(stdout_error)?;
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
    /// For a discovered name: how sure its type is.
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
}

pub(super) fn tag(args: super::TagArgs) -> Result<ExitCode> {
    let references = args.references;
    let args = args.text;
    args.gazetteer
        .refuse_open_relations("kg tag prints mentions, not relations; kg relations")?;
    print_documents(&args, |pipeline, doc| {
        let g = &pipeline.gazetteer;
        let analysis = pipeline.analyze(doc);
        let known = analysis.known(g);
        let mut lines = Vec::new();
        for m in &analysis.tagged.mentions {
            let e = known.entity(m.entity);
            let line = TagLine {
                doc: &doc.name,
                start: m.span.start + doc.base,
                end: m.span.end + doc.base,
                text: &doc.text[m.span.start..m.span.end],
                entity: &e.key,
                kind: e.kind.as_str(),
                name: &e.name,
                how: m.rule,
                ambiguous: !m.candidates.is_empty(),
                candidates: m
                    .candidates
                    .iter()
                    .map(|&c| g.entity(c).key.as_str())
                    .collect(),
                confidence: analysis.discovery(g, m.entity).map(|(c, _)| c),
            };
            serde_json::to_writer(&mut lines, &line).expect("tag lines serialize");
            lines.push(b'\n');
        }
        if references {
            let found = crate::relations::reference::resolve(
                doc,
                &analysis.sentences,
                &analysis.tagged.mentions,
                &known,
            );
            let at = |s: Span| SpanLine {
                start: s.start + doc.base,
                end: s.end + doc.base,
                text: Some(&doc.text[s.start..s.end]),
            };
            for r in &found {
                let e = known.entity(r.entity);
                let line = ReferenceLine {
                    doc: &doc.name,
                    start: r.span.start + doc.base,
                    end: r.span.end + doc.base,
                    text: &doc.text[r.span.start..r.span.end],
                    how: "reference",
                    kind: r.kind,
                    entity: &e.key,
                    name: &e.name,
                    entity_type: e.kind.as_str(),
                    antecedent: at(r.antecedent),
                    confidence: r.confidence,
                };
                serde_json::to_writer(&mut lines, &line).expect("reference lines serialize");
                lines.push(b'\n');
            }
        }
        lines
    })
}

/// One line of `kg tag --references`: a pronoun or description and the entity it stands for.
#[derive(Serialize)]
struct ReferenceLine<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    how: &'static str,
    kind: crate::relations::reference::RefKind,
    entity: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    entity_type: &'static str,
    antecedent: SpanLine<'a>,
    confidence: f32,
}

/// One argument of a `kg relations` line.
#[derive(Serialize)]
struct ArgumentLine<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    latitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    longitude: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
}

/// Byte offsets in the document, and the text they hold.
#[derive(Serialize)]
struct SpanLine<'a> {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

/// One line of `kg relations` output.
#[derive(Serialize)]
struct RelationLine<'a> {
    doc: &'a str,
    predicate: &'a str,
    subject: ArgumentLine<'a>,
    object: ArgumentLine<'a>,
    sentence: SpanLine<'a>,
    trigger: Option<SpanLine<'a>>,
    negated: bool,
    hedged: bool,
    attributed_to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    /// The words that stood for an argument named earlier ("She", "the group").
    #[serde(skip_serializing_if = "Option::is_none")]
    via: Option<&'a str>,
    open: bool,
    /// `gazetteer` for a `located_in` the gazetteer states, not the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    how: Option<&'a str>,
}

pub(super) fn relations(args: TextArgs) -> Result<ExitCode> {
    print_documents(&args, |pipeline, doc| {
        let facts = pipeline.extract(doc);
        // Fact offsets count from the start of the file; the piece's text starts at `base`.
        let text = |s: Span| &doc.text[s.start - doc.base..s.end - doc.base];
        let entities: std::collections::HashMap<&str, &crate::facts::EntityFact> =
            facts.entities.iter().map(|e| (e.id.as_str(), e)).collect();
        // `extract` lists every entity its relations name; a relation that still pointed
        // outside the table would be a bug there, so it is left out rather than crash.
        let argument = |id: &str, span: Span| {
            let e = entities.get(id)?;
            Some(ArgumentLine {
                id: &e.id,
                name: &e.name,
                kind: e.kind.as_str(),
                start: span.start,
                end: span.end,
                text: text(span),
                latitude: e.latitude,
                longitude: e.longitude,
                country: e.country.as_deref(),
            })
        };
        let mut lines = Vec::new();
        for r in facts
            .relations
            .iter()
            .filter(|r| &*r.relation != crate::relations::CO_OCCURS)
        {
            let ev = &r.evidence;
            let q = &ev.qualifiers;
            let (Some(subject), Some(object)) = (
                argument(&r.source, ev.source_span),
                argument(&r.target, ev.target_span),
            ) else {
                continue;
            };
            let line = RelationLine {
                doc: &doc.name,
                predicate: &r.relation,
                subject,
                object,
                sentence: SpanLine {
                    start: ev.start,
                    end: ev.end,
                    text: None,
                },
                trigger: ev.trigger.map(|t| SpanLine {
                    start: t.start,
                    end: t.end,
                    text: Some(text(t)),
                }),
                negated: q.negated,
                hedged: q.hedged,
                attributed_to: q.attributed_to.as_deref(),
                role: q.role.as_deref(),
                via: q.via.as_deref(),
                open: q.open,
                how: q.how.as_deref(),
            };
            serde_json::to_writer(&mut lines, &line).expect("relation lines serialize");
            lines.push(b'\n');
        }
        lines
    })
}

pub(super) fn render(args: RenderArgs) -> Result<ExitCode> {
    let format = image_format(args.format, args.out.as_deref())?;
    let kg = query::load(&args.graph)?;
    let mut options = args.view.options();
    if format == ImageFormat::Html && options.top.is_none() && options.focus.is_none() {
        // A page holds thousands of entities, not the 150 a Graphviz picture is cut to.
        options.top = Some(args.html_max.max(1).min(kg.graph.node_count()));
    }
    let mut view = View::new(&kg, &options)?;
    if format == ImageFormat::Html
        && args.view.top.is_none()
        && args.view.focus.is_none()
        && view.nodes.len() < kg.graph.node_count()
    {
        view.note = Some(format!(
            "this page holds the {} most connected of {} entities and the edges among them; graph.json holds everything (--html-max N to change it)",
            view.nodes.len(),
            kg.graph.node_count()
        ));
    }
    if let Some(note) = &view.note {
        eprintln!("kg: note: {note}");
    }
    let engine = match args.layout {
        Layout::Sfdp => "sfdp",
        Layout::Dot => "dot",
        Layout::Neato | Layout::Geo => "neato",
    };
    // The map pins every node: neato draws it as it is (-n) instead of laying it out.
    let geo = matches!(args.layout, Layout::Geo);
    let out = args.out.clone().unwrap_or_else(|| {
        args.graph
            .parent()
            .unwrap_or(std::path::Path::new("."))
            // Beside the graph; a DOT view must not replace the build's own graph.dot.
            .join(if format == ImageFormat::Dot {
                "graph.view.dot".to_string()
            } else {
                format!("graph.{}", format.extension())
            })
    });
    let dot = if geo {
        export::geo::render(&kg, &view)?
    } else {
        export::dot::render_view(&kg, &view)
    };
    let (image, drawn) = if format == ImageFormat::Html {
        (export::html::render_view(&kg, &view), String::new())
    } else if format == ImageFormat::Dot {
        (dot, String::new())
    } else {
        let args_n: &[&str] = if geo { &["-n"] } else { &[] };
        let image = run_graphviz(engine, args_n, format.extension(), &dot, &args.graph)?;
        (
            image,
            format!(" drawn with {engine}{}", if geo { " -n" } else { "" }),
        )
    };
    export::write_atomic(&out, &image)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{}, {}{drawn} -> {}",
        count(view.nodes.len(), "entity"),
        count(view.edges.len(), "edge"),
        out.display()
    )
    .map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
}

/// The format `kg render` writes: `--format`, else the extension of `--out`, else SVG. A
/// format that contradicts the extension is an error, never a PNG file holding SVG.
fn image_format(given: Option<ImageFormat>, out: Option<&Path>) -> Result<ImageFormat> {
    let implied = out.map(|o| (o, ImageFormat::from_path(o)));
    match (given, implied) {
        (Some(f), Some((o, Some(g)))) if f != g => Err(Error::Usage(format!(
            "--format {} contradicts --out {} (a .{} file); give one or make them agree",
            f.extension(),
            o.display(),
            g.extension()
        ))),
        (Some(f), _) => Ok(f),
        (None, Some((_, Some(g)))) => Ok(g),
        (None, Some((o, None))) => Err(Error::Usage(format!(
            "--out {}: cannot tell the format from its extension; name it .svg, .png, .pdf, .dot or .html, or give --format",
            o.display()
        ))),
        (None, None) => Ok(ImageFormat::Svg),
    }
}

/// Pipes DOT through a Graphviz engine and returns the image.
/// `graph` is the graph drawn, named in the hint when Graphviz is missing.
fn run_graphviz(
    engine: &str,
    args: &[&str],
    format: &str,
    dot: &[u8],
    graph: &Path,
) -> Result<Vec<u8>> {
    use std::process::{Command, Stdio};
    let spawned = Command::new(engine)
        .args(args)
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Usage(format!(
                "Graphviz's {engine} is not installed; install Graphviz (Debian/Ubuntu: apt-get install graphviz, macOS: brew install graphviz, Windows: winget install graphviz), or write the DOT with `kg render --graph {} --format dot --out graph.dot` and render it elsewhere",
                graph.display()
            )));
        }
        Err(e) => return Err(Error::io(engine, e)),
    };
    let mut stdin = child.stdin.take().expect("piped");
    let input = dot.to_vec();
    // Write on another thread so a large image on stdout cannot deadlock the pipe.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().map_err(|e| Error::io(engine, e))?;
    let _ = writer.join();
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Error::Usage(format!("{engine} failed: {}", stderr.trim())));
    }
    Ok(output.stdout)
}
