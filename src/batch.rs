//! Inputs → per-piece results, on all cores, in input order. Documents are read (big files as
//! pieces, see [`corpus::Pieces`]) and processed a batch at a time, so memory holds one batch of
//! text however big the corpus or a file is, and results reach the caller in input order
//! whatever the thread count, which keeps every output byte-identical to a single-threaded run.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::corpus::{self, DocId, Document, Piece, Pieces};
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

/// Pieces per thread in one batch.
const PER_THREAD: usize = 4;

/// Opens inputs one after the other and yields their pieces in order.
struct Stream<'a> {
    inputs: std::slice::Iter<'a, Input>,
    current: Option<Pieces>,
    next_id: u32,
    strict: bool,
}

impl Iterator for Stream<'_> {
    type Item = Result<Piece>;

    fn next(&mut self) -> Option<Result<Piece>> {
        loop {
            if let Some(p) = self.current.as_mut().and_then(Iterator::next) {
                return Some(p);
            }
            self.current = None;
            let id = DocId(self.next_id);
            self.next_id += 1;
            match self.inputs.next()? {
                Input::Text(name, text) => {
                    return Some(Ok(Piece::Text(Document::new(id, *name, *text))));
                }
                Input::Path(path) => match Pieces::new(path, id, self.strict) {
                    Ok(p) => self.current = Some(p),
                    Err(e) => return Some(Err(e)),
                },
            }
        }
    }
}

enum Outcome<T> {
    Done(T),
    Warn(String),
}

/// Runs `work` on every piece of every document, `threads` at a time (0 = all cores), and hands
/// each result to `sink` in input order; warnings about skipped or repaired files go to `warn`,
/// also in input order. Returns how many pieces were processed.
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
    let mut stream = Stream {
        inputs: inputs.iter(),
        current: None,
        next_id: 0,
        strict,
    };
    let mut done = 0;
    let process = |items: Vec<Result<Piece>>| -> Vec<Result<Outcome<T>>> {
        pool.install(|| {
            items
                .into_par_iter()
                .map(|item| match item? {
                    Piece::Text(doc) => Ok(Outcome::Done(work(&doc))),
                    Piece::Warning(w) => Ok(Outcome::Warn(w)),
                })
                .collect()
        })
    };
    // While the workers process one batch, this thread hands the previous one to `sink`, so
    // folding results never leaves the cores idle.
    std::thread::scope(|scope| {
        let mut previous: Option<Vec<Result<Outcome<T>>>> = None;
        loop {
            let items: Vec<Result<Piece>> = stream.by_ref().take(batch).collect();
            let running = (!items.is_empty()).then(|| scope.spawn(|| process(items)));
            for r in previous.take().into_iter().flatten() {
                match r? {
                    Outcome::Warn(w) => warn(&w),
                    Outcome::Done(t) => {
                        done += 1;
                        sink(t)?;
                    }
                }
            }
            match running {
                Some(handle) => previous = Some(handle.join().expect("workers do not panic")),
                None => return Ok(done),
            }
        }
    })
}
