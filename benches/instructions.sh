#!/usr/bin/env bash
# Instructions spent reading text into the graph (`Pipeline::extract` and `GraphBuilder::add`,
# loading and exports left out), counted by valgrind's callgrind: a figure the machine's noise
# does not move, for comparing two builds of kg on the same input.
#   bash benches/instructions.sh [TEXT] [KG]   (default: 1 MB of the varied benchmark text, target/release/kg)
# Needs valgrind. Prints the count and writes callgrind.out.kg for callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/.."
text="${1:-${BENCH_DATA:-$(pwd)/../bench-data}/varied/corpus_1mb.txt}"
kg="${2:-target/release/kg}"
[ -x "$kg" ] || cargo build --release --quiet
out="$(mktemp -d)"
valgrind --tool=callgrind --toggle-collect='kg::Pipeline::extract*' \
    --toggle-collect='kg::graph::builder::GraphBuilder::add*' --callgrind-out-file=callgrind.out.kg \
    "$kg" build "$text" --out "$out" --quiet --threads 1 > /dev/null 2> "$out/valgrind.txt"
grep -o 'Collected : [0-9]*' "$out/valgrind.txt" | awk '{print "instructions:", $3}'
rm -rf "$out"
