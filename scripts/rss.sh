#!/usr/bin/env bash
# Memory stays flat as the corpus grows: peak RSS and throughput of factex (2 threads, JSONL
# written to a file) over the BBC + Reuters corpora once and replicated ten times, as a folder
# of .txt files, as the JSONL files themselves, as one 10× concatenated JSONL file, and gzipped.
#
#   scripts/rss.sh            # CORPORA (../shared/corpora) and BENCH_DIR (target/bench) as in bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

CORPORA=${CORPORA:-../shared/corpora}
BENCH_DIR=${BENCH_DIR:-target/bench}
THREADS=${THREADS:-2}
FACTEX=${CARGO_TARGET_DIR:-target}/release/factex
OUT="$BENCH_DIR/out"
[ -x /usr/bin/time ] || { echo "rss.sh: /usr/bin/time is needed (apt-get install -y time)" >&2; exit 2; }

cargo build --release --quiet
. scripts/corpus.sh
unpack_corpus "$CORPORA" "$BENCH_DIR/corpus"
mkdir -p "$OUT"
if [ ! -f "$BENCH_DIR/corpus10/.complete" ]; then
    rm -rf "$BENCH_DIR/corpus10"
    mkdir -p "$BENCH_DIR/corpus10"
    # Hard links: ten copies of every article without ten times the disk.
    for i in 0 1 2 3 4 5 6 7 8 9; do cp -al "$BENCH_DIR/corpus" "$BENCH_DIR/corpus10/copy$i"; done
    touch "$BENCH_DIR/corpus10/.complete"
fi
JSONL="$CORPORA/bbc.jsonl $CORPORA/reuters.jsonl"
if [ ! -f "$BENCH_DIR/all10.jsonl.gz" ]; then
    for i in 0 1 2 3 4 5 6 7 8 9; do cat $JSONL; done > "$BENCH_DIR/all10.jsonl"
    gzip -1 -k -c "$BENCH_DIR/all10.jsonl" > "$BENCH_DIR/all10.jsonl.gz"
fi

measure() { # NAME ARGS...
    local name=$1
    shift
    /usr/bin/time -f '%M %e' -o "$OUT/time.txt" "$FACTEX" extract --threads "$THREADS" --summary "$OUT/summary.json" \
        -o "$OUT/rss.jsonl" "$@" 2>/dev/null || true
    python3 - "$name" "$OUT/time.txt" "$OUT/summary.json" <<'PY'
import json, sys
rss_kb, wall = open(sys.argv[2]).read().split()[-2:]
s = json.load(open(sys.argv[3]))
print(f"{sys.argv[1]:<28} {s['documents']:>8} docs {s['bytes'] / 1e6:8.1f} MB {float(wall):7.2f} s "
      f"{s['bytes'] / 1e6 / float(wall):6.1f} MB/s  peak RSS {int(rss_kb) / 1024:6.1f} MB")
PY
}

measure "folder 1x" "$BENCH_DIR/corpus"
measure "folder 10x" "$BENCH_DIR/corpus10"
measure "jsonl files 1x" $JSONL
measure "jsonl concatenated 10x" "$BENCH_DIR/all10.jsonl"
measure "jsonl.gz concatenated 10x" "$BENCH_DIR/all10.jsonl.gz"
