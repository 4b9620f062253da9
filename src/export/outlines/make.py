#!/usr/bin/env python3
"""TopoJSON (world-atlas countries-110m.json) -> one border arc a line, `lon,lat lon,lat ...`.

Each arc of the topology is written once, so a border two countries share is drawn once. Points
closer than 0.4 degrees to the last one kept are dropped (the arc's ends are kept, so arcs still
meet): the picture is a background at a few pixels a degree, and this keeps the file small.
"""
import json
import sys

MIN_STEP = 0.4

topo = json.load(open(sys.argv[1], encoding="utf-8"))
(sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
print("# Country borders from world-atlas 2.0.2 countries-110m (Natural Earth 1:110m, public domain;")
print("# world-atlas ISC, Michael Bostock). One arc a line: lon,lat pairs. Rebuilt by make.sh; do not edit.")
for arc in topo["arcs"]:
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((x * sx + tx, y * sy + ty))
    kept = [points[0]]
    for i, (lon, lat) in enumerate(points[1:], 1):
        last = kept[-1]
        if i == len(points) - 1 or abs(lon - last[0]) + abs(lat - last[1]) >= MIN_STEP:
            kept.append((lon, lat))
    print(" ".join(f"{lon:.2f},{lat:.2f}" for lon, lat in kept))
