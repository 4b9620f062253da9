#!/usr/bin/env python3
"""Loads a kg GraphML with networkx and checks it against graph.json: same nodes and edges,
typed numeric attributes, labels and types present."""
import json
import sys

import networkx as nx

graphml, graph_json = sys.argv[1], sys.argv[2]
g = nx.read_graphml(graphml, force_multigraph=True)
data = json.load(open(graph_json, encoding="utf-8"))

assert g.number_of_nodes() == len(data["nodes"]), (g.number_of_nodes(), len(data["nodes"]))
assert g.number_of_edges() == len(data["edges"]), (g.number_of_edges(), len(data["edges"]))
for node, attrs in g.nodes(data=True):
    assert isinstance(attrs["label"], str) and attrs["label"], node
    assert attrs["type"] in ("PERSON", "ORG", "PLACE"), attrs
    assert isinstance(attrs["mentions"], int) and attrs["mentions"] > 0, attrs
for u, v, attrs in g.edges(data=True):
    assert isinstance(attrs["weight"], float) and attrs["weight"] >= 1.0, attrs
    assert isinstance(attrs["relation"], str), attrs
    assert isinstance(attrs["negated"], bool), attrs
print(f"{graphml}: networkx read {g.number_of_nodes()} nodes and {g.number_of_edges()} edges; weights are numeric")
