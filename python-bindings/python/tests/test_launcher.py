"""Finding a JDK and the jar: a missing or too-old JDK gets an error naming what was found."""

from pathlib import Path

import pytest

import hepgraph as hg
from hepgraph import _jvm

JDK17 = Path("/usr/lib/jvm/java-17-openjdk-amd64")


def test_no_java_at_all_names_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "nojdk"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(_jvm, "TEMURIN", tmp_path / "none" / "java")
    with pytest.raises(hg.errors.JavaNotFoundError) as e:
        _jvm.find_java()
    message = str(e.value)
    assert f"JAVA_HOME={tmp_path / 'nojdk'} (no bin/java there)" in message
    assert "JDK 25" in message and "set JAVA_HOME" in message


@pytest.mark.skipif(not (JDK17 / "bin" / "java").is_file(), reason="no JDK 17 on this machine")
def test_a_too_old_jdk_is_named_with_its_version(monkeypatch, tmp_path):
    monkeypatch.setenv("JAVA_HOME", str(JDK17))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(_jvm, "TEMURIN", tmp_path / "none" / "java")
    with pytest.raises(hg.errors.JavaNotFoundError, match=r"JAVA_HOME: .*java \(Java 17\)"):
        _jvm.find_java()
    hg.shutdown()  # connect(java=...) checks the version before it starts anything
    with pytest.raises(hg.errors.JavaNotFoundError, match="is Java 17; the engine needs 25"):
        hg.connect(java=str(JDK17 / "bin" / "java"))


def test_the_jar_is_found_in_the_source_checkout():
    jar = _jvm.find_jar()
    assert jar.name == "hepgraph.jar" and (jar.parent / "lib").is_dir()


def test_a_missing_jar_says_how_to_build_it(monkeypatch, tmp_path):
    monkeypatch.setenv("HEPGRAPH_JAR", str(tmp_path / "x.jar"))
    monkeypatch.setattr(_jvm, "__file__", str(tmp_path / "pkg" / "hepgraph" / "_jvm.py"))
    with pytest.raises(hg.errors.JarNotFoundError, match="mvnw"):
        _jvm.find_jar()
