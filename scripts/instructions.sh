#!/usr/bin/env bash
# Instruction count of one extraction run, for comparing two builds of factex when the machine's
# wall time is too noisy to show a small change (valgrind's callgrind counts instructions, which
# repeat exactly for the same binary and input, whatever else the machine is doing).
#
#   scripts/instructions.sh                          # target/release/factex on the sample
#   scripts/instructions.sh path/to/other/factex     # another build, same sample
#
# The sample is every seventh article of the BBC + Reuters folder that scripts/bench.sh unpacks
# (about 3 MB in 3,038 files), linked into target/bench/sample. Prints the total and the
# functions that take the most, inclusive of what they call.
set -euo pipefail
cd "$(dirname "$0")/.."

FACTEX=${1:-${CARGO_TARGET_DIR:-target}/release/factex}
CORPORA=${CORPORA:-../shared/corpora}
BENCH_DIR=${BENCH_DIR:-target/bench}
SAMPLE="$BENCH_DIR/sample"
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is needed (apt-get install -y valgrind)" >&2; exit 2; }

if [ ! -d "$SAMPLE" ]; then
    . scripts/corpus.sh
    unpack_corpus "$CORPORA" "$BENCH_DIR/corpus"
    mkdir -p "$SAMPLE"
    (cd "$BENCH_DIR/corpus" && find . -type f -name '*.txt' | LC_ALL=C sort | awk 'NR % 7 == 1') |
        while read -r f; do mkdir -p "$SAMPLE/$(dirname "$f")"; ln -f "$BENCH_DIR/corpus/$f" "$SAMPLE/$f"; done
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$FACTEX" extract -q --threads 1 -o "$out/facts.jsonl" "$SAMPLE" 2>"$out/log" ||
    { cat "$out/log" >&2; exit 1; }
callgrind_annotate "$out/cg" 2>/dev/null | grep -E "PROGRAM TOTALS|^ *[0-9,]+ \(" | head -${TOP:-25}
