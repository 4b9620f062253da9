#!/usr/bin/env bash
# CI for the Spark job (integrations/spark): its graph.json must equal `kg build`'s byte for
# byte on the sample, the news corpus and the Wikipedia articles with near-duplicate copies
# added (so copy folding runs), its Parquet tables must count what graph.json holds, and
# `kg export` of its graph.json must give kg build's other files. Spark runs in local[2] with the
# driver on 127.0.0.1, no UI, nothing fetched from Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${KG_SHARED:-$(pwd)/../shared}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== installing a JRE, PySpark and pyarrow"
if ! command -v java >/dev/null; then
    apt-get update -qq
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq openjdk-17-jre-headless >/dev/null
fi
pip() { python3 -m pip install -q --disable-pip-version-check "$@"; }
pip pyspark==4.0.5 pyarrow==26.0.1 >/dev/null 2>&1 ||
    pip --break-system-packages pyspark==4.0.5 pyarrow==26.0.1
cargo build --release --quiet
kg="${CARGO_TARGET_DIR:-$(pwd)/target}/release/kg"
case "$kg" in /*) ;; *) kg="$(pwd)/$kg" ;; esac

submit() {
    spark-submit --master 'local[2]' \
        --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
        --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
        --conf spark.sql.shuffle.partitions=4 \
        --files "$kg" integrations/spark/kg_spark.py "$@" 2> "$work/spark.log" ||
        { tail -50 "$work/spark.log"; exit 1; }
}

# same NAME KG_OUT SPARK_OUT: graph.json equal, tables counted, kg export equal.
same() {
    local name=$1 built=$2 sparked=$3
    cmp "$built/graph.json" "$sparked/graph.json" ||
        { echo "$name: the Spark graph.json differs from kg build's"; exit 1; }
    python3 .ci/check_spark_tables.py "$sparked"
    "$kg" export --graph "$sparked/graph.json" --out "$sparked/export" >/dev/null
    for f in graph.graphml graph.gexf graph.dot graph.html; do cmp "$built/$f" "$sparked/export/$f"; done
    echo "$name: graph.json byte-identical, tables counted ($(cat "$sparked/counts.json"))"
}

echo "== the sample"
"$kg" build --out "$work/sample" -q
submit examples/news "$work/sample-spark"
same sample "$work/sample" "$work/sample-spark"

echo "== the news corpus"
"$kg" build "$SHARED/corpus/news" --out "$work/news" -q
submit "$SHARED/corpus/news" "$work/news-spark"
same news "$work/news" "$work/news-spark"

echo "== the Wikipedia articles, with copies"
mkdir -p "$work/wiki/copies"
cp "$SHARED"/bench/wikitext-2/articles/*.txt "$work/wiki/"
# Copies of one story as syndication makes them: another headline, a footer, and a copy of a
# copy (which folds into the story, not into the copy).
i=0
for f in "$work"/wiki/test_06*.txt; do
    i=$((i + 1))
    { echo "Reprinted: $(basename "$f" .txt)"; cat "$f"; echo "Read more stories at Example News."; } \
        > "$work/wiki/copies/copy_$i.txt"
    cp "$work/wiki/copies/copy_$i.txt" "$work/wiki/copies/copy_${i}_again.txt"
done
"$kg" build "$work/wiki" --out "$work/wiki-kg" -q
submit "$work/wiki" "$work/wiki-spark" --docs-per-partition 40
grep -q '"copies":\[' "$work/wiki-kg/graph.json" || { echo "no copies folded"; exit 1; }
same wiki "$work/wiki-kg" "$work/wiki-spark"
echo "Spark checks passed"
