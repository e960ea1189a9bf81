"""Hand-over of float32 tensors Python -> Java -> Python: the shared-memory data plane against Py4J.

Run from the repository root after building the jar (``./mvnw -B -o -q -DskipTests package -pl
python-bindings -am``) with a venv that has numpy, pyarrow and py4j 0.10.9.9:

    .venv/bin/python bench/dataplane_handover.py [--sizes 1,16,256,1024] [--py4j-sizes 1,16,64]
        [--part handover|roundtrip|both] [--trials 5]

Part "handover" (the receiver's cost once a tensor is in shared memory). Columns (least of the repetitions; each size in one run of this script):
* write: Python writes the tensor into a 0600 file in /dev/shm (one copy; not part of hand-over);
* java map+wrap: the JVM maps the file and wraps the values as a ByteBuffer view
  (``TensorIpc.map`` + ``buffer()``, ExchangeProbe ``handover``, 15 tries);
* python map+view: Python maps a file and gets numpy and torch views (15 tries);
* py4j bytes: the same bytes passed as a ``bytes`` argument to a Java method through Py4J
  (``java.nio.ByteBuffer.wrap(byte[])``; 3 tries), which base64-encodes them.

Part "roundtrip" (a whole trip Python -> Java -> Python, each way a real hand-over; median of
``--trials`` interleaved trials, the order of the three ways rotating every trial; one run):
* data plane, through the hepgraph gateway (``hg.connect()``): Python writes the tensor into the
  session's exchange (copy 1), the JVM maps it (``TensorIpc.map`` + ``buffer()``, called over Py4J
  with the path only), writes that view as a new tensor file (copy 2, as ``scoreToFile`` does for
  results), and Python maps the result (numpy view). Columns split it into the two copies and the
  two hand-overs (maps and Py4J calls);
* Py4J bytes: ``ByteBuffer.wrap(bytes).array()`` on the same gateway -- bytes to Java and back,
  base64 both ways; only up to ``--py4j-sizes`` (the cut: beyond it, tens of seconds and GiBs);
* pyarrow IPC over a local TCP socket, Python -> Python: the tensor as a one-column record batch
  (``pa.ipc.new_stream``) to a forked Python process on 127.0.0.1, which reads it
  (``open_stream().read_all()``) and writes it back the same way; Python reads the answer into a
  numpy view. A Python peer, not a Java one: it is the best case of the socket path (no JVM, no
  Arrow Java allocator), so the data plane's margin over it is a lower bound.
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


def _socket_echo(sock) -> None:
    """The forked peer of the socket baseline: echoes Arrow IPC streams until the socket closes."""
    import pyarrow as pa

    conn, _ = sock.accept()
    rf, wf = conn.makefile("rb"), conn.makefile("wb")
    try:
        while True:
            try:
                table = pa.ipc.open_stream(rf).read_all()
            except (pa.ArrowInvalid, OSError, EOFError):
                return
            with pa.ipc.new_stream(wf, table.schema) as w:
                w.write_table(table)
            wf.flush()
            del table
    finally:
        conn.close()
        os._exit(0)


class SocketPeer:
    """pyarrow IPC over a local TCP socket to a forked Python process that echoes it back."""

    def __init__(self):
        import socket

        import pyarrow as pa

        self.pa = pa
        srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        self.pid = os.fork()
        if self.pid == 0:
            _socket_echo(srv)
        srv_port = srv.getsockname()[1]
        srv.close()
        self.conn = socket.create_connection(("127.0.0.1", srv_port))
        self.rf, self.wf = self.conn.makefile("rb"), self.conn.makefile("wb")

    def roundtrip(self, arr: np.ndarray) -> int:
        pa = self.pa
        t0 = time.perf_counter_ns()
        batch = pa.record_batch([pa.array(arr)], names=["tensor"])
        with pa.ipc.new_stream(self.wf, batch.schema) as w:
            w.write_batch(batch)
        self.wf.flush()
        back = pa.ipc.open_stream(self.rf).read_all().column(0).chunk(0).to_numpy()
        t = time.perf_counter_ns() - t0
        assert back.shape == arr.shape
        return t

    def close(self):
        self.rf.close()
        self.wf.close()
        self.conn.close()
        os.waitpid(self.pid, 0)


def dataplane_roundtrip(s, arr: np.ndarray) -> tuple[int, int, int, int]:
    """Python -> Java -> Python through the data plane; (python write, java map, java write,
    python map) in ns."""
    jvm = s.gateway.jvm
    ex = s.exchange()
    alloc = s._bench_alloc
    p_in, p_out = ex.new_path("rt-in"), ex.new_path("rt-out")
    try:
        t0 = time.perf_counter_ns()
        dp.write_tensor(p_in, arr)
        t1 = time.perf_counter_ns()
        mt = jvm.org.hepgraph.io.exchange.TensorIpc.map(jvm.java.io.File(str(p_in)).toPath(), alloc)
        buf = mt.buffer()
        t2 = time.perf_counter_ns()
        jvm.org.hepgraph.io.exchange.TensorIpc.write(
            buf, mt.dataType(), mt.shape(), jvm.java.io.File(str(p_out)).toPath())
        t3 = time.perf_counter_ns()
        with dp.map_tensor(p_out) as m:
            v = m.numpy()
            t4 = time.perf_counter_ns()
            assert v.shape == arr.shape
            del v
        mt.close()
        s.gateway.detach(mt)
        s.gateway.detach(buf)
        return t1 - t0, t2 - t1, t3 - t2, t4 - t3
    finally:
        p_in.unlink(missing_ok=True)
        p_out.unlink(missing_ok=True)


def py4j_roundtrip(s, data: bytes) -> int:
    t0 = time.perf_counter_ns()
    back = s.gateway.jvm.java.nio.ByteBuffer.wrap(data).array()
    t = time.perf_counter_ns() - t0
    assert len(back) == len(data)
    return t


def roundtrip(sizes: list[int], py4j_sizes: list[int], trials: int) -> None:
    import statistics

    import hepgraph as hg

    s = hg.connect()
    s._bench_alloc = s.gateway.jvm.org.apache.arrow.memory.RootAllocator()
    peer = SocketPeer()
    med = statistics.median
    rows = []
    try:
        small = np.ones(1 << 10, np.float32)
        for _ in range(5):  # warm up every path
            dataplane_roundtrip(s, small)
            py4j_roundtrip(s, small.tobytes())
            peer.roundtrip(small)
        for mib in sizes:
            arr = np.random.default_rng(mib).random(mib << 18, dtype=np.float32)
            data = arr.tobytes() if mib in py4j_sizes else None
            dpv, p4, so = [], [], []
            ways = ["dp", "py4j", "socket"]
            for t in range(trials):
                for w in ways[t % 3:] + ways[:t % 3]:
                    if w == "dp":
                        dpv.append(dataplane_roundtrip(s, arr))
                    elif w == "py4j" and data is not None:
                        p4.append(py4j_roundtrip(s, data))
                    elif w == "socket":
                        so.append(peer.roundtrip(arr))
            parts = [med(x[i] for x in dpv) for i in range(4)]
            total = med(sum(x) for x in dpv)
            rows.append((mib, total, parts, med(p4) if p4 else None, med(so)))
            del arr, data
    finally:
        peer.close()
        s._bench_alloc.close()
        hg.shutdown()
    print(
        "| size | data plane round trip | of which: Py write / Java map / Java write / Py map"
        " | Py4J bytes round trip | pyarrow socket round trip (Python peer)"
        " | Py4J / data plane | socket / data plane |"
    )
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    for mib, total, parts, p4, so in rows:
        pp = " / ".join(f"{v / 1e6:.2f}" for v in parts)
        p4s = f"{p4 / 1e6:.1f} ms" if p4 else "not run"
        p4r = f"{p4 / total:.1f}x" if p4 else "-"
        print(f"| {mib} MiB | {total / 1e6:.1f} ms | {pp} ms | {p4s} | {so / 1e6:.1f} ms | {p4r}"
              f" | {so / total:.2f}x |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,16,64,256,1024")
    ap.add_argument("--py4j-sizes", default="1,16,64")
    ap.add_argument("--part", choices=("handover", "roundtrip", "both"), default="handover")
    ap.add_argument("--trials", type=int, default=5)
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    py4j_sizes = [int(s) for s in a.py4j_sizes.split(",")]
    if a.part in ("roundtrip", "both"):
        roundtrip(sizes, py4j_sizes, a.trials)
        if a.part == "roundtrip":
            return
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
