"""Run by test_graalpy_run.py under CPython and under ``bin/hepgraph run`` (GraalPy).

Prints one JSON line (``PROBE {...}``) with what it found, then makes an uncaught bad-argument
call, so the run ends with a traceback and exit code 1, as a script error does under CPython.
"""

import json
import sys
import time

t0 = time.perf_counter()
import hepgraph as hg  # noqa: E402

out = {"implementation": sys.implementation.name, "import_s": time.perf_counter() - t0}
for name in ("numpy", "torch", "pyarrow", "py4j"):
    try:
        __import__(name)
        out[name] = True
    except ImportError:
        out[name] = False

t1 = time.perf_counter()
ds = hg.dataset("toy:jets=40", seed=3)
out["first_call_s"] = time.perf_counter() - t1
out["graphs"] = len(ds.graphs)

# a bad argument, caught: the hepgraph.errors class, code and message
try:
    hg.Detector("ocgin", epochs=0)
except hg.errors.HepgraphError as e:
    out["error"] = [type(e).__module__ + "." + type(e).__name__, e.code, str(e)]

# a function that needs numpy: a clear error under GraalPy, a result under CPython
try:
    hg.Data([[1.0]], [[0], [0]])
    out["data_without_numpy"] = "ok"
except hg.errors.MissingDependencyError as e:
    out["data_without_numpy"] = str(e)

if sys.implementation.name == "graalpy":
    import ctypes

    s = hg._backend.session()
    jset = ds.graphs._java[1]
    x = ds.graphs.x
    # the memoryview's memory is the Java buffer's: same address, writes seen both ways
    # (ctypes.addressof gives GraalPy's own handle, not the address; a cast gives the address)
    out["x_shape"] = list(x.shape)
    out["x_address_python"] = ctypes.cast(x.obj, ctypes.c_void_p).value
    out["x_address_java"] = int(s.bridge.address(jset.xView()))
    old = x[0, 0]
    x[0, 0] = 12345.5
    out["java_sees_python_write"] = float(jset.xView().get(0))
    x[0, 0] = old
    with hg.Detector("size") as det:
        det.fit(ds.graphs, progress=False)
        scores = det.score(ds.graphs)
    jbuf = scores.obj._hepgraph_java
    out["scores_type"] = type(scores).__name__
    out["scores_address_python"] = ctypes.cast(scores.obj, ctypes.c_void_p).value
    out["scores_address_java"] = int(s.bridge.address(jbuf))
    jbuf.putFloat(4, 7.25)  # float 1, written by Java
    out["python_sees_java_write"] = scores[1]

print("PROBE " + json.dumps(out), flush=True)
hg.Detector("ocgin", epochs=-1)  # uncaught: traceback, exit code 1
