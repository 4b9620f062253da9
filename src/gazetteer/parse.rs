//! Gazetteer files → entity records. One entity a line, tab-separated:
//! `id  TYPE  canonical name  alias|alias|...  [key=value; key=value]`; `#` starts a comment.
//! Every problem is reported with its file and line.

use crate::error::{Error, Result};
use crate::gazetteer::EntityKind;
use crate::gazetteer::geo::{self, Geo};

/// One parsed line, before ids are checked across files.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Stable id, e.g. `el_mencho`.
    pub key: String,
    /// PERSON, ORG or PLACE.
    pub kind: EntityKind,
    /// Canonical name.
    pub name: String,
    /// Other names, in file order.
    pub aliases: Vec<String>,
    /// Adjectives naming the entity ("Mexican"): relation anchors, never mentions.
    pub demonyms: Vec<String>,
    /// Id of the place or organization that contains this one.
    pub parent: Option<String>,
    /// Where it is (places with the geo keys), boxed since most entities have none.
    pub geo: Option<Box<Geo>>,
    /// Where the line is.
    pub origin: Origin,
}

/// A line of a gazetteer file, shown as `file:line`; ordered by file, then line number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The file (`<default>/name` for embedded files), shared by the file's lines.
    pub path: std::sync::Arc<str>,
    /// 1-based line number.
    pub line: usize,
}

impl Origin {
    /// A syntax error at this line.
    pub fn error(&self, message: String) -> Error {
        Error::Syntax {
            path: self.path.to_string(),
            line: self.line,
            message,
        }
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

/// The default gazetteer compiled into the binary: (file name, contents).
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../../gazetteer/countries.tsv"),
    ),
    ("places.tsv", include_str!("../../gazetteer/places.tsv")),
    ("orgs.tsv", include_str!("../../gazetteer/orgs.tsv")),
    ("people.tsv", include_str!("../../gazetteer/people.tsv")),
    (
        "subdivisions.tsv",
        include_str!("../../gazetteer/subdivisions.tsv"),
    ),
    ("regions.tsv", include_str!("../../gazetteer/regions.tsv")),
    ("cities.tsv", include_str!("../../gazetteer/cities.tsv")),
];

fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.:".contains(&b))
}

/// Parses the text of one gazetteer file named `path` (used in error messages).
///
/// # Errors
/// [`Error::Syntax`] for the first malformed line: wrong column count, unknown type, invalid id,
/// empty name or alias, unknown attribute.
pub fn parse(path: &str, text: &str) -> Result<Vec<Record>> {
    let mut records = Vec::new();
    parse_into(path, text, &mut records)?;
    Ok(records)
}

/// Parses every line onto the end of `records`, stopping at the first error. Room for every
/// line is made at once: a 600,000-line file would otherwise be copied twenty times as it grows.
/// A big file is read in pieces of whole lines on all cores, joined in the file's order.
///
/// # Errors
/// The first malformed line, named by file and line.
pub fn parse_into(path: &str, text: &str, records: &mut Vec<Record>) -> Result<()> {
    parse_pieces(path, text, records, PIECE)
}

fn parse_pieces(path: &str, text: &str, records: &mut Vec<Record>, size: usize) -> Result<()> {
    use rayon::prelude::*;
    let pieces = pieces(text, size);
    records.reserve(pieces.iter().map(|p| p.lines).sum::<usize>() + 1);
    let shared: std::sync::Arc<str> = path.into();
    // A file of one piece (most) goes straight into `records`.
    if let [piece] = &pieces[..] {
        return parse_piece(&shared, piece, records);
    }
    let parsed: Vec<Result<Vec<Record>>> = pieces
        .par_iter()
        .map(|piece| {
            let mut out = Vec::with_capacity(piece.lines + 1);
            parse_piece(&shared, piece, &mut out).map(|()| out)
        })
        .collect();
    // In order: the first piece with an error holds the file's first malformed line.
    for piece in parsed {
        records.extend(piece?);
    }
    Ok(())
}

/// Parses the lines of one piece onto the end of `out`, stopping at the first error.
fn parse_piece(path: &std::sync::Arc<str>, piece: &Piece, out: &mut Vec<Record>) -> Result<()> {
    for (index, raw) in piece.text.lines().enumerate() {
        if let Some(content) = content(raw) {
            out.push(parse_line(path, piece.first_line + index + 1, content)?);
        }
    }
    Ok(())
}

/// Bytes of a gazetteer read as one piece: small files stay whole.
const PIECE: usize = 1 << 20;

/// Whole lines of a file.
struct Piece<'t> {
    text: &'t str,
    /// Lines of the file before it.
    first_line: usize,
    /// Line ends in it.
    lines: usize,
}

/// `text` cut after line ends into pieces of about `size` bytes.
fn pieces(text: &str, size: usize) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let (mut start, mut first_line) = (0, 0);
    while start < text.len() {
        // A line end is one byte and never inside a character: the cut is always a boundary.
        let from = (start + size).min(text.len());
        let end = match text.as_bytes()[from..].iter().position(|&b| b == b'\n') {
            Some(i) => from + i + 1,
            None => text.len(),
        };
        let piece = &text[start..end];
        let lines = piece.bytes().filter(|&b| b == b'\n').count();
        out.push(Piece {
            text: piece,
            first_line,
            lines,
        });
        first_line += lines;
        start = end;
    }
    out
}

/// A line's content, or `None` for a blank or comment line.
fn content(raw: &str) -> Option<&str> {
    let content = raw.trim_end_matches('\r');
    let skip = content.trim().is_empty() || content.trim_start().starts_with('#');
    (!skip).then_some(content)
}

/// Parses every line, keeping each error instead of stopping at the first (for `kg gazetteer
/// check`).
pub fn parse_lines(path: &str, text: &str) -> Vec<Result<Record>> {
    let shared: std::sync::Arc<str> = path.into();
    text.lines()
        .enumerate()
        .filter_map(|(index, raw)| Some(parse_line(&shared, index + 1, content(raw)?)))
        .collect()
}

fn parse_line(path: &std::sync::Arc<str>, line: usize, content: &str) -> Result<Record> {
    let err = |message: String| Error::Syntax {
        path: path.to_string(),
        line,
        message,
    };
    let cols: Vec<&str> = content.split('\t').collect();
    if !(3..=5).contains(&cols.len()) {
        return Err(err(format!(
            "expected 3 to 5 tab-separated columns (id, type, name, aliases, attributes), found {}",
            cols.len()
        )));
    }
    let key = cols[0].trim();
    if !is_valid_key(key) {
        return Err(err(format!(
            "invalid id \"{key}\": use ASCII letters, digits and _ - . :"
        )));
    }
    let kind = EntityKind::parse(cols[1].trim()).ok_or_else(|| {
        err(format!(
            "unknown type \"{}\": expected PERSON, ORG or PLACE",
            cols[1].trim()
        ))
    })?;
    let name = cols[2].trim();
    if name.is_empty() {
        return Err(err(format!("entity {key} has an empty name")));
    }
    let mut aliases = Vec::new();
    if let Some(col) = cols
        .get(3)
        .map(|c| c.trim())
        .filter(|c| !c.is_empty() && *c != "-")
    {
        for alias in col.split('|') {
            let alias = alias.trim();
            if alias.is_empty() {
                return Err(err(format!(
                    "entity {key} has an empty alias (check for '||')"
                )));
            }
            aliases.push(alias.to_string());
        }
    }
    let mut record = Record {
        key: key.to_string(),
        kind,
        name: name.to_string(),
        aliases,
        demonyms: Vec::new(),
        parent: None,
        geo: None,
        origin: Origin {
            path: std::sync::Arc::clone(path),
            line,
        },
    };
    let mut place = Geo::default();
    for attr in cols
        .get(4)
        .into_iter()
        .flat_map(|c| c.split(';'))
        .map(str::trim)
    {
        if attr.is_empty() {
            continue;
        }
        let (k, v) = attr
            .split_once('=')
            .ok_or_else(|| err(format!("attribute \"{attr}\" is not key=value")))?;
        let v = v.trim();
        match k.trim() {
            "demonym" => record.demonyms.extend(
                v.split('|')
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                    .map(String::from),
            ),
            "in" if is_valid_key(v) => record.parent = Some(v.to_string()),
            "in" => return Err(err(format!("attribute in=\"{v}\" is not a valid id"))),
            // Free text for people editing the file: where a fact comes from.
            "source" | "note" => {}
            k if geo::KEYS.contains(&k) => place.set(k, v).map_err(err)?,
            other => {
                return Err(err(format!(
                    "unknown attribute \"{other}\": expected demonym, in, source, note or a geo \
                     key ({})",
                    geo::KEYS.join(", ")
                )));
            }
        }
    }
    record.geo = place.finish().map_err(err)?.map(Box::new);
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_line() {
        let text = "# people\nmexico\tPLACE\tMexico\tMéxico|United Mexican States\tdemonym=Mexican; in=north_america\n";
        let recs = parse("t.tsv", text).unwrap();
        assert_eq!(recs.len(), 1);
        let r = &recs[0];
        assert_eq!(r.key, "mexico");
        assert_eq!(r.kind, EntityKind::Place);
        assert_eq!(r.aliases, vec!["México", "United Mexican States"]);
        assert_eq!(r.demonyms, vec!["Mexican"]);
        assert_eq!(r.parent.as_deref(), Some("north_america"));
        assert_eq!(r.origin.to_string(), "t.tsv:2");
    }

    #[test]
    fn reports_file_and_line() {
        let rows: &[(&str, &str)] = &[
            (
                "a\tPERSON\n",
                "t.tsv:1: expected 3 to 5 tab-separated columns",
            ),
            ("\n\nA b\tPERSON\tX\n", "t.tsv:3: invalid id \"A b\""),
            ("é\tPERSON\tX\n", "t.tsv:1: invalid id \"é\""),
            ("a\tTHING\tX\n", "t.tsv:1: unknown type \"THING\""),
            ("a\tORG\tX\tY||Z\n", "t.tsv:1: entity a has an empty alias"),
            (
                "a\tORG\tX\tY\tcolour=red\n",
                "t.tsv:1: unknown attribute \"colour\"",
            ),
            ("a\tORG\t \n", "t.tsv:1: entity a has an empty name"),
            (
                "# x\na\tPLACE\tX\t-\tlat=20,5; lon=3\n",
                "t.tsv:2: lat=\"20,5\" is not a latitude",
            ),
            (
                "a\tPLACE\tX\t-\tlon=3\n",
                "t.tsv:1: lat= and lon= go together",
            ),
        ];
        for (text, expected) in rows {
            let got = parse("t.tsv", text).unwrap_err().to_string();
            assert!(got.starts_with(expected), "{text:?}: got {got}");
        }
    }

    /// Read in pieces of a few bytes (cut inside "é" and after "\r\n"), a file gives the same
    /// records with the same lines as read whole, and the first malformed line of the file.
    #[test]
    fn pieces_read_as_the_whole() {
        let text = "# c\r\nacme\tORG\tAcme\r\n\nété\tX\n\nzz\tPLACE\tÉté\tÉ\n# end\nzy\tPLACE\tZ";
        let good = text.replace("été\tX\n", "");
        for (text, size) in [(good.as_str(), 1), (&good, 3), (&good, 5), (&good, 1000)] {
            let (mut whole, mut cut) = (Vec::new(), Vec::new());
            parse_pieces("t.tsv", text, &mut whole, usize::MAX / 2).unwrap();
            parse_pieces("t.tsv", text, &mut cut, size).unwrap();
            let lines = |r: &[Record]| r.iter().map(|r| r.origin.to_string()).collect::<Vec<_>>();
            assert_eq!(lines(&cut), ["t.tsv:2", "t.tsv:5", "t.tsv:7"], "{size}");
            assert_eq!(lines(&cut), lines(&whole));
            assert_eq!(
                cut.iter().map(|r| &r.name).collect::<Vec<_>>(),
                ["Acme", "Été", "Z"]
            );
        }
        // Two malformed lines: the first is reported, whichever piece it is in.
        let bad = format!("{text}\nyy\tTHING\tY\n");
        for size in [1, 4, 16, 1000] {
            let err = parse_pieces("t.tsv", &bad, &mut Vec::new(), size).unwrap_err();
            assert!(
                err.to_string().starts_with("t.tsv:4: expected 3 to 5"),
                "{size}: {err}"
            );
        }
    }
}
