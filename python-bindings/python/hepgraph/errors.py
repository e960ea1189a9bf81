"""hepgraph's errors, named after the Java classes they come from.

Every error the Java engine raises on purpose is a ``HepgraphException`` with a stable code; across
the bridge it is re-raised as the class below with the same code, the same message, and the Java
class name in ``java_class``::

    try:
        det.fit(graphs)
    except hg.errors.InvalidGraphError as e:
        print(e.code, e.java_class, e)   # HG-GRAPH org.hepgraph.HepgraphException$InvalidGraphException ...

Checks made in Python before anything reaches the JVM (a wrong array shape, say) raise the same
classes, so a caller handles one set of errors whichever side found the problem.
"""

from __future__ import annotations

_JAVA = "org.hepgraph.HepgraphException"


class HepgraphError(Exception):
    """The root of every error hepgraph raises.

    Attributes: ``code`` (``"HG-GRAPH"``, ... or None), ``java_class`` (the Java exception's class
    name, or None for errors found in Python), ``causes`` (class and message of each Java cause).
    """

    code: str | None = None
    java_class: str | None = None

    def __init__(self, message: str, *, java_class: str | None = None, code: str | None = None,
                 causes: list[str] | None = None):
        super().__init__(message)
        self.message = message
        if java_class is not None:
            self.java_class = java_class
        if code is not None:
            self.code = code
        self.causes = list(causes or [])


class InvalidGraphError(HepgraphError, ValueError):
    """Input data (a graph, a batch, a tensor) has the wrong shape, values or indices (HG-GRAPH)."""

    code = "HG-GRAPH"
    java_class = _JAVA + "$InvalidGraphException"


class InvalidArgumentError(HepgraphError, ValueError):
    """An argument or configuration value is out of range or inconsistent (HG-ARG)."""

    code = "HG-ARG"
    java_class = _JAVA + "$InvalidArgumentException"


class DataFormatError(HepgraphError):
    """A file is missing, truncated, corrupt or not in the expected format (HG-FORMAT)."""

    code = "HG-FORMAT"
    java_class = _JAVA + "$DataFormatException"


class TrainingError(HepgraphError, RuntimeError):
    """Training cannot go on: the loss or the gradients stopped being finite (HG-TRAIN)."""

    code = "HG-TRAIN"
    java_class = _JAVA + "$TrainingException"


class ModelFormatError(HepgraphError):
    """A saved model cannot be read back (HG-MODEL)."""

    code = "HG-MODEL"
    java_class = _JAVA + "$ModelFormatException"


class JavaError(HepgraphError, RuntimeError):
    """A Java exception that is not one of hepgraph's own (a bug, or an engine failure)."""


class JvmDiedError(HepgraphError, RuntimeError):
    """The JVM that runs the engine died (killed, crashed, out of memory) or was shut down.

    The message says what happened and ends with the JVM's last log lines. The next hepgraph call
    starts a fresh JVM; detectors and graphs that lived in the old one are gone.
    """


class JavaNotFoundError(HepgraphError, RuntimeError):
    """No JDK 25 or newer was found to run the engine; the message lists what was found."""


class JarNotFoundError(HepgraphError, RuntimeError):
    """The engine's jar is neither inside the package nor built in the source checkout."""


class MissingDependencyError(HepgraphError, ImportError):
    """An optional package (numpy, torch, pyarrow, py4j) that this call needs is not installed:
    under GraalPy (``hepgraph run``) only the standard library is there. ``package`` names it."""

    def __init__(self, message: str, *, package: str | None = None):
        HepgraphError.__init__(self, message)
        self.package = package
        self.name = package


_BY_CODE = {
    cls.code: cls
    for cls in (InvalidGraphError, InvalidArgumentError, DataFormatError, TrainingError,
                ModelFormatError)
}


def from_java(info: dict) -> HepgraphError:
    """The Python error for a Java exception described by ``HepgraphEntryPoint.describeError``."""
    java_class = info.get("class") or "java.lang.Throwable"
    code = info.get("code")
    message = info.get("message") or ""
    causes = info.get("causes") or []
    cls = _BY_CODE.get(code)
    if cls is None and code is not None:
        cls = HepgraphError  # a code this Python does not know yet: keep it
    if cls is None:
        text = f"{java_class}: {message}" if message else java_class
        if causes:
            text += " (caused by " + "; ".join(causes) + ")"
        return JavaError(text, java_class=java_class, causes=causes)
    return cls(message, java_class=java_class, code=code, causes=causes)


__all__ = [
    "HepgraphError",
    "InvalidGraphError",
    "InvalidArgumentError",
    "DataFormatError",
    "TrainingError",
    "ModelFormatError",
    "JavaError",
    "JvmDiedError",
    "JavaNotFoundError",
    "JarNotFoundError",
    "MissingDependencyError",
    "from_java",
]
