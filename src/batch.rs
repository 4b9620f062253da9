//! Inputs → per-document results, on all cores, in input order. Documents are read and
//! processed a batch at a time, so memory holds one batch of texts however big the corpus is,
//! and results reach the caller in the order of the inputs whatever the thread count, which
//! keeps every output byte-identical to a single-threaded run.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::corpus::{self, DocId, Document};
use crate::error::{Error, Result};

/// Where a document comes from.
#[derive(Debug, Clone)]
pub enum Input {
    /// Text compiled into the binary: (name, text).
    Text(&'static str, &'static str),
    /// A file, or `-` for stdin.
    Path(PathBuf),
}

/// The inputs a list of paths stands for: folders expanded, in a stable order.
///
/// # Errors
/// A missing or unreadable path.
pub fn inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    Ok(corpus::expand(paths)?
        .into_iter()
        .map(Input::Path)
        .collect())
}

/// Documents per thread in one batch.
const PER_THREAD: usize = 16;

/// Runs `work` on every document, `threads` at a time (0 = all cores), and hands each result
/// to `sink` in input order; warnings about skipped or repaired files go to `warn`, also in
/// input order. Returns how many documents were processed.
///
/// # Errors
/// The first read error (in input order) or the first error `sink` returns.
pub fn run<T: Send>(
    inputs: &[Input],
    strict: bool,
    threads: usize,
    work: impl Fn(&Document) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<()>,
    mut warn: impl FnMut(&str),
) -> Result<usize> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {threads} threads: {e}")))?;
    let batch = pool.current_num_threads().max(1) * PER_THREAD;
    let mut done = 0;
    for (b, chunk) in inputs.chunks(batch).enumerate() {
        let results: Vec<Result<(Option<T>, Option<String>)>> = pool.install(|| {
            chunk
                .par_iter()
                .enumerate()
                .map(|(i, input)| {
                    let id = DocId((b * batch + i) as u32);
                    let (doc, warning) = match input {
                        Input::Text(name, text) => (Some(Document::new(id, *name, *text)), None),
                        Input::Path(path) => corpus::load(path, id, strict)?,
                    };
                    Ok((doc.map(|d| work(&d)), warning))
                })
                .collect()
        });
        for r in results {
            let (result, warning) = r?;
            if let Some(w) = warning {
                warn(&w);
            }
            if let Some(result) = result {
                done += 1;
                sink(result)?;
            }
        }
    }
    Ok(done)
}
