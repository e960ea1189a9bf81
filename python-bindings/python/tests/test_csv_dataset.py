"""The csv: source (Java) from Python: the CMS open-data CSVs in $HEPGRAPH_DATA open with their
layout through hg.dataset, keep Run/Event and the event mass, and train and score through the
Python API."""

import os
from pathlib import Path

import numpy as np
import pytest

import hepgraph as hg
from conftest import REPO

CSV = Path(os.environ.get("HEPGRAPH_DATA", REPO.parent / "shared" / "data")) / "cms-opendata-csv"
pytestmark = pytest.mark.skipif(not CSV.is_dir(), reason=f"no {CSV}")


def test_dimuon_masses_open_with_ids_and_the_mass_as_graph_feature():
    ds = hg.dataset(f"csv:{CSV / 'Zmumu_Run2011A_masses.csv'}", layout="dimuon_masses")
    assert len(ds) == 10851
    assert ds.labels is None
    assert ds.feature_names == ["pt", "eta", "phi", "e", "charge", "is_electron", "is_muon"]
    assert list(ds.id_columns) == ["Run", "Event"]
    assert ds.id_columns["Run"][0] == 165617 and ds.id_columns["Event"][0] == 74969122
    np.testing.assert_array_equal(ds.row_ids, np.arange(10851))
    g = ds.graphs
    assert g.x.shape == (2 * 10851, 7) and g.edge_index.shape == (2, 2 * 10851)
    # the pair mass from the nodes is the file's M (graph_attr)
    x = g.x.reshape(-1, 2, 7).astype(np.float64)
    pt, eta, phi, e = x[..., 0], x[..., 1], x[..., 2], x[..., 3]
    p = np.stack([e, pt * np.cos(phi), pt * np.sin(phi), pt * np.sinh(eta)], -1).sum(1)
    m2 = p[:, 0] ** 2 - (p[:, 1:] ** 2).sum(1)
    assert np.all(np.abs(m2 - g.graph_attr[:, 0].astype(np.float64) ** 2) <= 3e-5 * p[:, 0] ** 2)


def test_train_on_z_score_z_against_upsilon_through_the_python_api():
    z = hg.dataset(f"csv:{CSV / 'Zmumu_Run2011A_masses.csv'}?rows=0:1000", layout="dimuon_masses")
    both = hg.dataset(f"csv:{CSV / 'Zmumu_Run2011A_masses.csv'};{CSV / 'peakdata3.csv'}"
                      "?rows=1000:2000", layout="dimuon_masses")
    assert list(both.id_columns) == ["Run", "Event", "file"]
    np.testing.assert_array_equal(both.labels, np.repeat([0, 1], 1000))
    with hg.Detector("ocgin", epochs=5, seed=1) as det:
        det.fit(z.graphs, progress=False)
        scores = det.score(both.graphs)
    assert scores.shape == (2000,) and np.isfinite(scores).all()
    auc = hg.metrics.roc_auc(scores, both.labels)
    # Υ muons carry a few GeV of pT, Z muons ~40: a random score gives 0.5
    assert auc > 0.8, auc


def test_bad_csv_gets_the_java_message(tmp_path):
    f = tmp_path / "e.csv"
    f.write_text("Run,Event,pt1\n1,2,3\n")
    with pytest.raises(hg.errors.DataFormatError, match=r"missing \[eta1, phi1, Q1"):
        hg.dataset(f"csv:{f}", layout="dimuon")
    with pytest.raises(hg.errors.InvalidArgumentError, match="declares no column mapping"):
        hg.dataset(f"csv:{f}")
