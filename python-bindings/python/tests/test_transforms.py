"""hg.transforms: kNN and radius graphs over padded jets, built by the Java builders.

The Java side's own test (BridgeToolsTest) checks that the bridge's graphs equal those of
JetGraphs.build, the code path of ``bin/hepgraph``; here the graphs that reach Python are checked
against a plain numpy reference of the same definition (ΔR in η–φ with φ folded)."""

import numpy as np
import pytest

import hepgraph as hg


def jets(n=12, max_particles=15, seed=0):
    rng = np.random.default_rng(seed)
    counts = rng.integers(2, max_particles + 1, n)
    counts[0] = max_particles
    p = np.zeros((n, max_particles, 4), np.float32)
    for i, c in enumerate(counts):
        p[i, :c, 0] = rng.uniform(1, 50, c)
        p[i, :c, 1] = rng.normal(0, 0.5, c)
        p[i, :c, 2] = rng.uniform(-np.pi, np.pi, c)  # wraps around ±π: folding matters
        p[i, :c, 3] = p[i, :c, 0] * np.cosh(p[i, :c, 1])
    return p, counts, (np.arange(n) % 2)


def delta_r2(jet):
    eta, phi = jet[:, 1].astype(np.float64), jet[:, 2].astype(np.float64)
    dphi = np.abs(phi[:, None] - phi[None, :])
    dphi = np.minimum(dphi, 2 * np.pi - dphi)
    return (eta[:, None] - eta[None, :]) ** 2 + dphi ** 2


def test_knn_graph_is_the_java_builders():
    p, counts, labels = jets()
    k = 4
    gs = hg.transforms.KNNGraph(k)(p, counts, labels)
    assert isinstance(gs, hg.GraphSet) and len(gs) == len(counts)
    assert gs.y.tolist() == labels.tolist()
    for i, c in enumerate(counts):
        g = gs[i]
        assert g.num_nodes == c
        np.testing.assert_array_equal(g.x, p[i, :c])  # raw features: the particles themselves
        assert g.num_edges == c * min(k, c - 1)
        d2 = delta_r2(p[i, :c])
        np.fill_diagonal(d2, np.inf)
        src, dst = g.edge_index
        for centre in range(c):
            got = set(src[dst == centre].tolist())
            order = np.argsort(d2[centre], kind="stable")[: min(k, c - 1)]
            # the k nearest by ΔR (a tie at the k-th distance could pick either: none here)
            assert got == set(order.tolist()), (i, centre)


def test_radius_graph_is_the_java_builders():
    p, counts, _ = jets(seed=1)
    r = 0.6
    gs = hg.transforms.RadiusGraph(r)(p, counts)
    assert (gs.y == -1).all()
    for i, c in enumerate(counts):
        d2 = delta_r2(p[i, :c])
        np.fill_diagonal(d2, np.inf)
        want = {(int(a), int(b)) for a, b in zip(*np.nonzero(d2 <= r * r))}
        got = set(map(tuple, gs[i].edge_index.T.tolist()))
        assert got == want, i


def test_relative_features_and_loops():
    p, counts, _ = jets(n=3)
    gs = hg.transforms.KNNGraph(3, node_features="relative", loop=True)(p, counts)
    assert gs.num_node_features == 7
    for i, c in enumerate(counts):
        assert gs[i].num_edges == c * min(3, c)
        assert (gs[i].edge_index[0] == gs[i].edge_index[1]).sum() == c  # each node its own


def test_torch_input_and_fitting_the_result():
    torch = pytest.importorskip("torch")
    p, counts, _ = jets(n=4)
    a = hg.transforms.KNNGraph(3)(torch.from_numpy(p), torch.from_numpy(counts))
    b = hg.transforms.KNNGraph(3)(p, counts)
    np.testing.assert_array_equal(a.edge_index, b.edge_index)
    loader = hg.DataLoader(a, batch_size=2)
    assert [x.num_graphs for x in loader] == [2, 2]


def test_bad_input_gets_clear_errors():
    p, counts, _ = jets(n=3)
    with pytest.raises(hg.errors.InvalidGraphError, match=r"\[num_jets, max_particles, 4\]"):
        hg.transforms.KNNGraph(3)(p[..., :3], counts)
    with pytest.raises(hg.errors.InvalidGraphError, match="one per jet"):
        hg.transforms.KNNGraph(3)(p, counts[:2])
    with pytest.raises(hg.errors.InvalidGraphError, match="node_features"):
        hg.transforms.KNNGraph(3, node_features="fancy")
    # checked by Java, as for Java callers; the JVM stays usable
    with pytest.raises(hg.errors.InvalidArgumentError, match="k = 0"):
        hg.transforms.KNNGraph(0)(p, counts)
    with pytest.raises(hg.errors.InvalidArgumentError, match="r = -1"):
        hg.transforms.RadiusGraph(-1.0)(p, counts)
    bad = p.copy()
    bad[0, 0, 1] = np.nan
    with pytest.raises(hg.errors.InvalidGraphError, match="must be finite"):
        hg.transforms.KNNGraph(3)(bad, counts)
    with pytest.raises(hg.errors.InvalidGraphError, match="count 99 outside"):
        hg.transforms.KNNGraph(3)(p, np.r_[99, counts[1:]])
    assert len(hg.transforms.KNNGraph(2)(p, counts)) == 3


def test_same_graphs_as_the_command_lines_toy_source():
    """The toy jets of ``bin/hepgraph ... --data toy:jets=20 --seed 3 --k 8`` (its training part
    is ToyJets(seed).background(jets), built by JetGraphs.build), taken from the JVM as particles and
    built again by hg.transforms: the very same graphs, edge for edge."""
    s = hg.connect()
    toy = s.gateway.jvm.org.hepgraph.data.ToyJets.builder().optSeed(3).build().background(20)
    shape = (toy.numJets(), toy.maxParticles(), toy.numFeatures())
    assert list(toy.featureNames()) == ["pt", "eta", "phi", "e"]
    particles = np.array(list(toy.values()), np.float32).reshape(shape)
    counts = np.array(list(toy.counts()))
    for features in ("raw", "relative"):
        mine = hg.transforms.KNNGraph(8, node_features=features)(particles, counts)
        cli = hg.dataset("toy:jets=20", seed=3, k=8, node_features=features).graphs
        assert mine.edge_index.shape[1] == cli.edge_ptr[20] > 0
        for i in range(20):
            np.testing.assert_array_equal(mine[i].x, cli[i].x)
            np.testing.assert_array_equal(mine[i].edge_index, cli[i].edge_index)
