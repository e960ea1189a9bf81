#!/usr/bin/env bash
# Throughput of OCGIN and the graph AE: hepgraph before (BASE_REF) and after (this checkout)
# against PyTorch Geometric, on the same toy-jet kNN graphs, batch 64, 1 thread, interleaved
# trials; prints medians and ratios (docs/benchmarks.md).
#
#   bench/run.sh [TRIALS]                      (default 5 trials)
#   env: BASE_REF   git ref of "before" (default b286a9d, main before the edge plan)
#        BASE_DIR   a checkout of BASE_REF to use/create (default ../wt-bench-base)
#        JETS K BATCH EPOCHS                    (defaults 2048, 16, 64, 3)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"
TRIALS="${1:-5}"
BASE_REF="${BASE_REF:-b286a9d}"
BASE_DIR="${BASE_DIR:-$HERE/../wt-bench-base}"
JETS="${JETS:-2048}" K="${K:-16}" BATCH="${BATCH:-64}" EPOCHS="${EPOCHS:-3}"
OUT="${OUT:-$HERE/target/bench}"
mkdir -p "$OUT"

# shellcheck source=bin/java-env.sh
source "$HERE/bin/java-env.sh"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

echo "== building hepgraph (this checkout) and the base $BASE_REF in $BASE_DIR" >&2
./mvnw -B -o -q package -DskipTests
if [ ! -d "$BASE_DIR" ]; then
  git worktree add --detach "$BASE_DIR" "$BASE_REF" >&2
fi
(cd "$BASE_DIR" && ./mvnw -B -o -q package -DskipTests)

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv with torch 2.7.1 and torch_geometric (a ~5.7 GB download)" >&2
  python3 -m venv .venv
  .venv/bin/pip install -q torch==2.7.1 torch_geometric numpy
fi

JVM=("$JAVA" $HEPGRAPH_JVM_FLAGS -Dai.djl.offline=true -DPYTORCH_VERSION=2.7.1 -DPYTORCH_FLAVOR=cpu
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1)
cp_of() { echo "$1/python-bindings/target/hepgraph.jar:$1/python-bindings/target/lib/*"; }

GRAPHS="$OUT/jets-$JETS-k$K.bin"
"${JVM[@]}" -cp "$(cp_of "$HERE")" bench/HepgraphBench.java export "$GRAPHS" "$JETS" "$K" 2>/dev/null

RESULTS="$OUT/results.txt"
: > "$RESULTS"
run_one() { # side model mode
  case "$1" in
    before) "${JVM[@]}" -cp "$(cp_of "$BASE_DIR")" bench/HepgraphBench.java run "$GRAPHS" "$2" "$3" "$BATCH" "$EPOCHS" 2>/dev/null ;;
    after) "${JVM[@]}" -cp "$(cp_of "$HERE")" bench/HepgraphBench.java run "$GRAPHS" "$2" "$3" "$BATCH" "$EPOCHS" 2>/dev/null ;;
    pyg) .venv/bin/python bench/pyg_bench.py "$GRAPHS" "$2" "$3" "$BATCH" "$EPOCHS" ;;
  esac | grep 'graphs/s=' | sed "s/^/$1 /" | tee -a "$RESULTS" >&2
}
for trial in $(seq 1 "$TRIALS"); do
  echo "== trial $trial of $TRIALS" >&2
  for model in ocgin gae; do
    for mode in train score; do
      # Rotate the order every trial so that slow phases of a shared machine hit every side.
      case $((trial % 3)) in
        1) order="before after pyg" ;;
        2) order="after pyg before" ;;
        0) order="pyg before after" ;;
      esac
      for side in $order; do run_one "$side" "$model" "$mode"; done
    done
  done
done
python3 bench/summarise.py "$RESULTS"
