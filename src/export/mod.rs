//! The knowledge graph → files. Each format renders into memory first, then lands with
//! [`write_atomic`], so a failed build never leaves a half-written file behind.

pub mod dot;
pub mod geo;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod layout;
pub mod view;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;

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
    // graph.json takes about as long as the other three together: two halves on two cores.
    let (((graphml, gexf), html), (dot, json)) = rayon::join(
        || {
            rayon::join(
                || (graphml::render(kg), gexf::render(kg)),
                || html.map(|o| html::render(kg, o)),
            )
        },
        || (dot::render_view(kg, view), json::render(kg)),
    );
    let mut rendered = vec![
        ("graph.graphml", graphml),
        ("graph.gexf", gexf),
        ("graph.dot", dot),
        ("graph.json", json),
    ];
    rendered.extend(html.map(|page| ("graph.html", page)));
    write_files(dir, &rendered)
}

/// Writes each (file name, bytes) into `dir` (created if need be), all or none: every file is
/// staged as a temporary first and renamed only when all were written, so a failure (disk full,
/// a folder in the way) leaves the previous set untouched.
///
/// # Errors
/// If the folder cannot be created or a file cannot be written, naming the file.
pub fn write_files(dir: &Path, rendered: &[(&str, Vec<u8>)]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |staged: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in staged {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for (name, bytes) in rendered {
        let path = dir.join(name);
        if path.is_dir() {
            cleanup(&staged);
            return Err(Error::io(
                &path,
                std::io::Error::other("is a folder, not a file"),
            ));
        }
        match stage(&path, bytes) {
            Ok(tmp) => staged.push((tmp, path)),
            Err(e) => {
                cleanup(&staged);
                return Err(e);
            }
        }
    }
    let mut written = Vec::new();
    for (tmp, path) in &staged {
        std::fs::rename(tmp, path).map_err(|e| {
            cleanup(&staged);
            Error::io(path, e)
        })?;
        written.push(path.clone());
    }
    Ok(written)
}

/// Writes `bytes` to a temporary file beside `path` and returns the temporary's path.
fn stage(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    result.map(|()| tmp.clone()).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Drops characters XML 1.0 forbids (controls other than tab and newlines, U+FFFE, U+FFFF).
pub(crate) fn xml_safe(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for an XML attribute or element.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| xml_safe(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
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
}
