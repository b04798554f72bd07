#!/usr/bin/env bash
# Side-by-side timing of factex builds over the benchmark folder, for changes too small for the
# VM's drift to let separate bench.sh runs tell apart: ROUNDS interleaved rounds, each running
# rg once, then every BINARY with 2 threads and with 1, writing JSONL to a file that exists.
# Prints the median and best wall time of each, with user and system CPU (median).
#
#   scripts/compare.sh /tmp/factex-before target/release/factex
#   ROUNDS=40 scripts/compare.sh A B C
#
# The folder is made by bench.sh (target/bench/corpus; BENCH_DIR overrides). Each round reads
# it again, so it stays in the page cache.
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -ge 1 ] || { echo "usage: scripts/compare.sh BINARY..." >&2; exit 2; }
ROUNDS=${ROUNDS:-25}
CORPUS=${BENCH_DIR:-target/bench}/corpus
[ -f "$CORPUS/.complete" ] || { echo "compare.sh: run scripts/bench.sh first to unpack $CORPUS" >&2; exit 2; }
command -v rg >/dev/null || { echo "compare.sh: rg is needed (apt-get install -y ripgrep)" >&2; exit 2; }
. scripts/corpus.sh

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
TIMEFORMAT='%3R %3U %3S'

# Appends "NAME WALL USER SYS" to the log.
timed() {
    local name=$1
    shift
    { time "$@" >/dev/null 2>&1; } 2>>"$OUT/t"
    sed -i "\$s|^|$name |" "$OUT/t"
}

"$1" extract -q -o "$OUT/warm.jsonl" "$CORPUS"
for _ in $(seq "$ROUNDS"); do
    timed rg rg --count-matches -e "$RG_PATTERN" "$CORPUS"
    for binary in "$@"; do
        for threads in 2 1; do
            timed "$binary:$threads" "$binary" extract -q --threads "$threads" -o "$OUT/out-$threads.jsonl" "$CORPUS"
        done
    done
done

python3 - "$OUT/t" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, wall, user, system = line.split()
    runs[name].append((float(wall), float(user), float(system)))
for name, times in runs.items():
    wall = [t[0] for t in times]
    user = statistics.median(t[1] for t in times)
    system = statistics.median(t[2] for t in times)
    print(f"{name:42} median {statistics.median(wall):.3f} s  best {min(wall):.3f} s  "
          f"user {user:.3f} s  sys {system:.3f} s  ({len(wall)} runs)")
PY
