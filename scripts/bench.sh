#!/usr/bin/env bash
# End-to-end benchmark: factex over the BBC + Reuters corpora unpacked into a folder of .txt
# files, with 1 and 2 threads, JSONL written to a file, next to rg running a comparable
# number-and-unit pattern over the same folder. Prints MB/s, the ratio to rg, the 1→2 thread
# speed-up and peak RSS.
#
#   scripts/bench.sh                      # corpora from ../shared/corpora, folder target/bench/corpus
#   CORPORA=/data/corpora BENCH_DIR=/tmp/b RUNS=10 scripts/bench.sh
#
# The commands are timed in interleaved rounds (each round runs every command once, after one
# round of warm-up), so that the ratios — to rg, 1 → 2 threads — compare runs made at the same
# moment: the VM this was written on drifts by 10-20% from minute to minute. Each ratio is the
# median of the rounds' ratios, with the lowest and highest in brackets.
#
# With taskset (util-linux) and two cores or more, one more command puts the speed-up in
# context: the ceiling of the machine, two independent --threads 1 runs at once, a core each,
# against one alone, which is the most any program could gain from a second core on this work
# (below 2 when the cores share a physical core or are contended).
set -euo pipefail
cd "$(dirname "$0")/.."

CORPORA=${CORPORA:-../shared/corpora}
BENCH_DIR=${BENCH_DIR:-target/bench}
RUNS=${RUNS:-10}
CORPUS="$BENCH_DIR/corpus"
OUT="$BENCH_DIR/out"
FACTEX=${CARGO_TARGET_DIR:-target}/release/factex

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

# Peak resident set size in MB of a shell command.
rss() {
    /usr/bin/time -f '%M' -o "$OUT/time.txt" sh -c "exec $1 >/dev/null 2>&1"
    awk '{printf "%.1f", $1 / 1024}' <(tail -1 "$OUT/time.txt")
}

f1="$FACTEX extract -q --threads 1 -o $OUT/t1.jsonl $CORPUS"
f2="$FACTEX extract -q --threads 2 -o $OUT/t2.jsonl $CORPUS"
rgc="rg --count-matches -e '$RG_PATTERN' $CORPUS"

names=(t1 t2 rg)
commands=("$f1" "$f2" "$rgc")
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
    names+=(pair)
    commands+=("taskset -c 0 $FACTEX extract -q --threads 1 -o $OUT/p0.jsonl $CORPUS & taskset -c 1 $FACTEX extract -q --threads 1 -o $OUT/p1.jsonl $CORPUS; wait")
fi
# Appends "ROUND NAME SECONDS" to $OUT/times for each command, RUNS rounds after a warm-up.
: >"$OUT/times"
TIMEFORMAT=%3R
for round in $(seq 0 "$RUNS"); do
    for i in "${!names[@]}"; do
        t=$({ time eval "${commands[$i]}" >/dev/null 2>&1; } 2>&1)
        [ "$round" -gt 0 ] && echo "$round ${names[$i]} $t" >>"$OUT/times"
    done
done
m1=$(rss "$f1")
m2=$(rss "$f2")
cmp -s "$OUT/t1.jsonl" "$OUT/t2.jsonl" || { echo "bench.sh: --threads 1 and 2 differ" >&2; exit 1; }

python3 - "$FILES" "$BYTES" "$m1" "$m2" "$(nproc)" "$RUNS" "$OUT/times" <<'PY'
import collections, statistics, sys
files, size = int(sys.argv[1]), int(sys.argv[2])
m1, m2 = float(sys.argv[3]), float(sys.argv[4])
rounds = collections.defaultdict(dict)
for line in open(sys.argv[7]):
    r, name, t = line.split()
    rounds[int(r)][name] = float(t)
rounds = list(rounds.values())
mb = size / 1e6

def wall(name):
    t = [r[name] for r in rounds]
    return statistics.median(t), min(t)

def ratio(f):
    x = [f(r) for r in rounds]
    return f"{statistics.median(x):.2f}× ({min(x):.2f}–{max(x):.2f})"

def line(label, name, rss=None, copies=1):
    t, best = wall(name)
    memory = f"  peak RSS {rss:5.1f} MB" if rss is not None else ""
    print(f"{label:31} {t:6.3f} s ({best:.3f})  {copies * mb / t:6.1f} MB/s ({copies * mb / best:.1f}){memory}")

print(f"corpus: {files} files, {mb:.1f} MB, {sys.argv[5]} cores; {sys.argv[6]} interleaved rounds, "
      "median wall time (best in brackets)")
line("factex --threads 1", "t1", m1)
line("factex --threads 2", "t2", m2)
line("rg", "rg")
if "pair" in rounds[0]:
    line("two --threads 1 runs at once", "pair", copies=2)
print("medians of the rounds' ratios (lowest–highest in brackets):")
print(f"  factex (2 threads) / rg wall time  {ratio(lambda r: r['t2'] / r['rg'])}")
print(f"  speed-up --threads 1 → 2           {ratio(lambda r: r['t1'] / r['t2'])}")
if "pair" in rounds[0]:
    print(f"  the machine's ceiling (2 × one run alone / two at once, a core each)  "
          f"{ratio(lambda r: 2 * r['t1'] / r['pair'])}")
PY
