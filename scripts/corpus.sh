# Shared by bench.sh, compare.sh, rss.sh and instructions.sh (sourced, not run): unpacking the
# JSONL corpora into folders, and the rg pattern timed next to factex.

# Numbers with a unit or counted noun after them, roughly what factex's rules look for.
RG_PATTERN='[0-9][0-9,.]*( ?%| (percent|pct|per cent|million|billion|mln|bln|dlrs|dollars|km|kilometres|miles|years?|months?|days?|hours?|vehicles|cars|units|employees|people|shares|tonnes))'

# unpack_corpus CORPORA DIR: one .txt file per line of CORPORA/{bbc,reuters}.jsonl, at DIR/ID.txt.
unpack_corpus() {
    local corpora=$1 dir=$2
    [ -f "$dir/.complete" ] && return 0
    echo "unpacking $corpora/{bbc,reuters}.jsonl into $dir" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    python3 - "$dir" "$corpora/bbc.jsonl" "$corpora/reuters.jsonl" <<'PY'
import json, os, sys
root = sys.argv[1]
for shard in sys.argv[2:]:
    with open(shard, encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            path = os.path.join(root, doc["id"] + ".txt")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(doc["text"])
PY
    touch "$dir/.complete"
}
