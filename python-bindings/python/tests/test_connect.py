import re

import hepgraph as hg
from conftest import REPO


def test_connect_starts_one_jvm_and_reuses_it():
    s = hg.connect()
    assert s.is_running()
    assert hg.connect() is s
    assert s.call("pid", s.entry.pid) == s.pid


def test_version_is_the_maven_projects():
    pom = (REPO / "pom.xml").read_text()
    maven = re.search(r"<artifactId>hepgraph-parent</artifactId>\s*<version>([^<]+)</version>",
                      pom).group(1)
    assert hg.version() == maven
    # the package's own version is the same in PEP 440 form
    assert hg.__version__ == maven.replace("-SNAPSHOT", ".dev0")


def test_shutdown_stops_the_jvm_and_the_next_call_starts_a_new_one():
    s = hg.connect()
    pid = s.pid
    hg.shutdown()
    assert not s.is_running()
    assert s.proc.returncode == 0, "the JVM exits on its own when its stdin pipe closes"
    assert not s.dir.exists(), "the private folder with the connection file is removed"
    assert hg.version()
    assert hg.connect().pid != pid


def test_detectors_lists_the_registry_with_options():
    kinds = {d.kind: d for d in hg.detectors()}
    assert {"ocgin", "gae", "size"} <= set(kinds)
    defaults = kinds["ocgin"].defaults()
    assert "epochs" in defaults and "seed" in defaults
    assert kinds["ocgin"].display_name


def test_calls_from_many_python_threads():
    from concurrent.futures import ThreadPoolExecutor

    s = hg.connect()
    expected = hg.version()

    def calls(_):
        return {s.call("version", s.entry.version) for _ in range(500)}

    with ThreadPoolExecutor(8) as pool:
        results = set().union(*pool.map(calls, range(8)))
    assert results == {expected}
    assert hg.connect().pid == s.pid


def test_a_java_programming_error_is_reported_and_the_jvm_lives_on():
    s = hg.connect()
    try:
        s.call("nosuchmethod", s.entry.noSuchMethod)
    except hg.errors.HepgraphError as e:
        assert "noSuchMethod" in str(e) and not isinstance(e, hg.errors.JvmDiedError)
    else:
        raise AssertionError("expected an error")
    assert hg.connect().pid == s.pid
