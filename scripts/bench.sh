#!/usr/bin/env bash
# End-to-end benchmark: factex over the BBC + Reuters corpora unpacked into a folder of .txt
# files, with 1 and 2 threads, JSONL written to a file, next to rg running a comparable
# number-and-unit pattern over the same folder. Prints MB/s, the ratio to rg, the 1→2 thread
# speed-up and peak RSS.
#
#   scripts/bench.sh                      # corpora from ../shared/corpora, folder target/bench/corpus
#   CORPORA=/data/corpora BENCH_DIR=/tmp/b RUNS=10 scripts/bench.sh
#
# Uses hyperfine when installed (apt-get install -y hyperfine ripgrep), else /usr/bin/time.
#
# With taskset (util-linux) and two cores or more, two more lines put the speed-up in context:
# --threads 1 confined to one core (taskset -c 0; otherwise its reader and writer threads run
# on the second core), and the ceiling of the machine: one core's run against two independent
# runs at once, a core each, which is the most any program could gain from a second core on
# this work (on a VM whose cores share a physical core, or are contended, it is well below 2).
set -euo pipefail
cd "$(dirname "$0")/.."

CORPORA=${CORPORA:-../shared/corpora}
BENCH_DIR=${BENCH_DIR:-target/bench}
RUNS=${RUNS:-5}
CORPUS="$BENCH_DIR/corpus"
OUT="$BENCH_DIR/out"
FACTEX=target/release/factex
# Numbers with a unit or counted noun after them, roughly what factex's rules look for.
PATTERN='[0-9][0-9,.]*( ?%| (percent|pct|per cent|million|billion|mln|bln|dlrs|dollars|km|kilometres|miles|years?|months?|days?|hours?|vehicles|cars|units|employees|people|shares|tonnes))'

need() { command -v "$1" >/dev/null || { echo "bench.sh: $1 is needed ($2)" >&2; exit 2; }; }
need python3 "to unpack the corpora"
need rg "apt-get install -y ripgrep"
[ -x /usr/bin/time ] || { echo "bench.sh: /usr/bin/time is needed (apt-get install -y time)" >&2; exit 2; }

cargo build --release --quiet

. scripts/corpus.sh
unpack_corpus "$CORPORA" "$CORPUS"
mkdir -p "$OUT"
FILES=$(find "$CORPUS" -type f -name '*.txt' | wc -l)
BYTES=$(find "$CORPUS" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
# Read everything once so that every run finds it in the page cache.
"$FACTEX" extract -q -o /dev/null "$CORPUS"

# Wall time in seconds of a shell command: "MEDIAN MIN" over RUNS runs.
wall() {
    if command -v hyperfine >/dev/null; then
        hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$OUT/hyperfine.json" "$1" >/dev/null
        python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.3f %.3f" % (r["median"], r["min"]))' "$OUT/hyperfine.json"
    else
        local times=()
        for _ in $(seq "$RUNS"); do
            /usr/bin/time -f '%e' -o "$OUT/time.txt" sh -c "$1 >/dev/null 2>&1"
            times+=("$(tail -1 "$OUT/time.txt")")
        done
        python3 -c 'import statistics,sys; t = list(map(float, sys.argv[1:])); print(statistics.median(t), min(t))' "${times[@]}"
    fi
}

# Peak resident set size in MB of a shell command.
rss() {
    /usr/bin/time -f '%M' -o "$OUT/time.txt" sh -c "exec $1 >/dev/null 2>&1"
    awk '{printf "%.1f", $1 / 1024}' <(tail -1 "$OUT/time.txt")
}

f1="$FACTEX extract -q --threads 1 -o $OUT/t1.jsonl $CORPUS"
f2="$FACTEX extract -q --threads 2 -o $OUT/t2.jsonl $CORPUS"
rgc="rg --count-matches -e '$PATTERN' $CORPUS"

t1=$(wall "$f1")
t2=$(wall "$f2")
trg=$(wall "$rgc")
one=""
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
    c1="taskset -c 0 $f1"
    pair="sh -c 'taskset -c 0 $FACTEX extract -q --threads 1 -o $OUT/p0.jsonl $CORPUS & taskset -c 1 $FACTEX extract -q --threads 1 -o $OUT/p1.jsonl $CORPUS; wait'"
    one="$(wall "$c1") $(wall "$pair")"
fi
m1=$(rss "$f1")
m2=$(rss "$f2")
cmp -s "$OUT/t1.jsonl" "$OUT/t2.jsonl" || { echo "bench.sh: --threads 1 and 2 differ" >&2; exit 1; }

python3 - "$FILES" "$BYTES" "$t1" "$t2" "$trg" "$m1" "$m2" "$(nproc)" "$RUNS" $one <<'PY'
import sys
files, size = int(sys.argv[1]), int(sys.argv[2])
(t1, b1), (t2, b2), (trg, brg) = (tuple(map(float, a.split())) for a in sys.argv[3:6])
m1, m2 = float(sys.argv[6]), float(sys.argv[7])
mb = size / 1e6
print(f"corpus: {files} files, {mb:.1f} MB, {sys.argv[8]} cores; median of {sys.argv[9]} runs (best in brackets)")
print(f"factex --threads 1  {t1:6.3f} s ({b1:.3f})  {mb / t1:6.1f} MB/s ({mb / b1:.1f})  peak RSS {m1:5.1f} MB")
print(f"factex --threads 2  {t2:6.3f} s ({b2:.3f})  {mb / t2:6.1f} MB/s ({mb / b2:.1f})  peak RSS {m2:5.1f} MB")
print(f"rg                  {trg:6.3f} s ({brg:.3f})  {mb / trg:6.1f} MB/s ({mb / brg:.1f})")
print(f"speed-up 1→2 threads {t1 / t2:.2f}× ({b1 / b2:.2f}×); factex (2 threads) / rg wall time {t2 / trg:.1f}× ({b2 / brg:.1f}×)")
if len(sys.argv) > 10:
    c1, bc1, pair, bpair = map(float, sys.argv[10:14])
    print(f"factex --threads 1 on one core {c1:6.3f} s ({bc1:.3f})  speed-up to 2 threads {c1 / t2:.2f}× ({bc1 / b2:.2f}×)")
    print(f"two one-core runs at once      {pair:6.3f} s ({bpair:.3f})  machine's ceiling {2 * c1 / pair:.2f}× ({2 * bc1 / bpair:.2f}×)")
PY
