"""Detector parity suite (a package, so that its conftest is ``tests.detectors.conftest``)."""
