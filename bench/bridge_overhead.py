"""The gateway's own cost: per-call overhead, and a detector driven from Python against Java.

Run from the repository root after building the jar (``./mvnw -B -o -q -DskipTests package -pl
python-bindings -am``) with a venv that has the hepgraph requirements:

    OMP_NUM_THREADS=1 .venv/bin/python bench/bridge_overhead.py [--calls 2000] [--trials 7]
        [--jets 200] [--epochs 3] [--fit-trials 5]

Part 1, per-call overhead (round trips per second; median of ``--trials`` interleaved blocks of
``--calls`` calls each; the order of the three kinds rotates every trial):
* hepgraph ``session.call``: ``Session.call("pid", entry.pid)`` (the error-translating wrapper the
  package uses for every call) on the hepgraph gateway (auth token, ``GatewayMain``);
* hepgraph raw: ``entry.pid()`` on the same gateway, without the wrapper;
* raw Py4J: ``System.nanoTime()`` on a plain Py4J ``GatewayServer`` (``launch_gateway``, py4j's own
  jar, no token, no hepgraph) -- the floor any Py4J bridge pays.

Part 2, the bridge's cost on a real detector (``ocgin`` on toy jets, one gateway JVM for both):
* from Python: ``hg.Detector("ocgin", ...).fit(graphs, progress=False)`` then ``.score(graphs)``
  on a fresh ``hg.GraphSet`` each trial (so the graphs cross the data plane every time, as for a
  new user's data), with the progress polling and result JSON of ``Detector.fit``;
* from Java: the same detector made by ``Detectors.create`` and ``fit``/``score`` on the Java
  ``GraphSet`` the data source made, each as ONE raw Py4J call (about 0.1 ms of the total), timed
  from Python; nothing crosses the bridge but the call.
* Java on sent graphs (diagnostic): as "from Java", but on a fresh GraphSet sent from Python over the
  data plane (the mapped graphs ``Detector.fit`` gets; transfer not timed) -- separates the cost of
  mapped graphs from the cost of ``fitAsync``'s thread and polling.
Trials interleave the three (the order rotates every trial); medians are reported with the
ratio Python/Java. One warm-up fit of each kind runs first and is not counted.
"""

from __future__ import annotations

import argparse
import glob
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python-bindings" / "python"))
import hepgraph as hg  # noqa: E402
from hepgraph import _jvm  # noqa: E402


def raw_py4j_gateway():
    from py4j.java_gateway import GatewayParameters, JavaGateway, launch_gateway

    jar = glob.glob(str(Path(sys.prefix) / "share" / "py4j" / "py4j*.jar"))[0]
    port = launch_gateway(jarpath=jar, java_path=_jvm.find_java(), die_on_exit=True,
                          javaopts=["-Dai.djl.offline=true", *_jvm.JVM_FLAGS])
    return JavaGateway(gateway_parameters=GatewayParameters(port=port))


def per_call(s, raw, calls: int, trials: int) -> dict[str, float]:
    nano = raw.jvm.java.lang.System.nanoTime
    kinds = {
        "hepgraph Session.call(entry.pid)": lambda: s.call("pid", s.entry.pid),
        "hepgraph raw entry.pid()": s.entry.pid,
        "raw Py4J System.nanoTime()": nano,
    }
    for f in kinds.values():  # warm up: method lookups, JIT
        for _ in range(200):
            f()
    rates: dict[str, list[float]] = {k: [] for k in kinds}
    names = list(kinds)
    for t in range(trials):
        for k in names[t % 3:] + names[:t % 3]:
            f = kinds[k]
            t0 = time.perf_counter_ns()
            for _ in range(calls):
                f()
            rates[k].append(calls / ((time.perf_counter_ns() - t0) / 1e9))
    return {k: statistics.median(v) for k, v in rates.items()}


def detector_runs(s, jets: int, epochs: int, trials: int):
    settings = {"epochs": epochs, "hidden": 16, "seed": 5, "batch_size": 16}
    jsettings = {"epochs": str(epochs), "hidden": "16", "seed": "5", "batchSize": "16"}
    ds = hg.dataset(f"toy:jets={jets},seed=3", k=8)
    g = ds.graphs
    jgs = g._java[1]  # the Java GraphSet the data source made
    jvm = s.gateway.jvm
    device = jvm.org.hepgraph.train.Devices.preferred()
    no_listeners = s.gateway.new_array(jvm.org.hepgraph.train.TrainingListener, 0)

    def from_python():
        fresh = hg.GraphSet(g.x.copy(), g.edge_index.copy(), g.node_ptr.copy(),
                            g.edge_ptr.copy(), None if g.y is None else g.y.copy(),
                            None if g.edge_attr is None else g.edge_attr.copy())
        with hg.Detector("ocgin", **settings) as det:
            t0 = time.perf_counter_ns()
            det.fit(fresh, progress=False)
            t1 = time.perf_counter_ns()
            det.score(fresh)
            t2 = time.perf_counter_ns()
        return (t1 - t0) / 1e9, (t2 - t1) / 1e9

    def from_java(graphs=None):
        graphs = jgs if graphs is None else graphs
        d = jvm.org.hepgraph.detectors.Detectors.create("ocgin", jsettings, device)
        try:
            t0 = time.perf_counter_ns()
            d.fit(graphs, no_listeners)
            t1 = time.perf_counter_ns()
            d.score(graphs)
            t2 = time.perf_counter_ns()
        finally:
            d.close()
            s.gateway.detach(d)
        return (t1 - t0) / 1e9, (t2 - t1) / 1e9

    def from_java_on_sent():
        fresh = hg.GraphSet(g.x.copy(), g.edge_index.copy(), g.node_ptr.copy(),
                            g.edge_ptr.copy(), None if g.y is None else g.y.copy(),
                            None if g.edge_attr is None else g.edge_attr.copy())
        from hepgraph import _transfer

        with _transfer.sent(s, fresh) as sent_gs:
            return from_java(sent_gs)

    runs = {"python": from_python, "java": from_java, "java-on-sent": from_java_on_sent}
    for f in runs.values():
        f()  # warm up, not counted
    res: dict[str, list[tuple[float, float]]] = {k: [] for k in runs}
    names = list(runs)
    for t in range(trials):
        for k in names[t % 3:] + names[:t % 3]:
            res[k].append(runs[k]())
    return len(g), res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=2000)
    ap.add_argument("--trials", type=int, default=7)
    ap.add_argument("--jets", type=int, default=200)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--fit-trials", type=int, default=5)
    ap.add_argument("--skip-calls", action="store_true")
    ap.add_argument("--skip-detector", action="store_true")
    a = ap.parse_args()
    s = hg.connect()
    try:
        if not a.skip_calls:
            raw = raw_py4j_gateway()
            try:
                rates = per_call(s, raw, a.calls, a.trials)
            finally:
                raw.shutdown()
            floor = rates["raw Py4J System.nanoTime()"]
            print(f"per-call overhead: median of {a.trials} interleaved blocks of {a.calls} calls")
            print("| call | round trips/s | us per call | vs raw Py4J |")
            print("| --- | ---: | ---: | ---: |")
            for k, r in rates.items():
                print(f"| {k} | {r:,.0f} | {1e6 / r:.0f} | {floor / r:.2f}x |")
            print()
        if not a.skip_detector:
            n, res = detector_runs(s, a.jets, a.epochs, a.fit_trials)
            print(f"ocgin, {n} toy jets (k=8), {a.epochs} epochs, hidden 16, batch 16: median of"
                  f" {a.fit_trials} interleaved trials each (seconds)")
            print("| phase | from Python | from Java | Python / Java | Java on sent graphs"
                  " | all Python trials | all Java trials | all Java-on-sent trials |")
            print("| --- | ---: | ---: | ---: | ---: | --- | --- | --- |")
            for i, phase in enumerate(("fit", "score")):
                p, j, js = ([r[i] for r in res[k]] for k in ("python", "java", "java-on-sent"))
                mp, mj, mjs = statistics.median(p), statistics.median(j), statistics.median(js)

                def all_(v):
                    return " ".join(f"{x:.3f}" for x in v)

                print(f"| {phase} | {mp:.3f} | {mj:.3f} | {mp / mj:.3f} | {mjs:.3f} | {all_(p)}"
                      f" | {all_(j)} | {all_(js)} |")
    finally:
        hg.shutdown()


if __name__ == "__main__":
    main()
