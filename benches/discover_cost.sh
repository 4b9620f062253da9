#!/usr/bin/env bash
# What discovery costs: `kg build` with and without --discover on the same varied text (the news
# articles and the 122 Wikipedia articles of ../shared/bench/wikitext-2, repeated to SIZE MB),
# alternating runs so both see the same machine; prints each time and the median ratio.
#   bash benches/discover_cost.sh [SIZE_MB=20] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${KG_SHARED:-$(pwd)/../shared}"
DATA="${BENCH_DATA:-$(pwd)/../bench-data}"
size="${1:-20}"
runs="${2:-5}"
mkdir -p "$DATA"
corpus="$DATA/varied_${size}mb.txt"
[ -f "$corpus" ] || python3 "$SHARED/bench/peers/make_corpus.py" --seeds "$SHARED/corpus/news" \
    --extra "$SHARED/bench/wikitext-2/articles" --target-mb "$size" --slice-mb 1 \
    --out "$corpus" --slice-out "$DATA/varied_slice.txt" > /dev/null
cargo build --release --quiet
kg=./target/release/kg
time_of() {
    local start end
    start=$(date +%s.%N)
    "$@" > /dev/null
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
plain=(); found=()
for _ in $(seq "$runs"); do
    plain+=("$(time_of $kg build "$corpus" --out "$DATA/out-plain")")
    found+=("$(time_of $kg build "$corpus" --discover --out "$DATA/out-discover")")
done
python3 - "${plain[*]}" "${found[*]}" <<'PY'
import statistics, sys
plain = [float(x) for x in sys.argv[1].split()]
found = [float(x) for x in sys.argv[2].split()]
ratios = sorted(f / p for p, f in zip(plain, found))
print(f"kg build: {statistics.median(plain):.2f} s; with --discover: {statistics.median(found):.2f} s")
print(f"discovery costs {100 * (statistics.median(ratios) - 1):.0f}% of build time (median of {len(ratios)} paired runs)")
PY
