#!/usr/bin/env bash
# Where a build's CPU time goes, stage by stage (discovery, typed relations, tagging, the graph
# builder, exports, ...), sampled by perf's cpu-clock event: it needs no hardware counters, so it
# works in containers where `perf stat -e cycles` does not, and it counts time, which cache misses
# and mispredicted branches are part of, where instructions.sh counts instructions.
#   bash benches/stage_cpu.sh TEXT [kg build options...]
# e.g. bash benches/stage_cpu.sh ../bench-data/varied/corpus_100mb.txt --no-default-gazetteer --gazetteer ../bench-data/big_gazetteer.tsv
# Builds kg with frame pointers into target/frame-pointers (perf walks the call chains by them),
# samples every thread at KG_HZ (default 2000) per second, and prints CPU seconds by stage
# (benches/stage_cpu.py says how samples are assigned). Needs perf (Debian: linux-perf).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bash benches/stage_cpu.sh TEXT [kg build options...]" >&2; exit 2; }
text="$1"; shift
hz="${KG_HZ:-2000}"
RUSTFLAGS="-C force-frame-pointers=yes" CARGO_TARGET_DIR=target/frame-pointers \
    cargo build --profile profiling --quiet
kg=target/frame-pointers/profiling/kg
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
perf record -q -e cpu-clock -F "$hz" --call-graph fp -o "$out/perf.data" \
    "$kg" build "$text" "$@" --out "$out/graph" --quiet > /dev/null 2> "$out/perf.txt"
perf script -F comm,tid,ip,sym -i "$out/perf.data" 2> /dev/null | python3 benches/stage_cpu.py "$hz"
