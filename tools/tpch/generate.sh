#!/usr/bin/env bash
# TPC-H data as Parquet (snappy), one file per table, written by tpchgen-cli (PyPI:
# pip install tpchgen-cli).
#
#   tools/tpch/generate.sh [SF] [OUT_DIR]
#
# SF defaults to 1; OUT_DIR defaults to bench/.data/tpch/sf<SF> (git-ignored). Writes
# <OUT_DIR>/<table>.parquet for the eight tables. Idempotent: a table whose file exists is
# skipped, so an interrupted run can be resumed; files are written to a temporary
# directory first and moved into place, so a present file is always complete.
set -euo pipefail

SF="${1:-1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${2:-$ROOT/bench/.data/tpch/sf$SF}"
TABLES=(region nation supplier customer part partsupp orders lineitem)

if ! command -v tpchgen-cli >/dev/null 2>&1; then
  echo "tpchgen-cli not found: pip install tpchgen-cli" >&2
  exit 1
fi

mkdir -p "$OUT"
missing=()
for t in "${TABLES[@]}"; do
  [[ -f "$OUT/$t.parquet" ]] || missing+=("$t")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

TMP="$(mktemp -d "$OUT/.tmp.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
IFS=, list="${missing[*]}"
echo "tpchgen-cli: SF $SF, tables $list -> $OUT" >&2
tpchgen-cli parquet -s "$SF" --tables="$list" --output-dir="$TMP" --quiet
for t in "${missing[@]}"; do
  mv "$TMP/$t.parquet" "$OUT/$t.parquet"
done
