//! Paths → documents. Folders are read recursively (`*.txt`, sorted), `-` is stdin. A file is
//! read in pieces of about [`PIECE`] bytes cut at a line break or space, so a 200 MB one-line file
//! costs a few megabytes of memory and keeps both cores busy; every offset still counts from the
//! start of the file. Bad input never stops a build silently: binary files are skipped and
//! invalid UTF-8 is replaced, each with a warning naming the file, or an error under `--strict`.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Index of a document in its corpus (input order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub u32);

/// One input text.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its index.
    pub id: DocId,
    /// The path as given (or joined under the folder given); `-` for stdin.
    pub name: String,
    /// The text; byte offsets everywhere in kg point into it.
    pub text: String,
    /// `YYYY-MM-DD` from a leading `date YYYY-MM-DD` line, if any.
    pub date: Option<String>,
    /// Where `text` starts in the file (for every piece after the first of a big file).
    pub base: usize,
    /// Which piece of its file this is, from 0.
    pub part: u32,
}

/// Lists the files a set of input paths stands for, in a stable order: arguments as given,
/// folder contents sorted. Symlinked folders are followed once.
///
/// # Errors
/// A missing or unreadable path, named.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    for p in paths {
        if p.as_os_str() == "-" {
            files.push(p.clone());
            continue;
        }
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            walk(p, &mut files, &mut seen)?;
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, seen: &mut BTreeSet<PathBuf>) -> Result<()> {
    // Canonical paths break symlink loops.
    let canon = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    if !seen.insert(canon) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|e| e.map(|e| e.path()).map_err(|err| Error::io(dir, err)))
        .collect::<Result<_>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, files, seen)?;
        } else if path.extension().is_some_and(|x| x == "txt") {
            files.push(path);
        }
    }
    Ok(())
}

/// Bytes per piece a file is cut into.
pub const PIECE: usize = 1 << 20;

/// How far past [`PIECE`] a piece may grow while looking for a place to cut.
const PIECE_SLACK: usize = 64 << 10;

/// Bytes looked at to decide a file is binary (a NUL byte), as git and ripgrep do.
const SNIFF: usize = 8 << 10;

/// What reading a file yields.
#[derive(Debug)]
pub enum Piece {
    /// A piece of text (the whole file when small).
    Text(Document),
    /// A file skipped or repaired, and why.
    Warning(String),
}

/// The pieces of one file, read as they are needed.
pub struct Pieces {
    name: String,
    reader: Box<dyn Read + Send>,
    id: DocId,
    strict: bool,
    offset: usize,
    part: u32,
    carry: Vec<u8>,
    eof: bool,
    bad_utf8_reported: bool,
    done: bool,
    /// A piece held back while its warning is handed out first.
    pending: Option<(String, usize)>,
    /// The document's date when it comes from elsewhere than its text (a JSON Lines field).
    date: Option<String>,
}

/// Opens an input: `path`, or stdin for `-`, with the name errors and warnings report it by.
///
/// # Errors
/// If it cannot be opened.
pub(crate) fn open(path: &Path) -> Result<(String, Box<dyn Read + Send>)> {
    if path.as_os_str() == "-" {
        return Ok(("-".to_string(), Box::new(std::io::stdin())));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    Ok((path.display().to_string(), Box::new(file)))
}

impl Pieces {
    /// Opens `path` (`-` for stdin).
    ///
    /// # Errors
    /// If it cannot be opened.
    pub fn new(path: &Path, id: DocId, strict: bool) -> Result<Pieces> {
        let (name, reader) = open(path)?;
        Ok(Pieces::from_reader(name, reader, id, strict))
    }

    /// Reads pieces from any reader, reported under `name`.
    pub fn from_reader(
        name: String,
        reader: Box<dyn Read + Send>,
        id: DocId,
        strict: bool,
    ) -> Pieces {
        Pieces {
            name,
            reader,
            id,
            strict,
            offset: 0,
            part: 0,
            carry: Vec::new(),
            eof: false,
            bad_utf8_reported: false,
            done: false,
            pending: None,
            date: None,
        }
    }

    /// Dates the document `date` (when given) instead of by a leading `date` line.
    pub fn with_date(mut self, date: Option<String>) -> Pieces {
        self.date = date;
        self
    }

    fn fill(&mut self, want: usize) -> Result<()> {
        while !self.eof && self.carry.len() < want {
            let start = self.carry.len();
            self.carry.resize(want, 0);
            match self.reader.read(&mut self.carry[start..]) {
                Ok(0) => {
                    self.carry.truncate(start);
                    self.eof = true;
                }
                Ok(n) => self.carry.truncate(start + n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => self.carry.truncate(start),
                Err(e) => return Err(Error::io(&self.name, e)),
            }
        }
        Ok(())
    }

    /// Where to end the next piece: after the last blank line, line break, sentence end or
    /// space (in that order of preference) before [`PIECE`] + slack, never inside a UTF-8
    /// character.
    fn cut(&self) -> usize {
        let buf = &self.carry;
        if self.eof && buf.len() <= PIECE + PIECE_SLACK {
            return buf.len();
        }
        let window = &buf[PIECE / 2..buf.len().min(PIECE + PIECE_SLACK)];
        let at = window
            .windows(2)
            .rposition(|w| w == b"\n\n")
            .map(|p| p + 2)
            .or_else(|| window.iter().rposition(|&b| b == b'\n').map(|p| p + 1))
            .or_else(|| {
                // A sentence end keeps sentences, and so co-occurrences, whole.
                window
                    .windows(2)
                    .rposition(|w| matches!(w, [b'.' | b'!' | b'?', b' ']))
                    .map(|p| p + 2)
            })
            .or_else(|| window.iter().rposition(|&b| b == b' ').map(|p| p + 1));
        match at {
            Some(p) => PIECE / 2 + p,
            None => {
                // One unbroken run: cut at a character boundary.
                let mut p = PIECE.min(buf.len());
                while p > 0 && (buf[p] & 0xC0) == 0x80 {
                    p -= 1;
                }
                p
            }
        }
    }

    fn next_piece(&mut self) -> Result<Option<Piece>> {
        if self.done {
            return Ok(None);
        }
        self.fill(PIECE + PIECE_SLACK)?;
        if self.part == 0 {
            if let Some(at) = self.carry[..self.carry.len().min(SNIFF)]
                .iter()
                .position(|&b| b == 0)
            {
                self.done = true;
                let message = format!("binary file (NUL byte at offset {at})");
                if self.strict {
                    return Err(Error::Input {
                        path: self.name.clone(),
                        message: format!("{message}; --strict stops at it"),
                    });
                }
                let message = format!("{message}, skipped");
                return Ok(Some(Piece::Warning(format!("{}: {message}", self.name))));
            }
        } else if self.carry.is_empty() {
            self.done = true;
            return Ok(None);
        }
        let cut = self.cut();
        let bytes: Vec<u8> = self.carry.drain(..cut).collect();
        let base = self.offset;
        self.offset += cut;
        if self.eof && self.carry.is_empty() {
            self.done = true;
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = base + e.utf8_error().valid_up_to();
                let message = format!("invalid UTF-8 at byte {at}");
                if self.strict {
                    return Err(Error::Input {
                        path: self.name.clone(),
                        message: format!("{message}; --strict stops at it"),
                    });
                }
                let message = format!("{message}, read with replacement characters (U+FFFD)");
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                if !self.bad_utf8_reported {
                    self.bad_utf8_reported = true;
                    // The warning goes first; the text follows on the next call.
                    self.pending = Some((text, base));
                    return Ok(Some(Piece::Warning(format!("{}: {message}", self.name))));
                }
                text
            }
        };
        Ok(Some(self.piece(text, base)))
    }

    fn piece(&mut self, text: String, base: usize) -> Piece {
        let mut doc = Document::new(self.id, self.name.clone(), text);
        if self.part > 0 {
            doc.date = None;
        } else if self.date.is_some() {
            doc.date.clone_from(&self.date);
        }
        doc.base = base;
        doc.part = self.part;
        self.part += 1;
        Piece::Text(doc)
    }
}

impl Iterator for Pieces {
    type Item = Result<Piece>;

    fn next(&mut self) -> Option<Result<Piece>> {
        if let Some((text, base)) = self.pending.take() {
            return Some(Ok(self.piece(text, base)));
        }
        self.next_piece().transpose()
    }
}

impl Document {
    /// Builds a document, reading its date line if there is one.
    pub fn new(id: DocId, name: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        let date = leading_date(&text);
        Document {
            id,
            name: name.into(),
            text,
            date,
            base: 0,
            part: 0,
        }
    }
}

/// A text that starts with `date YYYY-MM-DD` (after blanks or a BOM) carries that date.
fn leading_date(text: &str) -> Option<String> {
    let rest = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .strip_prefix("date ")?;
    let d = rest.get(..10)?;
    let b = d.as_bytes();
    let ok = b.iter().enumerate().all(|(i, c)| match i {
        4 | 7 => *c == b'-',
        _ => c.is_ascii_digit(),
    });
    ok.then(|| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_leading_date() {
        assert_eq!(
            leading_date(" date 2026-02-24 CIA").as_deref(),
            Some("2026-02-24")
        );
        assert_eq!(leading_date("date 2026-2-24"), None);
        assert_eq!(leading_date("The date 2026-02-24"), None);
    }

    fn pieces(bytes: &[u8], strict: bool) -> Vec<std::result::Result<String, String>> {
        let reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
        Pieces::from_reader("a.txt".into(), reader, DocId(0), strict)
            .map(|p| match p {
                Ok(Piece::Text(d)) => Ok(format!("{}@{}#{}", d.text.len(), d.base, d.part)),
                Ok(Piece::Warning(w)) => Err(w),
                Err(e) => Err(format!("error: {e}")),
            })
            .collect()
    }

    #[test]
    fn reads_with_warnings() {
        assert_eq!(
            pieces(b"ok\xffno", false),
            [
                Err(
                    "a.txt: invalid UTF-8 at byte 2, read with replacement characters (U+FFFD)"
                        .into()
                ),
                Ok("7@0#0".into())
            ]
        );
        assert_eq!(
            pieces(b"PK\x00\x01", false),
            [Err(
                "a.txt: binary file (NUL byte at offset 2), skipped".into()
            )]
        );
        assert_eq!(
            pieces(b"PK\x00", true),
            [Err(
                "error: a.txt: binary file (NUL byte at offset 2); --strict stops at it".into()
            )]
        );
        assert_eq!(pieces(b"", false), [Ok("0@0#0".into())]);
    }

    #[test]
    fn cuts_big_files_at_line_breaks_and_keeps_offsets() {
        let line = "Mexico City is large.\n".repeat(100_000); // 2.3 MB
        let got = pieces(line.as_bytes(), false);
        let sizes: Vec<usize> = got
            .iter()
            .map(|p| {
                p.as_ref()
                    .unwrap()
                    .split('@')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            })
            .collect();
        assert_eq!(sizes.iter().sum::<usize>(), line.len());
        assert!(
            sizes
                .iter()
                .all(|&s| s <= PIECE + PIECE_SLACK && s % 22 == 0),
            "{sizes:?}"
        );
        let mut expected = 0;
        for (i, p) in got.iter().enumerate() {
            let p = p.as_ref().unwrap();
            assert_eq!(p, &format!("{}@{expected}#{i}", sizes[i]));
            expected += sizes[i];
        }
        // One unbroken run of multibyte characters is cut on a character boundary.
        let run = "é".repeat(PIECE);
        let got = pieces(run.as_bytes(), false);
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|p| p.is_ok()));
    }
}
