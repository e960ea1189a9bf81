"""The notebooks in notebooks/ are committed without outputs and run from top to bottom.

Each notebook is executed fresh with nbclient in a kernel of this interpreter (a kernel spec
written to a temporary folder, with the engine's offline settings in its environment), with
notebooks/ as the working directory, as a user opening it in Jupyter would run it. Any cell error
fails the test. The executed copies, with their outputs and figures, are written to
target/notebooks/ (ignored by git) as artifacts, with each notebook's run time in
target/notebooks/timings.json.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
OUT = REPO / "target" / "notebooks"
NAMES = ["01-quickstart.ipynb", "02-from-pyg.ipynb", "03-jets.ipynb"]
KERNEL = "hepgraph-notebook-test"


def _strip_module():
    spec = importlib.util.spec_from_file_location("hepgraph_notebook_strip", NOTEBOOKS / "strip.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_notebooks_are_the_ones_listed_here():
    # a notebook added to notebooks/ without being added to NAMES would never be executed
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_holds_no_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, f"{name} has no code cells"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name} cell {i} holds outputs; run notebooks/strip.py"
            assert cell.execution_count is None, f"{name} cell {i} has an execution count"
    assert _strip_module().problems(nb) == []


def test_strip_removes_outputs_and_counts():
    strip = _strip_module()
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1)")
    cell.execution_count = 3
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]
    cell.metadata["execution"] = {"iopub.status.idle": "2026-01-01T00:00:00Z"}
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), cell]
    nb.metadata["widgets"] = {"state": {}}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    assert len(strip.problems(nb)) == 3
    strip.strip(nb)
    assert strip.problems(nb) == []
    assert cell.outputs == [] and cell.execution_count is None and "execution" not in cell.metadata
    assert nb.metadata.language_info == {"name": "python"}
    assert nb.cells[1].source == "print(1)"


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """A kernel spec for this interpreter, found through JUPYTER_PATH while the tests run."""
    root = tmp_path_factory.mktemp("jupyter")
    spec_dir = root / "kernels" / KERNEL
    spec_dir.mkdir(parents=True)
    package = REPO / "python-bindings" / "python"
    path = os.pathsep.join(p for p in (str(package), os.environ.get("PYTHONPATH", "")) if p)
    env = {
        # what bin/test and bin/hepgraph set for every JVM that loads DJL: no network
        "DJL_OFFLINE": "true",
        "OPT_OUT_TRACKING": "true",
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1"),
        "HEPGRAPH_DATA": os.environ.get("HEPGRAPH_DATA", str(REPO.parent / "shared" / "data")),
        "PYTHONPATH": path,  # this checkout's package, whatever else is installed
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    }
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "hepgraph notebook test",
        "language": "python",
        "env": env,
    }))
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(root), old) if p)
    yield KERNEL
    if old is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = old


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_without_errors(name, kernel):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        nb, kernel_name=kernel, timeout=None, startup_timeout=300, allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}})
    OUT.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    try:
        client.execute()
    finally:
        # the executed copy is the artifact, also (most of all) when a cell failed
        nbformat.write(nb, OUT / name)
        _record_time(name, time.perf_counter() - start)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), f"{name}: not every cell ran"
    images = sum("image/png" in o.get("data", {}) for c in code for o in c.outputs)
    assert images >= 1, f"{name} drew no figure"


def _record_time(name, seconds):
    path = OUT / "timings.json"
    times = json.loads(path.read_text()) if path.exists() else {}
    times[name] = round(seconds, 1)
    path.write_text(json.dumps(times, indent=1, sort_keys=True) + "\n")
