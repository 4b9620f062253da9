//! `kg build` and `kg tag`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::{BuildArgs, TagArgs, read_inputs, stdout_error};
use super::{ImageFormat, Layout, RenderArgs};
use crate::config::BuildConfig;
use crate::error::Error;
use crate::error::Result;
use crate::export::{self, view::View};
use crate::query;

pub(super) fn build(args: BuildArgs) -> Result<ExitCode> {
    let config = BuildConfig {
        inputs: args.paths,
        out: args.out,
        strict: args.gazetteer.strict,
    };
    let view_options = args.view.options();
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
    let view = View::new(&kg, &view_options)?;
    if let Some(note) = &view.note {
        eprintln!("kg: note: {note}");
    }
    export::write_all(&kg, &config.out, &view)?;
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

pub(super) fn render(args: RenderArgs) -> Result<ExitCode> {
    let kg = query::load(&args.graph)?;
    let view = View::new(&kg, &args.view.options())?;
    if let Some(note) = &view.note {
        eprintln!(
            "kg: note: {}",
            note.replace("graph.dot shows", "the picture shows")
        );
    }
    let (format, engine) = (
        match args.format {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
            ImageFormat::Pdf => "pdf",
            ImageFormat::Dot => "dot",
        },
        match args.layout {
            Layout::Sfdp => "sfdp",
            Layout::Dot => "dot",
            Layout::Neato => "neato",
        },
    );
    let out = args.out.clone().unwrap_or_else(|| {
        args.graph
            .parent()
            .unwrap_or(std::path::Path::new("."))
            .join(format!("graph.{format}"))
    });
    let dot = export::dot::render_view(&kg, &view);
    let image = if args.format == ImageFormat::Dot {
        dot
    } else {
        run_graphviz(engine, format, &dot)?
    };
    export::write_atomic(&out, &image)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "{} entities, {} edges drawn with {engine} -> {}",
        view.nodes.len(),
        view.edges.len(),
        out.display()
    )
    .map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
}

/// Pipes DOT through a Graphviz engine and returns the image.
fn run_graphviz(engine: &str, format: &str, dot: &[u8]) -> Result<Vec<u8>> {
    use std::process::{Command, Stdio};
    let spawned = Command::new(engine)
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Usage(format!(
                "Graphviz's {engine} is not installed; install Graphviz (Debian/Ubuntu: apt-get install graphviz, macOS: brew install graphviz, Windows: winget install graphviz) or render out/graph.dot elsewhere"
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
