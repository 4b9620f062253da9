//! `kg export`: a graph.json → the other files. A graph merged on Spark, or cut down, gets the
//! files a local build writes, from the same renderers, so they are byte-identical to
//! `kg build`'s for the same graph.

use std::io::Write;
use std::process::ExitCode;

use super::{ExportArgs, count, stdout_error};
use crate::error::Result;
use crate::export::{self, view::View};
use crate::query;

pub(super) fn export(args: ExportArgs) -> Result<ExitCode> {
    let kg = query::load(&args.graph)?;
    let options = args.view.options();
    let view = View::new(&kg, &options)?;
    if let Some(note) = &view.note {
        eprintln!("kg: note: {note}");
    }
    // Without a cut, the whole graph (graph.dot draws what `kg build` draws); with one, the part
    // it selects, in every file.
    let cut = options.top.is_some()
        || options.focus.is_some()
        || options.min_weight > 1
        || options.relations_only
        || options.backbone.is_some();
    let sub = cut.then(|| view.subgraph(&kg));
    let whole = sub.as_ref().unwrap_or(&kg);
    let ((graphml, gexf), (dot, html)) = rayon::join(
        || (export::graphml::render(whole), export::gexf::render(whole)),
        || {
            // The page of the whole graph is `kg build`'s (its most connected entities); of a
            // cut, the part it selects.
            let html = if cut {
                export::html::render_view(&kg, &view)
            } else {
                export::html::render(&kg, &export::html::HtmlOptions::default())
            };
            (export::dot::render_view(&kg, &view), html)
        },
    );
    let files = [
        ("graph.graphml", graphml),
        ("graph.gexf", gexf),
        ("graph.dot", dot),
        ("graph.html", html),
    ];
    export::write_files(&args.out, &files)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}, {} -> {}",
        count(whole.graph.node_count(), "entity"),
        count(whole.graph.edge_count(), "edge"),
        args.out.display()
    )
    .map_err(stdout_error)?;
    Ok(ExitCode::SUCCESS)
}
