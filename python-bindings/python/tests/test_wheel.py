"""The wheel carries the engine: build it (build_wheel.sh), install it away from the checkout, and
start the JVM from the jars inside it. About 15 s (a 125 MB wheel: the PyTorch native library)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PYTHON_DIR = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_runs_from_its_own_jars(tmp_path):
    dist = tmp_path / "dist"
    env = dict(os.environ, PYTHON=sys.executable)
    subprocess.run([str(PYTHON_DIR / "build_wheel.sh"), str(dist)], check=True, env=env,
                   capture_output=True, text=True)
    wheels = list(dist.glob("hepgraph-*.whl"))
    assert len(wheels) == 1, wheels
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    "--target", str(site), str(wheels[0])], check=True, capture_output=True)
    jars = site / "hepgraph" / "jars"
    assert (jars / "hepgraph.jar").is_file()
    assert any(p.name.startswith("py4j-") for p in (jars / "lib").glob("*.jar"))
    # Outside the repository, with the wheel's package first on the path and no hint of target/.
    run_env = {k: v for k, v in os.environ.items() if k != "HEPGRAPH_JAR"}
    run_env["PYTHONPATH"] = str(site)
    code = ("import hepgraph as hg, hepgraph._jvm as j; print(hg.__file__); print(j.find_jar()); "
            "print(hg.version())")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=run_env, check=True,
                         capture_output=True, text=True, timeout=600).stdout.split("\n")
    assert out[0].startswith(str(site)), out
    assert out[1] == str(jars / "hepgraph.jar"), out
    assert out[2] == "0.1.0-SNAPSHOT", out
