"""Strips the outputs from notebooks, so that git holds only their source (CI executes them fresh).

    python notebooks/strip.py                 # strip every notebooks/*.ipynb in place
    python notebooks/strip.py A.ipynb B.ipynb # strip these
    python notebooks/strip.py --check         # list notebooks that still hold outputs; exit 1 if any

Stripping empties every code cell's ``outputs``, sets ``execution_count`` to null, drops the
per-cell ``execution`` timings and the ``widgets`` state that Jupyter adds, and reduces the
notebook's ``language_info`` to the language name (the rest names the Python version of whoever
saved it last, which would change the file on every save). Uses nbformat.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
CELL_KEYS = ("execution", "collapsed", "scrolled", "jp-MarkdownHeadingCollapsed")


def problems(nb) -> list[str]:
    """What would be stripped from ``nb``: one line per cell with outputs or an execution count."""
    out = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            out.append(f"cell {i}: {len(cell.outputs)} output(s)")
        if cell.get("execution_count") is not None:
            out.append(f"cell {i}: execution_count {cell.execution_count}")
    if "widgets" in nb.metadata:
        out.append("notebook metadata: widgets state")
    return out


def strip(nb):
    """``nb`` without outputs, execution counts, timings and widget state (changed in place and
    returned)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for key in CELL_KEYS:
            cell.metadata.pop(key, None)
    nb.metadata.pop("widgets", None)
    if "language_info" in nb.metadata:
        nb.metadata.language_info = {"name": nb.metadata.language_info.get("name", "python")}
    return nb


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to strip (default: every notebooks/*.ipynb)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; list notebooks with outputs and exit 1 if any")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(HERE.glob("*.ipynb"))
    dirty = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        found = problems(nb)
        if args.check:
            if found:
                dirty += 1
                print(f"{path}: {'; '.join(found)}")
            continue
        before = nbformat.writes(nb)
        after = nbformat.writes(strip(nb))
        if after != before:
            path.write_text(after + ("" if after.endswith("\n") else "\n"), encoding="utf-8")
            print(f"stripped {path}")
    if dirty:
        print(f"{dirty} notebook(s) hold outputs; run python notebooks/strip.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
