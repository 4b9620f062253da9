#!/usr/bin/env bash
# What the geo keys cost (issue 25): two kg binaries, before and after, run alternately five
# times on benches/tagging.sh's files (its 593,840-name gazetteer, which has no geo keys, and
# its 10 MB varied text) and on the built-in gazetteer, which has them (the news articles and the
# same 10 MB). Wall, CPU seconds and peak memory by /usr/bin/time, one line a run in $OUT.
#   BASE=path/to/old/kg GEO=path/to/new/kg bash benches/geo_cost.sh   (after benches/tagging.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
D="${BENCH_DATA:-$(pwd)/../bench-data}"
SHARED="${KG_SHARED:-$(pwd)/../shared}"
out="${OUT:-$D/geo_cost.txt}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
g="--no-default-gazetteer --gazetteer $D/big_gazetteer.tsv"
: > "$out"
for i in 1 2 3 4 5; do
  for which in base geo; do
    if [ "$which" = base ]; then kg="$BASE"; else kg="$GEO"; fi
    t() { local label=$1; shift; /usr/bin/time -f "%e %U %S %M" -o "$tmp/t.txt" "$@" > /dev/null 2>&1; echo "$which $label $(cat "$tmp/t.txt")" >> "$out"; }
    t load-big "$kg" tag /dev/null $g
    t build10-big "$kg" build "$D/varied/corpus_10mb.txt" $g --out "$tmp/a"
    t load-default "$kg" tag /dev/null
    t build-news-default "$kg" build "$SHARED/corpus/news" --out "$tmp/b"
    t build10-default "$kg" build "$D/varied/corpus_10mb.txt" --out "$tmp/c"
  done
done
# Medians of each (run, binary): wall s, CPU s (user + system), peak MB.
python3 - "$out" <<'PY'
import collections, statistics, sys
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    which, label, wall, user, system, kb = line.split()
    d[label, which].append((float(wall), float(user) + float(system), int(kb) / 1024))
for label in dict.fromkeys(k[0] for k in d):
    b, g = d[label, "base"], d[label, "geo"]
    med = lambda xs, i: statistics.median(x[i] for x in xs)
    print(f"{label:20s}" + "".join(f"  {name} {med(b, i):.2f} -> {med(g, i):.2f} ({med(g, i) / med(b, i):.3f}x)" for i, name in enumerate(("wall", "cpu", "mb"))))
PY
