#!/usr/bin/env bash
# Relation quality on CoNLL04 (the relation step alone: gold entities are the gazetteer).
#   bash benches/quality.sh [SPLIT.json] [extra kg arguments]
# SPLIT defaults to ../shared/data/conll04/conll04_dev.json; the data never enters the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
split="${1:-${KG_SHARED:-../shared}/data/conll04/conll04_dev.json}"
shift || true
cargo build --release --quiet
python3 benches/quality/conll04.py "$split" --kg "${CARGO_TARGET_DIR:-target}/release/kg" --baseline -- "$@"
