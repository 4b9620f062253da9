#!/usr/bin/env bash
# What discovery costs: `kg build` with and without --discover on the same text, alternating
# runs so both see the same machine; prints the median times and the median paired ratio.
#   bash benches/discover_cost.sh [news|varied] [default|big] [SIZE_MB=20] [RUNS=5]
# news: the five articles repeated (make_corpus.py, the corpus of benches/tagging.sh);
# varied: the articles and the 122 Wikipedia articles of ../shared/bench/wikitext-2.
# big: the 593,840-name gazetteer of benches/tagging.sh (run that first to make it) alone.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${KG_SHARED:-$(pwd)/../shared}"
DATA="${BENCH_DATA:-$(pwd)/../bench-data}"
kind="${1:-news}"
gaz="${2:-big}"
size="${3:-20}"
runs="${4:-5}"
mkdir -p "$DATA"
corpus="$DATA/${kind}_${size}mb.txt"
extra=()
[ "$kind" = varied ] && extra=(--extra "$SHARED/bench/wikitext-2/articles")
[ -f "$corpus" ] || python3 "$SHARED/bench/peers/make_corpus.py" --seeds "$SHARED/corpus/news" \
    "${extra[@]}" --target-mb "$size" --slice-mb 1 --out "$corpus" \
    --slice-out "$DATA/${kind}_slice.txt" > /dev/null
g=()
[ "$gaz" = big ] && g=(--no-default-gazetteer --gazetteer "$DATA/big_gazetteer.tsv")
cargo build --release --quiet
kg=./target/release/kg
time_of() {
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
plain=(); found=()
for _ in $(seq "$runs"); do
    plain+=("$(time_of $kg build "$corpus" "${g[@]}" --out "$DATA/out-plain")")
    found+=("$(time_of $kg build "$corpus" "${g[@]}" --discover --out "$DATA/out-discover")")
done
python3 - "$kind" "$gaz" "${plain[*]}" "${found[*]}" <<'PY'
import statistics, sys
kind, gaz = sys.argv[1], sys.argv[2]
plain = [float(x) for x in sys.argv[3].split()]
found = [float(x) for x in sys.argv[4].split()]
ratios = sorted(f / p for p, f in zip(plain, found))
print(f"{kind} text, {gaz} gazetteer: kg build {statistics.median(plain):.2f} s; "
      f"with --discover {statistics.median(found):.2f} s; discovery costs "
      f"{100 * (statistics.median(ratios) - 1):.0f}% (median of {len(ratios)} paired runs)")
PY
