"""The generator recipes: Pythia 8 settings per process, named and versioned.

A recipe's ``version`` is part of every cache key and of the seed each chunk of events gets, so
changing a setting here must bump the version (old cached files are then simply not found).

Jets (the top-tagging recipe of Kasieczka et al., SciPost Phys. 7 (2019) 014, approximated):
pp at √s = 14 TeV, no multiple parton interactions and no pile-up (as the reference), QCD dijets
(``HardQCD:all``) against tt̄ (``Top:gg2ttbar``, ``Top:qqbar2ttbar``) with both W bosons decaying to
quarks; the hard process's p̂T is generated in [500, 750] GeV so that the leading anti-kT R = 0.8
jet often lands in the 550–650 GeV window.

Events (the ADC2021 data set of Govorkova et al., Sci. Data 9 (2022) 118, approximated): pp at
√s = 13 TeV without multiple parton interactions or pile-up; the Standard-Model mixture
W→ℓν, QCD, Z→ℓℓ, tt̄ and four signals with changed masses and forced decays (see
:data:`EVENT_PROCESSES`).
"""

from __future__ import annotations

from dataclasses import dataclass

JETS_VERSION = "toptag-v1"
EVENTS_VERSION = "adc2021-v1"

# Every Pythia instance: quiet (no banner, no statistics, no event listing), seeded by us.
COMMON = ("Print:quiet = on", "Next:numberCount = 0", "Random:setSeed = on")

JET_COMMON = ("Beams:eCM = 14000.", "PartonLevel:MPI = off",
              "PhaseSpace:pTHatMin = 500.", "PhaseSpace:pTHatMax = 750.")

JET_PROCESSES = {
    "qcd": JET_COMMON + ("HardQCD:all = on",),
    "top": JET_COMMON + ("Top:gg2ttbar = on", "Top:qqbar2ttbar = on",
                         # W -> q q' only (d u s c b), so both tops decay hadronically
                         "24:onMode = off", "24:onIfAny = 1 2 3 4 5"),
}


@dataclass(frozen=True)
class EventProcess:
    """One process of the events recipe: its file stem or name, description and Pythia settings."""

    name: str
    description: str
    settings: tuple[str, ...]


# No multiple parton interactions (and no pile-up), as in the jets recipe: 6x faster, at the cost
# of the underlying event's soft jets and MET smearing (docs/data.md).
_E13 = ("Beams:eCM = 13000.", "PartonLevel:MPI = off")

# The Standard-Model mixture of background.h5, with the fractions of the published background
# (Govorkova et al. 2022, as given to us: W 59.2 %, QCD 33.8 %, Z 6.7 %, tt̄ 0.3 %). The index in
# this tuple is the id stored in the file's `process` dataset.
BACKGROUND = (
    (EventProcess("W", "W -> l nu (l = e, mu, tau), ffbar2W", _E13 + (
        "WeakSingleBoson:ffbar2W = on", "24:onMode = off", "24:onIfAny = 11 13 15")), 0.592),
    (EventProcess("QCD", "heavy-flavour QCD dijets (bb, cc) with pTHat > 30 GeV", _E13 + (
        "HardQCD:hardbbbar = on", "HardQCD:hardccbar = on", "PhaseSpace:pTHatMin = 30.")), 0.338),
    (EventProcess("Z", "Z -> l l (l = e, mu, tau), pure Z (no gamma*)", _E13 + (
        "WeakSingleBoson:ffbar2gmZ = on", "WeakZ0:gmZmode = 2",
        "23:onMode = off", "23:onIfAny = 11 13 15")), 0.067),
    (EventProcess("ttbar", "ttbar, inclusive decays", _E13 + (
        "Top:gg2ttbar = on", "Top:qqbar2ttbar = on")), 0.003),
)

# The four signals, named by the official file stems.
SIGNALS = {
    "Ato4l": EventProcess("Ato4l", "A(50 GeV) -> Z* Z* -> 4 l (l = e, mu), gg -> A", _E13 + (
        "HiggsSM:gg2H = on", "25:m0 = 50.", "25:onMode = off", "25:onIfMatch = 23 23",
        "23:onMode = off", "23:onIfAny = 11 13")),
    "leptoquark": EventProcess("leptoquark", "LQ(80 GeV) LQbar pairs, LQ -> b tau", _E13 + (
        "LeptoQuark:gg2LQLQbar = on", "LeptoQuark:qqbar2LQLQbar = on", "42:m0 = 80.",
        "42:0:products = 5 15", "42:chargeType = -4")),
    "hToTauTau": EventProcess("hToTauTau", "h0(60 GeV) -> tau tau, gg -> h0", _E13 + (
        "HiggsSM:gg2H = on", "25:m0 = 60.", "25:onMode = off", "25:onIfMatch = 15 15")),
    "hChToTauNu": EventProcess("hChToTauNu", "h+-(60 GeV) -> tau nu, f fbar' -> h+-", _E13 + (
        "Higgs:useBSM = on", "HiggsBSM:ffbar2H+- = on", "37:m0 = 60.", "37:onMode = off",
        "37:onIfMatch = 15 16")),
}
