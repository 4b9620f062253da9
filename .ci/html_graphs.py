"""Writes the two graph.json files the browser test draws with `kg render --format html`:

- hostile.json: names and sentences made to break out of the page (a closing script tag, an
  event handler, an HTML comment, entities, the two line separators JavaScript once rejected);
- big.json: 6,000 entities in clusters with 24,600 edges, each with a sentence, so the page
  holds the 5,000 most connected and says it cut.

Usage: python3 .ci/html_graphs.py OUT_DIR
"""
import json
import sys

out = sys.argv[1]

HOSTILE = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<!-- Tom & \"Jerry\" 'Inc' -->",
    "Line\u2028Separator\u2029Co",
    "]]></svg><svg onload=alert(3)>",
]


def evidence(doc, text, a, b):
    """A version-1 evidence record naming `a` and `b` (their first occurrences in `text`)."""
    sa, sb = text.index(a), text.index(b)
    at = lambda s: len(text[:s].encode("utf-8"))
    return {
        "doc": doc,
        "sentence": 0,
        "start": 0,
        "end": len(text.encode("utf-8")),
        "text": text,
        "source_span": {"start": at(sa), "end": at(sa) + len(a.encode("utf-8"))},
        "target_span": {"start": at(sb), "end": at(sb) + len(b.encode("utf-8"))},
    }


def node(i, name, kind, aliases=()):
    return {"id": f"e{i:05}", "name": name, "type": kind, "aliases": list(aliases),
            "seen": [name], "mentions": 1 + i % 7, "documents": 1}


def edge(s, t, weight, ev, relation="co_occurs"):
    return {"source": s, "target": t, "relation": relation, "directed": relation != "co_occurs",
            "negated": False, "weight": weight, "documents": 1, "evidence": ev}


kinds = ["PERSON", "ORG", "PLACE"]
nodes = [node(i, n, kinds[i % 3], [n + " alias"]) for i, n in enumerate(HOSTILE)]
edges = []
doc = "<b>doc</b>.txt"
for i in range(len(HOSTILE)):
    j = (i + 1) % len(HOSTILE)
    a, b = sorted([i, j], key=lambda k: nodes[k]["id"])
    text = f"{HOSTILE[a]} met {HOSTILE[b]} & <i>said</i> \u2028 so."
    edges.append(edge(nodes[a]["id"], nodes[b]["id"], 2, [evidence(doc, text, HOSTILE[a], HOSTILE[b])]))
with open(f"{out}/hostile.json", "w") as f:
    json.dump({"version": 1, "documents": [{"name": doc, "mentions": 10}], "nodes": nodes,
               "edges": edges}, f)

# Big: 60 clusters of 100; each entity linked to 4 of its cluster and, every tenth, to one
# elsewhere. Deterministic.
N, CLUSTER = 6000, 100
nodes = [node(i, f"Entity {i}", kinds[i % 3]) for i in range(N)]
pairs = {}
for i in range(N):
    base = i - i % CLUSTER
    for k in (1, 3, 7, 11):
        pairs[tuple(sorted((i, base + (i + k) % CLUSTER)))] = 1 + (i * k) % 5
    if i % 10 == 0:
        pairs[tuple(sorted((i, (i * 37 + 1234) % N)))] = 1
edges = []
for (a, b), w in sorted(pairs.items()):
    if a == b:
        continue
    na, nb = nodes[a]["name"], nodes[b]["name"]
    text = f"{na} and {nb} were named together."
    edges.append(edge(nodes[a]["id"], nodes[b]["id"], w, [evidence("big.txt", text, na, nb)]))
with open(f"{out}/big.json", "w") as f:
    json.dump({"version": 1, "documents": [{"name": "big.txt", "mentions": N}], "nodes": nodes,
               "edges": edges}, f)
print(f"hostile.json: {len(HOSTILE)} entities; big.json: {N} entities, {len(edges)} edges")
