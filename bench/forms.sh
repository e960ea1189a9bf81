#!/usr/bin/env bash
# The aggregation forms of this checkout against each other (docs/benchmarks.md): auto (dense
# adjacency for GIN messages + pooling matrix), nodense (slot table / fixed-degree reshape, padded
# pooling) and slots (slot table only), on the same graphs as bench/run.sh, interleaved trials.
#   bench/forms.sh [TRIALS]     (run bench/run.sh first: it builds the jar and writes the graphs)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
TRIALS="${1:-3}"
JETS="${JETS:-2048}" K="${K:-16}" BATCH="${BATCH:-64}" EPOCHS="${EPOCHS:-3}"
OUT="${OUT:-$HERE/target/bench}"
# shellcheck source=bin/java-env.sh
source "$HERE/bin/java-env.sh"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
JVM=("$JAVA" $HEPGRAPH_JVM_FLAGS -Dai.djl.offline=true -DPYTORCH_VERSION=2.7.1 -DPYTORCH_FLAVOR=cpu
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1)
CP="$HERE/python-bindings/target/hepgraph.jar:$HERE/python-bindings/target/lib/*"
GRAPHS="$OUT/jets-$JETS-k$K.bin"
RESULTS="$OUT/forms.txt"
: > "$RESULTS"
for trial in $(seq 1 "$TRIALS"); do
  for model in ocgin gae; do
    for mode in train score; do
      for forms in auto nodense slots; do
        "${JVM[@]}" -Dhepgraph.edges="$forms" -cp "$CP" bench/HepgraphBench.java run "$GRAPHS" \
          "$model" "$mode" "$BATCH" "$EPOCHS" 2>/dev/null | grep 'graphs/s=' | sed "s/^/$forms /" \
          | tee -a "$RESULTS" >&2
      done
    done
  done
done
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    forms, _, model, mode = line.split()[:4]
    runs[(model, mode, forms)].append(float(re.search(r" graphs/s=([\d.]+)", line).group(1)))
print("| model | mode | auto | nodense | slots |")
print("| --- | --- | --- | --- | --- |")
for model in ("ocgin", "gae"):
    for mode in ("train", "score"):
        cells = [f"{statistics.median(runs[(model, mode, f)]):.0f}" for f in ("auto", "nodense", "slots")]
        print(f"| {model} | {mode} | " + " | ".join(cells) + " |")
print("(graphs per second, wall clock, medians over trials)")
PY
