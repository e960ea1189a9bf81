"""Hand-over of float32 tensors Python -> Java -> Python: the shared-memory data plane against Py4J.

Run from the repository root after building the jar (``./mvnw -B -o -q -DskipTests package -pl
python-bindings -am``) with a venv that has numpy, pyarrow and py4j 0.10.9.9:

    .venv/bin/python bench/dataplane_handover.py [--sizes 1,16,256,1024] [--py4j-sizes 1,16,64]

Columns (least of the repetitions; each size in one run of this script):
* write: Python writes the tensor into a 0600 file in /dev/shm (one copy; not part of hand-over);
* java map+wrap: the JVM maps the file and wraps the values as a ByteBuffer view
  (``TensorIpc.map`` + ``buffer()``, ExchangeProbe ``handover``, 15 tries);
* python map+view: Python maps a file and gets numpy and torch views (15 tries);
* py4j bytes: the same bytes passed as a ``bytes`` argument to a Java method through Py4J
  (``java.nio.ByteBuffer.wrap(byte[])``; 3 tries), which base64-encodes them.
"""

from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python-bindings" / "python"))
from hepgraph import _dataplane as dp

JAR = ROOT / "python-bindings" / "target" / "hepgraph.jar"
FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow",
    "-Dai.djl.offline=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
]


def java() -> str:
    for c in (os.environ.get("JAVA"), "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"):
        if c and os.access(c, os.X_OK):
            return c
    return "java"


def java_handover(paths: list[Path]) -> list[int]:
    cmd = [java(), *FLAGS, "-cp", f"{JAR}:{JAR.parent / 'lib'}/*"]
    cmd += ["org.hepgraph.io.exchange.ExchangeProbe", "handover", "15", *map(str, paths)]
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    kv = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
    return [int(kv[f"handoverNs.{i}"]) for i in range(len(paths))]


def python_handover(path: Path, reps: int = 15) -> int:
    best = None
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        m = dp.map_tensor(path)
        m.numpy()
        m.torch()
        t = time.perf_counter_ns() - t0
        m.close()
        best = t if best is None else min(best, t)
    return best


def py4j_bytes(sizes_mib: list[int]) -> dict[int, int]:
    from py4j.java_gateway import GatewayParameters, JavaGateway, launch_gateway

    jar = glob.glob(str(Path(sys.prefix) / "share" / "py4j" / "py4j*.jar"))[0]
    port = launch_gateway(jarpath=jar, java_path=java(), javaopts=["-Xmx6g"], die_on_exit=True)
    gw = JavaGateway(gateway_parameters=GatewayParameters(port=port))
    out = {}
    try:
        gw.jvm.java.nio.ByteBuffer.wrap(bytes(16))  # warm up
        for mib in sizes_mib:
            data = np.ones(mib << 18, np.float32).tobytes()
            best = None
            for _ in range(3):
                t0 = time.perf_counter_ns()
                gw.jvm.java.nio.ByteBuffer.wrap(data).capacity()
                t = time.perf_counter_ns() - t0
                best = t if best is None else min(best, t)
            out[mib] = best
    finally:
        gw.shutdown()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,16,64,256,1024")
    ap.add_argument("--py4j-sizes", default="1,16,64")
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    py4j_sizes = [int(s) for s in a.py4j_sizes.split(",")]
    with dp.Exchange() as ex:
        dp.write_tensor(ex.new_path("warmup"), np.ones(16, np.float32))  # imports pyarrow
        paths, writes = [], []
        for mib in sizes:
            arr = np.ones(mib << 18, np.float32)  # touched: a real tensor
            t0 = time.perf_counter_ns()
            paths.append(dp.write_tensor(ex.new_path(f"t{mib}"), arr))
            writes.append(time.perf_counter_ns() - t0)
            del arr
        jv = java_handover(paths)
        pv = [python_handover(p) for p in paths]
    p4 = py4j_bytes(py4j_sizes)
    print(
        "| size | write to /dev/shm | Java map+wrap | ratio to 1 MiB | Python map+views"
        " | ratio to 1 MiB | Py4J bytes | ratio to 1 MiB |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for i, mib in enumerate(sizes):
        p = p4.get(mib)
        p4s = f"{p / 1e6:.1f} ms" if p else "not run"
        p4r = f"{p / p4[sizes[0]]:.0f}x" if p and sizes[0] in p4 else "-"
        print(
            f"| {mib} MiB | {writes[i] / 1e6:.1f} ms | {jv[i] / 1e3:.0f} us | {jv[i] / jv[0]:.2f}x"
            f" | {pv[i] / 1e3:.0f} us | {pv[i] / pv[0]:.2f}x | {p4s} | {p4r} |"
        )


if __name__ == "__main__":
    main()
