#!/usr/bin/env python3
"""Loads kg's GraphML with networkx and igraph, and its GEXF with networkx, and checks both
against graph.json: same nodes and edges, typed numeric attributes, labels and types."""
import json
import sys

import igraph
import networkx as nx

out = sys.argv[1]
data = json.load(open(f"{out}/graph.json", encoding="utf-8"))
nodes, edges = len(data["nodes"]), len(data["edges"])
mutual = sum(1 for e in data["edges"] if not e["directed"])


def fail(msg):
    sys.exit(f"{out}: {msg}")


g = nx.read_graphml(f"{out}/graph.graphml", force_multigraph=True)
if (g.number_of_nodes(), g.number_of_edges()) != (nodes, edges):
    fail(f"networkx GraphML: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; want {nodes}, {edges}")
for node, attrs in g.nodes(data=True):
    if not (isinstance(attrs["label"], str) and attrs["type"] in ("PERSON", "ORG", "PLACE")):
        fail(f"node {node}: {attrs}")
    # A country reached only through a demonym ("French officials") has no mention of its own.
    if not (isinstance(attrs["mentions"], int) and attrs["mentions"] >= 0):
        fail(f"node {node}: mentions {attrs['mentions']!r}")
for u, v, attrs in g.edges(data=True):
    if not (isinstance(attrs["weight"], float) and attrs["weight"] >= 1.0):
        fail(f"edge {u}-{v}: weight {attrs['weight']!r}")
    if not (isinstance(attrs["directed"], bool) and isinstance(attrs["relation"], str)):
        fail(f"edge {u}-{v}: {attrs}")

ig = igraph.Graph.Read_GraphML(f"{out}/graph.graphml")
if (ig.vcount(), ig.ecount()) != (nodes, edges):
    fail(f"igraph GraphML: {ig.vcount()} nodes, {ig.ecount()} edges; want {nodes}, {edges}")
if not all(isinstance(w, float) and w >= 1.0 for w in ig.es["weight"]):
    fail("igraph: non-numeric weight")

x = nx.read_gexf(f"{out}/graph.gexf")
# Beside typed relations, co-occurrence edges are "mutual": networkx adds them in both directions.
# A graph of co-occurrence alone is undirected, one edge each.
want = edges + mutual if mutual < edges else edges
if x.is_directed() != (mutual < edges):
    fail(f"networkx GEXF: directed={x.is_directed()} with {edges - mutual} directed edges")
if (x.number_of_nodes(), x.number_of_edges()) != (nodes, want):
    fail(f"networkx GEXF: {x.number_of_nodes()} nodes, {x.number_of_edges()} edges; want {nodes}, {want}")
for u, v, attrs in x.edges(data=True):
    if not (isinstance(attrs["weight"], float) and attrs["weight"] >= 1.0):
        fail(f"GEXF edge {u}-{v}: weight {attrs['weight']!r}")
dated = [n for n, a in x.nodes(data=True) if "start" in a]
if any(d.get("date") for d in data["documents"]) and not dated:
    fail("GEXF: documents carry dates but no node has a spell")

print(f"{out}: networkx and igraph read the GraphML, networkx the GEXF ({nodes} nodes, {edges} edges, {len(dated)} dated nodes); weights are numeric")
