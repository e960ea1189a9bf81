"""Detector parity suite: puts this folder on sys.path (for ``detector_harness`` and
``detector_reference``) and the Python package of the worktree, and runs torch on one thread so
that the reference's reductions are repeatable."""
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "python-bindings" / "python"))
os.environ.setdefault("DJL_OFFLINE", "true")
os.environ.setdefault("OPT_OUT_TRACKING", "true")
# the shared data folder beside the repository, as the CLI finds it from the repo root
os.environ.setdefault("HEPGRAPH_DATA", str(HERE.parents[2] / "shared" / "data"))

import torch  # noqa: E402

torch.set_num_threads(1)
