#!/usr/bin/env bash
# Rebuilds bundle.min.js (inlined into graph.html by src/export/html.rs) and LICENSES.txt from
# the npm registry at the pinned versions below. Needs Node and network; the Rust build does not.
#     bash assets/web/build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
SIGMA=3.0.3
GRAPHOLOGY=0.26.0
FA2=0.10.1
ESBUILD=0.28.2
cp "$here/entry.js" "$work/"
cd "$work"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund \
    "sigma@$SIGMA" "graphology@$GRAPHOLOGY" "graphology-layout-forceatlas2@$FA2" "esbuild@$ESBUILD"
{
    echo "/* kg graph.html bundle: sigma $SIGMA, graphology $GRAPHOLOGY, graphology-layout-forceatlas2 $FA2 (MIT; see assets/web/LICENSES.txt); built by assets/web/build.sh with esbuild $ESBUILD */"
    ./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --target=es2019 \
        --legal-comments=none --log-level=warning
} > "$here/bundle.min.js"
{
    echo "Licences of the code in bundle.min.js, as published on the npm registry."
    # Every package esbuild could have pulled in: the three above and their dependencies.
    for dir in $(find node_modules -name package.json -not -path '*/esbuild*' -not -path '*/@esbuild/*' \
        -not -path '*/test/*' -printf '%h\n' | sort -u); do
        name=$(node -p "require('./$dir/package.json').name || ''")
        version=$(node -p "require('./$dir/package.json').version || ''")
        [ -n "$name" ] && [ -n "$version" ] || continue
        licence=$(ls "$dir" | grep -i -m1 -E '^(licen[cs]e|copying)' || true)
        echo
        echo "== $name $version ($(node -p "require('./$dir/package.json').license || ''"))"
        if [ -n "$licence" ]; then cat "$dir/$licence"; fi
    done
} > "$here/LICENSES.txt"
echo "wrote $here/bundle.min.js ($(wc -c < "$here/bundle.min.js") bytes) and LICENSES.txt"
