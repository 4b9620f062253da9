#!/usr/bin/env bash
# The Spark job against kg build on the 100 MB varied corpus (benches/tagging.sh makes it), cut
# into documents of about 8 KB at paragraph breaks and written as JSON Lines, both in local[2].
# Both run with --keep-copies: the varied corpus repeats its 127 articles about 780 times, so
# nearly every document is a near-copy, which measures the copy index and not the engine.
# Prints one JSON line per run; checks the two graph.json files are identical.
# Usage: benches/spark.sh [DATA_DIR]   (default /work/bench-data)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-/work/bench-data}"
kg="${CARGO_TARGET_DIR:-target}/release/kg"
out="$DATA/spark-bench"
mkdir -p "$out"
python3 - "$DATA/varied/corpus_100mb.txt" "$out/varied.jsonl" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    doc, n = [], 0
    for para in text.split("\n\n"):
        doc.append(para)
        if sum(len(p) for p in doc) >= 8000:
            f.write(json.dumps({"id": f"varied/{n:06d}", "text": "\n\n".join(doc) + "\n"}) + "\n")
            doc, n = [], n + 1
    if doc:
        f.write(json.dumps({"id": f"varied/{n:06d}", "text": "\n\n".join(doc) + "\n"}) + "\n")
PY
wc -l "$out/varied.jsonl"
timed() {
    local name=$1; shift
    /usr/bin/time -f "%e %M" -o "$out/time" "$@" > "$out/log" 2>&1 || { tail -30 "$out/log"; exit 1; }
    read -r secs kb < "$out/time"
    printf '{"run": "%s", "seconds": %s, "max_rss_mb": %d}\n' "$name" "$secs" $((kb / 1024))
}
timed "kg build --jsonl, 2 threads" "$kg" build --jsonl "$out/varied.jsonl" --keep-copies -q --out "$out/kg"
timed "kg extract --jsonl, 1 thread (the per-partition work)" sh -c "'$kg' extract -j 1 --jsonl '$out/varied.jsonl' > '$out/facts.jsonl'"
ls -l "$out/facts.jsonl" | awk '{printf "{\"run\": \"facts bytes\", \"bytes\": %s}\n", $5}'
timed "spark local[2]" spark-submit --master 'local[2]' --driver-memory 6g \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
    --conf spark.sql.shuffle.partitions=8 \
    --files "$kg" integrations/spark/kg_spark.py "$out/varied.jsonl" "$out/spark" \
    --format jsonl --keep-copies --docs-per-partition 1000
cat "$out/spark/counts.json"
cmp "$out/kg/graph.json" "$out/spark/graph.json" && echo '{"graph.json": "identical"}'
