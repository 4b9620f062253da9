//! JSON Lines → documents: one JSON object a line, its text, name and date read from fields, so
//! a pipe or a news dump carries many documents with their own names and dates. Lines are read
//! one at a time, so memory holds one document however big the file. A bad line (not JSON, no
//! text field, a text that is not a string) gets the input policy's treatment: a warning naming
//! the file and line and the line skipped, or an error under `--strict`.

use std::io::BufRead;
use std::path::Path;

use crate::error::{Error, Result};

/// Fields tried for a document's name when `--id-field` is not given, in order; a line with none
/// of them is named `FILE:LINE`.
pub const ID_FIELDS: &[&str] = &["id", "url"];

/// Fields tried for a document's date when `--date-field` is not given, in order (news-please
/// and many crawlers write `date_publish`). A line with none of them takes the date of a leading
/// `date YYYY-MM-DD` line in its text, as a file does.
pub const DATE_FIELDS: &[&str] = &["date", "published", "date_publish"];

/// Which fields hold what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// The text (`text` by default).
    pub text: String,
    /// The name; `None` tries [`ID_FIELDS`].
    pub id: Option<String>,
    /// The date; `None` tries [`DATE_FIELDS`].
    pub date: Option<String>,
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            text: "text".to_string(),
            id: None,
            date: None,
        }
    }
}

/// One document read from a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// From the id field, else `FILE:LINE`.
    pub name: String,
    /// `YYYY-MM-DD` from the date field (the first ten characters of a timestamp).
    pub date: Option<String>,
    /// The text.
    pub text: String,
}

/// What reading a line yields.
#[derive(Debug)]
pub enum Item {
    /// A document.
    Doc(Line),
    /// A line skipped, or a value not used, and why (file and line named).
    Warning(String),
}

/// The documents of one JSON Lines file, read as they are needed.
pub struct Lines {
    name: String,
    reader: Box<dyn BufRead + Send>,
    fields: Fields,
    strict: bool,
    line: usize,
    buf: Vec<u8>,
    /// A bad date is reported once a file: a dump with another date format would otherwise
    /// print a warning a line.
    bad_date_reported: bool,
    pending: Option<Line>,
    /// Set by an error: nothing after it is read.
    failed: bool,
}

impl Lines {
    /// Opens `path` (`-` for stdin).
    ///
    /// # Errors
    /// If it cannot be opened.
    pub fn open(path: &Path, fields: Fields, strict: bool) -> Result<Lines> {
        let (name, reader) = crate::corpus::open(path)?;
        let reader = Box::new(std::io::BufReader::with_capacity(1 << 16, reader));
        Ok(Lines::from_reader(name, reader, fields, strict))
    }

    /// Reads lines from any reader, reported under `name`.
    pub fn from_reader(
        name: String,
        reader: Box<dyn BufRead + Send>,
        fields: Fields,
        strict: bool,
    ) -> Lines {
        Lines {
            name,
            reader,
            fields,
            strict,
            line: 0,
            buf: Vec::new(),
            bad_date_reported: false,
            pending: None,
            failed: false,
        }
    }

    fn next_item(&mut self) -> Result<Option<Item>> {
        if let Some(doc) = self.pending.take() {
            return Ok(Some(Item::Doc(doc)));
        }
        loop {
            self.buf.clear();
            let n = self
                .reader
                .read_until(b'\n', &mut self.buf)
                .map_err(|e| Error::io(&self.name, e))?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            // Without its line break, an object cut short reads as cut short.
            let line = self.buf.strip_suffix(b"\n").unwrap_or(&self.buf);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let value: std::result::Result<serde_json::Value, _> = serde_json::from_slice(line);
            let at = format!("{}:{}", self.name, self.line);
            let (line, bad_date) = match value {
                Err(e) => {
                    // serde's "at line 1 column N" would contradict the file's line number.
                    let message = e.to_string();
                    let message = message.rsplit_once(" at line ").map_or(&*message, |m| m.0);
                    return self.bad(&at, &format!("not JSON ({message}, column {})", e.column()));
                }
                Ok(serde_json::Value::Object(object)) => match self.document(&at, &object) {
                    Ok(found) => found,
                    Err(message) => return self.bad(&at, &message),
                },
                Ok(_) => return self.bad(&at, "not a JSON object"),
            };
            if let Some(value) = bad_date
                && !self.bad_date_reported
            {
                self.bad_date_reported = true;
                self.pending = Some(line);
                return Ok(Some(Item::Warning(format!(
                    "{at}: date {value} does not start with YYYY-MM-DD, read as undated (later lines of {} with such dates are not reported)",
                    self.name
                ))));
            }
            return Ok(Some(Item::Doc(line)));
        }
    }

    /// A skipped line's warning, or the error `--strict` makes of it.
    fn bad(&self, at: &str, message: &str) -> Result<Option<Item>> {
        if self.strict {
            return Err(Error::Input {
                path: at.to_string(),
                message: format!("{message}; --strict stops at it"),
            });
        }
        Ok(Some(Item::Warning(format!("{at}: {message}, skipped"))))
    }

    /// The document a line's object holds, and a date value it could not read; or why the line
    /// holds none.
    fn document(
        &self,
        at: &str,
        object: &serde_json::Map<String, serde_json::Value>,
    ) -> std::result::Result<(Line, Option<String>), String> {
        let text = match object.get(&self.fields.text) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(other) => {
                return Err(format!(
                    "field \"{}\" is {}, not a string",
                    self.fields.text,
                    kind(other)
                ));
            }
            None => return Err(format!("no \"{}\" field", self.fields.text)),
        };
        let ids: Vec<&str> = match &self.fields.id {
            Some(f) => vec![f.as_str()],
            None => ID_FIELDS.to_vec(),
        };
        let name = ids
            .iter()
            .find_map(|f| match object.get(*f)? {
                serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .unwrap_or_else(|| at.to_string());
        let dates: Vec<&str> = match &self.fields.date {
            Some(f) => vec![f.as_str()],
            None => DATE_FIELDS.to_vec(),
        };
        let (mut date, mut bad) = (None, None);
        if let Some(value) = dates.iter().find_map(|f| object.get(*f)) {
            match value.as_str().and_then(day) {
                Some(d) => date = Some(d),
                None if value.is_null() => {}
                None => bad = Some(value.to_string()),
            }
        }
        Ok((Line { name, date, text }, bad))
    }
}

/// `YYYY-MM-DD` at the start of a date or timestamp ("2024-03-05T12:00:00Z").
fn day(s: &str) -> Option<String> {
    let d = s.get(..10)?;
    let ok = d.bytes().enumerate().all(|(i, c)| match i {
        4 | 7 => c == b'-',
        _ => c.is_ascii_digit(),
    });
    let rest_ok = s[10..].chars().next().is_none_or(|c| !c.is_ascii_digit());
    (ok && rest_ok).then(|| d.to_string())
}

fn kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

impl Iterator for Lines {
    type Item = Result<Item>;

    fn next(&mut self) -> Option<Result<Item>> {
        if self.failed {
            return None;
        }
        let item = self.next_item();
        self.failed = item.is_err();
        item.transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, fields: Fields, strict: bool) -> Vec<String> {
        let reader = Box::new(std::io::Cursor::new(text.as_bytes().to_vec()));
        Lines::from_reader("d.jsonl".into(), reader, fields, strict)
            .map(|item| match item {
                Ok(Item::Doc(l)) => format!("{} {:?} {:?}", l.name, l.date, l.text),
                Ok(Item::Warning(w)) => format!("warning: {w}"),
                Err(e) => format!("error: {e}"),
            })
            .collect()
    }

    #[test]
    fn names_and_dates_come_from_the_usual_fields() {
        let text = concat!(
            "{\"id\":\"a1\",\"url\":\"http://x/1\",\"date\":\"2024-03-05T10:00:00Z\",\"text\":\"One.\"}\n",
            "\n",
            "{\"url\":\"http://x/2\",\"published\":\"2024-03-06\",\"text\":\"Two.\"}\n",
            "{\"id\":17,\"text\":\"Three.\"}\n",
            "{\"text\":\"Four.\",\"date\":null}",
        );
        assert_eq!(
            read(text, Fields::default(), false),
            [
                "a1 Some(\"2024-03-05\") \"One.\"",
                "http://x/2 Some(\"2024-03-06\") \"Two.\"",
                "17 None \"Three.\"",
                "d.jsonl:5 None \"Four.\"",
            ]
        );
        let fields = Fields {
            text: "body".into(),
            id: Some("url".into()),
            date: Some("when".into()),
        };
        assert_eq!(
            read(
                "{\"id\":\"a\",\"url\":\"u\",\"when\":\"2020-01-02\",\"date\":\"1999-01-01\",\"body\":\"B.\"}\n",
                fields,
                false
            ),
            ["u Some(\"2020-01-02\") \"B.\""]
        );
    }

    #[test]
    fn bad_lines_are_skipped_with_a_warning_or_stop_under_strict() {
        let text = concat!(
            "{\"text\":\"Fine.\"}\n",
            "{\"text\": 3}\n",
            "not json\n",
            "[1]\n",
            "{\"body\":\"x\"}\n",
            "{\"text\":\"Late.\",\"date\":\"5 March 2024\"}\n",
            "{\"text\":\"Later.\",\"date\":\"March 2024\"}\n",
        );
        assert_eq!(
            read(text, Fields::default(), false),
            [
                "d.jsonl:1 None \"Fine.\"",
                "warning: d.jsonl:2: field \"text\" is a number, not a string, skipped",
                "warning: d.jsonl:3: not JSON (expected ident, column 2), skipped",
                "warning: d.jsonl:4: not a JSON object, skipped",
                "warning: d.jsonl:5: no \"text\" field, skipped",
                "warning: d.jsonl:6: date \"5 March 2024\" does not start with YYYY-MM-DD, read as undated (later lines of d.jsonl with such dates are not reported)",
                "d.jsonl:6 None \"Late.\"",
                "d.jsonl:7 None \"Later.\"",
            ]
        );
        assert_eq!(
            read(text, Fields::default(), true),
            [
                "d.jsonl:1 None \"Fine.\"",
                "error: d.jsonl:2: field \"text\" is a number, not a string; --strict stops at it",
            ]
        );
    }
}
