#!/usr/bin/env bash
# Linear time on adversarial text: prints, for every pattern of benches/inputs/mod.rs, the time
# per MB of extract + encode at 1x, 10x and 100x a base size, and the largest / smallest ratio
# (flat = linear). Needs nothing outside the repository; memory peaks at about 3 GB (10 MB of
# "1,1,1" gives 5 million quantities, 813 MB of JSON).
#
#   scripts/adversarial.sh              # 100 KB, 1 MB, 10 MB (about 4 minutes)
#   scripts/adversarial.sh 10           # 10 KB, 100 KB, 1 MB
#   scripts/adversarial.sh 100 emoji    # only the patterns whose name contains "emoji"
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example adversarial
exec "${CARGO_TARGET_DIR:-target}"/release/examples/adversarial "${1:-100}" "${2:-}"
