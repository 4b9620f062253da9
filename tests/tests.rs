//! Integration tests: one binary, one module per area. Each runs the real `kg` binary.

#[macro_use]
mod macros;
mod util;

// `kg tag` and `kg build` on our own fixtures: exact mentions and edges.
mod cli;
// GraphML, DOT and JSON against golden files; the sample build matches `tests/golden/sample/`.
mod export;
// `kg export`: a graph.json's files, equal to `kg build`'s.
mod export_command;
// `kg neighbors`.
mod query;
// graph.html's data read back and compared with graph.json (the browser test is .ci/html.sh).
mod html;
// The README's `$ kg` examples, run and compared with what it shows.
mod readme;
// Bad input: binary files, invalid UTF-8, malformed gazetteers, unwritable outputs.
mod input;
// Documents from JSON Lines: names and dates from fields, bad lines, equal to file builds.
mod jsonl;
// Scores against the hand annotations in ../shared/gold.
mod gold;
// Scores on public dev data (../shared/data), with floors.
mod quality;
// Places on the map: gazetteer coordinates, geo links, `--layout geo`, `--within`.
mod geo;
