"""The JVM behind ``import hepgraph``: finding a JDK and the jar, starting the gateway, calls.

The JVM is started as PySpark starts its own: Python picks a path for a connection file in a
private folder (0700), starts ``java ... org.hepgraph.bridge.GatewayMain --connection-file PATH``
with a pipe as its standard input, and the JVM writes the port and a per-launch auth token into
that file (0600). Nothing secret is on a command line. The JVM listens on 127.0.0.1 only and exits
when the pipe closes, that is when this process calls ``shutdown()``, exits, or is killed.

Every call into Java goes through :meth:`Session.call`, which turns Java exceptions into
:mod:`hepgraph.errors` classes and a vanished JVM into :class:`~hepgraph.errors.JvmDiedError`.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
import time
import warnings
from pathlib import Path

from . import errors
from ._backend import Backend

JDK_MAJOR = 25
MAIN_CLASS = "org.hepgraph.bridge.GatewayMain"
# The flags every hepgraph JVM needs on JDK 25 and DJL's offline mode (as bin/hepgraph).
JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow",
    "-Dai.djl.offline=true",
    "-DPYTORCH_VERSION=2.7.1",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Djava.awt.headless=true",
]
TEMURIN = Path("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")

DIR_PREFIX = "hepgraph-jvm-"
_lock = threading.RLock()
_dead_dirs: list[Path] = []  # folders of JVMs that died in this process: kept for their logs
_current: Session | None = None
_java_cache: dict[str, int | None] = {}


# ---------------------------------------------------------------------------------------------
# Finding a JDK and the jar


def java_major(java: str) -> int | None:
    """The Java feature version of the ``java`` executable at ``java`` (None if it does not run)."""
    if java in _java_cache:
        return _java_cache[java]
    major = None
    try:
        out = subprocess.run([java, "-XshowSettings:properties", "-version"],
                             capture_output=True, text=True, timeout=60)
        m = re.search(r"java\.specification\.version = (\d+)(?:\.(\d+))?", out.stderr + out.stdout)
        if m:
            major = int(m.group(2)) if m.group(1) == "1" else int(m.group(1))
    except (OSError, subprocess.SubprocessError):
        major = None
    _java_cache[java] = major
    return major


def find_java() -> str:
    """The first ``java`` of version 25 or newer among $JAVA_HOME, Temurin 25 and the PATH.

    Raises :class:`~hepgraph.errors.JavaNotFoundError` naming every candidate and its version.
    """
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(("JAVA_HOME", Path(os.environ["JAVA_HOME"]) / "bin" / "java"))
    candidates.append(("Temurin 25", TEMURIN))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(("java on the PATH", Path(on_path)))
    found = []
    for where, path in candidates:
        if not path.is_file():
            if where == "JAVA_HOME":
                found.append(f"JAVA_HOME={os.environ['JAVA_HOME']} (no bin/java there)")
            continue
        major = java_major(str(path))
        if major is not None and major >= JDK_MAJOR:
            return str(path)
        found.append(f"{where}: {path} (Java {major if major is not None else 'that does not run'})")
    seen = "; ".join(found) if found else "no java at all (JAVA_HOME unset, none on the PATH)"
    raise errors.JavaNotFoundError(
        f"hepgraph runs its engine on a JDK {JDK_MAJOR} or newer, but found {seen}. Install a JDK "
        f"{JDK_MAJOR} (e.g. Eclipse Temurin {JDK_MAJOR}: apt-get install temurin-{JDK_MAJOR}-jdk, "
        f"or conda install -c conda-forge openjdk={JDK_MAJOR}) and set JAVA_HOME to it.")


def find_jar() -> Path:
    """The runnable ``hepgraph.jar`` (with its ``lib/`` beside it).

    Looked for in $HEPGRAPH_JAR, in the package's ``jars/`` folder (an installed wheel), then in
    ``python-bindings/target`` when the package runs from the source checkout.
    """
    here = Path(__file__).resolve().parent
    places = []
    if os.environ.get("HEPGRAPH_JAR"):
        places.append(Path(os.environ["HEPGRAPH_JAR"]))
    places.append(here / "jars" / "hepgraph.jar")
    places.append(here.parent.parent / "target" / "hepgraph.jar")
    for p in places:
        if p.is_file():
            return p
    raise errors.JarNotFoundError(
        "hepgraph: the engine's jar was not found; looked at " + ", ".join(map(str, places))
        + ". In a source checkout build it with `./mvnw -B -DskipTests package -pl python-bindings"
        " -am` (or run bin/test); otherwise install the hepgraph wheel, which carries it.")


def classpath(jar: Path) -> str:
    return os.pathsep.join([str(jar), str(jar.parent / "lib" / "*")])


# ---------------------------------------------------------------------------------------------
# One JVM and its gateway


class Session(Backend):
    """One running JVM with its Py4J gateway (the CPython :class:`~hepgraph._backend.Backend`).
    Get it from :func:`session` / ``hg.connect()``. Tensors cross as data-plane files in shared
    memory (``hepgraph._transfer``).

    Attributes: ``pid``, ``port``, ``connection_file`` (0600, in a 0700 folder of its own),
    ``log_file`` (the JVM's stdout and stderr), ``java`` and ``jar``.
    """

    def __init__(self, java: str, jar: Path, jvm_options=(), startup_timeout: float = 300.0):
        from py4j.java_gateway import GatewayParameters, JavaGateway

        self.java = java
        self.jar = jar
        self.alive = True
        self._exchange = None
        remove_stale_dirs()
        self.dir = Path(tempfile.mkdtemp(prefix=DIR_PREFIX))  # 0700
        self.connection_file = self.dir / "connection.json"
        self.log_file = self.dir / "jvm.log"
        env = dict(os.environ)
        env.update(DJL_OFFLINE="true", OPT_OUT_TRACKING="true")
        flavor = env.get("PYTORCH_FLAVOR", "cpu")
        cmd = [java, *JVM_FLAGS, f"-DPYTORCH_FLAVOR={flavor}", *jvm_options,
               "-cp", classpath(jar), MAIN_CLASS, "--connection-file", str(self.connection_file)]
        with open(self.log_file, "wb") as log:
            # A session of its own: a Ctrl-C in the terminal interrupts Python (which then cancels
            # training), not the JVM. The JVM still goes when our end of its stdin pipe closes.
            self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=log,
                                         stderr=subprocess.STDOUT, env=env, close_fds=True,
                                         start_new_session=True)
        self.pid = self.proc.pid
        try:
            info = self._wait_for_connection_file(startup_timeout)
            self.port = int(info["port"])
            self.gateway = JavaGateway(gateway_parameters=GatewayParameters(
                address="127.0.0.1", port=self.port, auth_token=info["token"],
                auto_convert=True, eager_load=True))
            self.entry = self.gateway.entry_point
        except BaseException:
            self._kill()
            self._remove_dir()
            raise

    def _wait_for_connection_file(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            if self.connection_file.exists():
                st = self.connection_file.stat()
                if stat.S_IMODE(st.st_mode) != 0o600 or st.st_uid != os.getuid():
                    raise errors.HepgraphError(
                        f"hepgraph: the connection file {self.connection_file} has mode "
                        f"{stat.S_IMODE(st.st_mode):o} and owner {st.st_uid}; it must be 0600 and "
                        f"ours ({os.getuid()}); refusing to use it")
                return json.loads(self.connection_file.read_text())
            code = self.proc.poll()
            if code is not None:
                raise errors.JvmDiedError(
                    f"hepgraph: the JVM (pid {self.pid}) {_exit_text(code)} before it opened its "
                    f"gateway.{self.log_tail()}\nCommand: {self.java} ... {MAIN_CLASS}")
            if time.monotonic() > deadline:
                raise errors.JvmDiedError(
                    f"hepgraph: the JVM (pid {self.pid}) did not open its gateway within "
                    f"{timeout:.0f} s; it was stopped.{self.log_tail()}")
            time.sleep(0.02)

    def exchange(self):
        """This session's shared-memory exchange (``hepgraph._dataplane.Exchange``), made on first
        use in /dev/shm (the temp folder where there is none) and removed with the session."""
        if self._exchange is None or self._exchange.closed:
            from . import _dataplane

            parent = _dataplane.DEFAULT_PARENT
            if not os.path.isdir(parent):
                parent = tempfile.gettempdir()
            self._exchange = _dataplane.Exchange(parent)
        return self._exchange

    # -- data (the Arrow IPC data plane; see hepgraph._transfer) --------------------------------

    def graphs_to_java(self, gs):
        from . import _transfer

        return _transfer.send(self, gs)

    def graphs_from_java(self, jset):
        from . import _transfer

        return _transfer.receive(self, jset)

    def scores(self, what, detector, jgs, as_torch=False):
        from . import _transfer

        return _transfer.scores(self, what, detector.scoreToFile, jgs, as_torch=as_torch)

    def roc(self, who, scores, labels):
        from . import _transfer

        return _transfer.roc(self, who, scores, labels)

    def roc_points(self, who, roc):
        from . import _transfer

        return _transfer.roc_points(self, who, roc)

    def release(self, java):
        close_quietly(self, java)

    # -- calls -------------------------------------------------------------------------------

    def call(self, what: str, fn, *args):
        """``fn(*args)`` (a Java method), with Java errors re-raised as hepgraph errors.

        ``what`` names the operation for messages, e.g. ``"Detector.fit"``.
        """
        from py4j.protocol import Py4JError, Py4JJavaError

        if not self.alive:
            raise self._gone(what)
        try:
            return fn(*args)
        except Py4JJavaError as e:
            raise self._translate(what, e) from None
        except Py4JError as e:
            raise self._lost(what, e) from None

    def _translate(self, what, e):
        from py4j.protocol import Py4JError

        try:
            info = json.loads(self.entry.describeError(e.java_exception))
        except Py4JError as e2:
            return self._lost(what, e2)
        return errors.from_java(info)

    def _lost(self, what, e):
        """The error for a failed call: the JVM died, or a plain Py4J error if it lives on."""
        from py4j.protocol import Py4JNetworkError

        # a dead JVM shows up as a network error; give the OS a moment to report its exit
        network = isinstance(e, Py4JNetworkError) or isinstance(
            getattr(e, "cause", None), (OSError, Py4JNetworkError))
        try:
            code = self.proc.wait(timeout=10 if network else 1)
        except subprocess.TimeoutExpired:
            code = None
        if code is None:
            return errors.HepgraphError(f"{what}: the call to the hepgraph JVM (pid {self.pid}) "
                                        f"failed: {e}")
        self._mark_dead()
        return errors.JvmDiedError(
            f"the hepgraph JVM (pid {self.pid}) died during {what}: it {_exit_text(code)}."
            f"{self.log_tail()}\nThe next hepgraph call starts a fresh JVM; detectors and graphs "
            f"that lived in the old one are gone (create or load them again).")

    def _gone(self, what):
        return errors.JvmDiedError(
            f"{what}: this object lived in the hepgraph JVM (pid {self.pid}), which is gone (it "
            f"{_exit_text(self.proc.poll())}); create or load it again in the new JVM.")

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_file.read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        if not text:
            return f" Its log ({self.log_file}) is empty."
        tail = "\n  ".join(text[-lines:])
        return f" The end of its log ({self.log_file}):\n  {tail}"

    # -- lifecycle ---------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.alive and self.proc.poll() is None

    def _mark_dead(self):
        global _current
        if self.alive:
            # the secret goes at once; the log stays for the error message until this process ends
            self.connection_file.unlink(missing_ok=True)
            _dead_dirs.append(self.dir)
            if self._exchange is not None:
                self._exchange.close()
        self.alive = False
        with _lock:
            if _current is self:
                _current = None
        try:
            self.gateway.close(keep_callback_server=False)
        except Exception:  # noqa: BLE001 - the socket is gone already
            pass

    def close(self, timeout: float = 30.0):
        """Stops the JVM: closes the gateway and the stdin pipe, then waits (kills after timeout)."""
        global _current
        with _lock:
            if _current is self:
                _current = None
        was_alive = self.alive
        self.alive = False
        if was_alive:
            try:
                self.gateway.close(keep_callback_server=False)
            except Exception:  # noqa: BLE001
                pass
        try:
            if self.proc.stdin:
                self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._kill()
        if self._exchange is not None:
            self._exchange.close()
        self._remove_dir()

    def _kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def _remove_dir(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def __repr__(self):
        state = "running" if self.is_running() else "stopped"
        return f"<hepgraph JVM pid={self.pid} port={getattr(self, 'port', None)} {state}>"


def _pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[-1].split()[0] not in ("Z", "X")
    except (FileNotFoundError, ProcessLookupError):
        return False
    except OSError:
        return True  # cannot tell: keep its folder


def remove_stale_dirs(max_age_s: float = 24 * 3600):
    """Removes our folders left by JVMs whose Python was killed: those whose JVM (pid in the
    connection file) is gone, and those without a connection file older than ``max_age_s``."""
    now = time.time()
    for d in Path(tempfile.gettempdir()).glob(DIR_PREFIX + "*"):
        try:
            if d.stat().st_uid != os.getuid() or d in _dead_dirs:
                continue
            conn = d / "connection.json"
            if conn.exists():
                stale = not _pid_alive(int(json.loads(conn.read_text())["pid"]))
            else:
                stale = now - d.stat().st_mtime > max_age_s
        except (OSError, ValueError, KeyError):
            continue
        if stale:
            shutil.rmtree(d, ignore_errors=True)


def _exit_text(code) -> str:
    if code is None:
        return "is still running"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"was killed by {name} (signal {-code})"
    return f"exited with code {code}"


def close_quietly(session, java):
    """Finaliser of a Java object held for Python: closes it and detaches it from the gateway if
    its JVM still runs; never raises."""
    try:
        if session.is_running():
            java.close()
            session.gateway.detach(java)
    except Exception:  # noqa: BLE001 - at interpreter exit anything may be half torn down
        pass


def session() -> Session:
    """The running JVM, started on first use (and again after it died)."""
    global _current
    s = _current
    if s is not None and s.is_running():
        return s
    with _lock:
        s = _current
        if s is not None and not s.is_running():
            warnings.warn(f"hepgraph: the JVM (pid {s.pid}) {_exit_text(s.proc.poll())}; "
                          "starting a fresh one", RuntimeWarning, stacklevel=3)
            s._mark_dead()
            s._remove_dir()
            _current = None
        if _current is None:
            _current = Session(find_java(), find_jar())
        return _current


def connect(*, java: str | None = None, jar: str | os.PathLike | None = None, jvm_options=(),
            startup_timeout: float = 300.0) -> Session:
    """Starts the engine's JVM (if not running) and returns its :class:`Session`.

    Called implicitly by the first hepgraph call that needs Java; call it yourself to choose the
    ``java`` executable, the ``jar`` or extra ``jvm_options`` (e.g. ``["-Xmx8g"]``).
    """
    global _current
    with _lock:
        if _current is not None and _current.is_running():
            return _current
        if _current is not None:
            _current._mark_dead()
            _current = None
        if java is not None:
            major = java_major(java)
            if major is None or major < JDK_MAJOR:
                raise errors.JavaNotFoundError(
                    f"hepgraph.connect: {java} is Java {major}; the engine needs {JDK_MAJOR} or newer")
        _current = Session(java or find_java(), Path(jar) if jar else find_jar(),
                           jvm_options=list(jvm_options), startup_timeout=startup_timeout)
        return _current


def shutdown():
    """Stops the JVM if one runs. The next hepgraph call starts a new one."""
    with _lock:
        s = _current
    if s is not None:
        s.close()


def _at_exit():
    shutdown()
    for d in _dead_dirs:
        shutil.rmtree(d, ignore_errors=True)


atexit.register(_at_exit)
