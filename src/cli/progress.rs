//! Progress of a long read on stderr: bytes read, documents, MB/s and, when the inputs' total
//! size is known, an ETA. Drawn only when stderr is a terminal and only once a run has taken
//! [`DELAY`], so short runs, pipes and logs see nothing.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::batch::Input;

/// How long a run goes before its progress is drawn.
const DELAY: Duration = Duration::from_millis(1500);

/// Counts bytes read, from any worker thread.
pub struct Counter(ProgressBar);

impl Counter {
    /// A piece of `bytes` bytes was read.
    pub fn read(&self, bytes: usize) {
        self.0.inc(bytes as u64);
    }
}

/// The sink thread counts documents and decides when to draw.
pub struct Progress {
    bar: ProgressBar,
    /// When drawing may start; `None` once it has, or when it never will.
    wait_until: Option<Instant>,
    documents: u64,
}

impl Progress {
    /// Progress over `inputs`; drawn on stderr when `show` (the caller checks that stderr is a
    /// terminal and that no `--quiet` was given).
    pub fn new(inputs: &[Input], show: bool) -> Progress {
        // Stdin has no size, nor does anything that is not a plain file: no total, no ETA then.
        let total = inputs.iter().try_fold(0u64, |sum, i| match i {
            Input::Text(_, text) => Some(sum + text.len() as u64),
            Input::Path(p) | Input::Jsonl(p, _) if p.as_os_str() == "-" => None,
            Input::Path(p) | Input::Jsonl(p, _) => std::fs::metadata(p)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| sum + m.len()),
        });
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
        let template = if total.is_some() {
            "kg: {bytes}/{total_bytes} read, {msg}, {bytes_per_sec}, ETA {eta}"
        } else {
            "kg: {bytes} read, {msg}, {bytes_per_sec}"
        };
        bar.set_style(ProgressStyle::with_template(template).expect("a valid template"));
        Progress {
            bar,
            wait_until: show.then(|| Instant::now() + DELAY),
            documents: 0,
        }
    }

    /// What workers tell when they have read a piece.
    pub fn counter(&self) -> Counter {
        Counter(self.bar.clone())
    }

    /// A document's facts (its first piece, `first`) reached the graph.
    pub fn counted(&mut self, first: bool) {
        if first {
            self.documents += 1;
        }
        if self.wait_until.is_some_and(|t| Instant::now() >= t) {
            self.wait_until = None;
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(200));
        }
        if !self.bar.is_hidden() {
            let s = if self.documents == 1 { "" } else { "s" };
            self.bar
                .set_message(format!("{} document{s}", self.documents));
        }
    }

    /// Clears the line, if one was drawn.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::Progress;
    use crate::batch::Input;

    /// The total is known (and an ETA shown) only when every input has a size; pipes and logs
    /// are never drawn on.
    #[test]
    fn totals_come_from_file_sizes() {
        let dir = std::env::temp_dir().join(format!("kg-progress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.txt");
        std::fs::write(&file, "Acme hired Jane Roe.\n").unwrap();
        let sized = [Input::Path(file.clone()), Input::Text("t", "four")];
        let p = Progress::new(&sized, true);
        assert_eq!(p.bar.length(), Some(21 + 4));
        let piped = [Input::Path(file), Input::Path("-".into())];
        assert_eq!(Progress::new(&piped, true).bar.length(), None);
        // Not shown (a pipe, or --quiet): counted, never drawn.
        let mut p = Progress::new(&sized, false);
        p.counter().read(10);
        p.counted(true);
        assert!(p.bar.is_hidden() && p.wait_until.is_none());
        assert_eq!(p.bar.position(), 10);
        // Shown: still hidden for the first moments of a run.
        let mut p = Progress::new(&sized, true);
        p.counted(true);
        assert!(p.bar.is_hidden() && p.wait_until.is_some());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
