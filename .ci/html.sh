#!/usr/bin/env bash
# graph.html in a real browser: Debian's Chromium, headless with software WebGL, driven by
# puppeteer-core (which downloads no browser). Checks the page of the news sample (search, panel,
# filters), of the 122 Wikipedia articles, of hostile names and of 5,000 entities; see
# .ci/check_html.js. KG_HTML_SHOTS=DIR keeps the screenshots (docs/ holds some).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${KG_SHARED:-$(pwd)/../shared}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
shots="${KG_HTML_SHOTS:-$work/shots}"
mkdir -p "$shots"

echo "== graph.html in headless Chromium"
if ! command -v chromium >/dev/null; then
    apt-get update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium >/dev/null
fi
npm install --silent --no-audit --no-fund --prefix "$work/npm" puppeteer-core@24.43.1 >/dev/null
export NODE_PATH="$work/npm/node_modules"

cargo build --release --quiet
kg="${CARGO_TARGET_DIR:-target}/release/kg"
check() { node .ci/check_html.js "$@"; }

$kg build "$SHARED/corpus/news" --gazetteer examples/shared-corpus-news.tsv --out "$work/news" -q
check news "$work/news" "$shots/news.png"
$kg build "$SHARED/bench/wikitext-2/articles" --out "$work/wiki" -q
check page "$work/wiki" "$shots/wikitext.png"
python3 .ci/html_graphs.py "$work"
$kg render --graph "$work/hostile.json" --format html --out "$work/hostile.html"
check hostile "$work/hostile.html" "$work/hostile.json" "$shots/hostile.png"
$kg render --graph "$work/big.json" --format html --out "$work/big.html" 2>/dev/null
check big "$work/big.html" "$work/big.json" "$shots/big.png"
# kg render's focus view of the news graph: the same page, fewer entities.
$kg render --graph "$work/news/graph.json" --focus "El Mencho" --format html --out "$work/ego.html"
check view "$work/ego.html" "$work/news/graph.json" "$shots/ego.png"
echo "graph.html checks passed"
