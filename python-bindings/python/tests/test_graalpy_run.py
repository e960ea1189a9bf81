"""``bin/hepgraph run`` (GraalPy inside the JVM) against CPython + Py4J, on the same scripts.

Each GraalPy run starts a JVM and a GraalPy context (interpreted: several seconds on 2 cores), so
the checks share few runs: the example script once per side (scores equal within 1e-6), one probe
script per side (package imports without numpy/torch/pyarrow/py4j under GraalPy, zero-copy
buffers, bad-argument errors as the same hepgraph.errors class, an uncaught error's traceback and
exit code 1), and a missing script (exit code 2).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PY = Path(__file__).resolve().parents[1]  # python-bindings/python
REPO = PY.parents[1]
HEPGRAPH = REPO / "bin" / "hepgraph"
EXAMPLE = PY / "examples" / "score_dataset.py"
PROBE = Path(__file__).with_name("graalpy_probe.py")
DATA = Path(os.environ.get("HEPGRAPH_DATA", REPO.parent / "shared" / "data"))
# the example on TU AIDS when the shared data is there (as in CI), else on toy jets
DATASET = "tu:AIDS" if (DATA / "tudataset-glad" / "AIDS").is_dir() else "toy:jets=300"


def _env():
    env = dict(os.environ, OMP_NUM_THREADS="1", DJL_OFFLINE="true", OPT_OUT_TRACKING="true",
               HEPGRAPH_DATA=str(DATA), PYTHONPATH=str(PY))
    return env


def cpython(*args):
    return subprocess.run([sys.executable, *map(str, args)], cwd=REPO, env=_env(),
                          capture_output=True, text=True, timeout=900)


def graalpy(*args):
    if not (REPO / "python-bindings" / "target" / "hepgraph.jar").is_file():
        pytest.fail("python-bindings/target/hepgraph.jar is not built (./mvnw -DskipTests package)")
    return subprocess.run([str(HEPGRAPH), "run", *map(str, args)], cwd=REPO, env=_env(),
                          capture_output=True, text=True, timeout=900)


def _scores(path):
    return [float(line) for line in Path(path).read_text().split()]


def test_example_gives_the_same_scores_under_cpython_and_graalpy(tmp_path):
    args = ["--dataset", DATASET, "--epochs", "2", "--seed", "7"]
    c = cpython(EXAMPLE, tmp_path / "cpython.txt", *args)
    assert c.returncode == 0, c.stderr
    g = graalpy(EXAMPLE, tmp_path / "graalpy.txt", *args)
    assert g.returncode == 0, g.stdout + g.stderr
    assert g.stdout.strip().startswith("graalpy:"), g.stdout
    assert c.stdout.strip().startswith("cpython:"), c.stdout
    a, b = _scores(tmp_path / "cpython.txt"), _scores(tmp_path / "graalpy.txt")
    assert len(a) == len(b) > 100
    assert len(set(a)) > 10  # real scores, not a constant
    assert max(abs(x - y) for x, y in zip(a, b)) <= 1e-6
    # the same AUC line (the part after the implementation's name)
    assert c.stdout.strip().split(":", 1)[1] == g.stdout.strip().split(":", 1)[1]


def _probe(result):
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("PROBE ")]
    assert len(lines) == 1, result.stdout + result.stderr
    return json.loads(lines[0][len("PROBE "):])


@pytest.fixture(scope="module")
def probes():
    return cpython(PROBE), graalpy(PROBE)


def test_package_imports_under_graalpy_without_numpy_torch_pyarrow_py4j(probes):
    c, g = map(_probe, probes)
    assert g["implementation"] == "graalpy" and c["implementation"] == "cpython"
    assert not any(g[m] for m in ("numpy", "torch", "pyarrow", "py4j"))
    assert g["graphs"] == c["graphs"] == 120
    # a function that needs numpy says so, and what works instead
    assert c["data_without_numpy"] == "ok"
    assert "needs numpy" in g["data_without_numpy"]
    assert "hepgraph run" in g["data_without_numpy"]


def test_graalpy_tensors_are_java_buffers_not_copies(probes):
    g = _probe(probes[1])
    assert g["x_shape"][1] == 7 and g["x_shape"][0] > 1000
    assert g["x_address_python"] == g["x_address_java"] != 0
    assert g["java_sees_python_write"] == 12345.5
    assert g["scores_type"] == "memoryview"
    assert g["scores_address_python"] == g["scores_address_java"] != 0
    assert g["python_sees_java_write"] == 7.25


def test_bad_argument_is_the_same_hepgraph_error_on_both_sides(probes):
    c, g = map(_probe, probes)
    assert g["error"] == c["error"]
    assert g["error"][:2] == ["hepgraph.errors.InvalidArgumentError", "HG-ARG"]
    assert "epochs='0'" in g["error"][2]


def test_uncaught_error_prints_the_python_traceback_and_exits_1(probes):
    c, g = probes
    assert c.returncode == 1 and g.returncode == 1
    assert "Traceback (most recent call last):" in g.stderr
    assert 'graalpy_probe.py", line' in g.stderr
    assert "org.graalvm" not in g.stderr and "\tat " not in g.stderr  # no Java stack trace
    last = [ln for ln in g.stderr.splitlines() if ln.startswith("hepgraph.errors.")]
    assert last == [ln for ln in c.stderr.splitlines() if ln.startswith("hepgraph.errors.")]
    assert last and last[-1].startswith("hepgraph.errors.InvalidArgumentError: ocgin: option "
                                        "epochs='-1' is invalid")


def test_missing_script_exits_2_with_a_clear_message(tmp_path):
    missing = tmp_path / "no_such_script.py"
    g = graalpy(missing, "x")
    assert g.returncode == 2
    assert str(missing) in g.stderr and "no Python script" in g.stderr
    assert "Exception" not in g.stderr and "\tat " not in g.stderr
