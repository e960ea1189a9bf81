"""Bad arguments from Python get the same classes, codes and messages as Java callers get, and the
JVM stays usable afterwards."""

import numpy as np
import pytest

import hepgraph as hg
from conftest import random_graphs

JAVA = "org.hepgraph.HepgraphException$"


@pytest.fixture(autouse=True)
def jvm_survives():
    pid = hg.connect().pid
    yield
    s = hg.connect()
    assert s.pid == pid, "a bad argument must not cost the JVM"
    assert hg.version()


def test_unknown_kind_keeps_class_code_and_message():
    with pytest.raises(hg.errors.InvalidArgumentError) as e:
        hg.Detector("nosuchkind")
    assert e.value.code == "HG-ARG"
    assert e.value.java_class == JAVA + "InvalidArgumentException"
    assert "unknown detector kind 'nosuchkind'" in str(e.value) and "ocgin" in str(e.value)
    assert isinstance(e.value, ValueError)


def test_unknown_option_lists_the_valid_keys():
    with pytest.raises(hg.errors.InvalidArgumentError, match="hidden") as e:
        hg.Detector("ocgin", hiddn=3)
    assert "hiddn" in str(e.value)


def test_out_of_range_option():
    with pytest.raises(hg.errors.InvalidArgumentError, match="epochs"):
        hg.Detector("ocgin", epochs=-1)


def test_nan_feature_gets_the_java_message():
    graphs = random_graphs(n=4)
    graphs[2].x[3, 1] = np.nan
    with hg.Detector("ocgin", epochs=1) as det, pytest.raises(hg.errors.InvalidGraphError) as e:
        det.fit(graphs, progress=False)
    assert e.value.code == "HG-GRAPH" and e.value.java_class == JAVA + "InvalidGraphException"
    assert "graph 2" in str(e.value) and "x[3, 1]" in str(e.value) and "NaN" in str(e.value)
    assert "replace or drop non-finite values" in str(e.value)


def test_out_of_range_edge_index_gets_the_java_message():
    graphs = random_graphs(n=3, nodes=8)
    graphs[1].edge_index[0, 4] = 9
    with hg.Detector("ocgin", epochs=1) as det, pytest.raises(hg.errors.InvalidGraphError) as e:
        det.score(graphs)
    assert ("graph 1: edgeIndex[0, 4] holds node 9 but the graph has 8 nodes; indices are local "
            "to their graph and must lie in [0, 8)") in str(e.value)


def test_negative_edge_index():
    graphs = random_graphs(n=2, nodes=8)
    graphs[0].edge_index[1, 0] = -1
    with hg.Detector("size") as det, pytest.raises(hg.errors.InvalidGraphError, match="node -1"):
        det.fit(graphs, progress=False)


@pytest.mark.parametrize(
    "x, edge_index, match",
    [
        (np.zeros(5), np.zeros((2, 1), dtype=np.int64), r"x has shape \(5,\).*reshape\(-1, 1\)"),
        (np.zeros((5, 2)), np.zeros((4, 2), dtype=np.int64), r"edge_index has shape \(4, 2\).*\.T"),
        (np.zeros((5, 2)), np.zeros((3, 4), dtype=np.int64), r"must be \[2, num_edges\]"),
        (np.zeros((5, 2)), np.zeros((2, 3)), r"edge_index holds float64.*int64"),
        (np.array([["a", "b"]]), np.zeros((2, 0), dtype=np.int64), r"x holds <U1 values"),
    ],
)
def test_wrong_shape_or_dtype(x, edge_index, match):
    with pytest.raises(hg.errors.InvalidGraphError, match=match) as e:
        hg.Data(x=x, edge_index=edge_index)
    assert e.value.code == "HG-GRAPH"


def test_mixed_feature_widths_in_one_set():
    graphs = random_graphs(n=2, features=3) + random_graphs(n=1, features=4)
    with pytest.raises(hg.errors.InvalidGraphError, match="graph 2 has 4 node features"):
        hg.GraphSet.from_data_list(graphs)


def test_empty_graph_is_refused_by_java():
    graphs = random_graphs(n=2)
    graphs.append(hg.Data(x=np.zeros((0, 3)), edge_index=np.zeros((2, 0), dtype=np.int64)))
    with hg.Detector("size") as det, pytest.raises(hg.errors.InvalidGraphError, match="graph 2"):
        det.fit(graphs, progress=False)


def test_score_before_fit_and_wrong_width():
    with hg.Detector("ocgin", epochs=1, hidden=8) as det:
        with pytest.raises(hg.errors.HepgraphError) as e:
            det.score(random_graphs(n=2))
        assert e.value.code is not None and e.value.java_class.startswith(JAVA)
        det.fit(random_graphs(n=8), progress=False)
        with pytest.raises(hg.errors.HepgraphError, match="4") as e:
            det.score(random_graphs(n=2, features=4))
        assert e.value.code is not None


def test_not_a_model_file(tmp_path):
    bad = tmp_path / "bad.hgmodel"
    bad.write_bytes(b"not a model at all")
    with pytest.raises(hg.errors.ModelFormatError, match="not a hepgraph model") as e:
        hg.load(bad)
    assert e.value.code == "HG-MODEL"
    with pytest.raises(hg.errors.InvalidArgumentError, match="no model file"):
        hg.load(tmp_path / "missing.hgmodel")
