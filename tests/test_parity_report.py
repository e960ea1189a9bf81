"""parity_report: sections are rendered from recorded rows (merged over a column, with the
largest error per dtype), and --update-docs replaces only the sections it has fragments for."""

import parity_report as pr


def test_update_docs_replaces_only_the_measured_sections(tmp_path):
    docs = tmp_path / "parity.md"
    docs.write_text(pr.TITLE + "\n\nold intro\n\n## Layers and pools\n\nold table\n\n"
                    "## Detectors\n\nkept text\n")
    frags = tmp_path / "out"
    frags.mkdir()
    (frags / "layers-and-pools.md").write_text("## Layers and pools\n\nnew table\n")
    assert pr.update_docs(frags, docs) == ["Layers and pools"]
    text = docs.read_text()
    assert "new table" in text and "old table" not in text
    assert "## Detectors\n\nkept text" in text
    assert text.index("## Layers and pools") < text.index("## Detectors")


def test_render_merges_rows_and_reports_the_largest_error():
    pr.define("Render check", "intro", ["layer", "option", "dtype", "path", "err"],
              merge="path", errors=("err",))
    rows = [{"layer": "L", "option": "o", "dtype": "float64", "path": "batch", "err": 1e-15},
            {"layer": "L", "option": "o", "dtype": "float64", "path": "arrays", "err": 3e-15},
            {"layer": "M", "option": "o", "dtype": "float64", "path": "batch", "err": 2e-15}]
    text = pr.render("Render check", rows)
    assert "| L | o | float64 | batch, arrays | 3.0e-15 |" in text
    assert "- float64: 3.0e-15 (L o, err)" in text
    assert "2 rows" in text
