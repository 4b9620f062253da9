//! Command-line values → a validated configuration: the gazetteer and patterns are loaded and
//! compiled, and the output folder checked, before any text is read.

use std::path::PathBuf;

use crate::Pipeline;
use crate::error::{Error, Result};
use crate::gazetteer::{Gazetteer, Sources, files_in};
use crate::relations::patterns::{self, DEFAULT_PATTERNS};

/// Where entities and patterns come from.
#[derive(Debug, Clone, Default)]
pub struct GazetteerConfig {
    /// Leave out the built-in gazetteer.
    pub no_default_gazetteer: bool,
    /// Leave out the built-in relation patterns.
    pub no_default_patterns: bool,
    /// Report open relations (verbs no pattern covers).
    pub open_relations: bool,
    /// Discover names the gazetteer does not list.
    pub discover: bool,
    /// No `located_in` links from the gazetteer's geo keys.
    pub no_geo_links: bool,
    /// User gazetteer files or folders (`*.tsv`; folders may also hold `*.patterns`).
    pub gazetteers: Vec<PathBuf>,
    /// User pattern files or folders (`*.patterns`).
    pub patterns: Vec<PathBuf>,
}

impl GazetteerConfig {
    /// Loads and compiles everything.
    ///
    /// # Errors
    /// Any unreadable file or malformed line, named by file and line.
    pub fn pipeline(&self) -> Result<Pipeline> {
        let gazetteer = Gazetteer::load(&Sources {
            defaults: !self.no_default_gazetteer,
            paths: self.gazetteers.clone(),
        })?;
        let mut pats = Vec::new();
        if !self.no_default_patterns {
            pats.extend(patterns::parse(
                "<default>/relations.patterns",
                DEFAULT_PATTERNS,
            )?);
        }
        let mut files = Vec::new();
        for dir in self.gazetteers.iter().filter(|p| p.is_dir()) {
            files.extend(files_in(dir, "patterns")?);
        }
        for p in &self.patterns {
            files.extend(files_in(p, "patterns")?);
        }
        for file in files {
            let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
            pats.extend(patterns::parse(&file.display().to_string(), &text)?);
        }
        let mut pipeline = Pipeline::new(gazetteer, pats);
        pipeline.patterns.open = self.open_relations;
        pipeline.discover = self.discover;
        pipeline.geo_links = !self.no_geo_links;
        pipeline.patterns.constructions = !self.no_default_patterns;
        Ok(pipeline)
    }
}

/// Everything `kg build` needs.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    /// Input paths; empty means the built-in sample text.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    /// Binary or invalid UTF-8 input is an error rather than a warning.
    pub strict: bool,
}

impl BuildConfig {
    /// Creates the output folder and checks it is writable, so a bad `--out` fails before the
    /// corpus is read.
    ///
    /// # Errors
    /// [`Error::Io`] naming the folder.
    pub fn check_output(&self) -> Result<()> {
        if self.out.exists() && !self.out.is_dir() {
            return Err(Error::Usage(format!(
                "{}: --out must be a folder (kg build writes four files into it), and this is a file",
                self.out.display()
            )));
        }
        std::fs::create_dir_all(&self.out).map_err(|e| Error::io(&self.out, e))?;
        let probe = self
            .out
            .join(format!(".kg-write-test-{}", std::process::id()));
        std::fs::write(&probe, b"").map_err(|e| Error::io(&self.out, e))?;
        std::fs::remove_file(&probe).map_err(|e| Error::io(&probe, e))
    }
}
