#!/usr/bin/env bash
# Runs the PySpark example in local mode over JSONL shards made from corpus/ and checks the
# result: one row per article, no errors, and the seed article's "851,200 vehicles".
# Installs pyspark into a virtualenv under target/ the first time (needs the network then).
# With RAY=1, also runs the Ray Data example (installs ray[data] into the same virtualenv).
#
#   examples/spark/test_local.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v java >/dev/null; then
    echo "test_local.sh: skipped, no java (PySpark needs Java 17)" >&2
    exit 0
fi
VENV=${SPARK_VENV:-target/spark-venv}
WORK=target/spark-test
cargo build --release --quiet
# Where cargo put it: CARGO_TARGET_DIR when set (relative to here, as cargo reads it).
FACTEX=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)/release/factex

if ! "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
    echo "test_local.sh: installing pyspark into $VENV" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check pyspark
fi

# Three JSONL shards from the articles in corpus/ (one of them gzipped).
rm -rf "$WORK"
mkdir -p "$WORK/shards"
"$VENV/bin/python" - "$WORK/shards" corpus/*.md corpus/*.txt <<'PY'
import gzip, json, os, sys
out, paths = sys.argv[1], sorted(sys.argv[2:])
shards = [[], [], []]
for i, path in enumerate(paths):
    with open(path, encoding="utf-8") as f:
        shards[i % 3].append(json.dumps({"id": os.path.basename(path), "text": f.read()}) + "\n")
for i, lines in enumerate(shards):
    name = os.path.join(out, f"part-{i}.jsonl" + (".gz" if i == 2 else ""))
    with (gzip.open(name, "wt", encoding="utf-8") if name.endswith(".gz") else open(name, "w", encoding="utf-8")) as f:
        f.writelines(lines)
PY
ARTICLES=$(ls corpus/*.md corpus/*.txt | wc -l)

check() { # NAME SUMMARY_FILE
    "$VENV/bin/python" - "$1" "$2" "$ARTICLES" <<'PY'
import json, sys
name, path, articles = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = json.loads(open(path).read().strip().splitlines()[-1])
assert s["rows"] == articles, f"{name}: {s['rows']} rows for {articles} articles"
assert s.get("input_lines", articles) == articles, f"{name}: {s['input_lines']} input lines"
assert s["errors"] == 0, f"{name}: {s['errors']} error records"
counts = {(c["id"], c["text"]): c for c in s["counts"]}
seed = counts.get(("lexus-shanghai-ev-plant.md", "851,200 vehicles"))
assert seed and seed["value"] == 851200 and seed["unit"] == "vehicle", f"{name}: seed count missing"
assert counts.get(("lexus-shanghai-ev-plant.md", "100,000 units"), {}).get("value") == 100000, name
print(f"test_local.sh: {name} ok: {s['rows']} rows, {s['quantities']} quantities")
PY
}

PYSPARK_PYTHON="$(cd "$VENV" && pwd)/bin/python" "$VENV/bin/python" examples/spark/factex_rdd_pipe.py \
    --master 'local[2]' --factex "$FACTEX" --output "$WORK/facts.parquet" "$WORK/shards/*" \
    >"$WORK/spark.json" 2>"$WORK/spark.log" || { cat "$WORK/spark.log" >&2; exit 1; }
check "PySpark RDD.pipe" "$WORK/spark.json"

if [ "${RAY:-0}" = 1 ]; then
    "$VENV/bin/python" -c 'import ray.data' 2>/dev/null || "$VENV/bin/pip" install --quiet "ray[data]"
    gunzip -c "$WORK/shards/part-2.jsonl.gz" >"$WORK/shards/part-2.jsonl"
    "$VENV/bin/python" examples/spark/factex_ray.py --factex "$FACTEX" "$WORK/shards/*.jsonl" \
        >"$WORK/ray.json" 2>"$WORK/ray.log" || { cat "$WORK/ray.log" >&2; exit 1; }
    check "Ray Data map_batches" "$WORK/ray.json"
fi
