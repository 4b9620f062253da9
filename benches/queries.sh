#!/usr/bin/env bash
# Times kg's queries and rendering on a generated graph of 50,000 entities and 500,000 edges,
# against two baselines measured in the same run: reading the file (the I/O floor) and Python's
# json.load of it (the least a Python script pays before it can answer anything).
#   bash benches/queries.sh [DIR]      (needs hyperfine and Graphviz)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-/tmp/kg-bench-graph}"
mkdir -p "$dir"
[ -f "$dir/graph.json" ] || python3 benches/big_graph.py "$dir/graph.json"
cargo build --release --quiet
kg="$(pwd)/target/release/kg"
g="$dir/graph.json"
hyperfine --warmup 1 --runs 5 --export-markdown "$dir/queries.md" \
    -n "read the file (cat)" "cat $g > /dev/null" \
    -n "python json.load" "python3 -c 'import json,sys; json.load(open(sys.argv[1]))' $g" \
    -n "kg show" "$kg show place_4202 --graph $g" \
    -n "kg neighbors" "$kg neighbors place_4202 --graph $g" \
    -n "kg neighbors (hub, 49k neighbours)" "$kg neighbors person_0 --evidence 0 --graph $g" \
    -n "kg path" "$kg path place_4202 org_9001 --graph $g" \
    -n "kg top --by pagerank" "$kg top --by pagerank -n 10 --graph $g" \
    -n "kg render (default cut, sfdp)" "$kg render --graph $g --out $dir/graph.svg"
cat "$dir/queries.md"
