"""The parametrised detectors: a Gaussian smearing of constituent energies for jets, and a
trigger-level object detector for events. Every number is a module constant, quoted in
docs/data.md; ``a ⊕ b`` means ``sqrt(a² + b²)``.

Constituent smearing (jets): each visible particle's four-momentum is scaled by
``1 + (σ/E)·g``, g ~ N(0, 1) (direction kept; a particle whose factor falls to 0 or below is
lost), with

- charged particles (tracker):     σ/E = 0.01 ⊕ 2·10⁻⁴ · pT/GeV
- photons (electromagnetic calo):  σ/E = 0.10 / sqrt(E/GeV) ⊕ 0.01
- neutral hadrons (hadronic calo): σ/E = 0.50 / sqrt(E/GeV) ⊕ 0.03

Event detector (ADC2021-like trigger objects; η and φ are taken as generated):

- electrons: |η| < 3.0, pT > 3 GeV, efficiency 0.90 (|η| < 1.5) / 0.80,
  σ(pT)/pT = 0.02 ⊕ 0.10/sqrt(pT/GeV)
- muons:     |η| < 2.1, pT > 3 GeV, efficiency 0.95, σ(pT)/pT = 0.01 ⊕ 10⁻⁴ · pT/GeV
- jets: anti-kT R = 0.4 on the visible final state with |η| < 5 minus the reconstructed electrons
  and muons (e and μ that fail acceptance or efficiency stay in the jet input),
  σ(pT)/pT = 1.0/sqrt(pT/GeV) ⊕ 0.05; kept with pT > 15 GeV and |η| < 4.0
- MET: minus the vector sum of the reconstructed e, μ and all jets (any pT), η = 0
- filter: at least one reconstructed e or μ with pT > 23 GeV
- no lepton isolation, no fakes, no pile-up, no b- or τ-tagging
"""

from __future__ import annotations

import numpy as np

ELECTRON_ETA_MAX, MUON_ETA_MAX, LEPTON_PT_MIN = 3.0, 2.1, 3.0
JET_R, JET_PT_MIN, JET_ETA_MAX, INPUT_ETA_MAX = 0.4, 15.0, 4.0, 5.0
TRIGGER_PT_MIN = 23.0


def _quad(*terms):
    return np.sqrt(sum(t * t for t in terms))


def constituent_sigma(e, pt, pid, charged) -> np.ndarray:
    """σ/E of each particle for the jet recipe (formulas in the module doc)."""
    e = np.maximum(e, 1e-9)
    photon = (pid == 22) & ~charged
    return np.where(charged, _quad(0.01, 2e-4 * pt),
                    np.where(photon, _quad(0.10 / np.sqrt(e), 0.01),
                             _quad(0.50 / np.sqrt(e), 0.03)))


def smear_constituents(parts: dict, rng: np.random.Generator) -> dict:
    """``parts`` (from :func:`~hepgraph.generate.pythia.visible_final`) with smeared momenta;
    particles whose energy would not stay positive are dropped."""
    pt = np.hypot(parts["px"], parts["py"])
    factor = 1.0 + constituent_sigma(parts["e"], pt, parts["id"], parts["charged"]) \
        * rng.standard_normal(len(pt))
    keep = factor > 0
    out = {k: v[keep] for k, v in parts.items()}
    for k in ("px", "py", "pz", "e"):
        out[k] = out[k] * factor[keep]
    return out


def electron_efficiency(eta):
    return np.where(np.abs(eta) < 1.5, 0.90, 0.80)


def muon_efficiency(eta):
    return np.full(np.shape(eta), 0.95)


def electron_resolution(pt):
    return _quad(0.02, 0.10 / np.sqrt(np.maximum(pt, 1e-9)))


def muon_resolution(pt):
    return _quad(0.01, 1e-4 * pt)


def jet_resolution(pt):
    return _quad(1.0 / np.sqrt(np.maximum(pt, 1e-9)), 0.05)


def smear_pt(pt, sigma, rng):
    """pT·(1 + σ·g), floored at zero."""
    return np.maximum(pt * (1.0 + sigma * rng.standard_normal(len(pt))), 0.0)
