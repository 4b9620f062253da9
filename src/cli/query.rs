//! `kg neighbors`, `kg path`, `kg top` and `kg show`: tables for a terminal, JSON with `--json`.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{DiffArgs, GraphArgs, NeighborsArgs, PathArgs, ShowArgs, TopArgs, count, stdout_error};
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::query::{self, Link, Neighbour, sanitize};
use crate::relations::CO_OCCURS;

/// Prints `value` as JSON or runs `table`, to stdout.
fn answer<T: Serialize>(
    args: &GraphArgs,
    value: &T,
    table: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, value).map_err(|e| stdout_error(e.into()))?;
        out.write_all(b"\n").map_err(stdout_error)?;
    } else {
        table(&mut out).map_err(stdout_error)?;
    }
    out.flush().map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
}

fn describe(links: &[Link]) -> String {
    let typed: Vec<String> = links
        .iter()
        .filter(|l| l.relation != CO_OCCURS)
        .map(|l| {
            let arrow = if l.direction == "in" { "<-" } else { "->" };
            let not = if l.negated { "not " } else { "" };
            format!("{arrow} {not}{} ({})", l.relation, l.weight)
        })
        .collect();
    if typed.is_empty() {
        "co-occurs".to_string()
    } else {
        typed.join(", ")
    }
}

fn width<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    names
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 48)
}

/// [`query::resolve`], with a note on stderr naming the other entities the name also answers
/// (a surname several people share), so the answer is never silently one of them.
fn resolve_noting(kg: &KnowledgeGraph, name: &str) -> Result<petgraph::graph::NodeIndex> {
    let (node, others) = query::resolve_all(kg, name)?;
    if !others.is_empty() {
        let list: Vec<String> = others
            .iter()
            .take(5)
            .map(|&i| format!("{} ({})", sanitize(&kg.graph[i].name), kg.graph[i].id))
            .collect();
        let more = others.len().saturating_sub(5);
        eprintln!(
            "kg: note: \"{}\" is {} ({}); it also names {}{}: ask by id for another",
            sanitize(name),
            sanitize(&kg.graph[node].name),
            kg.graph[node].id,
            list.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            },
        );
    }
    Ok(node)
}

pub(super) fn neighbors(args: NeighborsArgs) -> Result<ExitCode> {
    let kg = query::load(&args.graph.graph)?;
    let mut filter = args.filter.filter(&kg)?;
    if let Some(c) = &args.within {
        filter.within = Some(query::country(&kg, c)?);
    }
    let node = resolve_noting(&kg, &args.entity)?;
    let list = query::neighbours(
        &kg,
        node,
        args.depth,
        &filter,
        args.evidence,
        args.sort == crate::query::Sort::Significance,
    );
    let n = &kg.graph[node];
    answer(&args.graph, &list, |out| {
        writeln!(
            out,
            "{} ({}, {}): {}",
            sanitize(&n.name),
            n.id,
            n.kind.as_str(),
            count(list.len(), "neighbour")
        )?;
        print_neighbours(out, &list, args.sort == crate::query::Sort::Significance)
    })
}

fn print_neighbours(
    out: &mut dyn Write,
    list: &[Neighbour],
    significance: bool,
) -> std::io::Result<()> {
    let width = width(list.iter().map(|n| n.name.as_str()));
    // Sorted by significance, the listing shows it: signed G² of the co-occurrence.
    let g2 = |n: &Neighbour| {
        if significance {
            format!(
                "  {:>9}",
                n.significance
                    .map_or("-".to_string(), |s| format!("{s:.1}"))
            )
        } else {
            String::new()
        }
    };
    writeln!(
        out,
        "{:<width$}  {:<6}  {:>6}{}  RELATIONS",
        "NAME",
        "TYPE",
        "WEIGHT",
        if significance { "         G2" } else { "" }
    )?;
    for n in list {
        let via = n
            .via
            .as_ref()
            .map(|v| format!(" [via {v}]"))
            .unwrap_or_default();
        writeln!(
            out,
            "{:<width$}  {:<6}  {:>6}{}  {}{via}",
            sanitize(&n.name),
            n.kind.as_str(),
            // The weight counts co-occurrence; a neighbour joined only by typed relations
            // has their counts in RELATIONS.
            if n.weight == 0 {
                "-".to_string()
            } else {
                n.weight.to_string()
            },
            g2(n),
            describe(&n.relations)
        )?;
        for q in &n.evidence {
            writeln!(out, "    \"{}\" ({})", sanitize(&q.text), sanitize(&q.doc))?;
        }
    }
    Ok(())
}

pub(super) fn path(args: PathArgs) -> Result<ExitCode> {
    let kg = query::load(&args.graph.graph)?;
    let (a, b) = (
        resolve_noting(&kg, &args.from)?,
        resolve_noting(&kg, &args.to)?,
    );
    let filter = args.filter.filter(&kg)?;
    let Some(hops) = query::path(&kg, a, b, &filter) else {
        return Err(Error::NoResult(format!(
            "no path between {} and {}",
            kg.graph[a].name, kg.graph[b].name
        )));
    };
    let start = &kg.graph[a];
    answer(&args.graph, &hops, |out| {
        writeln!(
            out,
            "{} ({}): {}",
            sanitize(&start.name),
            start.id,
            count(hops.len(), "hop")
        )?;
        for h in &hops {
            writeln!(
                out,
                "  {} {} ({}, {})",
                describe(&h.relations),
                sanitize(&h.name),
                h.to,
                h.kind.as_str()
            )?;
            if let Some(q) = &h.evidence {
                writeln!(
                    out,
                    "      \"{}\" ({})",
                    sanitize(&q.text),
                    sanitize(&q.doc)
                )?;
            }
        }
        Ok(())
    })
}

pub(super) fn top(args: TopArgs) -> Result<ExitCode> {
    let kg: KnowledgeGraph = query::load(&args.graph.graph)?;
    let list = query::top(&kg, args.by, &args.filter.filter(&kg)?, args.n);
    answer(&args.graph, &list, |out| {
        let width = width(list.iter().map(|r| r.name.as_str()));
        writeln!(
            out,
            "{:>4}  {:<width$}  {:<6}  {:>12}  {:>8}",
            "RANK", "NAME", "TYPE", "SCORE", "MENTIONS"
        )?;
        for r in &list {
            writeln!(
                out,
                "{:>4}  {:<width$}  {:<6}  {:>12}  {:>8}",
                r.rank,
                sanitize(&r.name),
                r.kind.as_str(),
                // "-0" is no score: a negative zero prints as 0.
                format!("{:.4}", r.score + 0.0)
                    .trim_end_matches('0')
                    .trim_end_matches('.'),
                r.mentions
            )?;
        }
        Ok(())
    })
}

pub(super) fn show(args: ShowArgs) -> Result<ExitCode> {
    let kg = query::load(&args.graph.graph)?;
    let node = resolve_noting(&kg, &args.entity)?;
    let p = query::show(&kg, node);
    let n = &p.node;
    answer(&args.graph, &p, |out| {
        writeln!(out, "{} ({}, {})", sanitize(&n.name), n.id, n.kind.as_str())?;
        if let Some(place) = query::place_line(n) {
            writeln!(out, "  place:     {}", sanitize(&place))?;
        }
        writeln!(out, "  aliases:   {}", sanitize(&n.aliases.join(", ")))?;
        writeln!(out, "  seen as:   {}", sanitize(&n.seen.join(", ")))?;
        writeln!(
            out,
            "  mentions:  {} in {}",
            n.mentions,
            count(n.documents as usize, "document")
        )?;
        if let Some(c) = n.confidence {
            let shared = crate::graph::SHARED_SURNAME;
            let (notes, cues): (Vec<&String>, Vec<&String>) =
                n.evidence.iter().partition(|e| e.starts_with(shared));
            let cues: Vec<&str> = cues.iter().map(|c| c.as_str()).collect();
            writeln!(
                out,
                "  discovered: no gazetteer lists it; type {} with confidence {c:.2} from: {}",
                n.kind.as_str(),
                cues.join(", ")
            )?;
            for note in notes {
                // Left apart: whose surname it is cannot be told.
                writeln!(out, "  left apart: {}", sanitize(note))?;
            }
        }
        writeln!(out, "  co-occurs with {}", count(p.co_occurring, "entity"))?;
        for (title, list, arrow) in [
            ("relations out", &p.outgoing, "->"),
            ("relations in", &p.incoming, "<-"),
        ] {
            writeln!(out, "  {title}:")?;
            if list.is_empty() {
                writeln!(out, "    (none)")?;
            }
            for r in list {
                let not = if r.negated { "not " } else { "" };
                let via = if r.via.is_empty() {
                    String::new()
                } else {
                    format!(" via \"{}\"", sanitize(&r.via.join("\", \"")))
                };
                writeln!(
                    out,
                    "    {arrow} {not}{} {} ({}) x{}{via}",
                    r.relation,
                    sanitize(&r.name),
                    r.other,
                    r.weight
                )?;
            }
        }
        Ok(())
    })
}

pub(super) fn diff(args: DiffArgs) -> Result<ExitCode> {
    let old = query::load(&args.old)?;
    let new = query::load(&args.new)?;
    let d = query::diff(&old, &new);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &d).map_err(|e| stdout_error(e.into()))?;
        out.write_all(b"\n").map_err(stdout_error)?;
        out.flush().map_err(stdout_error)?;
        return Ok(ExitCode::SUCCESS);
    }
    let name = |id: &str| {
        [&new, &old]
            .iter()
            .find_map(|kg| kg.graph.node_weights().find(|n| n.id == id))
            .map_or(id.to_string(), |n| sanitize(&n.name))
    };
    let describe = |id: &str| {
        let node = [&new, &old]
            .iter()
            .find_map(|kg| kg.graph.node_weights().find(|n| n.id == id));
        match node {
            Some(n) => format!("{} ({}, {})", sanitize(&n.name), n.id, n.kind.as_str()),
            None => id.to_string(),
        }
    };
    let mut text = String::new();
    let e = &d.entities;
    text.push_str(&format!(
        "entities: {} added, {} removed\n",
        e.added.len(),
        e.removed.len()
    ));
    for id in &e.added {
        text.push_str(&format!("  + {}\n", describe(id)));
    }
    for id in &e.removed {
        text.push_str(&format!("  - {}\n", describe(id)));
    }
    let g = &d.edges;
    text.push_str(&format!(
        "edges: {} added, {} removed, {} changed weight\n",
        g.added.len(),
        g.removed.len(),
        g.changed.len()
    ));
    for (mark, list) in [("+", &g.added), ("-", &g.removed), ("~", &g.changed)] {
        for c in list.iter().take(args.top) {
            let arrow = if c.relation == CO_OCCURS { "--" } else { "->" };
            text.push_str(&format!(
                "  {mark} {} {arrow} {} {}: {} -> {}\n",
                name(&c.source),
                c.relation,
                name(&c.target),
                c.old_weight,
                c.new_weight
            ));
            if let Some(s) = &c.evidence {
                text.push_str(&format!("      \"{}\" ({})\n", sanitize(&s.text), s.doc));
            }
        }
        if list.len() > args.top {
            text.push_str(&format!("  {mark} ... {} more\n", list.len() - args.top));
        }
    }
    out.write_all(text.as_bytes()).map_err(stdout_error)?;
    out.flush().map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
}
