#!/usr/bin/env bash
# Instructions spent reading text into the graph (`Pipeline::extract` and `GraphBuilder::add`,
# loading and exports left out), counted by valgrind's callgrind: a figure the machine's noise
# does not move, for comparing two builds of kg on the same input.
#   bash benches/instructions.sh [TEXT] [KG]   (default: 1 MB of the varied benchmark text, target/release/kg)
# KG_ARGS adds build options ("--no-discover", "--no-default-gazetteer --gazetteer FILE").
# KG_BRANCHES=1 also simulates branch prediction and prints the mispredicted branches: the
# instructions alone miss what those cost (BENCHMARKS.md, seventh issue-22 session), so a step
# that trades instructions for branches shows here.
# Needs valgrind. Prints the count and writes callgrind.out.kg for callgrind_annotate.
set -euo pipefail
cd "$(dirname "$0")/.."
text="${1:-${BENCH_DATA:-$(pwd)/../bench-data}/varied/corpus_1mb.txt}"
kg="${2:-target/release/kg}"
read -r -a args <<< "${KG_ARGS-}"
branches=()
[ -n "${KG_BRANCHES-}" ] && branches=(--branch-sim=yes)
[ -x "$kg" ] || cargo build --release --quiet
out="$(mktemp -d)"
valgrind --tool=callgrind "${branches[@]}" --toggle-collect='kg::Pipeline::extract*' \
    --toggle-collect='kg::graph::builder::GraphBuilder::add*' --callgrind-out-file=callgrind.out.kg \
    "$kg" build "$text" "${args[@]}" --out "$out" --quiet --threads 1 > /dev/null 2> "$out/valgrind.txt"
# With branch simulation the counts are: instructions, conditional branches and their misses,
# indirect branches and their misses.
grep -o 'Collected : [0-9 ]*' "$out/valgrind.txt" | awk '{
    print "instructions:", $3
    if (NF >= 7) print "branch misses:", $5 + $7
}'
rm -rf "$out"
