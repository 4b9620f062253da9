"""The Spark job's Parquet tables hold what its graph.json holds: as many documents, entities,
edges and sentences, one quotes row per place an edge's evidence cites, and the same ids."""
import json
import sys

import pyarrow.parquet as pq

out = sys.argv[1]
graph = json.load(open(f"{out}/graph.json", encoding="utf-8"))
tables = {name: pq.read_table(f"{out}/{name}") for name in
          ["documents", "entities", "edges", "quotes", "sentences"]}
places = sum(len(q["at"]) for e in graph["edges"] for q in e["evidence"])
expected = {
    "documents": len(graph["documents"]),
    "entities": len(graph["nodes"]),
    "edges": len(graph["edges"]),
    "quotes": places,
    "sentences": len(graph["sentences"]),
}
got = {name: t.num_rows for name, t in tables.items()}
assert got == expected, f"{out}: tables {got}, graph.json {expected}"
ids = sorted(tables["entities"].column("id").to_pylist())
assert ids == [n["id"] for n in graph["nodes"]], "entity ids differ"
names = tables["documents"].sort_by("position").column("name").to_pylist()
assert names == [d["name"] for d in graph["documents"]], "document names differ"
weights = sorted(tables["edges"].column("weight").to_pylist())
assert weights == sorted(e["weight"] for e in graph["edges"]), "edge weights differ"
