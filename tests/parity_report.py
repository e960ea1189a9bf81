"""The parity tables: suites record one row per case (``record``); at the end of the pytest
session ``flush`` writes each section as a markdown fragment and the whole report to
``$HEPGRAPH_PARITY_OUT`` (default ``target/parity`` at the repository root): ``<section>.md``,
``<section>.json`` and ``parity.md`` (every fragment found there, in section order).

``python tests/parity_report.py --update-docs`` runs every suite in tests/ (pytest, into a fresh
temporary folder, so that no earlier or partial run is used) and copies the sections they wrote
into ``docs/parity.md``, replacing only those ``## <section>`` parts (a section whose suite wrote
nothing keeps its committed text); it stops without touching the docs when a suite fails.
``--from DIR`` takes the fragments of an earlier run from DIR instead; without options it prints
the last report.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs" / "parity.md"
# Sections in the order the report shows them; others follow alphabetically.
ORDER = ["Layers and pools", "Detectors"]
TITLE = "# Parity with PyTorch Geometric"
INTRO = """\
hepgraph's Java engine against PyTorch Geometric 2.8.1 (torch 2.7.1, CPU), measured by the
suites in `tests/` (run by `bin/test`). Each row is one case; errors are maximum absolute
differences. Regenerate with `python tests/parity_report.py --update-docs`.
"""

_rows: dict[str, list[dict]] = {}
_headers: dict[str, tuple[str, list[str], str]] = {}


def out_dir() -> Path:
    return Path(os.environ.get("HEPGRAPH_PARITY_OUT", REPO / "target" / "parity"))


def slug(section: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", section.lower()).strip("-")


def define(section: str, intro: str, columns: list[str], notes: str = "",
           merge: str | None = None, errors: tuple[str, ...] = ()):
    """Declares a section: the text before its table, the table's columns (keys of the rows) and
    the text after it. ``merge`` names a column whose values are folded into one row (the
    ``errors`` columns take their maximum over the folded rows, the column lists the values);
    ``errors`` are also summarised per ``dtype`` above the table."""
    _headers[section] = (intro, columns, notes, merge, errors)


def record(section: str, row: dict):
    """Adds one row (a dict of the section's columns) to ``section``."""
    _rows.setdefault(section, []).append(row)


def _fmt(v):
    if isinstance(v, float):
        return "0" if v == 0 else f"{v:.1e}"
    return str(v)


def _merged(rows, columns, merge, errors):
    out = {}
    for r in rows:
        key = tuple(r.get(c) for c in columns if c != merge and c not in errors)
        if key not in out:
            out[key] = dict(r)
            continue
        m = out[key]
        if str(r[merge]) not in str(m[merge]).split(", "):
            m[merge] = f"{m[merge]}, {r[merge]}"
        for e in errors:
            if isinstance(r.get(e), float):
                m[e] = max(m[e], r[e]) if isinstance(m.get(e), float) else r[e]
    return list(out.values())


def render(section: str, rows: list[dict]) -> str:
    intro, columns, notes, merge, errors = _headers[section]
    if merge:
        rows = _merged(rows, columns, merge, errors)
    lines = [f"## {section}", "", intro.strip(), ""]
    if errors and any("dtype" in r for r in rows):
        lines.append(f"{len(rows)} rows. Largest error per dtype (over every column):")
        lines.append("")
        for dtype in sorted({r["dtype"] for r in rows}):
            vals = [(r[e], r, e) for r in rows if r["dtype"] == dtype for e in errors
                    if isinstance(r.get(e), float)]
            v, r, e = max(vals, key=lambda t: t[0])
            lines.append(f"- {dtype}: {_fmt(v)} ({r['layer']} {r['option']}, {e}), "
                         f"tolerance {r.get('tolerance', '')}")
        lines.append("")
    lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for r in rows:
        lines.append("| " + " | ".join(_fmt(r.get(c, "")) for c in columns) + " |")
    if notes.strip():
        lines += ["", notes.strip()]
    return "\n".join(lines) + "\n"


def flush():
    """Writes the recorded sections (if any) and the combined report."""
    if not _rows:
        return
    d = out_dir()
    d.mkdir(parents=True, exist_ok=True)
    for section, rows in _rows.items():
        (d / f"{slug(section)}.md").write_text(render(section, rows))
        (d / f"{slug(section)}.json").write_text(json.dumps(rows, indent=1))
    (d / "parity.md").write_text(combine(fragments(d)))


def fragments(d: Path) -> dict[str, str]:
    """{section title: markdown} of the fragments in ``d``."""
    out = {}
    for f in sorted(d.glob("*.md")):
        if f.name == "parity.md":
            continue
        text = f.read_text()
        m = re.match(r"## (.+)\n", text)
        if m:
            out[m.group(1).strip()] = text
    return out


def sections(text: str) -> dict[str, str]:
    """{title: markdown} of the ``## `` sections of a report."""
    out = {}
    parts = re.split(r"(?m)^(?=## )", text)
    for p in parts:
        m = re.match(r"## (.+)\n", p)
        if m:
            out[m.group(1).strip()] = p.rstrip() + "\n"
    return out


def combine(parts: dict[str, str]) -> str:
    keys = [k for k in ORDER if k in parts] + sorted(k for k in parts if k not in ORDER)
    return TITLE + "\n\n" + INTRO + "\n" + "\n".join(parts[k] for k in keys)


def update_docs(d: Path | None = None, docs: Path = DOCS) -> list[str]:
    """Replaces in ``docs`` the sections found as fragments in ``d``; returns their titles."""
    found = fragments(d or out_dir())
    if not found:
        raise SystemExit(f"parity_report: no section fragments in {d or out_dir()}; run the "
                         "parity suites first (pytest tests/ or --run)")
    kept = sections(docs.read_text()) if docs.exists() else {}
    kept.update(found)
    docs.write_text(combine(kept))
    return sorted(found)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--update-docs", action="store_true",
                    help="run the suites in tests/ and copy their sections into docs/parity.md")
    ap.add_argument("--from", dest="source", type=Path,
                    help="with --update-docs: take the fragments of an earlier run from this "
                         "folder instead of running the suites")
    a = ap.parse_args(argv)
    if not a.update_docs:
        print((out_dir() / "parity.md").read_text())
        return
    if a.source is not None:
        print("docs/parity.md: updated " + ", ".join(update_docs(a.source)))
        return
    with tempfile.TemporaryDirectory(prefix="hepgraph-parity-") as d:
        env = dict(os.environ, HEPGRAPH_PARITY_OUT=d)
        rc = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              str(REPO / "tests")], cwd=REPO, env=env)
        if rc != 0:
            raise SystemExit(f"parity_report: the suites in tests/ failed (exit {rc}); "
                             "docs/parity.md not updated")
        print("docs/parity.md: updated " + ", ".join(update_docs(Path(d))))


if __name__ == "__main__":
    main()
