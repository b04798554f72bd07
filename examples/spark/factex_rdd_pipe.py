"""Run factex over JSONL shards with Spark's RDD.pipe and load the records into a DataFrame.

    spark-submit examples/spark/factex_rdd_pipe.py --factex /abs/path/to/factex \
        --output facts.parquet 'shards/*.jsonl.gz'

Every input line ({"id": ..., "text": ...}) goes through `factex extract --input-format jsonl -`,
which answers each line with exactly one JSON record, in order, and flushes as it goes. Spark
starts one factex per partition with an *empty* environment, so the factex path must be
absolute and the binary must be on every worker (ship it with `--files` and use
`SparkFiles.get("factex")`, or install it at the same path on every node).

Prints a JSON summary (rows, errors, quantities, a few facts) on standard output at the end.
"""

import argparse
import json
import os
import shlex
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="JSONL shards (paths or globs; .gz is decompressed by Spark)")
    parser.add_argument("--factex", required=True, help="absolute path of the factex binary on the workers")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--output", help="write the records as Parquet here")
    parser.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    args = parser.parse_args()
    if not os.path.isabs(args.factex):
        parser.error("--factex must be an absolute path: RDD.pipe runs it without PATH")

    # The Python workers must be this interpreter (with pyspark), also in local mode.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("factex")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")

    lines = spark.sparkContext.textFile(",".join(args.inputs))
    command = " ".join(
        shlex.quote(a)
        for a in [
            args.factex, "extract", "--quiet", "--input-format", "jsonl",
            "--text-field", args.text_field, "--id-field", args.id_field, "-",
        ]
    )
    # env={} is what Spark passes anyway; checkCode=True turns a lost line into a failed task.
    records = lines.pipe(command, env={}, checkCode=True)

    # One record per input line; let Spark infer the schema of the factex/1 records.
    df = spark.read.json(records).cache()
    if args.output:
        df.write.mode("overwrite").parquet(args.output)

    quantities = df.select("id", F.explode("quantities").alias("q")).select("id", "q.*")
    has_errors = "error" in df.columns
    summary = {
        "rows": df.count(),
        "input_lines": lines.count(),
        "errors": df.filter(F.col("error").isNotNull()).count() if has_errors else 0,
        "quantities": quantities.count(),
        "counts": [
            r.asDict()
            for r in quantities.filter(F.col("kind") == "count")
            .select("id", "text", "value", "unit")
            .orderBy("id", "start")
            .limit(1000)
            .collect()
        ],
    }
    print(json.dumps(summary))
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
