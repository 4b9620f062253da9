#!/usr/bin/env bash
# What an option costs: `kg build` without and with it on the same text, alternating runs so
# both see the same machine; prints the median times and the median paired ratio.
#   bash benches/option_cost.sh [news|varied|folder] [default|big] [SIZE_MB=20] [RUNS=5] \
#       [BASE="--keep-copies"] [WITH="--discover"]
# news: the five articles repeated (make_corpus.py, the corpus of benches/tagging.sh), one file;
# varied: the articles and the 122 Wikipedia articles of ../shared/bench/wikitext-2, one file;
# folder: the varied text cut into documents of about 8 KB (about 2,400 for 20 MB).
# big: the 593,840-name gazetteer of benches/tagging.sh (run that first to make it) alone.
# Discovery: BASE="" WITH="--discover". Folding copies: BASE="--keep-copies" WITH="".
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${KG_SHARED:-$(pwd)/../shared}"
DATA="${BENCH_DATA:-$(pwd)/../bench-data}"
kind="${1:-news}"
gaz="${2:-big}"
size="${3:-20}"
runs="${4:-5}"
read -r -a base <<< "${5-}"
read -r -a with <<< "${6---discover}"
mkdir -p "$DATA"
source="$kind"
[ "$kind" = folder ] && source=varied
corpus="$DATA/${source}_${size}mb.txt"
extra=()
[ "$source" = varied ] && extra=(--extra "$SHARED/bench/wikitext-2/articles")
[ -f "$corpus" ] || python3 "$SHARED/bench/peers/make_corpus.py" --seeds "$SHARED/corpus/news" \
    "${extra[@]}" --target-mb "$size" --slice-mb 1 --out "$corpus" \
    --slice-out "$DATA/${source}_slice.txt" > /dev/null
if [ "$kind" = folder ]; then
    folder="$DATA/folder_${size}mb"
    [ -d "$folder" ] || python3 - "$corpus" "$folder" <<'PY'
import os, sys
text = open(sys.argv[1], encoding="utf-8").read()
os.makedirs(sys.argv[2])
part, size, n = [], 0, 0
for p in text.split("\n\n"):
    part.append(p)
    size += len(p)
    if size > 8000:
        open(f"{sys.argv[2]}/d{n:05d}.txt", "w", encoding="utf-8").write("\n\n".join(part))
        part, size, n = [], 0, n + 1
PY
    corpus="$folder"
fi
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
    plain+=("$(time_of $kg build "$corpus" "${g[@]}" "${base[@]}" --out "$DATA/out-base")")
    found+=("$(time_of $kg build "$corpus" "${g[@]}" "${with[@]}" --out "$DATA/out-with")")
done
python3 - "$kind" "$gaz" "${plain[*]}" "${found[*]}" "${base[*]-}" "${with[*]-}" <<'PY'
import statistics, sys
kind, gaz = sys.argv[1], sys.argv[2]
plain = [float(x) for x in sys.argv[3].split()]
found = [float(x) for x in sys.argv[4].split()]
base, with_ = sys.argv[5] or "(defaults)", sys.argv[6] or "(defaults)"
ratios = sorted(f / p for p, f in zip(plain, found))
print(f"{kind} text, {gaz} gazetteer: kg build {base} {statistics.median(plain):.2f} s; "
      f"{with_} {statistics.median(found):.2f} s; the difference costs "
      f"{100 * (statistics.median(ratios) - 1):.0f}% (median of {len(ratios)} paired runs)")
PY
