"""Repository-level test suites (pytest; run by bin/test after the package's own tests). A
package, so that its conftest is ``tests.conftest`` and does not shadow the ``conftest`` module
that python-bindings/python/tests imports by name when both folders run in one session."""
