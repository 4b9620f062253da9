//! Paths → documents. Files are read whole, folders recursively (`*.txt`, sorted), `-` is stdin.
//! Bad input never stops a build silently: binary files are skipped and invalid UTF-8 is replaced,
//! each with a warning naming the file, or an error under `--strict`.

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
}

/// Documents plus the warnings raised while reading them.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The readable documents, in input order.
    pub documents: Vec<Document>,
    /// One line per skipped or repaired file.
    pub warnings: Vec<String>,
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

/// Reads every input path into documents (all in memory: for small inputs and tests; `kg
/// build` reads one document at a time with [`load`]).
///
/// # Errors
/// A missing or unreadable path; under `strict`, a binary or invalid UTF-8 file.
pub fn read(paths: &[PathBuf], strict: bool) -> Result<Corpus> {
    let mut corpus = Corpus::default();
    for path in expand(paths)? {
        let id = DocId(corpus.documents.len() as u32);
        let (doc, warning) = load(&path, id, strict)?;
        corpus.warnings.extend(warning);
        corpus.documents.extend(doc);
    }
    Ok(corpus)
}

/// Reads one file (or stdin for `-`) into a document, or `None` for a binary file, with the
/// warning to show for a skipped or repaired file.
///
/// # Errors
/// An unreadable file; under `strict`, a binary or invalid UTF-8 file.
pub fn load(path: &Path, id: DocId, strict: bool) -> Result<(Option<Document>, Option<String>)> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io("<stdin>", e))?;
        ("-".to_string(), buf)
    } else {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        (path.display().to_string(), bytes)
    };
    let (text, warning) = decode(&name, bytes, strict)?;
    Ok((text.map(|t| Document::new(id, name, t)), warning))
}

/// Bytes → text, or `None` for a binary file, with an optional warning.
fn decode(name: &str, bytes: Vec<u8>, strict: bool) -> Result<(Option<String>, Option<String>)> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let message = format!("binary file (NUL byte at offset {at}), skipped");
        if strict {
            return Err(Error::Input {
                path: name.to_string(),
                message,
            });
        }
        return Ok((None, Some(format!("{name}: {message}"))));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((Some(text), None)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let message =
                format!("invalid UTF-8 at byte {at}, read with replacement characters (U+FFFD)");
            if strict {
                return Err(Error::Input {
                    path: name.to_string(),
                    message,
                });
            }
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Ok((Some(text), Some(format!("{name}: {message}"))))
        }
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

    #[test]
    fn decodes_with_warnings() {
        let (text, warn) = decode("a.txt", b"ok\xffno".to_vec(), false).unwrap();
        assert_eq!(text.as_deref(), Some("ok\u{FFFD}no"));
        assert_eq!(
            warn.as_deref(),
            Some("a.txt: invalid UTF-8 at byte 2, read with replacement characters (U+FFFD)")
        );
        let (text, warn) = decode("b.bin", b"PK\x00\x01".to_vec(), false).unwrap();
        assert!(text.is_none());
        assert_eq!(
            warn.as_deref(),
            Some("b.bin: binary file (NUL byte at offset 2), skipped")
        );
        assert!(decode("b.bin", b"\x00".to_vec(), true).is_err());
    }
}
