"""The readers on the variants the public files come in (docs/data.md, "Variants checked"): each
fixture is written at test time with the library the public files were written with (h5py,
pandas), reproducing one documented variant (dtype, extra datasets, string types, compression,
byte order, dataset names, CSV headers), and must load with the right values, or be refused with
a message naming the file, the dataset and the fix."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import hepgraph as hg
from hepgraph import images as hi

import layouts

h5py = pytest.importorskip("h5py")


def nodes(ds):
    return np.diff(np.asarray(ds.graphs.node_ptr))


def adc_real(x):
    """Node count per event of an ADC2021 Particles array: objects whose class id is not 0."""
    return (x[:, :, 3] != 0).sum(1)


# --- ADC2021 (Zenodo 5046389 / 5055454 / 5046446 ...) -------------------------------------------


def write_particles(path, x, **kw):
    with h5py.File(path, "w") as f:
        f.create_dataset("Particles", data=x, **kw)


@pytest.mark.parametrize("dtype", ["<f4", "<f8", ">f4", ">f8"])
def test_adc2021_particles_in_any_float_width_and_byte_order(tmp_path, dtype):
    x = layouts.adc2021(tmp_path / "ref.h5", n=30)
    f = tmp_path / "Ato4l_lepFilter_13TeV.h5"
    write_particles(f, x.astype(dtype))
    ds = hg.dataset(f"adc2021:{f}")
    np.testing.assert_array_equal(nodes(ds), adc_real(x))
    ref = hg.dataset(f"adc2021:{tmp_path / 'ref.h5'}")
    np.testing.assert_allclose(ds.graphs.x, ref.graphs.x, rtol=0, atol=0)


def test_adc2021_gzip_chunked_particles(tmp_path):
    x = layouts.adc2021(tmp_path / "ref.h5", n=40)
    f = tmp_path / "background_for_training.h5"
    write_particles(f, x, chunks=(7, 19, 4), compression="gzip", compression_opts=4,
                    shuffle=True)
    ds = hg.dataset(f"adc2021:{f}")
    np.testing.assert_array_equal(nodes(ds), adc_real(x))
    np.testing.assert_array_equal(ds.graphs.x, hg.dataset(f"adc2021:{tmp_path / 'ref.h5'}").graphs.x)


def test_adc2021_names_and_classes_as_str_or_absent_are_ignored(tmp_path):
    x = layouts.adc2021(tmp_path / "ref.h5", n=20)
    f = tmp_path / "names_str.h5"
    with h5py.File(f, "w") as h:
        h.create_dataset("Particles", data=x)
        h.create_dataset("Particles_Names", data=["Pt", "Eta", "Phi", "Class"],
                         dtype=h5py.string_dtype())
        h.create_dataset("Particles_Classes", data=["MET_class_1", "Four_Ele_class_2",
                                                    "Four_Mu_class_3", "Ten_Jet_class_4"],
                         dtype=h5py.string_dtype())
    only = tmp_path / "blackbox.h5"  # a file with Particles only (the black-box layout)
    write_particles(only, x)
    for p in (f, only):
        ds = hg.dataset(f"adc2021:{p}")
        assert ds.labels is None
        np.testing.assert_array_equal(nodes(ds), adc_real(x))


def test_adc2021_float_labels_whole_numbers_are_labels(tmp_path):
    f = tmp_path / "labelled.h5"
    y = (np.arange(20) % 2).astype(np.float64)
    layouts.adc2021(f, n=20, extra={"labels": y})
    ds = hg.dataset(f"adc2021:{f}")
    np.testing.assert_array_equal(ds.labels, y.astype(int))


def test_adc2021_float_labels_that_are_not_whole_are_refused(tmp_path):
    f = tmp_path / "bad_labels.h5"
    y = np.full(20, 0.5)
    layouts.adc2021(f, n=20, extra={"labels": y})
    with pytest.raises(hg.errors.DataFormatError, match=r"labels.*0\.5"):
        hg.dataset(f"adc2021:{f}")


def test_adc2021_nan_in_padding_is_accepted_nan_in_an_object_is_not(tmp_path):
    x = layouts.adc2021(tmp_path / "ref.h5", n=20)
    pad = x.copy()
    j, i = np.argwhere(pad[:, :, 3] == 0)[0]
    pad[j, i, :3] = np.nan  # a padding slot (class id 0): never a node
    f = tmp_path / "nan_pad.h5"
    write_particles(f, pad)
    ds = hg.dataset(f"adc2021:{f}")
    np.testing.assert_array_equal(ds.graphs.x, hg.dataset(f"adc2021:{tmp_path / 'ref.h5'}").graphs.x)
    real = x.copy()
    j, i = np.argwhere(real[:, :, 3] != 0)[3]
    real[j, i, 1] = np.nan
    g = tmp_path / "nan_real.h5"
    write_particles(g, real)
    with pytest.raises(hg.errors.DataFormatError, match=rf"row {j}, object {i}.*NaN"):
        hg.dataset(f"adc2021:{g}")


def test_adc2021_float16_is_read_or_refused_clearly(tmp_path):
    x = layouts.adc2021(tmp_path / "ref.h5", n=10)
    f = tmp_path / "half.h5"
    write_particles(f, x.astype(np.float16))
    ds = hg.dataset(f"adc2021:{f}")
    np.testing.assert_array_equal(nodes(ds), adc_real(x))
    np.testing.assert_allclose(ds.graphs.x[:, 0], x[x[:, :, 3] != 0][:, 0].astype(np.float16),
                               rtol=0, atol=0)


# --- generic file trouble, every HDF5 reader ----------------------------------------------------


@pytest.mark.parametrize("scheme", ["adc2021", "toptag", "h5", "images"])
def test_path_with_spaces_loads(tmp_path, scheme):
    d = tmp_path / "my data dir"
    d.mkdir()
    f = d / "file with spaces.h5"
    if scheme == "adc2021":
        layouts.adc2021(f, n=10)
    elif scheme == "toptag":
        layouts.toptag(f, n=12, p=10, extra=False)
    elif scheme == "h5":
        layouts.jetnet(f, n=10, p=8)
    else:
        with h5py.File(f, "w") as h:
            h.create_dataset("X", data=np.ones((3, 4, 4, 2), np.float32))
    uri = f"{scheme}:{f}"
    if scheme == "h5":
        uri += "?particles=particle_features&features=eta,phi,pt,mask&node_features=raw"
    if scheme == "images":
        assert hi.open_images(uri).images.shape == (3, 4, 4, 2)
    else:
        assert len(hg.dataset(uri, **({} if scheme == "adc2021" else {"k": 2}))) in (10, 12)


@pytest.mark.parametrize("scheme", ["adc2021", "toptag", "h5", "images", "csv"])
def test_directory_empty_file_and_non_hdf5_are_refused(tmp_path, scheme):
    opts = {"layout": "dimuon"} if scheme == "csv" else {}
    load = (lambda u: hi.open_images(u)) if scheme == "images" else (
        lambda u: hg.dataset(u, **opts))
    with pytest.raises(hg.errors.DataFormatError, match="director|folder|not a file"):
        load(f"{scheme}:{tmp_path}")
    empty = tmp_path / "empty.h5"
    empty.write_bytes(b"")
    with pytest.raises(hg.errors.DataFormatError, match="empty|not a readable|no header"):
        load(f"{scheme}:{empty}")
    if scheme != "csv":
        text = tmp_path / "notes.h5"
        text.write_text("Run,Event\n1,2\n")
        with pytest.raises(hg.errors.DataFormatError, match="not a readable HDF5"):
            load(f"{scheme}:{text}")


# --- top-tagging reference (Zenodo 2603256: train.h5 / val.h5 / test.h5, key "table") ----------


def test_toptag_table_with_every_column_float64(tmp_path):
    """Older pandas / other writers keep one float64 block, ttv and is_signal_new included."""
    ref = tmp_path / "ref.h5"
    truth = layouts.toptag(ref, n=24, p=12, extra=False)
    f = tmp_path / "val.h5"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        truth["frame"].astype(np.float64).to_hdf(f, key="table", mode="w", format="fixed")
    with h5py.File(f) as h:
        assert [k for k in h["table"] if k.endswith("_values")] == ["block0_values"]
    ds = hg.dataset(f"toptag:{f}?ttv=val", k=2)
    keep = truth["ttv"] == 2
    np.testing.assert_array_equal(ds.row_ids, np.flatnonzero(keep))
    np.testing.assert_array_equal(ds.labels, truth["labels"][keep])
    np.testing.assert_array_equal(nodes(ds), truth["counts"][keep])
    np.testing.assert_allclose(ds.graphs.x, hg.dataset(f"toptag:{ref}?ttv=val", k=2).graphs.x,
                               rtol=1e-6, atol=1e-6)


def test_toptag_table_with_str_column_names(tmp_path):
    """Column names stored as variable-length UTF-8 strings instead of pandas' fixed bytes, and
    the attributes of an old pandas writer (the reference files predate pandas 1.0)."""
    f = tmp_path / "test.h5"
    truth = layouts.toptag(f, n=18, p=10, extra=False)
    with h5py.File(f, "a") as h:
        h["table"].attrs["pandas_version"] = b"0.15.2"
        h["table"].attrs["pandas_type"] = np.bytes_("frame")
        for k in [k for k in h["table"] if k.endswith("_items") or k == "axis0"]:
            names = [s.decode() for s in h["table"][k][()]]
            del h["table"][k]
            h["table"].create_dataset(k, data=names, dtype=h5py.string_dtype())
    ds = hg.dataset(f"toptag:{f}", k=2)
    np.testing.assert_array_equal(ds.labels, truth["labels"])
    np.testing.assert_array_equal(nodes(ds), truth["counts"])


def test_toptag_pandas_table_format_is_refused_with_the_fix(tmp_path):
    pytest.importorskip("tables")
    f = tmp_path / "train.h5"
    truth = layouts.toptag(tmp_path / "ref.h5", n=10, p=8, extra=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        truth["frame"].to_hdf(f, key="table", mode="w", format="table")
    with pytest.raises(hg.errors.DataFormatError, match=r"format=\"table\".*format=\"fixed\""):
        hg.dataset(f"toptag:{f}")


# --- JetNet (Zenodo 6975118, as the jetnet package downloads it) and converted files -------------


@pytest.mark.parametrize("width", [3, 4])
def test_jetnet_files_without_feature_names(tmp_path, width):
    """jetnet's g.hdf5 / t.hdf5 ...: particle_features [N, 30, 4] (etarel, phirel, ptrel, mask)
    or without the mask, jet_features [N, 4] (type, pt, eta, mass), no names attribute."""
    f = tmp_path / "t.hdf5"
    truth = layouts.jetnet(tmp_path / "named.h5", n=16, p=30, labels=False)
    x = truth["x"][..., :width]
    with h5py.File(f, "w") as h:
        h.create_dataset("particle_features", data=x)
        h.create_dataset("jet_features", data=np.ones((16, 4), np.float32))
    ds = hg.dataset(f"toptag:{f}", k=3)
    assert ds.labels is None
    np.testing.assert_array_equal(nodes(ds), truth["counts"])
    assert ds.feature_names[:3] == hg.dataset(f"toptag:{tmp_path / 'named.h5'}",
                                              k=3).feature_names[:3]


@pytest.mark.parametrize("with_nobj,label_dtype", [(True, np.int64), (False, bool),
                                                   (False, np.float32)])
def test_converted_top_tagging_files_pmu_nobj_is_signal(tmp_path, with_nobj, label_dtype):
    """The top-tagging set as converted for the LGN / LorentzNet / ParT papers: Pmu [N, 200, 4]
    (E, px, py, pz), Nobj [N], is_signal [N], truth_Pmu [N, 4]."""
    ref = tmp_path / "ref.h5"
    truth = layouts.toptag(ref, n=20, p=12, extra=False)
    df = truth["frame"]
    pmu = np.zeros((20, 12, 4), np.float32)
    for i in range(12):
        for c, name in enumerate(("E", "PX", "PY", "PZ")):
            pmu[:, i, c] = df[f"{name}_{i}"].to_numpy()
    f = tmp_path / "converted_test.h5"
    with h5py.File(f, "w") as h:
        h.create_dataset("Pmu", data=pmu, compression="gzip")
        if with_nobj:
            h.create_dataset("Nobj", data=truth["counts"])
        h.create_dataset("is_signal", data=truth["labels"].astype(label_dtype))
        h.create_dataset("truth_Pmu", data=np.zeros((20, 4)))
    ds = hg.dataset(f"toptag:{f}", k=2)
    r = hg.dataset(f"toptag:{ref}", k=2)
    np.testing.assert_array_equal(ds.labels, truth["labels"])
    np.testing.assert_array_equal(nodes(ds), truth["counts"])
    assert ds.feature_names == r.feature_names
    np.testing.assert_allclose(ds.graphs.x, r.graphs.x, rtol=1e-5, atol=1e-5)


# --- ML4SCI images ------------------------------------------------------------------------------


def test_ml4sci_electron_photon_x_float32_y_float32(tmp_path):
    f = tmp_path / "SinglePhotonPt50_IMGCROPS_n249k_RHv1.hdf5"
    rng = np.random.default_rng(0)
    x = rng.random((6, 32, 32, 2), dtype=np.float32)
    y = np.array([0, 1, 0, 1, 1, 0], np.float32)
    with h5py.File(f, "w") as h:
        h.create_dataset("X", data=x.astype(">f4"), chunks=(2, 32, 32, 2), compression="gzip")
        h.create_dataset("y", data=y)
    data = hi.open_images(f"images:{f}")
    np.testing.assert_array_equal(data.images, x)
    assert data.labels.tolist() == [0, 1, 0, 1, 1, 0]


def test_quark_gluon_x_jets_is_found_without_options(tmp_path):
    f = tmp_path / "quark-gluon_data-set_n139306.hdf5"
    rng = np.random.default_rng(1)
    x = rng.random((4, 125, 125, 3), dtype=np.float32)
    with h5py.File(f, "w") as h:
        h.create_dataset("X_jets", data=x, chunks=(1, 125, 125, 3), compression="gzip")
        h.create_dataset("y", data=np.array([1.0, 0.0, 0.0, 1.0], np.float32))
        h.create_dataset("m0", data=rng.random(4, dtype=np.float32) * 20)
        h.create_dataset("pt", data=rng.random(4, dtype=np.float32) * 100)
    for uri in (f"images:{f}", f"images:{f}?x=X_jets,y=y"):
        data = hi.open_images(uri)
        assert data.images.shape == (4, 125, 125, 3)
        np.testing.assert_array_equal(data.images, x)
        assert data.labels.tolist() == [1, 0, 0, 1]


def test_images_half_precision_is_read_exactly(tmp_path):
    f = tmp_path / "half.h5"
    x = np.random.default_rng(2).random((3, 8, 8, 2)).astype(np.float16)
    with h5py.File(f, "w") as h:
        h.create_dataset("X", data=x)
    np.testing.assert_array_equal(hi.open_images(f"images:{f}").images, x.astype(np.float32))


def test_images_missing_dataset_names_what_is_looked_for(tmp_path):
    f = tmp_path / "other.h5"
    with h5py.File(f, "w") as h:
        h.create_dataset("images", data=np.ones((2, 4, 4), np.float32))
    with pytest.raises(hg.errors.DataFormatError, match=r"X_jets.*|images"):
        hi.open_images(f"images:{f}")


# --- CMS open-data CSVs (record 545 and the education copies) -----------------------------------
# Headers as the public files have them (docs/data.md, "Variants checked"); the data rows are the
# first rows those sources print, physics-valid enough for the reader.

DIMUON_MASSES = ("Run,Event,{t}1,E1,px1 ,py1,pz1,pt1,eta1,phi1,Q1,{t}2,E2,px2,py2,pz2,pt2,eta2,"
                 "phi2,Q2,M")
DIMUON_ROW = ("146436,90830792,G,19.1712,3.81713,9.04323,-16.4673,9.81583,-1.28942,1.17139,1,T,"
              "5.43984,-0.362592,2.62699,-4.74849,2.65189,-1.34587,1.70796,1,2.73205")
DIELECTRON = ("Run,Event,E1,px1,py1,pz1,pt1,eta1,phi1,Q1,E2,px2,py2,pz2,pt2,eta2,phi2,Q2,M\n"
              "147115,366639895,58.7141,-7.31132,10.531,-57.2974,12.8202,-2.20267,2.17766,1,"
              "11.2836,-1.03234,-1.88066,-11.0778,2.14537,-2.34403,-2.07281,-1,8.94841\n"
              "147115,366704169,6.61188,-4.15213,-0.579855,-5.11278,4.19242,-1.02842,-3.00284,-1,"
              "17.1492,-11.7135,5.04474,11.4647,12.7536,0.808077,2.73492,1,15.893\n")
WMUNU = ("Run,Event,pt,eta,phi,Q,chiSq,dxy,iso,MET,phiMET\n"
         "173389,489963747,29.3153,-0.1393,1.3561,1,0.8456,-0.0600,0.0000,30.6670,-2.1308\n")
WENU = ("Run,Event,pt,eta,phi,Q,type,delEta,delPhi,sigmaEtaEta,HoverE,isoTrack,isoEcal,isoHcal,"
        "MET,phiMET\n"
        "173389,489963747,35.12,0.52,-1.02,-1,EB,0.001,0.01,0.0092,0.02,0.5,0.7,0.1,28.4,2.05\n"
        "173389,489963748,41.50,-1.70,2.99,1,EE,0.002,0.02,0.0250,0.01,0.0,0.3,0.0,36.1,-0.12\n")


def four_vector_mass(x):
    pt, eta, phi, e = (x[:, i].astype(np.float64) for i in range(4))
    p = np.stack([e, pt * np.cos(phi), pt * np.sin(phi), pt * np.sinh(eta)], -1).sum(0)
    return np.sqrt(max(p[0] ** 2 - (p[1:] ** 2).sum(), 0))


@pytest.mark.parametrize("name,type_col", [("Dimuon_DoubleMu.csv", "type"),
                                           ("DoubleMuRun2011A.csv", "Type"),
                                           ("Jpsimumu_Run2011A.csv", "Type"),
                                           ("Ymumu_Run2011A.csv", "type")])
def test_dimuon_mass_files_load_with_dimuon_masses_whatever_the_case(tmp_path, name, type_col):
    f = tmp_path / name
    f.write_text(DIMUON_MASSES.format(t=type_col) + "\n" + DIMUON_ROW + "\n")
    ds = hg.dataset(f"csv:{f}", layout="dimuon_masses")
    assert len(ds) == 1 and list(ds.id_columns) == ["Run", "Event"]
    assert ds.id_columns["Event"][0] == 90830792
    assert ds.graphs.x[:, 6].tolist() == [1.0, 1.0]  # muons
    assert four_vector_mass(ds.graphs.x) == pytest.approx(2.73205, rel=1e-3)
    np.testing.assert_allclose(ds.graphs.graph_attr[:, 0], [2.73205], rtol=1e-6)


def test_dielectron_csv_loads_with_dielectron_masses(tmp_path):
    f = tmp_path / "dielectron.csv"
    f.write_text(DIELECTRON)
    ds = hg.dataset(f"csv:{f}", layout="dielectron_masses")
    assert len(ds) == 2
    assert ds.graphs.x[:, 5].tolist() == [1.0] * 4  # electrons
    g = ds.graphs
    for i, m in enumerate((8.94841, 15.893)):
        assert four_vector_mass(g.x[2 * i:2 * i + 2]) == pytest.approx(m, rel=2e-3)
    np.testing.assert_allclose(g.graph_attr[:, 0], [8.94841, 15.893], rtol=1e-6)
    with pytest.raises(hg.errors.DataFormatError, match="layout=dielectron_masses"):
        hg.dataset(f"csv:{f}", layout="dielectron")


@pytest.mark.parametrize("name,text,layout,flavour", [
    ("Wmunu_Run2011A.csv", WMUNU, "wmunu", 6), ("Wenu_Run2011A.csv", WENU, "wenu", 5)])
def test_w_files_one_lepton_and_met(tmp_path, name, text, layout, flavour):
    f = tmp_path / name
    f.write_text(text)
    ds = hg.dataset(f"csv:{f}", layout=layout)
    rows = [r.split(",") for r in text.strip().splitlines()[1:]]
    assert len(ds) == len(rows)
    g = ds.graphs
    assert nodes(ds).tolist() == [1] * len(rows) and g.edge_index.shape[1] == 0
    np.testing.assert_allclose(g.x[:, 0], [float(r[2]) for r in rows], rtol=1e-6)
    assert g.x[:, flavour].tolist() == [1.0] * len(rows)
    np.testing.assert_allclose(g.graph_attr, [[float(r[-2]), float(r[-1])] for r in rows],
                               rtol=1e-6)
    vec = hg.dataset(f"csv:{f}", layout=layout, **{"as": "vector"})
    assert vec.graphs.x.shape == (len(rows), 7 + 2)


def test_csv_bom_crlf_spaces_in_path_and_header_only(tmp_path):
    d = tmp_path / "cms open data"
    d.mkdir()
    f = d / "Wmunu copy.csv"
    f.write_bytes(b"\xef\xbb\xbf" + WMUNU.replace("\n", "\r\n").encode())
    ds = hg.dataset(f"csv:{f}", layout="wmunu")
    assert len(ds) == 1 and ds.id_columns["Run"][0] == 173389
    head = tmp_path / "header_only.csv"
    head.write_text(WMUNU.splitlines()[0] + "\n")
    with pytest.raises(hg.errors.DataFormatError, match="no data row|zero rows|no rows"):
        hg.dataset(f"csv:{head}", layout="wmunu")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(hg.errors.DataFormatError, match="empty"):
        hg.dataset(f"csv:{empty}", layout="wmunu")


def test_csv_header_of_another_layout_is_named(tmp_path):
    f = tmp_path / "Wenu.csv"
    f.write_text(WENU)
    with pytest.raises(hg.errors.DataFormatError, match="layout=wenu"):
        hg.dataset(f"csv:{f}", layout="wmunu")


def test_jetnet_nan_in_masked_padding_is_accepted_in_a_real_particle_is_not(tmp_path):
    truth = layouts.jetnet(tmp_path / "ref.h5", n=12, p=20)
    x = truth["x"].copy()
    j = int(np.argmin(truth["counts"]))
    x[j, truth["counts"][j]:, :3] = np.nan  # padding (mask 0) filled with NaN
    f = tmp_path / "nan_pad.h5"
    with h5py.File(f, "w") as h:
        h.create_dataset("particle_features", data=x)
    ds = hg.dataset(f"toptag:{f}", k=3)
    np.testing.assert_array_equal(nodes(ds), truth["counts"])
    np.testing.assert_array_equal(ds.graphs.x, hg.dataset(f"toptag:{tmp_path / 'ref.h5'}",
                                                          k=3).graphs.x)
    x[j, 0, 1] = np.nan
    g = tmp_path / "nan_real.h5"
    with h5py.File(g, "w") as h:
        h.create_dataset("particle_features", data=x)
    with pytest.raises(hg.errors.DataFormatError, match=rf"jet \(row\) {j}, particle 0.*NaN"):
        hg.dataset(f"toptag:{g}", k=3)


def test_toptag_nan_in_a_constituent_is_refused_naming_the_column(tmp_path):
    """The reference table has no mask: a NaN constituent cannot be told from a real one."""
    f = tmp_path / "train.h5"
    truth = layouts.toptag(tmp_path / "ref.h5", n=12, p=10, extra=False)
    df = truth["frame"].copy()
    df.loc[3, "PY_9"] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df.to_hdf(f, key="table", mode="w", format="fixed")
    with pytest.raises(hg.errors.DataFormatError, match=r"PY_9.*NaN at row 3"):
        hg.dataset(f"toptag:{f}", k=2)


@pytest.mark.parametrize("dtype", [bool, np.uint8, np.int8, np.float32])
def test_labels_as_bool_small_ints_or_floats(tmp_path, dtype):
    """h5py writes numpy bool as an HDF5 enum {FALSE, TRUE}; is_signal / y are found so too."""
    y = (np.arange(12) % 3 == 0).astype(dtype)
    want = (np.arange(12) % 3 == 0).astype(int)
    a = tmp_path / "adc.h5"
    layouts.adc2021(a, n=12, extra={"labels": y})
    np.testing.assert_array_equal(hg.dataset(f"adc2021:{a}").labels, want)
    j = tmp_path / "jetnet.h5"
    layouts.jetnet(j, n=12, p=8, labels=False)
    with h5py.File(j, "a") as h:
        h.create_dataset("labels", data=y)
    np.testing.assert_array_equal(hg.dataset(f"toptag:{j}", k=2).labels, want)
    i = tmp_path / "img.h5"
    with h5py.File(i, "w") as h:
        h.create_dataset("X", data=np.ones((12, 4, 4, 1), np.float32))
        h.create_dataset("y", data=y)
    np.testing.assert_array_equal(hi.open_images(f"images:{i}").labels, want)


def test_a_filter_jhdf_lacks_is_named_with_the_fix(tmp_path):
    x = layouts.adc2021(tmp_path / "ref.h5", n=10)
    f = tmp_path / "scaleoffset.h5"
    write_particles(f, x, chunks=(5, 19, 4), scaleoffset=3)
    with pytest.raises(hg.errors.DataFormatError, match=r"scaleoffset.*rewrite it with gzip"):
        hg.dataset(f"adc2021:{f}")


def test_lzf_and_fletcher32_chunks_load(tmp_path):
    x = layouts.adc2021(tmp_path / "ref.h5", n=10)
    ref = hg.dataset(f"adc2021:{tmp_path / 'ref.h5'}").graphs.x
    for name, kw in (("lzf", {"compression": "lzf"}), ("fl", {"fletcher32": True})):
        f = tmp_path / f"{name}.h5"
        write_particles(f, x, chunks=(3, 19, 4), **kw)
        np.testing.assert_array_equal(hg.dataset(f"adc2021:{f}").graphs.x, ref)


def test_gzip_csv_loads_and_a_truncated_one_is_refused(tmp_path):
    import gzip

    f = tmp_path / "Wenu.csv.gz"
    f.write_bytes(gzip.compress(WENU.encode()))
    ds = hg.dataset(f"csv:{f}", layout="wenu")
    assert len(ds) == 2 and ds.id_columns["Event"].tolist() == [489963747, 489963748]
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(gzip.compress((WENU * 50).encode())[:-30])
    with pytest.raises(hg.errors.DataFormatError, match="gzip-compressed.*truncated or corrupt"):
        hg.dataset(f"csv:{cut}", layout="wenu")


def test_a_pandas_index_column_is_named_with_the_fix(tmp_path):
    pd = pytest.importorskip("pandas")
    import io

    f = tmp_path / "Wmunu_resaved.csv"
    pd.read_csv(io.StringIO(WMUNU)).to_csv(f)  # index=True: a first column without a name
    assert f.read_text().startswith(",Run,Event")
    with pytest.raises(hg.errors.DataFormatError, match="index=False"):
        hg.dataset(f"csv:{f}", layout="wmunu")


def test_adc2021_labels_as_a_column(tmp_path):
    f = tmp_path / "col.h5"
    y = (np.arange(14) % 2).reshape(-1, 1)
    layouts.adc2021(f, n=14, extra={"labels": y})
    np.testing.assert_array_equal(hg.dataset(f"adc2021:{f}").labels, y[:, 0])
    g = tmp_path / "wide.h5"
    layouts.adc2021(g, n=14, extra={"labels": np.zeros((14, 2))})
    with pytest.raises(hg.errors.DataFormatError, match=r"labels' has shape \[14, 2\]"):
        hg.dataset(f"adc2021:{g}")


def test_a_file_with_a_user_block_loads(tmp_path):
    x = layouts.adc2021(tmp_path / "ref.h5", n=12)
    f = tmp_path / "userblock.h5"
    with h5py.File(f, "w", userblock_size=512) as h:
        h.create_dataset("Particles", data=x)
    np.testing.assert_array_equal(hg.dataset(f"adc2021:{f}").graphs.x,
                                  hg.dataset(f"adc2021:{tmp_path / 'ref.h5'}").graphs.x)
    cut = tmp_path / "cut.h5"
    cut.write_bytes(f.read_bytes()[:-200])
    with pytest.raises(hg.errors.DataFormatError, match="truncated"):
        hg.dataset(f"adc2021:{cut}")


def test_libver_latest_filtered_chunks_are_refused_with_the_fix(tmp_path):
    """h5py with libver="latest" (HDF5 1.14) writes filtered chunked datasets with data layout
    version 5, which jHDF 0.13.0 does not read; the same data with h5py's defaults loads."""
    x = layouts.adc2021(tmp_path / "ref.h5", n=12)
    f = tmp_path / "latest.h5"
    with h5py.File(f, "w", libver="latest") as h:
        h.create_dataset("Particles", data=x, chunks=(4, 19, 4), compression="gzip")
    with pytest.raises(hg.errors.DataFormatError, match=r"layout.*version.*libver=\"latest\""):
        hg.dataset(f"adc2021:{f}")
    ref = hg.dataset(f"adc2021:{tmp_path / 'ref.h5'}").graphs.x
    for name, kw in (("contiguous", {}), ("chunked", {"chunks": (4, 19, 4)})):
        g = tmp_path / f"latest_{name}.h5"
        with h5py.File(g, "w", libver="latest") as h:
            h.create_dataset("Particles", data=x, **kw)
        np.testing.assert_array_equal(hg.dataset(f"adc2021:{g}").graphs.x, ref)
    i = tmp_path / "latest_images.h5"
    with h5py.File(i, "w", libver="latest") as h:
        h.create_dataset("X", data=np.ones((4, 8, 8, 2), np.float32), chunks=(2, 8, 8, 2),
                         compression="gzip")
    with pytest.raises(hg.errors.DataFormatError, match=r"libver=\"latest\""):
        hi.open_images(f"images:{i}")


def test_image_labels_as_a_column(tmp_path):
    f = tmp_path / "col.h5"
    with h5py.File(f, "w") as h:
        h.create_dataset("X", data=np.ones((5, 4, 4, 2), np.float32))
        h.create_dataset("y", data=np.array([[1.0], [0.0], [1.0], [1.0], [0.0]], np.float32))
    assert hi.open_images(f"images:{f}").labels.tolist() == [1, 0, 1, 1, 0]
    with h5py.File(f, "a") as h:
        del h["y"]
        h.create_dataset("y", data=np.zeros((5, 2), np.float32))  # one-hot: not a label column
    with pytest.raises(hg.errors.DataFormatError, match=r"'y' has shape \[5, 2\]"):
        hi.open_images(f"images:{f}")


@pytest.mark.parametrize("dtype,kw", [(">f4", {}), ("<f2", {}), ("<f8", {}),
                                      ("<f4", {"chunks": (3, 8, 4), "compression": "gzip"})])
def test_h5_particles_in_any_float_width_byte_order_and_chunking(tmp_path, dtype, kw):
    truth = layouts.jetnet(tmp_path / "ref.h5", n=10, p=8)
    x = truth["x"].astype(dtype)
    f = tmp_path / "jets.h5"
    with h5py.File(f, "w") as h:
        h.create_dataset("jets/constituents", data=x, **kw)
        h.create_dataset("truth", data=truth["labels"])
    ds = hg.dataset(f"h5:{f}?particles=jets/constituents&features=eta,phi,pt,mask&labels=truth"
                    "&node_features=raw&k=2")
    np.testing.assert_array_equal(nodes(ds), truth["counts"])
    np.testing.assert_array_equal(ds.labels, truth["labels"])
    real = np.concatenate([x[j, :truth["counts"][j], :3] for j in range(10)]).astype(np.float32)
    np.testing.assert_array_equal(ds.graphs.x[:, :3], real)


def test_w_events_train_and_score(tmp_path):
    """One-lepton graphs (no edges) with MET as graph features fit and score like any set."""
    rng = np.random.default_rng(0)
    rows = [WMUNU.splitlines()[0]]
    for i in range(120):
        rows.append(f"173389,{i},{rng.uniform(25, 60):.4f},{rng.normal(0, 1):.4f},"
                    f"{rng.uniform(-3, 3):.4f},{rng.choice([-1, 1])},0.8,0.01,0.0,"
                    f"{rng.uniform(20, 60):.4f},{rng.uniform(-3, 3):.4f}")
    f = tmp_path / "Wmunu.csv"
    f.write_text("\n".join(rows) + "\n")
    ds = hg.dataset(f"csv:{f}", layout="wmunu")
    with hg.Detector("ocgin", epochs=2, seed=1) as det:
        det.fit(ds.graphs, progress=False)
        scores = det.score(ds.graphs)
    assert scores.shape == (120,) and np.isfinite(scores).all() and np.ptp(scores) > 0


@pytest.mark.parametrize("sep,shown", [(";", ";"), ("\t", "\\t")])
def test_a_csv_with_another_separator_is_named(tmp_path, sep, shown):
    f = tmp_path / "Wmunu_excel.csv"
    f.write_text(WMUNU.replace(",", sep))
    with pytest.raises(hg.errors.DataFormatError, match=f"holding '{re_escape(shown)}'.*not "
                                                        "comma-separated"):
        hg.dataset(f"csv:{f}", layout="wmunu")


def re_escape(s):
    import re

    return re.escape(s)
