"""Anti-kT clustering with FastJet (quiet: no banner), on particle arrays."""

from __future__ import annotations

import numpy as np


def jet_definition(r: float):
    """An anti-kT definition of radius ``r``; also silences FastJet's banner in this process."""
    import fastjet
    import fastjet._swig as swig

    # NULL banner stream: FastJet prints its 13-line banner at the first clustering otherwise
    swig._fastjet_swig.ClusterSequence_set_fastjet_banner_stream(None)
    return fastjet.JetDefinition(fastjet.antikt_algorithm, r)


def cluster(parts: dict, jet_def):
    """(sequence, jets by descending pT) for the particles in ``parts`` (px, py, pz, e arrays).
    Each constituent's ``user_index()`` is its position in ``parts``; keep the sequence alive
    while reading the jets' constituents."""
    import fastjet

    pjs = []
    for k, (px, py, pz, e) in enumerate(zip(parts["px"].tolist(), parts["py"].tolist(),
                                            parts["pz"].tolist(), parts["e"].tolist())):
        pj = fastjet.PseudoJet(px, py, pz, e)
        pj.set_user_index(k)
        pjs.append(pj)
    seq = fastjet.ClusterSequence(pjs, jet_def)
    return seq, fastjet.sorted_by_pt(seq.inclusive_jets())


def constituent_indices(jet) -> np.ndarray:
    """Positions (in the clustered ``parts``) of ``jet``'s constituents."""
    return np.array([c.user_index() for c in jet.constituents()], dtype=np.int64)
