//! Inputs → per-piece results, on all cores, in input order. Documents are read (big files as
//! pieces, see [`corpus::Pieces`]) with a few pieces per worker in flight, so memory holds a
//! bounded amount of text however big the corpus or a file is, and results reach the caller in
//! input order whatever the thread count, which keeps every output byte-identical to a
//! single-threaded run.

use std::path::PathBuf;

use crate::corpus::{self, DocId, Document, Piece, Pieces};
use crate::error::{Error, Result};
use crate::jsonl::{self, Lines};

/// Where a document comes from.
#[derive(Debug, Clone)]
pub enum Input {
    /// Text compiled into the binary: (name, text).
    Text(&'static str, &'static str),
    /// A file, or `-` for stdin.
    Path(PathBuf),
    /// A JSON Lines file (or `-`): one document a line, named and dated by the fields given.
    Jsonl(PathBuf, crate::jsonl::Fields),
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

/// Pieces in flight per worker.
const PER_THREAD: usize = 4;

/// Opens inputs one after the other and yields their pieces in order.
struct Stream<'a> {
    inputs: std::slice::Iter<'a, Input>,
    current: Option<Pieces>,
    /// The JSON Lines file being read: each line a document, its text cut into pieces.
    lines: Option<Lines>,
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
            if let Some(item) = self.lines.as_mut().and_then(Iterator::next) {
                match item {
                    Ok(jsonl::Item::Doc(line)) => {
                        let id = DocId(self.next_id);
                        self.next_id += 1;
                        let reader = Box::new(std::io::Cursor::new(line.text.into_bytes()));
                        let pieces = Pieces::from_reader(line.name, reader, id, self.strict);
                        self.current = Some(pieces.with_date(line.date));
                        continue;
                    }
                    Ok(jsonl::Item::Warning(w)) => return Some(Ok(Piece::Warning(w))),
                    Err(e) => return Some(Err(e)),
                }
            }
            self.lines = None;
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
                Input::Jsonl(path, fields) => {
                    match Lines::open(path, fields.clone(), self.strict) {
                        Ok(l) => self.lines = Some(l),
                        Err(e) => return Some(Err(e)),
                    }
                }
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
/// This thread reads pieces and folds results; workers take the next piece as soon as they are
/// free, so a slow piece holds up no one (no batch waits for its slowest member). At most
/// `PER_THREAD` pieces per worker are in flight, which bounds memory whatever the corpus size.
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
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let window = threads * PER_THREAD;
    let mut stream = Stream {
        inputs: inputs.iter(),
        current: None,
        lines: None,
        next_id: 0,
        strict,
    };
    type Done<T> = std::thread::Result<T>;
    let (todo_tx, todo_rx) = std::sync::mpsc::channel::<(usize, Document)>();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<(usize, Done<T>)>();
    let todo_rx = std::sync::Mutex::new(todo_rx);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (todo_rx, work) = (&todo_rx, &work);
            std::thread::Builder::new()
                .spawn_scoped(scope, move || {
                    loop {
                        let next = todo_rx.lock().map(|rx| rx.recv());
                        let Ok(Ok((seq, doc))) = next else { return };
                        // A panic goes to the reading thread, which re-raises it in its turn.
                        let result =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&doc)));
                        if done_tx.send((seq, result)).is_err() {
                            return;
                        }
                    }
                })
                .map_err(|e| Error::Usage(format!("cannot start {threads} threads: {e}")))?;
        }
        drop(done_tx);
        let (mut todo_tx, mut sent, mut next, mut done) = (Some(todo_tx), 0, 0, 0);
        // Results that came back before their turn, and items that need no worker.
        let mut ready: std::collections::BTreeMap<usize, Result<Outcome<Done<T>>>> =
            std::collections::BTreeMap::new();
        let outcome = loop {
            while sent - next < window
                && let Some(tx) = &todo_tx
            {
                match stream.next() {
                    Some(Ok(Piece::Text(doc))) => {
                        tx.send((sent, doc)).expect("workers wait for work")
                    }
                    Some(Ok(Piece::Warning(w))) => {
                        ready.insert(sent, Ok(Outcome::Warn(w)));
                    }
                    Some(Err(e)) => {
                        // Nothing after a read error is needed.
                        ready.insert(sent, Err(e));
                        todo_tx = None;
                    }
                    None => {
                        todo_tx = None;
                        continue;
                    }
                }
                sent += 1;
            }
            if next == sent {
                break Ok(done);
            }
            if !ready.contains_key(&next) {
                let (seq, result) = done_rx
                    .recv()
                    .expect("a worker holds every piece in flight");
                ready.insert(seq, Ok(Outcome::Done(result)));
                continue;
            }
            let item = ready.remove(&next).expect("checked above");
            next += 1;
            match item {
                Err(e) => break Err(e),
                Ok(Outcome::Warn(w)) => warn(&w),
                Ok(Outcome::Done(Ok(t))) => {
                    done += 1;
                    if let Err(e) = sink(t) {
                        break Err(e);
                    }
                }
                Ok(Outcome::Done(Err(panic))) => std::panic::resume_unwind(panic),
            }
        };
        // Workers stop once the queue is closed and drained.
        drop(todo_tx);
        outcome
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(n: usize) -> Vec<Input> {
        let names: Vec<&'static str> = (0..n)
            .map(|i| &*Box::leak(format!("doc{i}").into_boxed_str()))
            .collect();
        names
            .into_iter()
            .map(|n| Input::Text(n, "Some text."))
            .collect()
    }

    #[test]
    fn results_arrive_in_input_order_however_long_each_takes() {
        let inputs = texts(40);
        for threads in [1, 3, 8] {
            let mut got = Vec::new();
            let n = run(
                &inputs,
                false,
                threads,
                |doc| {
                    // Early documents take longest, so they finish last.
                    let i: u64 = doc.name[3..].parse().unwrap();
                    std::thread::sleep(std::time::Duration::from_millis((40 - i) / 4));
                    doc.name.clone()
                },
                |name| {
                    got.push(name);
                    Ok(())
                },
                |w| panic!("no warning expected: {w}"),
            )
            .unwrap();
            let want: Vec<String> = (0..40).map(|i| format!("doc{i}")).collect();
            assert_eq!((n, &got), (40, &want), "{threads} threads");
        }
    }

    #[test]
    fn a_read_error_stops_the_run_after_the_inputs_before_it() {
        let mut inputs = texts(5);
        inputs.insert(3, Input::Path("/nonexistent/kg-batch-test.txt".into()));
        let mut got = Vec::new();
        let err = run(
            &inputs,
            false,
            2,
            |doc| doc.name.clone(),
            |name| {
                got.push(name);
                Ok(())
            },
            |_| {},
        )
        .unwrap_err();
        assert!(err.to_string().contains("kg-batch-test.txt"), "{err}");
        assert_eq!(got, ["doc0", "doc1", "doc2"]);
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let inputs = texts(30);
        let mut seen = 0;
        let err = run(
            &inputs,
            false,
            2,
            |doc| doc.name.clone(),
            |_| {
                seen += 1;
                if seen == 7 {
                    return Err(Error::Usage("disk full".into()));
                }
                Ok(())
            },
            |_| {},
        )
        .unwrap_err();
        assert_eq!((seen, err.to_string().contains("disk full")), (7, true));
    }
}
