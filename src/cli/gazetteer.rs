//! `kg gazetteer check` and `kg gazetteer stats`.

use std::io::Write;
use std::process::ExitCode;

use super::{GazetteerFilesArgs, stdout_error};
use crate::error::{Error, Result};
use crate::gazetteer::{DEFAULT_FILES, check, files_in};

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

pub(super) fn gazetteer_check(args: GazetteerFilesArgs) -> Result<ExitCode> {
    let findings = check::check(&gazetteer_sources(&args)?);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for f in &findings {
        writeln!(out, "{f}").map_err(stdout_error)?;
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == check::Severity::Error)
        .count();
    writeln!(
        out,
        "{}, {}",
        super::count(errors, "error"),
        super::count(findings.len() - errors, "warning")
    )
    .map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

pub(super) fn gazetteer_stats(args: GazetteerFilesArgs) -> Result<ExitCode> {
    let mut records = Vec::new();
    for s in gazetteer_sources(&args)? {
        crate::gazetteer::parse_into(&s.name, &s.text, &mut records)?;
    }
    let gazetteer = crate::gazetteer::Gazetteer::from_records(records)?;
    // file -> [entities per type], names
    let mut rows: std::collections::BTreeMap<std::sync::Arc<str>, ([usize; 3], usize)> =
        Default::default();
    let mut order = Vec::new();
    for e in gazetteer.entities() {
        let file = e.origin.path.clone();
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
