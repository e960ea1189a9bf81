"""Jet images: the numpy reference ``hepgraph.images.jet_images`` against the Java ``JetImages``
(through the data plane), on random and degenerate jets, within 1e-6 per pixel."""

import numpy as np
import pytest

import hepgraph as hg
from hepgraph import images as hi


def random_jets(n=64, max_particles=40, seed=0, phi_centre=None):
    rng = np.random.default_rng(seed)
    counts = rng.integers(1, max_particles + 1, n)
    counts[0] = max_particles
    p = np.zeros((n, max_particles, 4), np.float32)
    for i, c in enumerate(counts):
        centre_eta = rng.uniform(-2, 2)
        centre_phi = rng.uniform(-np.pi, np.pi) if phi_centre is None else phi_centre
        p[i, :c, 0] = rng.exponential(20, c) + 0.5
        p[i, :c, 1] = centre_eta + rng.normal(0, 0.3, c)
        phi = centre_phi + rng.normal(0, 0.3, c)
        p[i, :c, 2] = phi - 2 * np.pi * np.round(phi / (2 * np.pi))
        p[i, :c, 3] = p[i, :c, 0] * np.cosh(p[i, :c, 1])
    return p, counts


def padded(*jets):
    """Jets given as lists of (pt, eta, phi) rows, padded to one array with e = pt."""
    m = max(len(j) for j in jets)
    p = np.zeros((len(jets), m, 4), np.float32)
    for i, j in enumerate(jets):
        a = np.asarray(j, np.float32).reshape(-1, 3)
        p[i, : len(a), :3] = a
        p[i, : len(a), 3] = a[:, 0]
    return p, np.array([len(j) for j in jets])


def compare(p, counts, **options):
    ref = hi.jet_images(p, counts, **options)
    java = hi.java_jet_images(p, counts, **options)
    assert java.shape == ref.shape and java.dtype == np.float32
    np.testing.assert_allclose(java, ref, rtol=0, atol=1e-6)
    return ref


def test_random_jets_agree_with_the_java_engine():
    p, counts = random_jets()
    ref = compare(p, counts)
    assert ref.shape == (64, 40, 40)
    np.testing.assert_allclose(ref.sum(axis=(1, 2)), 1.0, atol=1e-5)
    # the hardest quadrant is the upper right (rows and columns >= 20) for most jets
    upper_right = ref[:, 20:, 20:].sum(axis=(1, 2))
    assert np.mean(upper_right >= ref[:, :20, :20].sum(axis=(1, 2))) > 0.9


@pytest.mark.parametrize("pixels,radius", [(16, 0.4), (33, 1.0), (1, 0.8)])
def test_options_agree(pixels, radius):
    p, counts = random_jets(n=20, seed=3)
    ref = compare(p, counts, pixels=pixels, radius=radius)
    assert ref.shape == (20, pixels, pixels)


def test_degenerate_jets_agree_and_land_where_the_doc_says():
    p, counts = padded(
        [(10, 0.3, 1.0)],                                  # one particle: centre pixel
        [(5, 0.25, 0.0), (5, -0.25, 0.0)],                 # equal pair along eta
        [(3, 0.5, 0.0), (1, 0.5, 0.4)],                    # unequal pair along phi: flipped
        [(1, 0.0, 0.0), (1, 0.5, 0.0)],                    # pair with v = ±0.25 after centring
        [(4, 0.1, np.pi - 0.05), (2, -0.2, -np.pi + 0.1)],  # across phi = ±pi
        [(1, 2.0, 0.0), (1, -2.0, 0.0)],                   # everything outside: zeros
    )
    ref = compare(p, counts)
    assert ref[0, 20, 20] == 1.0
    assert ref[1, 26, 20] == pytest.approx(0.5) and ref[1, 13, 20] == pytest.approx(0.5)
    assert ref[2, 22, 20] == pytest.approx(0.75) and ref[2, 12, 20] == pytest.approx(0.25)
    assert ref[5].sum() == 0.0
    # the phi-wrapped jet equals the same jet moved to phi = 0
    q, c = padded([(4, 0.1, -0.05), (2, -0.2, 0.1)])
    np.testing.assert_allclose(hi.jet_images(q, c)[0], ref[4], atol=1e-6)


def test_particles_on_pixel_edges_agree():
    # 4 pixels over ±1: edges at -1, -0.5, 0, 0.5 are exact in binary
    p, counts = padded([(1, 0.5, 0.0), (1, -0.5, 0.0)], [(2, 0.0, 0.0), (1, 0.0, 1.0),
                                                        (1, 0.0, -1.0)])
    ref = compare(p, counts, pixels=4, radius=1.0)
    assert ref[0, 3, 2] == pytest.approx(0.5) and ref[0, 1, 2] == pytest.approx(0.5)
    # v = ±1: +1 lies outside [-1, 1), -1 on the lowest edge (row 0)
    assert ref[1, 0, 2] == pytest.approx(1 / 3) and ref[1, 2, 2] == pytest.approx(2 / 3)


def test_jet_image_of_one_jet_is_jet_images():
    p, counts = random_jets(n=3, seed=7)
    j = 1
    one = hi.jet_image(p[j, : counts[j], 0], p[j, : counts[j], 1], p[j, : counts[j], 2])
    np.testing.assert_array_equal(one, hi.jet_images(p, counts)[j])


def test_bad_jets_are_refused_on_both_sides():
    p, counts = padded([(1, 0, 0)], [(0, 0, 0)])
    with pytest.raises(hg.errors.InvalidGraphError, match="jet 1 has a total pT"):
        hi.jet_images(p, counts)
    with pytest.raises(hg.errors.InvalidGraphError, match="jet 1 has a total pT"):
        hi.java_jet_images(p, counts)
    p[0, 0, 1] = np.nan
    with pytest.raises(hg.errors.InvalidGraphError, match="jet 0, particle 0 has eta = nan"):
        hi.jet_images(p, counts)
    with pytest.raises(hg.errors.InvalidGraphError, match="jet 0, particle 0 has eta = NaN"):
        hi.java_jet_images(p, counts)
