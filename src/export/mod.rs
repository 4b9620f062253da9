//! The knowledge graph → files. Each format renders into a temporary file beside its target
//! and lands by renaming it ([`write_atomic`], [`write_rendered`]), so a failed build never
//! leaves a half-written file behind.

pub mod dot;
pub mod geo;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod layout;
pub mod sink;
pub mod view;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use sink::Sink;

/// Writes `bytes` to `path` through a temporary file in the same folder, then renames it.
///
/// # Errors
/// [`Error::Io`] naming the path; the previous file, if any, is left untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = stage(path, bytes)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Renders every format and writes them into `dir`: `graph.graphml`, `graph.gexf`, `graph.json`,
/// `graph.dot` of the part of the graph `view` selects, and `graph.html` with the default
/// [`html::HtmlOptions`].
///
/// # Errors
/// As [`write_all_with`].
pub fn write_all(kg: &KnowledgeGraph, dir: &Path, view: &view::View) -> Result<Vec<PathBuf>> {
    write_all_with(kg, dir, view, Some(&html::HtmlOptions::default()))
}

/// [`write_all`], with `graph.html` written with `html` (none: no page).
///
/// All files are staged as temporaries first and renamed only when every one was written, so a
/// failure (disk full, a folder in the way) leaves the previous set untouched.
///
/// # Errors
/// If the folder cannot be created or a file cannot be written, naming the file.
pub fn write_all_with(
    kg: &KnowledgeGraph,
    dir: &Path,
    view: &view::View,
    html: Option<&html::HtmlOptions>,
) -> Result<Vec<PathBuf>> {
    // Each file goes to disk as it is rendered, two at a time on two cores (graph.json takes
    // about as long as the other three together), so no more than two chunks of output are in
    // memory whatever the graph's size.
    let mut files: Vec<(&str, Render)> = vec![
        (
            "graph.graphml",
            Box::new(|s: &mut Sink| graphml::write(kg, s)),
        ),
        ("graph.gexf", Box::new(|s: &mut Sink| gexf::write(kg, s))),
        (
            "graph.dot",
            Box::new(|s: &mut Sink| s.push_bytes(&dot::render_view(kg, view))),
        ),
        ("graph.json", Box::new(|s: &mut Sink| json::write(kg, s))),
    ];
    if let Some(options) = html {
        let page = move |s: &mut Sink| s.push_bytes(&html::render(kg, options));
        files.push(("graph.html", Box::new(page)));
    }
    write_rendered(dir, files)
}

/// How one file's bytes are made: written into a [`Sink`] as they are rendered.
pub type Render<'a> = Box<dyn Fn(&mut Sink) + Send + Sync + 'a>;

/// Writes each (file name, bytes) into `dir` (created if need be), all or none: every file is
/// staged as a temporary first and renamed only when all were written, so a failure (disk full,
/// a folder in the way) leaves the previous set untouched.
///
/// # Errors
/// If the folder cannot be created or a file cannot be written, naming the file.
pub fn write_files(dir: &Path, rendered: &[(&str, Vec<u8>)]) -> Result<Vec<PathBuf>> {
    let files = rendered
        .iter()
        .map(|(name, bytes)| {
            let render: Render = Box::new(move |s: &mut Sink| s.push_bytes(bytes));
            (*name, render)
        })
        .collect();
    write_rendered(dir, files)
}

/// [`write_files`], each file rendered straight into its temporary (in parallel) rather than
/// held in memory first.
///
/// # Errors
/// As [`write_files`].
pub fn write_rendered(dir: &Path, files: Vec<(&str, Render)>) -> Result<Vec<PathBuf>> {
    use rayon::prelude::*;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for (name, _) in &files {
        let path = dir.join(name);
        if path.is_dir() {
            return Err(Error::io(
                &path,
                std::io::Error::other("is a folder, not a file"),
            ));
        }
    }
    // One task a file, so each core takes the next file when it is free.
    let staged: Vec<Result<(PathBuf, PathBuf)>> = files
        .par_iter()
        .with_max_len(1)
        .map(|(name, render)| {
            let path = dir.join(name);
            stage_with(&path, |w| {
                let mut sink = Sink::to(w);
                render(&mut sink);
                sink.finish()
            })
            .map(|tmp| (tmp, path))
        })
        .collect();
    let cleanup = |staged: &[Result<(PathBuf, PathBuf)>]| {
        for (tmp, _) in staged.iter().flatten() {
            let _ = std::fs::remove_file(tmp);
        }
    };
    if let Some(Err(_)) = staged.iter().find(|r| r.is_err()) {
        cleanup(&staged);
        let first = staged.into_iter().find_map(Result::err);
        return Err(first.expect("an error was found"));
    }
    let staged: Vec<(PathBuf, PathBuf)> = staged.into_iter().flatten().collect();
    let mut written = Vec::new();
    for (tmp, path) in &staged {
        std::fs::rename(tmp, path).map_err(|e| {
            for (tmp, _) in &staged {
                let _ = std::fs::remove_file(tmp);
            }
            Error::io(path, e)
        })?;
        written.push(path.clone());
    }
    Ok(written)
}

/// Writes `bytes` to a temporary file beside `path` and returns the temporary's path.
fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    stage_with(path, |f| f.write_all(bytes))
}

/// Writes with `fill` to a temporary file beside `path` and returns the temporary's path; the
/// temporary is removed if `fill` fails.
fn stage_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<PathBuf> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_abandoned(dir, &name);
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        fill(&mut f)?;
        f.sync_all()
    })();
    result.map(|()| tmp.clone()).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Removes the temporaries of `name` that a killed run left in `dir` (interrupted, out of
/// memory): a build stopped while writing a big graph would otherwise leave gigabytes of hidden
/// files. Only where `/proc` tells which processes live, and never a live process's file.
fn remove_abandoned(dir: &Path, name: &str) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(pid) = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !proc.join(pid.to_string()).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Drops characters XML 1.0 forbids (controls other than tab and newlines, U+FFFE, U+FFFF).
pub(crate) fn xml_safe(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for an XML attribute or element.
pub(crate) fn xml_escape(s: &str) -> String {
    // Runs of plain bytes are copied whole. Every byte that needs a look is ASCII or 0xEF (the
    // only lead byte that can start U+FFFE or U+FFFF), so each run ends on a character boundary.
    let plain = |b: u8| b >= 0x20 && !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF);
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        if plain(bytes[i]) {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        let c = s[i..].chars().next().expect("a character starts here");
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if xml_safe(c) => out.push(c),
            _ => {}
        }
        i += c.len_utf8();
        run = i;
    }
    out.push_str(&s[run..]);
    out
}

/// Colour per entity type, shared by the GraphML and DOT exports (RGB).
pub(crate) fn kind_color(kind: crate::gazetteer::EntityKind) -> (u8, u8, u8) {
    match kind {
        crate::gazetteer::EntityKind::Person => (0xE4, 0x57, 0x2E),
        crate::gazetteer::EntityKind::Org => (0x29, 0x80, 0xB9),
        crate::gazetteer::EntityKind::Place => (0x27, 0xAE, 0x60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_forbidden_characters() {
        assert_eq!(
            xml_escape("a<b>&\"c'\u{1}\u{FFFE}d\n"),
            "a&lt;b&gt;&amp;&quot;c&apos;d&#10;"
        );
    }

    /// Text with nothing to escape comes back whole, whichever path reads it; the near misses
    /// of the quick path (a lone markup character, a control character, the 0xEF lead byte of
    /// both kept U+FFFD and dropped U+FFFF) take the slow one.
    #[test]
    fn plain_text_and_its_near_misses() {
        for plain in [
            "",
            "Ann met Bo.",
            "São Paulo – Zürich 東京",
            "a\u{7f}b",
            "\u{FFFD}",
        ] {
            assert_eq!(xml_escape(plain), plain);
        }
        assert_eq!(xml_escape("R&D"), "R&amp;D");
        assert_eq!(xml_escape("a\tb"), "a&#9;b");
        assert_eq!(xml_escape("a\u{FFFF}b\u{1F}c"), "abc");
        assert_eq!(xml_escape("\u{EFFF}"), "\u{EFFF}");
        assert_eq!(xml_escape("é\"ü\u{FFFE}'東"), "é&quot;ü&apos;東");
    }

    #[test]
    fn atomic_write_keeps_old_file_on_failure() {
        let dir = std::env::temp_dir().join(format!("kg-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.txt");
        write_atomic(&path, b"old").unwrap();
        // A folder in the way makes the rename fail.
        let blocked = dir.join("blocked");
        std::fs::create_dir_all(blocked.join("inner")).unwrap();
        assert!(write_atomic(&blocked, b"new").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
            .collect();
        assert!(leftovers.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A temporary a killed run left goes at the next write of the same file; one of a live
    /// process, or of another file, stays.
    #[test]
    fn abandoned_temporaries_are_removed() {
        let dir = std::env::temp_dir().join(format!("kg-abandoned-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Above Linux's largest process id (2^22), so no process has it.
        let dead = dir.join(".graph.json.tmp-4194305");
        let other_file = dir.join(".graph.dot.tmp-4194305");
        let live = dir.join(".graph.json.tmp-1");
        for f in [&dead, &other_file, &live] {
            std::fs::write(f, b"partial").unwrap();
        }
        write_atomic(&dir.join("graph.json"), b"{}").unwrap();
        assert_eq!(std::fs::read(dir.join("graph.json")).unwrap(), b"{}");
        if Path::new("/proc/self").exists() {
            assert!(!dead.exists());
        }
        assert!(other_file.exists() && live.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
