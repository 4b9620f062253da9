#!/usr/bin/env python3
"""Writes a synthetic graph.json of N entities and M edges (default 50,000 and 500,000), shaped
like a real one (skewed degrees, one evidence sentence per edge), for timing kg's queries and
renders on a big graph:

    python3 benches/big_graph.py /tmp/big/graph.json
    hyperfine 'kg neighbors person_17 --graph /tmp/big/graph.json' 'kg top -n 10 --graph /tmp/big/graph.json'
"""
import json
import random
import sys

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
m = int(sys.argv[3]) if len(sys.argv) > 3 else 500_000
rng = random.Random(7)
kinds = ["PERSON", "ORG", "PLACE"]
nodes = []
for i in range(n):
    kind = kinds[i % 3]
    key = f"{kind.lower()}_{i}"
    nodes.append({"id": key, "name": f"{kind.title()} Number {i}", "type": kind, "aliases": [f"E{i}"],
                  "seen": [f"{kind.title()} Number {i}"], "mentions": 1 + int(rng.paretovariate(1.5)), "documents": 1})
edges = {}
sentences = []
relations = ["co_occurs"] * 8 + ["leader_of", "located_in", "provided_intelligence_to", "attacked"]
while len(edges) < m:
    # Preferential attachment by a power law over ids: a few hubs, a long tail.
    a = min(int(rng.paretovariate(0.6)) - 1, n - 1)
    b = rng.randrange(n)
    if a == b:
        continue
    rel = rng.choice(relations)
    s, t = (a, b) if rel != "co_occurs" or a < b else (b, a)
    key = (nodes[s]["id"], nodes[t]["id"], rel)
    if key in edges:
        continue
    doc = rng.randrange(20000)
    text = f"{nodes[s]['name']} and {nodes[t]['name']} appear together in this invented sentence number {len(edges)}."
    sentences.append(text)
    edges[key] = {"source": key[0], "target": key[1], "relation": rel, "directed": rel != "co_occurs",
                  "negated": False, "weight": 1 + int(rng.paretovariate(2.0)) - 1, "documents": 1,
                  "evidence": [{"sentence": len(sentences) - 1, "source": [0, 5], "target": [10, 15],
                                "at": [[doc, 0, 0]]}]}
nodes.sort(key=lambda x: x["id"])
out = sorted(edges.values(), key=lambda e: (e["source"], e["target"], e["relation"], e["negated"]))
with open(path, "w", encoding="utf-8") as f:
    documents = [{"name": f"news/{i:05d}.txt", "mentions": 1} for i in range(20000)]
    json.dump({"version": 2, "documents": documents, "nodes": nodes, "sentences": sentences,
               "edges": out}, f)
print(f"{path}: {len(nodes)} nodes, {len(out)} edges")
