//! The one error type of kg: every variant names the file (and line, where there is one) and the
//! offending value, so a user can go straight to the problem.

use std::fmt;
use std::path::PathBuf;

/// Result alias used across the crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong in kg.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a path failed.
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A gazetteer or pattern file has a malformed line.
    Syntax {
        /// The file (or `<default>/name` for embedded files).
        path: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// An input file could not be used (binary, invalid text under `--strict`).
    Input {
        /// The file.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A graph file could not be read back.
    Graph {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// An entity name given on the command line matches nothing.
    UnknownEntity {
        /// The name as given.
        name: String,
        /// Close matches, best first.
        suggestions: Vec<String>,
    },
    /// A query found nothing (no path between two entities).
    NoResult(String),
    /// A command-line value is invalid.
    Usage(String),
}

impl Error {
    /// Builds an [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// True when the error is a closed output pipe, which is not a failure for a CLI.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Syntax {
                path,
                line,
                message,
            } => write!(f, "{path}:{line}: {message}"),
            Error::Input { path, message } => write!(f, "{path}: {message}"),
            Error::Graph { path, message } => write!(f, "{}: {}", path.display(), message),
            Error::UnknownEntity { name, suggestions } => {
                write!(f, "no entity matches \"{name}\"")?;
                if !suggestions.is_empty() {
                    write!(f, "; did you mean: {}", suggestions.join(", "))?;
                }
                Ok(())
            }
            Error::NoResult(message) | Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
