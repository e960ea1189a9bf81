"""A detector driven from Python scores as the same detector driven from Java alone.

``ParityMain`` (python-bindings/src/test/java) makes toy-jet graphs in Java, fits and scores a
detector with no bridge, and writes the graphs' columns and the scores. Here the same graphs are
rebuilt as ``hg.Data`` objects, packed again by Python, sent over the gateway, and the same detector
(same settings and seed) is fitted and scored: the scores must agree within 1e-6.
"""

import os
import subprocess

import numpy as np
import pytest

import hepgraph as hg
from hepgraph import _jvm

TARGET = _jvm.find_jar().parent
TEST_CLASSES = TARGET / "test-classes"
SETTINGS = {"epochs": 3, "hidden": 16, "seed": 5, "aggregation": "mean", "batchSize": 16}


def run_java(out, kind, jets):
    if not (TEST_CLASSES / "org" / "hepgraph" / "bridge" / "ParityMain.class").is_file():
        pytest.skip(f"ParityMain is not compiled in {TEST_CLASSES}; run the Maven build first")
    cp = os.pathsep.join([str(TEST_CLASSES), _jvm.classpath(TARGET / "hepgraph.jar")])
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true", OMP_NUM_THREADS="1")
    cmd = [_jvm.find_java(), *_jvm.JVM_FLAGS, "-DPYTORCH_FLAVOR=cpu", "-cp", cp,
           "org.hepgraph.bridge.ParityMain", str(out), kind, str(jets),
           *[f"{k}={v}" for k, v in SETTINGS.items()]]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]


def read_graphs(out):
    b, n, e, f = map(int, (out / "meta.txt").read_text().split())
    node_ptr = np.fromfile(out / "node_ptr.bin", dtype="<i8")
    edge_ptr = np.fromfile(out / "edge_ptr.bin", dtype="<i8")
    x = np.fromfile(out / "x.bin", dtype="<f4").reshape(n, f)
    edge_index = np.fromfile(out / "edge_index.bin", dtype="<i8").reshape(2, e)
    y = np.fromfile(out / "y.bin", dtype="<i8")
    graphs = [
        hg.Data(x=x[node_ptr[i]:node_ptr[i + 1]].copy(),
                edge_index=edge_index[:, edge_ptr[i]:edge_ptr[i + 1]].copy(), y=int(y[i]))
        for i in range(b)
    ]
    assert len(graphs) == b
    return graphs


@pytest.mark.parametrize("kind", ["ocgin", "gae"])
def test_python_driven_detector_equals_java_driven(tmp_path, kind):
    assert os.environ.get("OMP_NUM_THREADS") == "1"
    run_java(tmp_path, kind, 64)
    java_scores = np.fromfile(tmp_path / "scores.bin", dtype="<f4")
    graphs = read_graphs(tmp_path)
    with hg.Detector(kind, **SETTINGS) as det:
        det.fit(graphs, progress=False)
        python_scores = det.score(graphs)
    assert python_scores.shape == java_scores.shape == (64,)
    np.testing.assert_allclose(python_scores, java_scores, rtol=1e-6, atol=1e-6)
