"""Jet images from constituents: a pure-numpy reference, and the Java engine's version.

:func:`jet_images` (and :func:`jet_image` for one jet) is plain numpy, usable without a JVM; it
follows the Java ``org.hepgraph.transforms.JetImages`` step by step, and :func:`java_jet_images`
calls that Java code through the data plane, so the two can be compared (they agree within 1e-6;
``tests/test_images.py``). The steps, for a jet of particles ``p`` with ``pt, eta, phi``:

1. weights ``w = pt / sum(pt)`` (a jet with ``sum(pt) <= 0`` is refused);
2. centre on the pT-weighted axis with phi wrapped: ``dphi0 = wrap(phi - phi_h)`` (``h`` the
   hardest particle, the first of the largest pT), ``dphi = wrap(dphi0 - sum(w dphi0))``,
   ``deta = eta - sum(w eta)``; ``wrap(d) = d - 2 pi round(d / 2 pi)`` (round half to even);
3. rotate the principal axis to vertical: ``theta = atan2(2 C_ep, C_ee - C_pp) / 2`` from the
   pT-weighted second moments, ``alpha = pi/2 - theta``, ``u = cos(alpha) deta - sin(alpha) dphi``,
   ``v = sin(alpha) deta + cos(alpha) dphi``; both snapped to multiples of ``2**-30``;
4. flip so the hardest quadrant is the upper right: quadrant sums of ``w`` in the order
   ``(u>=0, v>=0), (u<0, v>=0), (u>=0, v<0), (u<0, v<0)``, the first largest decides whether
   ``u -> -u`` and/or ``v -> -v``;
5. pixelate ``pixels x pixels`` over ``[-R, R)``: ``col = floor((u + R) s)``, ``row = floor((v + R)
   s)`` with ``s = pixels / (2 R)`` (an edge belongs to the pixel above / to the right); particles
   outside are dropped;
6. divide each image by its sum (all zeros stay zeros).

Images are ``[num_jets, pixels, pixels]`` float32, ``image[b, row, col]``: rows are ``v``
ascending (row 0 at the bottom: ``plt.imshow(img, origin="lower")``), columns ``u`` ascending.

    import hepgraph.images as hi
    imgs = hi.jet_images(particles, counts)          # particles [N, P, >=3]: pt, eta, phi, ...
    img = hi.jet_image(pt, eta, phi, pixels=40, radius=0.8)
    data = hi.open_images("images:photons.h5")   # images [N, H, W, C], labels, row ids

Image data sets (``images:FILE``, ``jetimages:URI``) are graph sets with one node per image whose
features are the pixels (``x [N, H*W*C]``), so ``hg.dataset`` and ``hg.Detector("imageae")`` take
them as they are; :func:`open_images` shows them as ``[N, H, W, C]`` arrays.
"""

from __future__ import annotations

import numpy as np

from dataclasses import dataclass

from .errors import InvalidGraphError

PIXELS = 40
RADIUS = 0.8
SNAP = float(1 << 30)
_TWO_PI = 2 * np.pi


def _wrap(d: np.ndarray) -> np.ndarray:
    return d - np.round(d / _TWO_PI) * _TWO_PI


def _snap(x: np.ndarray) -> np.ndarray:
    return np.round(x * SNAP) / SNAP


def _check_options(pixels, radius):
    if isinstance(pixels, bool) or not isinstance(pixels, (int, np.integer)) or pixels < 1:
        raise InvalidGraphError(f"jet_images: pixels = {pixels!r}; give an integer >= 1 (e.g. 40)")
    if not (np.isfinite(radius) and radius > 0):
        raise InvalidGraphError(f"jet_images: radius = {radius!r}; give a positive, finite R "
                                "(e.g. 0.8)")


def jet_images(particles, counts, *, pixels: int = PIXELS, radius: float = RADIUS,
               columns: tuple[int, int, int] = (0, 1, 2)) -> np.ndarray:
    """Jet images of padded jets, ``[N, pixels, pixels]`` float32 (steps in the module doc).

    Args:
        particles: ``[N, P, F]`` array; jet ``i``'s real particles are its first ``counts[i]``
            rows. Computed in float64 from the values as given (float32 files stay exact).
        counts: ``[N]`` real particles per jet.
        pixels: pixels per side.
        radius: the image covers ``[-radius, radius)`` in both coordinates.
        columns: the positions of ``pt``, ``eta``, ``phi`` on the last axis.
    """
    _check_options(pixels, radius)
    p = np.asarray(particles)
    if p.ndim != 3 or p.shape[2] <= max(columns):
        raise InvalidGraphError(f"jet_images: particles has shape {p.shape}; give [num_jets, "
                                f"max_particles, F] with pt, eta, phi at columns {columns}")
    n, m = p.shape[0], p.shape[1]
    c = np.asarray(counts).reshape(-1).astype(np.int64)
    if c.shape[0] != n or (n and (c.min() < 0 or c.max() > m)):
        raise InvalidGraphError(f"jet_images: counts must hold {n} values in [0, {m}]")
    mask = np.arange(m)[None, :] < c[:, None]
    v = p.astype(np.float64)
    pt, eta, phi = (np.where(mask, v[:, :, k], 0.0) for k in columns)
    for name, a in (("pt", pt), ("eta", eta), ("phi", phi)):
        bad = ~np.isfinite(a) & mask
        if bad.any():
            j, q = np.argwhere(bad)[0]
            raise InvalidGraphError(f"jet_images: jet {j}, particle {q} has {name} = {a[j, q]}; "
                                    "every real particle needs finite pt, eta, phi")
    total = pt.sum(axis=1, keepdims=True)
    if n and not np.all(total > 0):
        j = int(np.argmax(~(total[:, 0] > 0)))
        raise InvalidGraphError(f"jet_images: jet {j} has a total pT of {total[j, 0]}; it needs "
                                "at least one particle with pT > 0")
    w = pt / total
    hardest = np.argmax(pt, axis=1)[:, None]
    dphi0 = _wrap(phi - np.take_along_axis(phi, hardest, axis=1))
    dphi = _wrap(dphi0 - (w * dphi0).sum(axis=1, keepdims=True))
    deta = eta - (w * eta).sum(axis=1, keepdims=True)
    cee = (w * deta * deta).sum(axis=1, keepdims=True)
    cpp = (w * dphi * dphi).sum(axis=1, keepdims=True)
    cep = (w * deta * dphi).sum(axis=1, keepdims=True)
    theta = np.arctan2(cep * 2, cee - cpp) * 0.5
    alpha = -theta + np.pi / 2
    cos, sin = np.cos(alpha), np.sin(alpha)
    u = _snap(cos * deta - sin * dphi)
    vv = _snap(sin * deta + cos * dphi)
    right, up = u >= 0, vv >= 0
    quadrants = np.stack([(w * (a & b)).sum(axis=1) for a, b in
                          ((right, up), (~right, up), (right, ~up), (~right, ~up))], axis=1)
    k = np.argmax(quadrants, axis=1)[:, None]
    u = np.where((k == 1) | (k == 3), -u, u)
    vv = np.where((k == 2) | (k == 3), -vv, vv)
    scale = pixels / (2 * radius)
    col = np.floor((u + radius) * scale).astype(np.int64)
    row = np.floor((vv + radius) * scale).astype(np.int64)
    inside = mask & (col >= 0) & (col < pixels) & (row >= 0) & (row < pixels)
    jet = np.broadcast_to(np.arange(n)[:, None], (n, m))
    flat = (jet * pixels + row) * pixels + col
    img = np.bincount(flat[inside], weights=w[inside], minlength=n * pixels * pixels)
    img = img.reshape(n, pixels, pixels)
    sums = img.sum(axis=(1, 2), keepdims=True)
    img = img / np.where(sums > 0, sums, 1.0)
    return img.astype(np.float32)


def jet_image(pt, eta, phi, *, pixels: int = PIXELS, radius: float = RADIUS) -> np.ndarray:
    """The image of one jet from its particles' ``pt``, ``eta``, ``phi`` (1-D, equal lengths),
    ``[pixels, pixels]`` float32; see :func:`jet_images`."""
    cols = [np.asarray(a, dtype=np.float64).reshape(-1) for a in (pt, eta, phi)]
    if len({c.shape[0] for c in cols}) != 1:
        raise InvalidGraphError("jet_image: pt, eta and phi must have the same length, got "
                                f"{[c.shape[0] for c in cols]}")
    particles = np.stack(cols, axis=1)[None]
    return jet_images(particles, [cols[0].shape[0]], pixels=pixels, radius=radius)[0]


def java_jet_images(particles, counts, *, pixels: int = PIXELS, radius: float = RADIUS,
                    feature_names=("pt", "eta", "phi", "e")) -> np.ndarray:
    """The same images computed by the Java engine (``JetImages``), through the data plane.

    ``particles [N, P, F]`` go to the JVM as float32 with ``feature_names`` naming the last axis;
    the images come back as ``[N, pixels, pixels]`` float32 (a copy). Bad input gets the Java
    errors (``hepgraph.errors``).
    """
    from . import _dataplane, _jvm

    who = "hepgraph.images.java_jet_images"
    p = np.ascontiguousarray(np.asarray(particles), dtype=np.float32)
    c = np.ascontiguousarray(np.asarray(counts).reshape(-1), dtype=np.int32)
    names = list(feature_names)
    if p.ndim != 3 or p.shape[2] != len(names):
        raise InvalidGraphError(f"{who}: particles has shape {p.shape} but {len(names)} feature "
                                f"names {names}; give [N, P, {len(names)}]")
    s = _jvm.session()
    ex = s.exchange()
    paths = [ex.new_path(n) for n in ("particles", "counts", "images")]
    try:
        _dataplane.write_tensor(paths[0], p)
        _dataplane.write_tensor(paths[1], c)
        bridge = s.call(who, s.entry.images)
        s.call(who, bridge.jetImages, str(paths[0]), str(paths[1]), ",".join(names),
               int(pixels), float(radius), str(paths[2]))
        m = _dataplane.map_tensor(paths[2])
        out = np.array(m.numpy(), copy=True)
    finally:
        for path in paths:
            path.unlink(missing_ok=True)
    return out


@dataclass
class ImageData:
    """An image data set seen as arrays: ``images [N, H, W, C]`` float32 (a read-only view of the
    mapped pixels), ``labels [N]`` (or None), ``row_ids [N]`` (the file's rows), and ``dataset``,
    the :class:`hepgraph.Dataset` it came from (for ``hg.Detector("imageae").fit``)."""

    images: np.ndarray
    labels: np.ndarray | None
    row_ids: np.ndarray
    dataset: object

    def __len__(self):
        return self.images.shape[0]


def open_images(uri: str, **options) -> ImageData:
    """Opens an image data set (``images:FILE[?x=X,y=y]``, ``jetimages:URI[?pixels=40]``) through
    the Java sources and returns its images as ``[N, H, W, C]`` arrays; a graph data set is
    refused."""
    import json

    from . import _jvm
    from .datasets import _from_java

    who = "hepgraph.images.open_images"
    s = _jvm.session()
    jd = s.call(who, s.entry.openDataset, uri, {str(k): str(v) for k, v in options.items()})
    # refuses a graph data set before any graphs cross
    info = json.loads(s.call(who, s.call(who, s.entry.images).imageSetJson, jd))
    ds = _from_java(s, jd, who)
    x = np.asarray(ds.graphs.x)
    images = x.reshape(x.shape[0], info["height"], info["width"], info["channels"])
    return ImageData(images, ds.labels, np.asarray(info["rowIds"], dtype=np.int64), ds)
