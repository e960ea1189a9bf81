"""hg.read_root on the real ROOT files in $HEPGRAPH_DATA (../shared/data): NanoAOD (coffea samples,
the 2015 CMS open-data ttbar file), the HZZ ntuple (jagged Muon_Px[NMuon]) and the flat Zmumu tree,
checked against uproot itself, then fitted and scored through the Python API; and each bad input.
"""

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

import hepgraph as hg
from conftest import REPO
from hepgraph import _jvm

DATA = Path(os.environ.get("HEPGRAPH_DATA", REPO.parent / "shared" / "data"))
COFFEA = DATA / "coffea-nanoaod-samples"
SKHEP = DATA / "skhep-testdata"
NANO = [COFFEA / "nano_dy.root", COFFEA / "nano_dimuon.root", COFFEA / "pfnano.root",
        SKHEP / "nanoAOD_2015_CMS_Open_Data_ttbar.root"]
LEPTON = ["pt", "eta", "phi", "mass", "charge"]

uproot = pytest.importorskip("uproot")
ak = pytest.importorskip("awkward")
pytestmark = pytest.mark.skipif(not COFFEA.is_dir() or not SKHEP.is_dir(),
                                reason=f"no ROOT test files under {DATA}")


def _events(path, tree="Events"):
    return uproot.open(path)[tree]


@pytest.mark.parametrize("path", NANO, ids=lambda p: p.name)
def test_nanoaod_counts_and_values_equal_uproots(path):
    ev = hg.read_root(path, particles={"Muon": LEPTON, "Electron": LEPTON},
                      event_features=["MET_pt", "MET_phi"], ids=["run", "event"], progress=False)
    t = _events(path)
    arrays = t.arrays([f"{c}_{f}" for c in ("Muon", "Electron") for f in LEPTON]
                      + ["MET_pt", "MET_phi", "run", "event"], library="ak")
    n_mu = ak.to_numpy(ak.num(arrays["Muon_pt"]))
    n_el = ak.to_numpy(ak.num(arrays["Electron_pt"]))
    keep = np.flatnonzero(n_mu + n_el >= 1)
    assert len(ev) == keep.size > 0
    np.testing.assert_array_equal(ev.row_ids, keep)
    np.testing.assert_array_equal(np.diff(ev.node_ptr), (n_mu + n_el)[keep])
    assert ev.feature_names == LEPTON + ["is_Muon", "is_Electron"]
    for g, e in enumerate(keep[:25]):
        x = ev[g].x
        mu = np.stack([ak.to_numpy(arrays[f"Muon_{f}"][e]) for f in LEPTON], axis=1)
        el = np.stack([ak.to_numpy(arrays[f"Electron_{f}"][e]) for f in LEPTON], axis=1)
        np.testing.assert_array_equal(x[:n_mu[e], :5], mu.astype(np.float32))
        np.testing.assert_array_equal(x[n_mu[e]:, :5], el.astype(np.float32))
        assert (x[:n_mu[e], 5] == 1).all() and (x[n_mu[e]:, 6] == 1).all()
        n = n_mu[e] + n_el[e]
        assert ev[g].num_edges == n * (n - 1)  # fully connected, no self loops
    np.testing.assert_array_equal(ev.graph_attr[:, 0], ak.to_numpy(arrays["MET_pt"])[keep])
    np.testing.assert_array_equal(ev.id_columns["event"], ak.to_numpy(arrays["event"])[keep])


def test_full_graph_edges_are_every_ordered_pair_grouped_by_target():
    ev = hg.read_root(COFFEA / "nano_dimuon.root", particles={"Muon": LEPTON}, progress=False)
    for g in range(len(ev)):
        n = ev[g].num_nodes
        pairs = {(int(s), int(t)) for s, t in ev[g].edge_index.T}
        assert pairs == {(j, i) for i in range(n) for j in range(n) if i != j}
        assert list(ev[g].edge_index[1]) == sorted(ev[g].edge_index[1])
    # one collection: no type one-hot
    assert ev.feature_names == LEPTON


def test_hzz_ntuple_jagged_branches_with_uppercase_counters():
    path = SKHEP / "uproot-HZZ.root"
    fields = ["Px", "Py", "Pz", "E", "Charge"]
    ev = hg.read_root(path, "events", particles={"Muon": fields, "Electron": fields},
                      event_features=["MET_px", "MET_py"], progress=False)
    t = _events(path, "events")
    n = t["NMuon"].array(library="np") + t["NElectron"].array(library="np")
    assert t.num_entries == 2421
    np.testing.assert_array_equal(np.diff(ev.node_ptr), n[n >= 1])
    np.testing.assert_array_equal(ev.row_ids, np.flatnonzero(n >= 1))
    px = ak.to_numpy(ak.flatten(t["Muon_Px"].array()))
    np.testing.assert_array_equal(ev.x[ev.x[:, 5] == 1, 0], px)


def test_flat_zmumu_tree_with_declared_slots():
    path = SKHEP / "uproot-Zmumu.root"
    slots = [["E1", "px1", "py1", "pz1", "Q1"], ["E2", "px2", "py2", "pz2", "Q2"]]
    ev = hg.read_root(path, "events", particles={"mu": slots}, event_features=["M"],
                      ids=["Run", "Event"], feature_names=["e", "px", "py", "pz", "charge"],
                      progress=False)
    t = _events(path, "events").arrays(library="np")
    assert len(ev) == 2304 and ev.x.shape == (4608, 5)
    np.testing.assert_array_equal(ev.x[0::2, 1], t["px1"].astype(np.float32))
    np.testing.assert_array_equal(ev.x[1::2, 4], t["Q2"].astype(np.float32))
    np.testing.assert_array_equal(ev.id_columns["Run"], t["Run"])
    # the dimuon mass from the two nodes is the tree's own M
    p = ev.x.reshape(-1, 2, 5).astype(np.float64).sum(axis=1)
    m = np.sqrt(np.maximum(p[:, 0] ** 2 - p[:, 1] ** 2 - p[:, 2] ** 2 - p[:, 3] ** 2, 0))
    np.testing.assert_allclose(m, t["M"], rtol=1e-3, atol=1e-3)


def test_rntuple_of_2012_doublemu_collision_data():
    path = SKHEP / "Run2012BC_DoubleMuParked_Muons_1000evts_rntuple_v1-0-0-0.root"
    ev = hg.read_root(path, particles={"Muon": LEPTON}, progress=False)
    arrays = _events(path).arrays(["Muon_pt", "Muon_charge"])
    n = ak.to_numpy(ak.num(arrays["Muon_pt"]))
    assert n.size == 1000
    np.testing.assert_array_equal(np.diff(ev.node_ptr), n[n >= 1])
    np.testing.assert_array_equal(ev.x[:, 0], ak.to_numpy(ak.flatten(arrays["Muon_pt"])))
    np.testing.assert_array_equal(ev.x[:, 4], ak.to_numpy(ak.flatten(arrays["Muon_charge"])))


def test_knn_edges_come_from_the_java_builder():
    knn = hg.transforms.KNNGraph(4)
    ev = hg.read_root(COFFEA / "pfnano.root", particles={"Jet": LEPTON[:3]}, graph=knn,
                      progress=False)
    t = _events(COFFEA / "pfnano.root")
    eta, phi = t["Jet_eta"].array(), t["Jet_phi"].array()
    for g in range(len(ev)):
        e, p = ak.to_numpy(eta[g]), ak.to_numpy(phi[g])
        n = e.size
        dphi = (p[:, None] - p[None, :] + np.pi) % (2 * np.pi) - np.pi
        dr = np.hypot(e[:, None] - e[None, :], dphi)
        np.fill_diagonal(dr, np.inf)
        ei = ev[g].edge_index
        for i in range(n):
            sources = set(ei[0, ei[1] == i].tolist())
            assert len(sources) == min(4, n - 1)
            # every chosen neighbour is at most as far as the 4th nearest (ties allowed)
            assert max(dr[i, list(sources)]) <= np.sort(dr[i])[min(4, n - 1) - 1] + 1e-6


@pytest.mark.parametrize("path", [COFFEA / "nano_dy.root",
                                  SKHEP / "nanoAOD_2015_CMS_Open_Data_ttbar.root"],
                         ids=lambda p: p.name)
def test_fit_and_score_nanoaod_through_the_python_api(path):
    ev = hg.read_root(path, particles={"Muon": LEPTON, "Electron": LEPTON},
                      event_features=["MET_pt"], progress=False)
    with hg.Detector("ocgin", epochs=3, batch_size=16) as det:
        det.fit(ev, progress=False)
        scores = det.score(ev)
    assert scores.shape == (len(ev),)
    assert np.isfinite(scores).all()
    assert np.unique(scores).size > 1


def test_fit_on_hzz_score_zmumu_flat_tree():
    fields = ["E", "Px", "Py", "Pz", "Charge"]
    hzz = hg.read_root(SKHEP / "uproot-HZZ.root", "events", particles={"Muon": fields},
                       progress=False, entry_stop=600)
    slots = [["E1", "px1", "py1", "pz1", "Q1"], ["E2", "px2", "py2", "pz2", "Q2"]]
    zmm = hg.read_root(SKHEP / "uproot-Zmumu.root", "events", particles={"mu": slots},
                       feature_names=fields, progress=False)
    with hg.Detector("gae", epochs=2) as det:
        det.fit(hzz, progress=False)
        scores = det.score(zmm)
    assert scores.shape == (2304,) and np.isfinite(scores).all()


def _cli(*args):
    """``bin/hepgraph ARGS`` as the launcher runs it (the package's jar and JVM flags)."""
    jar = _jvm.find_jar()
    env = dict(os.environ, DJL_OFFLINE="true", OPT_OUT_TRACKING="true", OMP_NUM_THREADS="1")
    cmd = [_jvm.find_java(), *_jvm.JVM_FLAGS, "-DPYTORCH_FLAVOR=cpu", "-cp",
           _jvm.classpath(jar), "org.hepgraph.cli.HepgraphCli", *map(str, args)]
    return subprocess.run(cmd, env=env, capture_output=True, text=True)


def test_nanoaod_events_train_and_score_through_the_cli(tmp_path):
    path = SKHEP / "nanoAOD_2015_CMS_Open_Data_ttbar.root"
    ev = hg.read_root(path, particles={"Muon": LEPTON, "Electron": LEPTON},
                      event_features=["MET_pt"], ids=["run", "event"], progress=False)
    folder = ev.save(tmp_path / "tt")
    # the same folder read back by Java: graphs, entry numbers and ids unchanged
    back = hg.dataset(f"graphs:{folder}")
    np.testing.assert_array_equal(back.graphs.x, ev.x)
    np.testing.assert_array_equal(back.graphs.edge_index, ev.edge_index)
    np.testing.assert_array_equal(back.graphs.graph_attr, ev.graph_attr)
    np.testing.assert_array_equal(back.row_ids, ev.row_ids)
    np.testing.assert_array_equal(back.id_columns["event"], ev.id_columns["event"])
    assert back.feature_names == ev.feature_names and back.labels is None

    model, csv = tmp_path / "tt.hgmodel", tmp_path / "scores.csv"
    t = _cli("train", "--dataset", f"graphs:{folder}", "-o", model, "--epochs", "3")
    assert t.returncode == 0, t.stdout + t.stderr
    assert f"on {len(ev)} graphs" in t.stdout
    s = _cli("score", "--dataset", f"graphs:{folder}", "-m", model, "--csv", csv)
    assert s.returncode == 0, s.stdout + s.stderr
    lines = csv.read_text().splitlines()
    assert lines[0] == "row,run,event,score" and len(lines) == len(ev) + 1
    rows = np.array([[float(v) for v in line.split(",")] for line in lines[1:]])
    np.testing.assert_array_equal(rows[:, 0], ev.row_ids)
    np.testing.assert_array_equal(rows[:, 2], ev.id_columns["event"])
    assert np.isfinite(rows[:, 3]).all()
    bad = _cli("train", "--dataset", f"graphs:{tmp_path}", "-o", model)
    assert bad.returncode == 2 and "has no graphs.arrow" in bad.stderr + bad.stdout


# ---- bad input --------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(hg.errors.DataFormatError, match="does not exist"):
        hg.read_root(tmp_path / "none.root", particles={"Muon": LEPTON})


def test_not_a_root_file(tmp_path):
    f = tmp_path / "fake.root"
    f.write_text("Run,Event\n1,2\n")
    with pytest.raises(hg.errors.DataFormatError, match=r"not a readable ROOT file .*b'Run,'"):
        hg.read_root(f, particles={"Muon": LEPTON})


def test_missing_tree_lists_the_trees():
    with pytest.raises(hg.errors.DataFormatError, match=r"no tree 'events'.*\['Events', 'Runs'\]"):
        hg.read_root(COFFEA / "nano_dy.root", "events", particles={"Muon": LEPTON})


def test_missing_branch_lists_the_close_ones():
    with pytest.raises(hg.errors.DataFormatError) as e:
        hg.read_root(COFFEA / "nano_dy.root", particles={"Muon": ["pt", "energy"]})
    assert "'Muon_energy'" in str(e.value) and "Muon_pt" in str(e.value)
    with pytest.raises(hg.errors.DataFormatError, match="no branch 'MET_sumet'"):
        hg.read_root(COFFEA / "nano_dy.root", particles={"Muon": ["pt"]},
                     event_features=["MET_sumet"])


def test_empty_selection():
    with pytest.raises(hg.errors.InvalidArgumentError, match="no event .* at least 9"):
        hg.read_root(COFFEA / "nano_dimuon.root", particles={"Muon": LEPTON}, min_particles=9,
                     progress=False)
    with pytest.raises(hg.errors.InvalidArgumentError, match="no event"):
        hg.read_root(COFFEA / "nano_dimuon.root", particles={"Muon": LEPTON}, entry_start=40,
                     progress=False)


def test_bad_declarations():
    f = COFFEA / "nano_dy.root"
    with pytest.raises(hg.errors.InvalidArgumentError, match="declare the collections"):
        hg.read_root(f, particles={})
    with pytest.raises(hg.errors.InvalidArgumentError, match="same fields"):
        hg.read_root(f, particles={"Muon": ["pt", "eta"], "Electron": ["pt"]})
    with pytest.raises(hg.errors.InvalidArgumentError, match="graph = 'knn'"):
        hg.read_root(f, particles={"Muon": ["pt"]}, graph="knn")
    with pytest.raises(hg.errors.InvalidArgumentError, match=r"reads the fields \['eta', 'phi'\]"):
        hg.read_root(f, particles={"Muon": ["pt", "mass"]}, graph=hg.transforms.KNNGraph(2),
                     progress=False)
    with pytest.raises(hg.errors.DataFormatError, match="one value per event"):
        hg.read_root(f, particles={"MET": ["pt"]}, progress=False)
    with pytest.raises(hg.errors.DataFormatError, match="is jagged; event_features"):
        hg.read_root(f, particles={"Muon": ["pt"]}, event_features=["Jet_pt"], progress=False)
