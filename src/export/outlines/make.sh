#!/usr/bin/env bash
# Rebuilds countries.txt, the country borders `kg render --layout geo` draws, from world-atlas
# 2.0.2's countries-110m.json (TopoJSON of Natural Earth's 1:110m Admin 0 countries; Natural Earth
# is public domain, world-atlas is ISC, Michael Bostock: see LICENSE beside this script).
#   bash src/export/outlines/make.sh     (needs npm and python3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm install --no-save --silent world-atlas@2.0.2)
python3 "$here/make.py" "$tmp/node_modules/world-atlas/countries-110m.json" > "$here/countries.txt"
