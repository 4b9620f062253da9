#!/usr/bin/env bash
# Places on the map (issue 25), on the news corpus: networkx reads latitude and longitude as
# floats from the GraphML and the GEXF, equal to graph.json's; `kg render --layout geo` draws a
# PNG with `neato -n`; `--within` keeps Mexico's places. Called by .ci/run after the release build.
#   bash .ci/geo.sh ./target/release/kg ../shared
set -euo pipefail
kg="$1"
SHARED="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$kg" build "$SHARED/corpus/news" --out "$work/news" > /dev/null
python3 - "$work/news" <<'PY'
import json, sys
import networkx as nx
out = sys.argv[1]
nodes = {n["id"]: n for n in json.load(open(f"{out}/graph.json", encoding="utf-8"))["nodes"]}
placed = {i: n for i, n in nodes.items() if "latitude" in n}
assert len(placed) >= 15, f"only {len(placed)} places have coordinates"
for name, g in (("GraphML", nx.read_graphml(f"{out}/graph.graphml")), ("GEXF", nx.read_gexf(f"{out}/graph.gexf"))):
    for i, n in placed.items():
        a = g.nodes[i]
        for key in ("latitude", "longitude"):
            assert isinstance(a[key], float) and a[key] == n[key], f"{name} {i} {key}: {a.get(key)!r}"
        assert a["country"] == n["country"], f"{name} {i}: country {a.get('country')!r}"
    unplaced = [i for i in nodes if i not in placed and "latitude" in g.nodes[i]]
    assert not unplaced, f"{name}: coordinates on {unplaced}"
print(f"geo: {len(placed)} places with float coordinates in GraphML and GEXF")
PY
"$kg" render --graph "$work/news/graph.json" --layout geo --format png --out "$work/map.png"
python3 -c 'import sys; b = open(sys.argv[1], "rb").read(); assert b[:8] == b"\x89PNG\r\n\x1a\n" and len(b) > 50000, len(b)' "$work/map.png"
"$kg" neighbors "Jalisco New Generation Cartel" --type PLACE --within Mexico --evidence 0 --graph "$work/news/graph.json" | grep -q "^Jalisco "
echo "geo: map drawn, --within works"
