"""Zero copy shown, not claimed: the data plane between Python and a Java process.

The Java side is ``org.hepgraph.io.exchange.ExchangeProbe`` from the runnable jar (build it first:
``./mvnw -B -o -q -DskipTests package -pl python-bindings -am``). Each test starts its own JVM.
"""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[3]
PYTHON_DIR = ROOT / "python-bindings" / "python"
if str(PYTHON_DIR) not in sys.path:
    sys.path.insert(0, str(PYTHON_DIR))

from hepgraph import _dataplane as dp

JAR = ROOT / "python-bindings" / "target" / "hepgraph.jar"
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow",
    "-Dai.djl.offline=true",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
]
PAGE = os.sysconf("SC_PAGE_SIZE")


def java() -> str:
    for c in (
        os.environ.get("JAVA"),
        os.environ.get("JAVA_HOME") and os.path.join(os.environ["JAVA_HOME"], "bin", "java"),
        "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java",
    ):
        if c and os.access(c, os.X_OK):
            return c
    return "java"


def probe_command(*args: str) -> list[str]:
    if not JAR.exists():
        pytest.fail(
            f"{JAR} is missing; build it first: ./mvnw -B -o -q -DskipTests package"
            " -pl python-bindings -am"
        )
    cp = f"{JAR}:{JAR.parent / 'lib'}/*"
    return [java(), *JVM_FLAGS, "-cp", cp, "org.hepgraph.io.exchange.ExchangeProbe", *args]


def env() -> dict:
    return dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true", OMP_NUM_THREADS="1")


def probe(*args: str) -> dict:
    r = subprocess.run(
        probe_command(*args), check=False, capture_output=True, text=True, env=env(), timeout=600
    )
    assert r.returncode == 0, f"probe {args} failed:\n{r.stdout}\n{r.stderr}"
    return parse(r.stdout)


def parse(out: str) -> dict:
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


@pytest.fixture
def exchange():
    with dp.Exchange() as ex:
        yield ex


def sample_graphs(rng, graphs=7, with_optional=True):
    sizes = rng.integers(2, 20, graphs)
    node_ptr = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    src, dst = [], []
    edge_counts = []
    for n in sizes:
        s = np.repeat(np.arange(n), 2)
        d = (s + np.tile([1, 2], n)) % n
        src.append(s)
        dst.append(d)
        edge_counts.append(len(s))
    edge_ptr = np.concatenate([[0], np.cumsum(edge_counts)]).astype(np.int64)
    ei = np.stack([np.concatenate(src), np.concatenate(dst)]).astype(np.int64)
    n, e = int(node_ptr[-1]), int(edge_ptr[-1])
    f = {
        "x": rng.standard_normal((n, 4)).astype(np.float32),
        "edge_index": ei,
        "node_ptr": node_ptr,
        "edge_ptr": edge_ptr,
        "y": rng.integers(0, 2, graphs).astype(np.int64),
    }
    if with_optional:
        f.update(
            edge_attr=rng.standard_normal((e, 3)).astype(np.float32),
            pos=rng.standard_normal((n, 2)).astype(np.float32),
            graph_attr=rng.standard_normal((graphs, 5)).astype(np.float32),
        )
    return f


def resident_pages() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1])


# ------------------------------------------------------------------------------ round trips


def test_python_writes_java_maps_and_checksums_match(exchange):
    f = sample_graphs(np.random.default_rng(1))
    path = dp.write_graphset(exchange.new_path("graphs"), f)
    out = probe("checksum", str(path))
    assert int(out["graphs"]) == len(f["y"])
    assert int(out["nodes"]) == f["x"].shape[0]
    assert int(out["edges"]) == f["edge_index"].shape[1]
    assert int(out["edgeIndex"]) == int(f["edge_index"].sum())
    assert int(out["y"]) == int(f["y"].sum())
    assert int(out["nodePtr"]) == int(f["node_ptr"].sum())
    for java_name, py_name in [
        ("x", "x"),
        ("edgeAttr", "edge_attr"),
        ("pos", "pos"),
        ("graphAttr", "graph_attr"),
    ]:
        assert math.isclose(
            float(out[java_name]),
            float(f[py_name].sum(dtype=np.float64)),
            rel_tol=1e-9,
            abs_tol=1e-9,
        ), java_name
    assert out["xInsideMapping"] == "true"
    assert out["outstanding"] == "0"


def test_java_writes_python_maps_equal_arrays(exchange):
    path = exchange.new_path("from_java")
    probe("write", str(path), "5", "6")
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    with dp.map_graphset(path) as g:
        n = 5 * 6
        np.testing.assert_array_equal(
            g.field("x"), ((np.arange(n * 4) % 1000) * 0.25).astype(np.float32).reshape(n, 4)
        )
        np.testing.assert_array_equal(g.field("node_ptr"), np.arange(6) * 6)
        np.testing.assert_array_equal(g.field("edge_ptr"), np.arange(6) * 12)
        src = np.repeat(np.arange(6), 2)
        dst = (src + np.tile([1, 2], 6)) % 6
        np.testing.assert_array_equal(
            g.field("edge_index"), np.stack([np.tile(src, 5), np.tile(dst, 5)])
        )
        np.testing.assert_array_equal(g.field("y"), np.arange(5) % 2)
        np.testing.assert_array_equal(g.field("edge_attr")[:, 0], np.tile([1, 2], 30))
        assert g.field("pos") is None
        t = g.field("x", torch=True)
        assert tuple(t.shape) == (30, 4) and float(t[1, 1]) == 1.25


def test_graphset_round_trips_through_java_and_back(exchange):
    # Without optional fields too; numpy views come straight out of the mapping.
    f = sample_graphs(np.random.default_rng(2), with_optional=False)
    path = dp.write_graphset(exchange.new_path("graphs"), f)
    with dp.map_graphset(path) as g:
        for k, v in f.items():
            np.testing.assert_array_equal(g.field(k), v)
        assert not g.field("x").flags.writeable  # a read-only mapping
    assert probe("checksum", str(path))["xInsideMapping"] == "true"


def test_a_pyg_like_batch_is_written_with_local_edge_ids(exchange):
    torch = pytest.importorskip("torch")
    from types import SimpleNamespace

    # Two graphs (3 and 2 nodes) as PyG's Batch holds them: global node ids, a batch vector.
    b = SimpleNamespace(
        x=torch.arange(10, dtype=torch.float32).reshape(5, 2),
        edge_index=torch.tensor([[0, 1, 2, 3, 4], [1, 2, 0, 4, 3]]),
        batch=torch.tensor([0, 0, 0, 1, 1]),
        ptr=torch.tensor([0, 3, 5]),
        edge_attr=torch.ones(5),
        y=torch.tensor([1, 0]),
    )
    path = dp.write_graphset(exchange.new_path("pyg"), b)
    with dp.map_graphset(path) as g:
        np.testing.assert_array_equal(g.field("edge_index"), [[0, 1, 2, 0, 1], [1, 2, 0, 1, 0]])
        np.testing.assert_array_equal(g.field("edge_ptr"), [0, 3, 5])
        np.testing.assert_array_equal(g.field("node_ptr"), [0, 3, 5])
        np.testing.assert_array_equal(g.field("y"), [1, 0])
        assert g.field("edge_attr").shape == (5, 1)
    out = probe("checksum", str(path))  # and Java's GraphSet accepts it (its deep check ran)
    assert out["graphs"] == "2" and out["edgeIndex"] == "8"


# ----------------------------------------------------------------------- a write is seen


def test_python_write_after_java_mapped_is_seen_by_java(exchange):
    f = sample_graphs(np.random.default_rng(3))
    path = dp.write_graphset(exchange.new_path("graphs"), f)
    proc = subprocess.Popen(
        probe_command("watch", str(path)),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )
    try:
        before = proc.stdout.readline().strip()
        assert before == f"before={float(f['x'][0, 0])!r}" or math.isclose(
            float(before.split("=")[1]), float(f["x"][0, 0]), rel_tol=1e-6
        ), before
        with dp.map_graphset(path, writable=True) as g:
            g.field("x")[0, 0] = 1234.5  # through Python's own mapping of the file
        proc.stdin.write("go\n")
        proc.stdin.flush()
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert parse(out)["after"] == "1234.5"


def test_java_write_is_seen_by_python_view(exchange):
    path = dp.write_tensor(exchange.new_path("t"), np.zeros((4, 8), np.float32))
    with dp.map_tensor(path) as t:
        view = t.numpy()
        tv = t.torch()
        assert view[1, 2] == 0
        probe("poke-tensor", str(path), str(1 * 8 + 2), "777.25")
        assert view[1, 2] == np.float32(777.25)
        assert float(tv[1, 2]) == 777.25


def test_views_do_not_copy(exchange):
    a = np.arange(1 << 16, dtype=np.float32)
    path = dp.write_tensor(exchange.new_path("t"), a)
    with dp.map_tensor(path, writable=True) as t:
        v1, v2 = t.numpy(), t.torch()
        v1[5] = -1.0
        assert float(v2[5]) == -1.0  # numpy and torch views share the mapping
        assert v2.data_ptr() == v1.ctypes.data
    with dp.map_tensor(path) as t:
        assert t.numpy()[5] == -1.0  # and the write reached the file


# ------------------------------------------------------------------- hand-over and memory


def _write_sized(exchange, mib: int) -> Path:
    # np.zeros does not touch its pages: writing it costs no resident memory in this process.
    return dp.write_tensor(exchange.new_path(f"t{mib}"), np.zeros(mib * (1 << 18), np.float32))


BIG_MIB = int(os.environ.get("HEPGRAPH_DATAPLANE_BIG_MIB", "1024"))


def test_handover_time_does_not_grow_with_size(exchange):
    """Map + wrap of 1 GiB within 3x of 1 MiB, in Java and in Python (least of 15 tries each)."""
    small = _write_sized(exchange, 1)
    big = _write_sized(exchange, BIG_MIB)
    out = probe("handover", "15", str(small), str(big))
    java_small, java_big = int(out["handoverNs.0"]), int(out["handoverNs.1"])
    best = {small: float("inf"), big: float("inf")}
    for _ in range(15):
        for p in (small, big):
            t0 = time.perf_counter_ns()
            m = dp.map_tensor(p)
            m.numpy()
            m.torch()
            best[p] = min(best[p], time.perf_counter_ns() - t0)
            m.close()
    print(
        f"java map+wrap: 1 MiB {java_small / 1e3:.0f} us, {BIG_MIB} MiB {java_big / 1e3:.0f} us;"
        f" python: {best[small] / 1e3:.0f} us, {best[big] / 1e3:.0f} us"
    )
    assert java_big < 3 * java_small, (java_small, java_big)
    assert best[big] < 3 * best[small], best


def test_receiving_java_rss_does_not_grow_by_the_tensor(exchange):
    big = _write_sized(exchange, 256)
    out = probe("tensor-rss", str(big))
    grown = int(out["rssAfter"]) - int(out["rssBefore"])
    tensor_pages = int(out["bytes"]) // PAGE
    assert tensor_pages == 256 * (1 << 20) // PAGE
    assert grown < tensor_pages // 20, (grown, tensor_pages)


def test_receiving_python_rss_does_not_grow_by_the_tensor(exchange):
    path = exchange.new_path("from_java")
    probe("write", str(path), "1", str(1 << 22))  # x is [4Mi, 4] float32 = 64 MiB, plus edges
    x_bytes = (1 << 22) * 4 * 4
    warm = dp.map_graphset(path)  # import and set up pyarrow before measuring
    warm.close()
    before = resident_pages()
    g = dp.map_graphset(path)
    x = g.field("x")
    first = float(x[0, 0])  # touch one page
    after = resident_pages()
    g.close()
    assert x.nbytes == x_bytes and first == 0.0
    assert after - before < (x_bytes // PAGE) // 20, (after - before, x_bytes // PAGE)


# ---------------------------------------------------------------------- files and cleanup


def test_files_are_private_and_gone_after_close():
    ex = dp.Exchange()
    path = dp.write_tensor(ex.new_path("t"), np.ones(10, np.float32))
    assert oct(ex.directory.stat().st_mode & 0o777) == "0o700"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    ex.close()
    assert not path.exists() and not ex.directory.exists()


def test_exchange_dropped_without_close_is_removed_by_its_finaliser():
    import gc

    ex = dp.Exchange()
    directory = ex.directory
    dp.write_tensor(ex.new_path("t"), np.ones(10, np.float32))
    del ex
    gc.collect()
    assert not directory.exists()


def test_a_view_outlives_close_without_dangling(exchange):
    path = dp.write_tensor(exchange.new_path("t"), np.arange(1000, dtype=np.float32))
    m = dp.map_tensor(path)
    view = m.numpy()
    m.close()
    exchange.close()  # the file is unlinked; the pages live while the view does
    assert not path.exists()
    assert float(view[999]) == 999.0
    with pytest.raises(dp.DataPlaneError, match="closed"):
        m.numpy()


def test_files_left_by_a_sigkilled_python_are_removed_at_the_next_start():
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(PYTHON_DIR)!r})
        import numpy as np
        from hepgraph import _dataplane as dp
        ex = dp.Exchange()
        p = dp.write_tensor(ex.new_path("t"), np.ones(1000, np.float32))
        print(ex.directory, flush=True)
        time.sleep(600)
        """
    )
    for next_start in ("python", "java"):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        directory = Path(proc.stdout.readline().strip())
        assert directory.is_dir() and any(directory.iterdir())
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert directory.exists(), "SIGKILL leaves the directory behind"
        if next_start == "python":
            dp.Exchange().close()
        else:
            probe("start", dp.DEFAULT_PARENT)
        assert not directory.exists(), f"the next {next_start} start removes it"


# ------------------------------------------------------------------------------- refusals


def test_unknown_version_and_truncated_files_are_refused_naming_the_file(exchange):
    pa = pytest.importorskip("pyarrow")
    path = exchange.new_path("future")
    col = dp._tensor_column(np.ones((2, 2), np.float32))
    batch = pa.record_batch([col], names=["tensor"]).replace_schema_metadata(
        {dp.SCHEMA_KEY: "tensor", dp.VERSION_KEY: "99"}
    )
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, batch.schema) as w:
        w.write_batch(batch)
    with pytest.raises(dp.DataPlaneError, match="version 99") as e:
        dp.map_tensor(path)
    assert str(path) in str(e.value)

    good = dp.write_tensor(exchange.new_path("t"), np.ones(100, np.float32))
    data = good.read_bytes()
    cut = exchange.new_path("cut")
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(dp.DataPlaneError) as e:
        dp.map_tensor(cut)
    assert str(cut) in str(e.value)
    with pytest.raises(dp.DataPlaneError, match="'tensor', not 'graphset'"):
        dp.map_graphset(good)
