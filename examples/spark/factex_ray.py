"""Run factex over JSONL shards with Ray Data: read_json, then map_batches around a subprocess.

    python examples/spark/factex_ray.py --factex /abs/path/to/factex 'shards/*.jsonl'

Each batch of rows is written to `factex extract --input-format jsonl -` as JSON lines; factex
answers each line with exactly one record, in order, so output line i belongs to input row i.
The records are returned as columns: id, error kind (null when the document was processed),
entity and quantity counts, and the whole record as a JSON string (parse it with
`json.loads`, or flatten it further in the function below).

Prints a JSON summary (rows, errors, quantities, a few facts) on standard output at the end.
"""

import argparse
import glob
import json
import os
import subprocess
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="JSONL shards (paths or globs)")
    parser.add_argument("--factex", required=True, help="absolute path of the factex binary on the workers")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--id-field", default="id")
    args = parser.parse_args()
    if not os.path.isabs(args.factex):
        parser.error("--factex must be an absolute path")

    import pandas as pd
    import ray

    command = [
        args.factex, "extract", "--quiet", "--input-format", "jsonl",
        "--text-field", args.text_field, "--id-field", args.id_field, "-",
    ]

    def run_factex(batch: "pd.DataFrame") -> "pd.DataFrame":
        # Only the fields factex reads; the rows go out as JSON lines, in order.
        fields = [c for c in (args.id_field, args.text_field) if c in batch.columns]
        payload = batch[fields].to_json(orient="records", lines=True, force_ascii=False)
        if payload and not payload.endswith("\n"):
            payload += "\n"
        done = subprocess.run(command, input=payload.encode("utf-8"), capture_output=True, env={}, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"factex failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
        records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
        if len(records) != len(batch):
            raise RuntimeError(f"factex answered {len(records)} lines for {len(batch)} rows")
        return pd.DataFrame(
            {
                "id": [r["id"] for r in records],
                "error": [r.get("error", {}).get("kind") for r in records],
                "entities": [len(r.get("entities", [])) for r in records],
                "quantities": [len(r.get("quantities", [])) for r in records],
                "record": [json.dumps(r, ensure_ascii=False) for r in records],
            }
        )

    paths = sorted(p for pattern in args.inputs for p in glob.glob(pattern))
    ray.init(ignore_reinit_error=True, include_dashboard=False)
    ds = ray.data.read_json(paths).map_batches(run_factex, batch_format="pandas", batch_size=256)
    rows = ds.take_all()
    counts = []
    for row in rows:
        for q in json.loads(row["record"]).get("quantities", []):
            if q["kind"] == "count":
                counts.append({"id": row["id"], "text": q["text"], "value": q.get("value"), "unit": q.get("unit")})
    summary = {
        "rows": len(rows),
        "errors": sum(1 for r in rows if r["error"]),
        "quantities": sum(r["quantities"] for r in rows),
        "counts": counts[:1000],
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
